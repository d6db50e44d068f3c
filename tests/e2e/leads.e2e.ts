// Partner credit that survives lead conversion, in real Chromium against the fake org: a partner recorded on a
// lead, the lead converted, the claim on the opportunity with its evidence; two browsers make one record.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USER_IDS, type CustomRecord } from '../fake-org/data';
import { convertLead, findLead, LEAD_IDS } from '../fake-org/leads';
import { startFakeOrg, type FakeOrg } from '../fake-org/server';
import { launchExtension, type LaunchedExtension } from './harness';

let org: FakeOrg;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  org = await startFakeOrg({ port: 0 });
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'Partner attribution' });
const form = (page: Page) => panel(page).getByRole('form', { name: 'Add partner attribution' });
const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;
const leadUrl = (id: string) => `/lightning/r/Lead/${id}/view`;

async function signIn(userId: string, path: string): Promise<Page> {
  const browser = await launchExtension();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(org.frontdoorUrl(org.rest.createSession(userId), path));
  await form(page).waitFor();
  return page;
}

async function tagSourced(page: Page, partner: string, note: string) {
  await form(page).getByLabel('Partner', { exact: true }).fill(partner);
  await form(page).getByRole('radio', { name: 'Partner-sourced' }).check();
  await form(page).getByLabel('Note').fill(note);
  await form(page).getByRole('button', { name: 'Save attribution' }).click();
  await panel(page)
    .getByRole('button', { name: `Remove ${partner}` })
    .waitFor();
}

describe('partner credit that survives lead conversion', () => {
  it('a partner tagged on a lead is on the opportunity the lead is converted into, with its evidence', async () => {
    const lead = LEAD_IDS.adaLovelace;
    const page = await signIn(USER_IDS.jordanKim, leadUrl(lead));
    expect(await panel(page).getByRole('heading', { name: 'Ada Lovelace' }).count()).toBe(1);
    expect(await panel(page).getByText('Carries to the opportunity when this lead is converted.').isVisible()).toBe(
      true,
    );
    await tagSourced(page, 'Northwind Systems Integration', 'Brought Ada to us');
    await expect.poll(() => records().filter((r) => r['Lead__c'] === lead).length, { timeout: 20_000 }).toBe(1);
    expect(records()[0]).toMatchObject({ Opportunity__c: null, Kind__c: 'sourced', Deleted__c: false });

    // Convert, as the user would: the panel folded away from the header's actions, Convert, the new opportunity.
    await panel(page).getByTitle('Hide partner attribution').click();
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert Lead' });
    await dialog.getByLabel('Opportunity Name').fill('Analytical Engines - Data Platform');
    await dialog.getByRole('button', { name: 'Convert' }).click();
    const converted = page.getByRole('dialog', { name: 'Your lead has been converted' });
    await converted.getByRole('link', { name: 'Analytical Engines - Data Platform' }).click();

    const opportunityId = findLead(org.state, lead)!.ConvertedOpportunityId!;
    await page.waitForURL(`**/lightning/r/Opportunity/${opportunityId}/view`);
    // The panel starts as the user left it: folded.
    await panel(page).getByTitle('Show partner attribution').click();
    await panel(page)
      .getByRole('button', { name: 'Remove Northwind Systems Integration' })
      .waitFor({ timeout: 20_000 });
    const list = panel(page).getByRole('list', { name: 'Attributions' });
    expect(await list.textContent()).toContain('Brought Ada to us');
    expect(await list.textContent()).toMatch(/Carried from lead Ada Lovelace, converted on .+ by Jordan Kim/);
    expect(
      await panel(page)
        .getByRole('list', { name: 'Touches of Northwind Systems Integration' })
        .getByRole('listitem')
        .count(),
    ).toBe(1);
    await expect
      .poll(() => records().filter((r) => r['Opportunity__c'] === opportunityId).length, { timeout: 20_000 })
      .toBe(1);
    expect(records().filter((r) => r['Lead__c'] === lead)).toHaveLength(1);
  });

  it('two browsers that notice the conversion at the same time leave one attribution in the org', async () => {
    const lead = LEAD_IDS.graceHopper;
    const pm = await signIn(USER_IDS.jordanKim, leadUrl(lead));
    await tagSourced(pm, 'Globex Cloud Reseller', 'Co-sell intro');
    await expect.poll(() => records().filter((r) => r['Lead__c'] === lead).length, { timeout: 20_000 }).toBe(1);

    // The AE's browser learns of the claim from the org when it opens the lead.
    const ae = await signIn(USER_IDS.danaReyes, leadUrl(lead));
    await panel(ae).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor({ timeout: 20_000 });

    // Someone converts the lead elsewhere; both browsers open the opportunity at once.
    const { opportunity } = convertLead(org.state, lead, {
      userId: USER_IDS.alexMorgan,
      createOpportunity: true,
      opportunityName: 'Compiler Works - Expansion',
    });
    await Promise.all([pm.goto(org.opportunityUrl(opportunity!.Id)), ae.goto(org.opportunityUrl(opportunity!.Id))]);
    for (const page of [pm, ae]) {
      await panel(page).getByRole('button', { name: 'Remove Globex Cloud Reseller' }).waitFor({ timeout: 20_000 });
    }
    await expect
      .poll(() => records().filter((r) => r['Opportunity__c'] === opportunity!.Id).length, { timeout: 20_000 })
      .toBe(1);
    expect(records().filter((r) => r['Lead__c'] === lead)).toHaveLength(1);
    expect(records().filter((r) => r['Partner_Name__c'] === 'Globex Cloud Reseller')).toHaveLength(1);
  });

  it('shows the panel on a Classic lead page', async () => {
    await signIn(USER_IDS.jordanKim, leadUrl(LEAD_IDS.katherineJohnson));
    const page = browsers[0]!.context.pages().at(-1)!;
    await page.goto(`${org.classicOrigin}/${LEAD_IDS.katherineJohnson.slice(0, 15)}`);
    await form(page).waitFor();
    expect(await panel(page).getByText('Carries to the opportunity when this lead is converted.').isVisible()).toBe(
      true,
    );
    expect(await panel(page).getByRole('heading', { name: 'Katherine Johnson' }).count()).toBe(1);
  });
});
