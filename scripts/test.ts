// `npm test` (and `npm run check`): every suite in order, then one closing line per suite for people and CI:
//   typecheck → lint (Biome: format and lint rules) → unit tests → build (Chrome and Firefox) → Chromium →
//   end-to-end tests, with the fake org in synthetic shadow, then again in native shadow (tests/e2e/fixtures.ts)
//   → the main journeys in Firefox ESR.
// A failed stage does not stop the later ones unless they depend on it (e2e needs the Chrome build
// and Chromium). Exits non-zero when anything failed. With CI set, the output has no colours.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmpDir = join(root, '.tmp');

/** Read by tests/e2e/fixtures.ts: the fake org's shadow mode for a whole e2e run. */
const SHADOW_MODE_ENV = 'PL_E2E_SHADOW';

const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const env: NodeJS.ProcessEnv = { ...process.env };
if (ci) {
  env.NO_COLOR = '1';
  delete env.FORCE_COLOR;
}
// Some tools colour regardless of NO_COLOR on Node 20 (node:util styleText), so CI output is also filtered.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with the escape character.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped?: number;
  /** Why the suite failed without counts of its own (could not run, crashed). */
  note?: string;
}
const results: SuiteResult[] = [];

/** Runs a binary from node_modules/.bin with its output passed through; resolves to its exit code. */
async function run(bin: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const envText = Object.entries(extraEnv).map(([name, value]) => `${name}=${value} `);
  console.log(`\n> ${envText.join('')}${bin} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawn(join(root, 'node_modules', '.bin', bin), args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ci ? ['inherit', 'pipe', 'pipe'] : 'inherit',
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(ANSI_ESCAPE, '')));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(ANSI_ESCAPE, '')));
  const code = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      console.log(`> ${bin} could not start: ${error.message}`);
      resolve(1);
    });
    child.on('close', (status, signal) => {
      console.log(`> ${bin} exited with ${status ?? signal} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(status ?? 1);
    });
  });
  return code;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; assertionResults: unknown[] }[];
}

