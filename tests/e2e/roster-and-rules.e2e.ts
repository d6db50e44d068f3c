import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, FLAGSHIP_OPPORTUNITY_NAME } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import { launchExtension, optionsUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, panel, tag } from './pages';

let org: FakeOrg;
let browser: LaunchedExtension | undefined;

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const ROSTER_CSV = [
  'name,type,tier,account_id,active',
  'Northwind Systems Integration,system_integrator,Gold,,true',
  'Globex Cloud Reseller,Reseller / channel,Silver,,true',
  '"Initech, Technology Alliance",technology_alliance,,,yes',
].join('\r\n');

async function importRoster(page: Page, csv: string) {
  await page
    .getByLabel('Roster CSV file')
    .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

async function openOptions(page: Page) {
  await page.goto(optionsUrl(browser!.extensionId));
  await page.getByRole('heading', { name: 'Partners', exact: true }).waitFor();
}

describe('roster, evidence and rules in real Chromium', () => {
  it('imports a roster from CSV after a preview, refusing a bad file without writing anything', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOptions(page);

    // A semicolon-separated file: one clear problem, nothing importable.
    await importRoster(page, 'name;type\nAcme;system_integrator\n');
    const problems = page.getByRole('table', { name: 'Import problems' });
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/semicolon|;/i);
    expect(await page.getByRole('button', { name: /^Import \d+ partners?$/ }).isDisabled()).toBe(true);

    await importRoster(page, ROSTER_CSV);
    const importButton = page.getByRole('button', { name: 'Import 3 partners' });
    await importButton.waitFor();
    await importButton.click();
    const roster = page.getByRole('table', { name: 'Partner roster' });
    await expect.poll(() => roster.getByRole('row').count()).toBe(4); // header + 3
    expect(await roster.textContent()).toContain('Initech, Technology Alliance');
    expect(await roster.textContent()).toContain('Reseller / channel');

    // The export re-imports to the same roster: nothing to create, nothing to change.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export roster as CSV' }).click();
    const exported = await readFile((await (await download).path())!, 'utf8');
    await importRoster(page, exported);
    await page
      .getByText(/already up to date|0 to create/)
      .first()
      .waitFor();
  });

  it('tags one sourced and two influenced partners with touches, shows the split, and follows the rules', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await openOptions(page);
    await importRoster(page, ROSTER_CSV);
    await page.getByRole('button', { name: 'Import 3 partners' }).click();
    await page.getByRole('table', { name: 'Partner roster' }).getByText('Globex Cloud Reseller').waitFor();

    const opp = await browser.context.newPage();
    await opp.goto(org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship));
    await form(opp).waitFor();
    // The combobox offers the roster.
    await form(opp).getByRole('combobox', { name: 'Partner' }).fill('north');
    await expect
      .poll(() => panel(opp).getByRole('listbox', { name: 'Partners' }).getByRole('option').allTextContents())
      .toContain('Northwind Systems Integration');

    await tag(opp, 'Northwind Systems Integration', { kind: 'Partner-sourced', touchType: 'Intro / referral' });
    await panel(opp).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();
    await tag(opp, 'Globex Cloud Reseller', { touchType: 'Joint call', touchDate: '2026-11-12' });
    await panel(opp).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor();
    await tag(opp, 'Initech, Technology Alliance', { touchType: 'Technical evaluation', touchDate: '2026-11-15' });
    await panel(opp).getByRole('button', { name: 'Remove Initech, Technology Alliance' }).waitFor();

    const items = panel(opp).getByRole('list', { name: 'Attributions' });
    expect(await items.textContent()).toContain('Sourced credit 100 %');
    expect((await items.textContent())!.match(/Influence credit 50 %/g)).toHaveLength(2);

    // A second touch in two clicks.
    await panel(opp).getByRole('button', { name: 'Add touch for Globex Cloud Reseller' }).click();
    await panel(opp)
      .getByRole('form', { name: 'Add partner touch' })
      .getByRole('button', { name: 'Save touch' })
      .click();
    await expect
      .poll(() =>
        panel(opp).getByRole('list', { name: 'Touches of Globex Cloud Reseller' }).getByRole('listitem').count(),
      )
      .toBe(2);

    // Switch the influence model to first touch: Globex (12 Nov) now gets all the influence credit.
    await page.getByRole('radio', { name: /First touch/ }).check();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Attribution rules saved.').waitFor();
    await opp.reload();
    await form(opp).waitFor();
    const globex = panel(opp)
      .getByRole('listitem')
      .filter({ has: opp.getByRole('button', { name: 'Remove Globex Cloud Reseller' }) });
    await expect.poll(() => globex.textContent()).toContain('Influence credit 100 %');

    // The history tells who did what.
    expect(await panel(opp).getByRole('region', { name: 'History' }).textContent()).toContain(
      'Added Northwind Systems Integration as partner-sourced',
    );
  });

  it('warns about a sourced claim outside the window and records the reason', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await page.goto(org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship)); // created 12 days ago: not locked
    await form(page).waitFor();
    await panel(page)
      .getByText(/attribution locks on/)
      .waitFor();
    const created = org.state.opportunities
      .find((o) => o.Id === DEMO_OPPORTUNITY_IDS.flagship)!
      .CreatedDate.slice(0, 10);
    const late = new Date(Date.parse(created) + 45 * 86_400_000).toISOString().slice(0, 10);

    await form(page).getByRole('combobox', { name: 'Partner' }).fill('Late Partner');
    await form(page).getByRole('radio', { name: 'Partner-sourced' }).check();
    await form(page).getByLabel('Touch date').fill(late);
    await form(page)
      .getByText(/Outside the attribution window/)
      .waitFor();
    await form(page).getByRole('button', { name: 'Save attribution' }).click();
    expect(await form(page).getByRole('alert').textContent()).toMatch(
      /more than 30 days after the opportunity was created/,
    );
    expect(await panel(page).getByRole('button', { name: 'Remove Late Partner' }).count()).toBe(0);

    await form(page).getByLabel('Reason').fill('Deal registration filed after the kickoff');
    await form(page).getByRole('button', { name: 'Save attribution' }).click();
    await panel(page).getByRole('button', { name: 'Remove Late Partner' }).waitFor();
    expect(await panel(page).getByRole('list', { name: 'Attributions' }).textContent()).toContain(
      'Outside the window, because: Deal registration filed after the kickoff',
    );
    expect(await panel(page).getByRole('region', { name: 'History' }).textContent()).toContain(
      'Why: Deal registration filed after the kickoff',
    );
  });

  it('keeps two sourced claims as a dispute and resolves it, then restores a backup taken before', async () => {
    browser = await launchExtension();
    const opp = await browser.context.newPage();
    await opp.goto(org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship));
    await form(opp).waitFor();
    await tag(opp, 'Northwind Systems Integration', { kind: 'Partner-sourced' });
    await panel(opp).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();

    // Back up now: one attribution.
    const options = await browser.context.newPage();
    await openOptions(options);
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Download backup' }).click();
    const backup = await readFile((await (await download).path())!);

    await tag(opp, 'Globex Cloud Reseller', { kind: 'Partner-sourced', waitUntilSaved: false });
    await panel(opp).getByRole('alert').getByRole('button', { name: 'Record a competing claim' }).click();
    await panel(opp).getByText('Disputed', { exact: true }).waitFor();
    expect(await panel(opp).getByRole('list', { name: 'Attributions' }).textContent()).toContain(
      'No sourced credit while disputed',
    );
    await panel(opp).getByRole('button', { name: 'Keep Globex Cloud Reseller' }).click();
    await expect.poll(() => panel(opp).getByText('Disputed', { exact: true }).count()).toBe(0);
    expect(await panel(opp).getByRole('button', { name: 'Remove Northwind Systems Integration' }).count()).toBe(0);
    expect(await panel(opp).getByRole('region', { name: 'History' }).textContent()).toContain(
      'Dispute resolved: kept Globex Cloud Reseller',
    );

    // Restore: a broken file is refused with the reason and changes nothing…
    await options.reload();
    await options
      .getByLabel('Backup file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
    await options.getByRole('button', { name: 'Restore backup' }).click();
    await options
      .getByRole('alert')
      .getByText(/not valid JSON/)
      .waitFor();
    // …the real one brings back the state before the dispute.
    await options
      .getByLabel('Backup file')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
    await options.getByRole('button', { name: 'Restore backup' }).click();
    await options.getByRole('button', { name: 'Replace everything' }).click();
    await options
      .getByRole('status')
      .getByText(/Backup restored/)
      .waitFor();

    await opp.reload();
    await panel(opp).getByRole('heading', { name: FLAGSHIP_OPPORTUNITY_NAME }).waitFor();
    await panel(opp).getByRole('button', { name: 'Remove Northwind Systems Integration' }).waitFor();
    expect(await panel(opp).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).count()).toBe(0);
  });
});
