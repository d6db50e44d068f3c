// Team rules in real Chromium against the fake org: two browsers with different rules of their own converge on
// the team's once connected; the admin changes the influence model, and the account executive's open panel and
// popup show the new credit after its next pull, without a reload. Tried as a new user would.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import { launchExtension, optionsUrl, popupUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, attributionItems, syncNow, tag } from './pages';

let org: FakeOrg;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

const OPP = DEMO_OPPORTUNITY_IDS.flagship; // created 12 days ago: not locked
const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;
const creditOf = (partner: string) => records().find((r) => r.Partner_Name__c === partner)?.Credit__c;

function localDate(daysAgo: number): string {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function open(): Promise<LaunchedExtension> {
  const browser = await launchExtension();
  browsers.push(browser);
  return browser;
}

async function optionsOf(browser: LaunchedExtension): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl(browser.extensionId));
  return page;
}

const rulesOf = (page: Page) => page.getByRole('region', { name: 'Attribution rules' });

/** Chooses an influence model in options and saves it. */
async function chooseModel(options: Page, model: RegExp): Promise<void> {
  const rules = rulesOf(options);
  await rules.getByRole('radio', { name: model }).check();
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await rules.getByText('Attribution rules saved.').waitFor({ timeout: 20_000 });
}

async function signIn(browser: LaunchedExtension, userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(org.frontdoorUrl(org.rest.createSession(userId), `/lightning/r/Opportunity/${OPP}/view`));
  await form(page).waitFor();
  return page;
}

const creditText = (page: Page, partner: string) =>
  attributionItems(page)
    .filter({ hasText: partner })
    .first()
    .textContent()
    .then((text) => /Influence credit (\d+) %/.exec(text ?? '')?.[1]);

describe('team rules in the org', () => {
  it('two browsers converge on the team’s rules, and an admin’s new model reaches the other without a reload', async () => {
    // Two browsers, each with rules of its own, before either is connected.
    const admin = await open();
    const ae = await open();
    const adminOptions = await optionsOf(admin);
    await rulesOf(adminOptions).getByText('This browser only', { exact: true }).waitFor();
    await chooseModel(adminOptions, /^Last touch/);
    const aeOptions = await optionsOf(ae);
    await chooseModel(aeOptions, /^Position-based/);

    // The partner manager (a Partner Ledger admin) tags two influencers, the first touch older than the last.
    const pmPage = await signIn(admin, USER_IDS.jordanKim);
    await tag(pmPage, 'Northwind Systems Integration', { touchDate: localDate(4), reasonIfAsked: 'Partner review' });
    await tag(pmPage, 'Globex Cloud Reseller', { touchDate: localDate(1), reasonIfAsked: 'Partner review' });
    await expect.poll(() => records().length, { timeout: 20_000 }).toBe(2);

    // Connected, the admin makes first touch the team's rule: the org holds it, changed by the admin.
    await adminOptions.reload();
    await chooseModel(adminOptions, /^First touch/);
    await rulesOf(adminOptions)
      .getByText(/^Team rules of Acme Cloud \(demo\), changed by Jordan Kim on /)
      .waitFor({ timeout: 20_000 });
    expect(org.state.customObjects.Partner_Ledger_Rules__c.records[0]).toMatchObject({
      Influence_Model__c: 'first_touch',
      LastModifiedById: USER_IDS.jordanKim,
    });

    // The AE connects: the team's rules apply instead of its own, and it may not change them.
    const aePage = await signIn(ae, USER_IDS.danaReyes);
    await aeOptions.reload();
    const aeRules = rulesOf(aeOptions);
    await aeRules
      .getByText(/^Team rules of Acme Cloud \(demo\), changed by Jordan Kim on /)
      .waitFor({ timeout: 20_000 });
    expect(await aeRules.getByRole('radio', { name: /^First touch/ }).isChecked()).toBe(true);
    expect(await aeRules.getByRole('radio', { name: /^Position-based/ }).isDisabled()).toBe(true);
    await aeRules.getByText(/Only Salesforce admins, or users with the Partner Ledger Admin permission set/).waitFor();
    expect(await aeRules.getByRole('button', { name: 'Save rules' }).count()).toBe(0);
    // The local controls the team rules override say so, rather than look editable.
    const hot = aeOptions.getByRole('region', { name: 'Role and badges' }).getByRole('spinbutton', { name: /^Hot/ });
    expect(await hot.isDisabled()).toBe(true);
    const note = aeOptions.locator(`#${await hot.getAttribute('aria-describedby')}`);
    expect(await note.textContent()).toMatch(/^Set by the team rules: Hot within \d+ days/);
    const firstDay = aeOptions
      .getByRole('region', { name: 'Weekly summary' })
      .getByRole('combobox', { name: 'First day of the week' });
    expect(await firstDay.isDisabled()).toBe(true);
    expect(await firstDay.inputValue()).toBe('1');
    const pause = aeOptions
      .getByRole('region', { name: 'Salesforce connection' })
      .getByRole('spinbutton', { name: /Pause background sync above/ });
    expect(await pause.isDisabled()).toBe(true);
    await expect.poll(() => creditText(aePage, 'Northwind Systems Integration'), { timeout: 20_000 }).toBe('100');
    expect(await creditText(aePage, 'Globex Cloud Reseller')).toBe('0');

    // The admin switches the team to last touch; the org's Credit__c follows through the normal push.
    await chooseModel(adminOptions, /^Last touch/);
    await expect.poll(() => creditOf('Globex Cloud Reseller'), { timeout: 30_000 }).toBe(100);
    expect(creditOf('Northwind Systems Integration')).toBe(0);
    expect(await rulesOf(adminOptions).getByRole('list', { name: 'Recent changes' }).textContent()).toContain(
      'Influence credit model: First touch → Last touch',
    );

    // The AE's next pull ("Sync now"): the open panel shows the new credit without a reload.
    await syncNow(aeOptions);
    await expect.poll(() => creditText(aePage, 'Globex Cloud Reseller'), { timeout: 20_000 }).toBe('100');
    expect(await creditText(aePage, 'Northwind Systems Integration')).toBe('0');
    // …and so does the popup's table of partners, credit-weighted.
    const popup = await ae.context.newPage();
    await popup.goto(popupUrl(ae.extensionId));
    await popup.getByRole('heading', { name: 'Weekly partner attribution' }).waitFor({ timeout: 20_000 });
    // The opportunity was created 12 days ago: back to its week.
    const byPartner = popup.getByRole('table', { name: 'By partner' });
    for (let back = 0; back < 3 && !(await byPartner.isVisible()); back++) {
      await popup.getByRole('button', { name: 'Previous week' }).click();
      await byPartner.waitFor({ timeout: 5_000 }).catch(() => {});
    }
    const row = (partner: string) => byPartner.getByRole('row').filter({ hasText: partner }).first().textContent();
    expect(await row('Globex Cloud Reseller')).toContain('120,000');
    expect(await row('Northwind Systems Integration')).not.toContain('120,000');
  }, 240_000);
});
