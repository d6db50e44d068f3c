// One partner number per org, in three browser profiles against one fake org: two partner managers tag the same
// deal and one renames a partner; after each browser's next sync, both partner managers and the account
// executive see the same weekly figures, the same credit and the same partner names. Tried as a new user would.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { browserPool, startOrg } from './fixtures';
import { optionsUrl, popupUrl, type LaunchedExtension } from './harness';
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

const DEAL = DEMO_OPPORTUNITY_IDS.newThisWeek; // created today: in this week's figures
const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;
// The popup's headline shows whole dollars.
const usd = (amount: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 0 }).format(amount);

interface Profile {
  browser: LaunchedExtension;
  page: Page;
  options: Page;
}

/** A browser profile of its own, signed in to the org as `userId`, on the deal, with options open beside it. */
async function profile(userId: string): Promise<Profile> {
  const browser = await browsers.launch();
  const page = await browser.context.newPage();
  await page.goto(org.frontdoorUrl(org.rest.createSession(userId), `/lightning/r/Opportunity/${DEAL}/view`));
  await form(page).waitFor();
  const options = await browser.context.newPage();
  await options.goto(optionsUrl(browser.extensionId));
  await options.getByRole('heading', { name: 'Partners', exact: true }).waitFor();
  return { browser, page, options };
}

/** What the panel lists on the deal: each claim's partner, kind and credit, as the user reads them. */
async function panelClaims({ page }: Profile): Promise<string[]> {
  await page.reload();
  await form(page).waitFor();
  const items = await attributionItems(page).allTextContents();
  return items.map((text) => text.replace(/\s+/g, ' ').trim()).sort();
}

/** The weekly summary's team number as the popup shows it: the two headline figures and the partner table. */
async function weeklyNumbers({
  browser,
}: Profile): Promise<{ sourced: string; influenced: string; byPartner: string }> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.goto(popupUrl(browser.extensionId));
  await popup.getByRole('heading', { name: 'Team number' }).waitFor({ timeout: 15_000 });
  await popup.getByText('Updating with the latest changes…').waitFor({ state: 'detached', timeout: 30_000 });
  const text = (locator: ReturnType<Page['getByRole']>) =>
    locator.textContent().then((value) => (value ?? '').replace(/\s+/g, ' ').trim());
  const numbers = {
    sourced: await text(popup.getByRole('group', { name: 'Partner-sourced pipeline' })),
    influenced: await text(popup.getByRole('group', { name: 'Partner-influenced pipeline' })),
    byPartner: await text(popup.getByRole('table', { name: 'By partner' })),
  };
  await popup.close();
  return numbers;
}

describe('one partner number per org', () => {
  it('shows two partner managers and an account executive the same figures, credit and partner names', async () => {
    const amount = org.state.opportunities.find((o) => o.Id === DEAL)!.Amount!;

    // The first partner manager: Northwind sourced the deal.
    const jordan = await profile(USER_IDS.jordanKim);
    await tag(jordan.page, 'Northwind Systems Integration', {
      kind: 'Partner-sourced',
      reasonIfAsked: 'Partner review',
    });
    // The second partner manager, in a browser of their own: two partners influenced it.
    const alex = await profile(USER_IDS.alexMorgan);
    await tag(alex.page, 'Globex Cloud Reseller', { reasonIfAsked: 'Partner review' });
    await tag(alex.page, 'Initech Technology Alliance', { reasonIfAsked: 'Partner review' });
    await expect.poll(() => records().length, { timeout: 20_000 }).toBe(3);

    // The second partner manager renames Globex; the org's roster and claim follow.
    await alex.options.reload();
    const roster = alex.options.getByRole('table', { name: 'Partner roster' });
    await roster.getByRole('button', { name: 'Edit Globex Cloud Reseller' }).click({ timeout: 20_000 });
    await alex.options.getByLabel('Name', { exact: true }).fill('Globex Partners International');
    await alex.options.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(
        () =>
          records()
            .map((r) => r.Partner_Name__c)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(['Globex Partners International', 'Initech Technology Alliance', 'Northwind Systems Integration']);

    // The account executive opens the deal in a third browser; each browser then syncs.
    const dana = await profile(USER_IDS.danaReyes);
    const everyone = [jordan, alex, dana];
    for (const person of everyone) await syncNow(person.options);

    // The panel: the same three claims, names and credit in every browser.
    const expected = [
      expect.stringContaining('Globex Partners International'),
      expect.stringContaining('Initech Technology Alliance'),
      expect.stringContaining('Northwind Systems Integration'),
    ];
    const claims: string[][] = [];
    for (const person of everyone) {
      await expect.poll(() => panelClaims(person), { timeout: 30_000 }).toEqual(expected);
      claims.push(await panelClaims(person));
    }
    expect(claims[1]).toEqual(claims[0]);
    expect(claims[2]).toEqual(claims[0]);
    // Two influencers under the team's even split: half the influence credit each.
    expect(claims[0]!.filter((text) => /Influence credit 50 %/.test(text))).toHaveLength(2);
    expect(claims.flat().join(' ')).not.toContain('Globex Cloud Reseller');

    // The popup: the same team number in all three, to the cent.
    const numbers = [];
    for (const person of everyone) {
      await expect
        .poll(() => weeklyNumbers(person).then((n) => n.influenced), { timeout: 30_000 })
        .toContain(usd(amount));
      numbers.push(await weeklyNumbers(person));
    }
    expect(numbers[0]!.sourced).toContain(usd(amount));
    expect(numbers[0]!.byPartner).toContain('Globex Partners International');
    expect(numbers[0]!.byPartner).not.toContain('Globex Cloud Reseller');
    expect(numbers[1]).toEqual(numbers[0]);
    expect(numbers[2]).toEqual(numbers[0]);
  }, 300_000);
});
