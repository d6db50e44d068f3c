// What every end-to-end file starts from: a fake org in the shadow mode this run tests, and a browser with the
// built extension loaded (harness.ts). `PL_E2E_SHADOW=native` renders every Lightning web component of the fake
// org in its own open shadow root, as native-shadow LWC does (tests/fake-org/variants.ts); `npm test` runs the
// suite in both modes.
import { createSeedData } from '../fake-org/data';
import { startFakeOrg, type FakeOrg, type StartFakeOrgOptions } from '../fake-org/server';
import { PAGE_VARIANT_CHOICES, type PageVariants } from '../fake-org/variants';
import { launchExtension, type LaunchedExtension, type LaunchOptions } from './harness';

/** The environment variable that picks the fake org's shadow mode for a whole run. */
export const SHADOW_MODE_ENV = 'PL_E2E_SHADOW';

/** The shadow mode of this run: `synthetic` (the default) or `native`; anything else is refused. */
export function e2eShadowMode(value = process.env[SHADOW_MODE_ENV]): PageVariants['shadow'] {
  if (value === undefined || value === '') return 'synthetic';
  const choices: readonly string[] = PAGE_VARIANT_CHOICES.shadow;
  if (!choices.includes(value)) throw new Error(`${SHADOW_MODE_ENV} must be one of ${choices.join(', ')}`);
  return value as PageVariants['shadow'];
}

/** A fake org on a free port, rendering in this run's shadow mode unless `options.ui` says otherwise. */
export function startOrg(options: StartFakeOrgOptions & { extraOpportunities?: number } = {}): Promise<FakeOrg> {
  const { extraOpportunities, ...rest } = options;
  return startFakeOrg({
    port: 0,
    ...(extraOpportunities ? { data: createSeedData(new Date(), { extraOpportunities }) } : {}),
    ...rest,
    ui: { shadow: e2eShadowMode(), ...rest.ui },
  });
}

/**
 * Browsers a file launched, closed together after each test (`afterEach(browsers.closeAll)`), so a failing test
 * leaves none running.
 */
export function browserPool() {
  const open: LaunchedExtension[] = [];
  return {
    async launch(options: LaunchOptions = {}): Promise<LaunchedExtension> {
      const browser = await launchExtension(options);
      open.push(browser);
      return browser;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((browser) => browser.close()));
    },
  };
}
