/**
 * A self-signed TLS certificate for the fake org, valid for the Salesforce host names it answers for.
 * Generated once with openssl into `<repo>/.tmp/fake-org-certs/` (gitignored) and reused afterwards.
 * Chromium is started with `--ignore-certificate-errors`, so the certificate only needs to exist and match.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CERT_SUBJECT_ALT_NAMES = [
  'DNS:*.lightning.force.com',
  'DNS:*.my.salesforce.com',
  'DNS:*.sandbox.lightning.force.com',
  'DNS:*.sandbox.my.salesforce.com',
  'DNS:localhost',
  'IP:127.0.0.1',
].join(', ');

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CERT_DIR = join(REPO_ROOT, '.tmp', 'fake-org-certs');

export interface FakeOrgCertificate {
  key: string;
  cert: string;
  keyPath: string;
  certPath: string;
  /** True when this call generated the certificate, false when it reused an existing one. */
  created: boolean;
}

interface CertMeta {
  subjectAltNames: string;
  createdAt: string;
}

function readExisting(dir: string): FakeOrgCertificate | undefined {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const metaPath = join(dir, 'meta.json');
  if (!existsSync(keyPath) || !existsSync(certPath) || !existsSync(metaPath)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CertMeta;
    if (meta.subjectAltNames !== CERT_SUBJECT_ALT_NAMES) return undefined;
    const key = readFileSync(keyPath, 'utf8');
    const cert = readFileSync(certPath, 'utf8');
    if (!key.includes('PRIVATE KEY') || !cert.includes('BEGIN CERTIFICATE')) return undefined;
    return { key, cert, keyPath, certPath, created: false };
  } catch {
    return undefined;
  }
}

function runOpenssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'The fake Salesforce org needs `openssl` on the PATH to create its self-signed TLS certificate ' +
          '(Debian/Ubuntu: `apt-get install openssl`).',
        { cause: error },
      );
    }
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`openssl failed to create the fake org's certificate${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}

/**
 * The fake org's key and certificate, generating them on first use. Safe when several processes start at once:
 * each generates into its own temporary folder and the first atomic rename wins.
 */
export function ensureCertificate(dir: string = DEFAULT_CERT_DIR): FakeOrgCertificate {
  const existing = readExisting(dir);
  if (existing) return existing;

  const parent = join(dir, '..');
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, '.fake-org-certs-'));
  try {
    runOpenssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-sha256',
      '-days',
      '3650',
      '-subj',
      '/O=Partner Ledger/CN=fake Salesforce org',
      '-addext',
      `subjectAltName=${CERT_SUBJECT_ALT_NAMES}`,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'extendedKeyUsage=serverAuth',
      '-keyout',
      join(staging, 'key.pem'),
      '-out',
      join(staging, 'cert.pem'),
    ]);
    const meta: CertMeta = { subjectAltNames: CERT_SUBJECT_ALT_NAMES, createdAt: new Date().toISOString() };
    writeFileSync(join(staging, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);

    // An outdated or incomplete folder is replaced; a complete one written meanwhile by another process wins.
    if (existsSync(dir) && !readExisting(dir)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      const winner = readExisting(dir);
      if (winner) return winner;
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const created = readExisting(dir);
  if (!created) throw new Error(`The fake org's certificate was not written to ${dir}`);
  return { ...created, created: true };
}
