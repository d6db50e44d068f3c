/**
 * `npm run demo`: builds the extension, serves the built-in demo org (the fake Salesforce org the tests use)
 * on the real Salesforce host names, and opens Chromium with Partner Ledger loaded on an opportunity.
 *
 * Where there is no display (or with `--headless`), it drives the main views itself — the panel on a
 * Lightning opportunity, a tag being saved, the collapsed tab, a Classic page and the popup — and writes
 * screenshots to the folder it names. Options: `--headless`, `--port <n>` (default 8443), `--no-build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, popupUrl, REPO_ROOT, type LaunchedExtension } from '../tests/e2e/harness';
import { DEMO_OPPORTUNITY_IDS, findOpportunity } from '../tests/fake-org/data';
import { startFakeOrg, type FakeOrg } from '../tests/fake-org/server';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !process.env.DISPLAY;
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 8443;
const SCREENSHOT_DIR = join(REPO_ROOT, '.demo', 'screenshots');

function build() {
  console.log('Building the extension…');
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('The build failed (see above).');
}

async function startOrg(): Promise<FakeOrg> {
  try {
    return await startFakeOrg({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is busy; using a free one.`);
    return startFakeOrg({ port: 0 });
  }
}

const panel = (page: Page) => page.getByRole('complementary', { name: 'Partner attribution' });

async function shoot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Walks through the main views as a partner manager would, saving a screenshot of each. */
async function tour(browser: LaunchedExtension, org: FakeOrg): Promise<string[]> {
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const shots: string[] = [];
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });

  const flagship = DEMO_OPPORTUNITY_IDS.flagship;
  await page.goto(org.opportunityUrl(flagship));
  await panel(page).getByRole('heading', { name: findOpportunity(org.state, flagship)!.Name }).waitFor();
  shots.push(await shoot(page, '1-panel-empty'));

  const form = panel(page).getByRole('form', { name: 'Add partner attribution' });
  const fillAndSave = async (partner: string, kind: string, note: string) => {
    await form.getByLabel('Partner', { exact: true }).fill(partner);
    await form.getByRole('radio', { name: kind }).check();
    await form.getByLabel('Note').fill(note);
    await form.getByRole('button', { name: 'Save attribution' }).click();
  };
  const tag = async (partner: string, kind: string, note: string) => {
    await fillAndSave(partner, kind, note);
    await panel(page).getByRole('button', { name: `Remove ${partner}` }).waitFor();
  };
  await tag('Northwind Systems Integration', 'Partner-sourced', 'Intro from their CIO at the October roundtable.');
  await tag('Initech Technology Alliance', 'Partner-influenced', 'Joint technical evaluation on 12 Nov.');
  shots.push(await shoot(page, '2-panel-tagged'));

  await fillAndSave('Globex Cloud Reseller', 'Partner-sourced', '');
  await panel(page).getByRole('alert').waitFor();
  shots.push(await shoot(page, '3-panel-second-sourced-refused'));

  await panel(page).getByRole('button', { name: 'Partner attribution' }).click();
  shots.push(await shoot(page, '4-panel-collapsed'));
  await panel(page).getByRole('button', { name: 'Partner attribution' }).click();

  const classic = DEMO_OPPORTUNITY_IDS.partnerReferral;
  await page.goto(org.classicOpportunityUrl(classic.slice(0, 15)));
  await panel(page).getByRole('heading', { name: findOpportunity(org.state, classic)!.Name }).waitFor();
  shots.push(await shoot(page, '5-classic-page'));

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 340, height: 260 });
  await popup.goto(popupUrl(browser.extensionId));
  await popup.getByRole('definition').first().waitFor();
  shots.push(await shoot(popup, '6-popup'));
  return shots;
}

async function main() {
  if (!args.includes('--no-build')) build();
  const org = await startOrg();
  let browser: LaunchedExtension | undefined;
  const stop = async () => {
    await browser?.close();
    await org.close();
  };
  try {
    browser = await launchExtension({ headless });
    const start = org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship);
    console.log(`Demo org: ${org.lightningOrigin} (Lightning) and ${org.classicOrigin} (Classic).`);
    if (headless) {
      const shots = await tour(browser, org);
      console.log(`No display here, so the demo drove the main views itself. Screenshots in ${SCREENSHOT_DIR}:`);
      for (const shot of shots) console.log(`  ${shot}`);
      await stop();
      return;
    }
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(start);
    console.log(`Chromium is open on ${start}. Close the browser window or press Ctrl-C to stop.`);
    process.once('SIGINT', () => void stop().then(() => process.exit(0)));
    await new Promise<void>((resolve) => browser!.context.once('close', () => resolve()));
    await org.close();
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
