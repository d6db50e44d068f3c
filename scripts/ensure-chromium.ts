// Find Debian's Chromium for the end-to-end tests, installing it with apt when we are root.
// Never downloads a browser build of its own: Playwright's `npx playwright install` is not used.
//
//   npx tsx scripts/ensure-chromium.ts   prints the executable path, or explains how to install it
//   import { ensureChromium } from './ensure-chromium'
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
const INSTALL_HINT = 'sudo apt-get install chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): void {
  console.log(`ensure-chromium: running ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new Error(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed with exit code ${result.status ?? result.signal}.`);
  }
}

/** Returns the path of a Chromium executable: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export async function ensureChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH is set to ${fromEnv}, but no executable is there. Fix CHROMIUM_PATH or unset it to use ` +
        `${DEFAULT_CHROMIUM_PATH}.`,
    );
  }
  if (isExecutable(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;

  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is not installed (no ${DEFAULT_CHROMIUM_PATH}). The end-to-end tests need it. ` +
        `On Debian/Ubuntu, install it with: ${INSTALL_HINT} ` +
        `(or set CHROMIUM_PATH to another Chromium executable).`,
    );
  }

  console.log(
    `ensure-chromium: Chromium is not installed (no ${DEFAULT_CHROMIUM_PATH}); installing Debian's chromium package.`,
  );
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  if (!isExecutable(DEFAULT_CHROMIUM_PATH)) {
    throw new Error(`apt-get installed chromium, but ${DEFAULT_CHROMIUM_PATH} is still missing.`);
  }
  return DEFAULT_CHROMIUM_PATH;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  ensureChromium().then(
    (path) => console.log(path),
    (error: unknown) => {
      console.error(`ensure-chromium: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
