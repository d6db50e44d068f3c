/**
 * `npm run demo`: builds the extension, serves the built-in demo org (the fake Salesforce org the tests use)
 * on the real Salesforce host names, and opens Chromium with Partner Ledger loaded on an opportunity.
 *
 * Where there is no display (or with `--headless`), it drives the main views itself — a roster imported
 * from CSV, the panel on a Lightning opportunity with partners, touches and a dispute, the collapsed tab,
 * a locked Classic page and the popup — and writes screenshots to the folder it names. Options: `--headless`, `--port
 * <n>` (default 8443), `--no-build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, optionsUrl, popupUrl, REPO_ROOT, type LaunchedExtension } from '../tests/e2e/harness';
import { DEMO_OPPORTUNITY_IDS, findOpportunity, USER_IDS } from '../tests/fake-org/data';
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

async function shoot(page: Page, name: string, fullPage = false): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

const DEMO_ROSTER = [
  'name,type,tier,account_id,active',
  'Northwind Systems Integration,system_integrator,Gold,,true',
  'Globex Cloud Reseller,reseller_channel,Silver,,true',
  'Initech Technology Alliance,technology_alliance,Gold,,true',
  'Tailspin Marketplace,isv_marketplace,,,true',
].join('\r\n');

/** Walks through the main views as a partner manager would, saving a screenshot of each. */
async function tour(browser: LaunchedExtension, org: FakeOrg): Promise<string[]> {
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const shots: string[] = [];

  // The roster first, as a partner team would set it up: imported from a CSV file.
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 1280, height: 900 });
  await options.goto(optionsUrl(browser.extensionId));
  await options
    .getByLabel('Roster CSV file')
    .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(DEMO_ROSTER) });
  await options.getByRole('button', { name: 'Import 4 partners' }).click();
  await options.getByRole('table', { name: 'Partner roster' }).getByText('Tailspin Marketplace').waitFor();
  shots.push(await shoot(options, '1-options-roster', true));

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  const flagship = DEMO_OPPORTUNITY_IDS.flagship;
  // Signed in as the partner manager, as after a Salesforce login: the panel syncs with the demo org.
  await page.goto(
    org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${flagship}/view`),
  );
  await panel(page)
    .getByRole('heading', { name: findOpportunity(org.state, flagship)!.Name })
    .waitFor();
  const form = panel(page).getByRole('form', { name: 'Add partner attribution' });
  await form.getByRole('combobox', { name: 'Partner' }).fill('n');
  await panel(page).getByRole('listbox', { name: 'Partners' }).waitFor();
  shots.push(await shoot(page, '2-panel-partner-combobox'));

  const fillAndSave = async (partner: string, kind: string, note: string, touchType?: string) => {
    await form.getByRole('combobox', { name: 'Partner' }).fill(partner);
    await form.getByRole('radio', { name: kind }).check();
    if (touchType) await form.getByLabel('Touch type').selectOption({ label: touchType });
    await form.getByLabel('Note').fill(note);
    await form.getByRole('button', { name: 'Save attribution' }).click();
  };
  const tag = async (partner: string, kind: string, note: string, touchType?: string) => {
    await fillAndSave(partner, kind, note, touchType);
    await panel(page)
      .getByRole('button', { name: `Remove ${partner}` })
      .waitFor();
  };
  await tag('Northwind Systems Integration', 'Partner-sourced', 'Intro from their CIO at the October roundtable.');
  await tag('Initech Technology Alliance', 'Partner-influenced', 'Joint technical evaluation.', 'Technical evaluation');
  await tag('Globex Cloud Reseller', 'Partner-influenced', 'Co-sell call with procurement.', 'Joint call');
  await panel(page).getByRole('button', { name: 'Add touch for Initech Technology Alliance' }).click();
  shots.push(await shoot(page, '3-panel-tagged-with-touches'));
  await panel(page)
    .getByRole('form', { name: 'Add partner touch' })
    .getByRole('button', { name: 'Save touch' })
    .click();

  await fillAndSave('Tailspin Marketplace', 'Partner-sourced', 'Marketplace listing brought them in.');
  await panel(page).getByRole('button', { name: 'Record a competing claim' }).click();
  await panel(page).getByText('Disputed', { exact: true }).waitFor();
  shots.push(await shoot(page, '4-panel-disputed'));
  await panel(page).getByRole('button', { name: 'Keep Northwind Systems Integration' }).click();
  await panel(page).getByText('Disputed', { exact: true }).waitFor({ state: 'detached' });

  await panel(page).getByRole('button', { name: 'Partner attribution' }).click();
  shots.push(await shoot(page, '5-panel-collapsed'));
  await panel(page).getByRole('button', { name: 'Partner attribution' }).click();

  const classic = DEMO_OPPORTUNITY_IDS.partnerReferral;
  await page.goto(org.classicOpportunityUrl(classic.slice(0, 15)));
  await panel(page)
    .getByRole('heading', { name: findOpportunity(org.state, classic)!.Name })
    .waitFor();
  await panel(page)
    .getByText(/attribution locked on/)
    .waitFor();
  shots.push(await shoot(page, '6-classic-page-locked'));

  // An influencer on a second deal, last touched a month ago: Warm.
  const second = DEMO_OPPORTUNITY_IDS.newThisWeek;
  await page.goto(org.opportunityUrl(second));
  await panel(page)
    .getByRole('heading', { name: findOpportunity(org.state, second)!.Name })
    .waitFor();
  await form.getByLabel('Touch date').fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
  await tag('Globex Cloud Reseller', 'Partner-influenced', 'Joined the discovery call.', 'Joint call');

  // What the account executive sees: badges on the board, one explaining itself.
  await page.goto(
    `${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=kanban`,
  );
  const card = page.locator('.pipelineViewCard').filter({ has: page.locator(`a[data-recordid="${flagship}"]`) });
  await card.getByRole('button', { name: /^Partner warmth:/ }).hover();
  await page.getByRole('dialog', { name: /^Partner warmth:/ }).waitFor();
  shots.push(await shoot(page, '7-board-warmth-badges'));
  await page.goto(
    `${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=table`,
  );
  await page.locator('tr[data-row-key-value] pl-warmth-badge').first().waitFor();
  shots.push(await shoot(page, '8-list-warmth-badges'));

  // The options page once the tags have reached the org.
  await options.reload();
  await options
    .getByRole('region', { name: 'Salesforce connection' })
    .getByText(/Connected to/)
    .waitFor({ timeout: 15_000 });
  await options.evaluate(() => window.scrollTo(0, 0));
  shots.push(await shoot(options, '9-options-connected', true));

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 440, height: 600 }); // the popup is 440 px wide (summary.css)
  await popup.goto(popupUrl(browser.extensionId));
  await popup.getByRole('group', { name: 'Partner-sourced pipeline' }).waitFor();
  shots.push(await shoot(popup, '10-weekly-summary'));
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
    const start = org.frontdoorUrl(
      org.rest.createSession(USER_IDS.jordanKim),
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
    );
    console.log(`Demo org: ${org.lightningOrigin} (Lightning) and ${org.classicOrigin} (Classic).`);
    if (headless) {
      const shots = await tour(browser, org).catch(async (error: unknown) => {
        // Keep what the browser showed when the tour failed: it is the quickest way to see why.
        for (const [i, page] of browser!.context.pages().entries())
          await page.screenshot({ path: join(SCREENSHOT_DIR, `failed-${i}.png`) });
        throw error;
      });
      console.log(`No display here, so the demo drove the main views itself. Screenshots in ${SCREENSHOT_DIR}:`);
      for (const shot of shots) console.log(`  ${shot}`);
      await stop();
      return;
    }
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(start);
    console.log(
      `Chromium is open on ${org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship)}, signed in as the partner manager ` +
        `Jordan Kim.`,
    );
    console.log('Close the browser window or press Ctrl-C to stop.');
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
