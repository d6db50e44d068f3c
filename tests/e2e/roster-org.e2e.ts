// The team's roster in the org, in real Chromium against the fake org: a browser that kept partners before it
// connected is shown the merge preview, and nothing of its roster reaches the org until the user merges; a rename
// in one browser then reaches the other's options → Partners and its panel's attribution list with the next sync.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { browserPool, startOrg } from './fixtures';
import { optionsUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, attributionItems, syncNow, tag } from './pages';

let org: FakeOrg;
const browsers = browserPool();

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(browsers.closeAll);

const OPP = DEMO_OPPORTUNITY_IDS.flagship;
const roster = (): CustomRecord[] => org.state.customObjects.Partner_Ledger_Partner__c.records;
const rosterNames = () =>
  roster()
    .map((record) => String(record.Name))
    .sort();

async function optionsOf(browser: LaunchedExtension): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl(browser.extensionId));
  await page.getByRole('heading', { name: 'Partners', exact: true }).waitFor();
  return page;
}

const partnersTable = (page: Page) => page.getByRole('table', { name: 'Partner roster' });
const preview = (page: Page) => page.getByRole('region', { name: 'Roster merge preview' });

async function addLocalPartner(options: Page, name: string): Promise<void> {
  await options.getByLabel('Name', { exact: true }).fill(name);
  await options.getByRole('button', { name: 'Add partner' }).click();
  await partnersTable(options).getByText(name, { exact: true }).waitFor();
}

async function signIn(browser: LaunchedExtension, userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(org.frontdoorUrl(org.rest.createSession(userId), `/lightning/r/Opportunity/${OPP}/view`));
  await form(page).waitFor();
  return page;
}

describe('one roster per org', () => {
  it('previews the merge on first connection, writes nothing until confirmed, and carries a rename to the other browser', async () => {
    // The partner manager kept two partners in this browser before connecting.
    const pm = await browsers.launch();
    const pmOptions = await optionsOf(pm);
    await addLocalPartner(pmOptions, 'Globex Cloud Reseller');
    await addLocalPartner(pmOptions, 'Initech');
    const pmPage = await signIn(pm, USER_IDS.jordanKim);

    // Connected: the preview says what a merge would do, and a sync writes none of the roster.
    await pmOptions.reload();
    const pmPreview = preview(pmOptions);
    await pmPreview.waitFor({ timeout: 20_000 });
    await pmPreview.getByText('0 partners match the org roster').waitFor();
    await pmPreview.getByText('2 new partners will be added to the org').waitFor();
    await syncNow(pmOptions);
    await tag(pmPage, 'Globex Cloud Reseller');
    await expect.poll(() => org.state.customObjects.Partner_Attribution__c.records.length, { timeout: 20_000 }).toBe(1);
    expect(roster()).toEqual([]);

    // "Not now" hides it and writes nothing; the next visit asks again.
    await pmPreview.getByRole('button', { name: 'Not now' }).click();
    expect(await preview(pmOptions).count()).toBe(0);
    expect(roster()).toEqual([]);
    await pmOptions.reload();
    await preview(pmOptions).getByRole('button', { name: 'Merge into the org roster' }).click({ timeout: 20_000 });
    await expect.poll(rosterNames, { timeout: 20_000 }).toEqual(['Globex Cloud Reseller', 'Initech']);
    await expect.poll(() => preview(pmOptions).count()).toBe(0);

    // The account executive's browser knew Initech by another spelling: it becomes the team's Initech. (Globex
    // Cloud Reseller came with the partner manager's claim, under the team's id, so it matches too.)
    const ae = await browsers.launch();
    const aeOptions = await optionsOf(ae);
    await addLocalPartner(aeOptions, 'INITECH');
    const aePage = await signIn(ae, USER_IDS.danaReyes);
    await aeOptions.reload();
    const aePreview = preview(aeOptions);
    await aePreview.getByText('2 partners match the org roster').waitFor({ timeout: 20_000 });
    await aePreview.getByText('0 new partners will be added to the org').waitFor();
    await aePreview.getByRole('button', { name: 'Merge into the org roster' }).click();
    await partnersTable(aeOptions).getByText('Globex Cloud Reseller', { exact: true }).waitFor({ timeout: 20_000 });
    await partnersTable(aeOptions).getByText('Initech', { exact: true }).waitFor();
    expect(rosterNames()).toEqual(['Globex Cloud Reseller', 'Initech']);
    await expect
      .poll(() => attributionItems(aePage).filter({ hasText: 'Globex Cloud Reseller' }).count(), { timeout: 20_000 })
      .toBe(1);

    // The partner manager renames the partner; the org's roster follows.
    await partnersTable(pmOptions).getByRole('button', { name: 'Edit Globex Cloud Reseller' }).click();
    await pmOptions.getByLabel('Name', { exact: true }).fill('Globex Partners International');
    await pmOptions.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(rosterNames, { timeout: 20_000 }).toEqual(['Globex Partners International', 'Initech']);
    // Its claim follows in the org, so reports group it under the new name.
    await expect
      .poll(() => org.state.customObjects.Partner_Attribution__c.records[0]!.Partner_Name__c, { timeout: 20_000 })
      .toBe('Globex Partners International');

    // The other browser's next sync: options → Partners and the panel show the new name, and one partner only.
    await syncNow(aeOptions);
    await expect
      .poll(() => partnersTable(aeOptions).getByRole('row').allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.any(String),
        expect.stringContaining('Globex Partners International'),
        expect.stringContaining('Initech'),
      ]);
    await expect
      .poll(
        async () => {
          await aePage.reload();
          await form(aePage).waitFor();
          return attributionItems(aePage).allTextContents();
        },
        { timeout: 20_000 },
      )
      .toEqual([expect.stringContaining('Globex Partners International')]);
    expect(org.state.customObjects.Partner_Attribution__c.records[0]!.Partner_Id__c).toBe(
      roster().find((record) => record.Name === 'Globex Partners International')!.External_Id__c,
    );
  }, 240_000);
});
