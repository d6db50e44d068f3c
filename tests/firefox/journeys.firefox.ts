// The main journeys in Firefox ESR with the Firefox build: the panel on an opportunity, a tag that survives a reload,
// a warmth badge on a list view, the popup, the options page, and sync of the tag to the org. Elements inside the
// extension's shadow roots are found with deep CSS selectors (`host >>> selector`): Puppeteer's ARIA queries do not
// reach into them in Firefox.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, findOpportunity, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from '../e2e/fixtures';
import { launchFirefox, openExtensionPage, type LaunchedFirefox } from './harness';

let org: FakeOrg;
let firefox: LaunchedFirefox | undefined;

beforeAll(async () => {
  org = await startOrg({ ui: { shadow: 'synthetic' } });
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

const FLAGSHIP = DEMO_OPPORTUNITY_IDS.flagship; // created 12 days ago: not locked
const PANEL = 'partner-ledger-panel >>> aside[aria-label="Partner attribution"]';
const FORM = `${PANEL} form[aria-label="Add partner attribution"]`;
const removeButton = (partner: string) => `${PANEL} button[aria-label="Remove ${partner}"]`;
const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;

const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());

/** Fills the panel's form (partner-influenced unless told) and waits for the saved attribution. */
async function tag(page: Page, partner: string, kind: 'sourced' | 'influenced' = 'influenced', note = '') {
  await page.locator(`${FORM} input[role="combobox"]`).fill(partner);
  await page.locator(`${FORM} input[type="radio"][value="${kind}"]`).click();
  // The attribution's note; the first touch has a note field of its own (`…-touch-note`).
  if (note) await page.locator(`${FORM} textarea:not([id$="touch-note"])`).fill(note);
  await page.locator(`${FORM} button[type="submit"]`).click();
  await page.waitForSelector(removeButton(partner), { timeout: 15_000 });
}

/** The local calendar day of an instant: `YYYY-MM-DD` (the popup's `?week=` takes any day of the week). */
function localDay(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('Firefox ESR', () => {
  it('shows the panel, keeps a tag across a reload, badges the list, and shows it in the popup and options', async () => {
    firefox = await launchFirefox();
    const page = await firefox.browser.newPage();
    const flagship = findOpportunity(org.state, FLAGSHIP)!;

    // The panel, with the name read from the page.
    await page.goto(org.opportunityUrl(FLAGSHIP));
    await page.waitForSelector(FORM, { timeout: 15_000 });
    expect(await textOf(page, `${PANEL} h2`)).toBe(flagship.Name);

    // Tag, then reload: the attribution is still there.
    await tag(page, 'Northwind Systems Integration', 'sourced', 'Intro from their CIO');
    await page.reload();
    await page.waitForSelector(removeButton('Northwind Systems Integration'), { timeout: 15_000 });
    expect(await textOf(page, `${PANEL} ul[aria-label="Attributions"]`)).toContain('Intro from their CIO');

    // A warmth badge on the opportunity's row of a list view, and none on the others.
    await page.goto(`${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=AllOpportunities`);
    const badge = `.windowViewMode-normal.active tr[data-row-key-value="${FLAGSHIP}"] pl-warmth-badge >>> button`;
    await page.waitForSelector(badge, { timeout: 15_000 });
    expect(await page.$eval(badge, (button) => button.getAttribute('aria-label'))).toMatch(
      /^Partner warmth: \w+ — Sourced by Northwind Systems Integration/,
    );
    expect(await page.$$eval('.windowViewMode-normal.active pl-warmth-badge', (all) => all.length)).toBe(1);

    // The popup counts it in the week the opportunity was created.
    const popup = await firefox.browser.newPage();
    await openExtensionPage(
      popup,
      `${firefox.extensionOrigin}/popup.html?week=${localDay(flagship.CreatedDate)}`,
      'section[aria-labelledby="pl-by-partner-title"] table',
    );
    expect(await textOf(popup, 'section[aria-labelledby="pl-by-partner-title"]')).toContain(
      'Northwind Systems Integration',
    );

    // Options: the partner is on the roster.
    await openExtensionPage(popup, `${firefox.extensionOrigin}/options.html`, 'table[aria-label="Partner roster"]');
    await popup.waitForFunction(
      () => document.querySelector('table[aria-label="Partner roster"]')?.textContent?.includes('Northwind'),
      { timeout: 15_000 },
    );
  });

  it('syncs a tag to the org as the signed-in user', async () => {
    firefox = await launchFirefox();
    const page = await firefox.browser.newPage();
    // Signs in the way Salesforce does after login: frontdoor sets the My Domain session cookie, then Lightning.
    const sid = org.rest.createSession(USER_IDS.jordanKim);
    await page.goto(org.frontdoorUrl(sid, `/lightning/r/Opportunity/${FLAGSHIP}/view`));
    await page.waitForSelector(FORM, { timeout: 15_000 });
    await tag(page, 'Globex Cloud Reseller');
    await expect.poll(() => records().length, { timeout: 20_000, interval: 250 }).toBe(1);
    const record = records()[0]!;
    expect(record).toMatchObject({
      Partner_Name__c: 'Globex Cloud Reseller',
      Kind__c: 'influenced',
      Deleted__c: false,
    });
    expect(record['LastModifiedById']).toBe(USER_IDS.jordanKim);
    expect(JSON.parse(String(record['Touches__c']))).toMatchObject([{ by: 'Jordan Kim', deleted: false }]);

    // The tab's cookie store is remembered for background sync after a worker restart, in session storage:
    // the store's id against the org, and no session.
    const options = await firefox.browser.newPage();
    await openExtensionPage(options, `${firefox.extensionOrigin}/options.html`, 'table[aria-label="Partner roster"]');
    const kept = await options.evaluate(() =>
      (
        globalThis as unknown as { browser: { storage: { session: { get(): Promise<Record<string, unknown>> } } } }
      ).browser.storage.session.get(),
    );
    expect(kept).toEqual({ 'cookieStore:acme': 'firefox-default' });
    expect(JSON.stringify(kept)).not.toContain(sid);
  });
});
