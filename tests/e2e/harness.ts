// Loads the built extension into Debian's Chromium through Playwright, headless.
// Salesforce host names resolve to loopback so the tests can serve a fake org on the real hosts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_EXTENSION_PATH = join(REPO_ROOT, '.output', 'chrome-mv3');

const SERVICE_WORKER_TIMEOUT_MS = 15_000;

export interface LaunchOptions {
  /** Reuse a profile (e.g. to prove data survives a restart); it is then kept on close. */
  userDataDir?: string;
  /** Defaults to true (Chromium's new headless mode, which loads extensions). */
  headless?: boolean;
  /** The unpacked extension; defaults to <repo>/.output/chrome-mv3. */
  extensionPath?: string;
  /**
   * Overrides Chromium's host-resolver rules. Mapping `*.my.salesforce.com` to an unreachable address while
   * Lightning still loads is how a test takes the org's API away from one browser ("offline").
   */
  hostResolverRules?: string;
}

export const DEFAULT_HOST_RESOLVER_RULES = 'MAP *.lightning.force.com 127.0.0.1, MAP *.my.salesforce.com 127.0.0.1';
/** Lightning loads, but the org's API host (My Domain) cannot be reached. */
export const API_UNREACHABLE_RULES = 'MAP *.lightning.force.com 127.0.0.1, MAP *.my.salesforce.com ~NOTFOUND';

export interface LaunchedExtension {
  context: BrowserContext;
  /** 32 letters a–p, derived by Chromium from the extension's path. */
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** Closes the browser; removes the profile unless the caller passed it in. */
  close(): Promise<void>;
}

export function chromiumArgs(extensionPath: string, hostResolverRules = DEFAULT_HOST_RESOLVER_RULES): string[] {
  return [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    // Playwright passes --disable-extensions by default; these two override it for ours only.
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    `--host-resolver-rules=${hostResolverRules}`,
    '--ignore-certificate-errors',
    // Without network access Chromium would otherwise keep retrying its own background connections.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-quic',
  ];
}

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const extensionPath = resolve(options.extensionPath ?? DEFAULT_EXTENSION_PATH);
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build:chrome\` first.`);
  }
  const executablePath = await ensureChromium();
  const ownsUserDataDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'partner-ledger-e2e-')));
  const removeOwnedProfile = async () => {
    if (ownsUserDataDir) await rm(userDataDir, { recursive: true, force: true });
  };

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless ?? true,
      args: chromiumArgs(extensionPath, options.hostResolverRules),
      ignoreHTTPSErrors: true,
    });
  } catch (error) {
    await removeOwnedProfile();
    throw error;
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close();
    await removeOwnedProfile();
  };

  try {
    const serviceWorker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_TIMEOUT_MS }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, userDataDir, close };
  } catch (error) {
    await close();
    throw new Error(`The extension's service worker did not start (extension at ${extensionPath}).`, { cause: error });
  }
}

export function popupUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/popup.html`;
}

export function optionsUrl(extensionId: string): string {
  return `chrome-extension://${extensionId}/options.html`;
}