/** Runs Vitest with the JSON reporter and reads the counts from its report. */
async function vitest(name: string, configArgs: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<SuiteResult> {
  const reportFile = join(tmpDir, `${name.replace(/\W+/g, '-')}.json`);
  rmSync(reportFile, { force: true });
  const code = await run(
    'vitest',
    [
      'run',
      ...configArgs,
      // The same everywhere: Vitest would otherwise reject `.only` in CI but allow it locally.
      '--allowOnly=false',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${reportFile}`,
    ],
    extraEnv,
  );
  if (!existsSync(reportFile)) {
    return { name, passed: 0, failed: 1, note: `vitest exited with ${code} and wrote no report` };
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  // A test file that throws while loading has no tests of its own: count it as one failure.
  const unloaded = report.testResults
    .filter((file) => file.status === 'failed' && file.assertionResults.length === 0)
    .map((file) => relative(root, file.name));
  const result: SuiteResult = {
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + unloaded.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  if (unloaded.length > 0) {
    result.note = `failed to load: ${unloaded.join(', ')}`;
  } else if (code !== 0 && result.failed === 0) {
    result.failed = 1;
    result.note = `vitest exited with ${code} although no test failed (an unhandled error, or no tests ran)`;
  }
  return result;
}

interface BiomeReport {
  summary: { changed: number; unchanged: number };
  diagnostics: {
    severity: string;
    category?: string;
    message: string;
    location?: { path?: string; start?: { line: number; column: number } };
  }[];
}

/** Runs `biome check` with its JSON report, prints each diagnostic on a line and counts files. */
async function lint(): Promise<SuiteResult> {
  const reportFile = join(tmpDir, 'lint.json');
  console.log('\n> biome check .');
  const report = await new Promise<{ code: number; json: string }>((resolve) => {
    const child = spawn(
      join(root, 'node_modules', '.bin', 'biome'),
      ['check', '--reporter=json', '--max-diagnostics=none', '.'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let json = '';
    child.stdout.on('data', (chunk: Buffer) => {
      json += chunk.toString();
    });
    child.on('error', () => resolve({ code: 1, json: '' }));
    child.on('close', (status) => resolve({ code: status ?? 1, json }));
  });
  writeFileSync(reportFile, report.json);
  let parsed: BiomeReport;
  try {
    parsed = JSON.parse(report.json) as BiomeReport;
  } catch {
    return { name: 'lint', passed: 0, failed: 1, note: `biome exited with ${report.code} and wrote no report` };
  }
  const failing = new Set<string>();
  for (const { severity, category, message, location } of parsed.diagnostics) {
    const path = location?.path ?? '(no file)';
    failing.add(path);
    const at = location?.start ? `:${location.start.line}:${location.start.column}` : '';
    console.log(`${path}${at} ${severity} ${category ?? ''} ${message}`.replace(/ +/g, ' '));
  }
  const checked = parsed.summary.changed + parsed.summary.unchanged;
  console.log(`> biome checked ${checked} files, ${failing.size} with diagnostics (npx biome check . shows them)`);
  const result: SuiteResult = { name: 'lint', passed: checked - failing.size, failed: failing.size };
  if (report.code !== 0 && failing.size === 0) {
    result.failed = 1;
    result.note = `biome exited with ${report.code} although it reported no diagnostic`;
  }
  return result;
}

mkdirSync(tmpDir, { recursive: true });

// (a) Typecheck.
const typecheckOk = (await run('tsc', ['--noEmit'])) === 0;
results.push({ name: 'typecheck', passed: typecheckOk ? 1 : 0, failed: typecheckOk ? 0 : 1 });

// (b) Lint: Biome's formatter and linter over the repository (biome.jsonc). Counted per file: a file with
// any diagnostic, warning or error, fails.
results.push(await lint());

// (c) Unit tests.
results.push(await vitest('unit', []));

// (d) Build for both browsers.
const chromeBuilt = (await run('wxt', ['build'])) === 0;
const firefoxBuilt = (await run('wxt', ['build', '-b', 'firefox'])) === 0;
const builds = [chromeBuilt, firefoxBuilt];
results.push({ name: 'build', passed: builds.filter(Boolean).length, failed: builds.filter((ok) => !ok).length });

// (e) Chromium, then (f) end-to-end tests against the Chrome build.
let chromiumProblem: string | undefined;
try {
  console.log(`\n> Chromium: ${await ensureChromium()}`);
} catch (error) {
  chromiumProblem = error instanceof Error ? error.message : String(error);
  console.log(`> ${chromiumProblem}`);
}
if (!chromeBuilt) {
  results.push({ name: 'e2e', passed: 0, failed: 1, note: 'not run: the Chrome build failed' });
} else if (chromiumProblem) {
  results.push({ name: 'e2e', passed: 0, failed: 1, note: `not run: ${chromiumProblem}` });
} else {
  results.push(await vitest('e2e', ['--config', 'vitest.e2e.config.ts']));
  // Every journey again with Lightning's components in native shadow roots. The fake org's own variant checks
  // choose their shadow mode page by page, so they run once.
  results.push(
    await vitest(
      'e2e (native shadow)',
      ['--config', 'vitest.e2e.config.ts', '--exclude', 'tests/e2e/fake-org-variants.e2e.ts'],
      { [SHADOW_MODE_ENV]: 'native' },
    ),
  );
}

// (f) The main journeys in Firefox ESR against the Firefox build (tests/firefox/).
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!firefoxBuilt) {
  results.push({ name: 'firefox', passed: 0, failed: 1, note: 'not run: the Firefox build failed' });
} else if (!existsSync(firefoxPath)) {
  results.push({
    name: 'firefox',
    passed: 0,
    failed: 1,
    note: `not run: no Firefox at ${firefoxPath} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`,
  });
} else {
  results.push(await vitest('firefox', ['--config', 'vitest.firefox.config.ts']));
}

// Closing lines, last of all.
console.log('');
for (const { name, note } of results) {
  if (note) console.log(`${name}: ${note}`);
}
for (const { name, passed, failed, skipped } of results) {
  console.log(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;
