import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatCents, formatPercent } from '../../lib/attribution/summary-format';
import { DEMO_OPPORTUNITY_IDS, USER_IDS, type Opportunity } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import {
  API_UNREACHABLE_RULES,
  DEFAULT_EXTENSION_PATH,
  launchExtension,
  optionsUrl,
  popupUrl,
  type LaunchedExtension,
} from './harness';
import { attributionForm as form, type KindLabel, tag as tagOnPage, tagOpportunity } from './pages';

/**
 * The weekly summary end to end: tags made on the org's pages in two weeks, the popup's figures from the
 * org's facts and totals, week switching, copy and CSV, the notification, and the frozen snapshot synced
 * to the org as a Partner_Attribution_Summary__c record. Weeks start on Monday (the default) in this
 * machine's time zone, which the browser shares.
 */
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

const DAY_MS = 86_400_000;

/** Local Monday 00:00 of the week that contains `date`. */
function mondayOf(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7));
}

function keyOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const thisMonday = mondayOf(new Date());
const lastMonday = new Date(thisMonday.getFullYear(), thisMonday.getMonth(), thisMonday.getDate() - 7);

function createdIn(opportunity: Opportunity, start: Date, end: Date): boolean {
  const ms = Date.parse(opportunity.CreatedDate);
  return ms >= start.getTime() && ms < end.getTime();
}

const usd = (amount: number) => formatCents(Math.round(amount * 100), 'USD', 'en-US');

/** Opens an opportunity and tags it (with a reason when it is locked). */
const tag = (page: Page, id: string, partner: string, kind: KindLabel, touchDate?: string) =>
  tagOpportunity(page, org, id, partner, { kind, ...(touchDate ? { touchDate } : {}) });

const figure = (page: Page, name: string) => page.getByRole('group', { name });

interface ChromeApis {
  chrome: {
    alarms: {
      create(name: string, info: { when: number }): Promise<void>;
      get(name: string): Promise<{ scheduledTime: number } | undefined>;
    };
    notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  };
}

/** Fires one of the background's alarms now, as the browser would when its time comes. */
async function fireAlarm(extension: LaunchedExtension, name: string): Promise<void> {
  await extension.serviceWorker.evaluate(
    (alarm) => (globalThis as unknown as ChromeApis).chrome.alarms.create(alarm, { when: Date.now() }),
    name,
  );
}

/**
 * A copy of the built extension whose `notifications` permission is already granted. Chromium shows the
 * optional-permission prompt outside the page, where neither Playwright nor the DevTools protocol can
 * answer it, so the grant is made in the copy's manifest; the code under test is the same build.
 */
async function extensionWithNotifications(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-notify-ext-'));
  await cp(DEFAULT_EXTENSION_PATH, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    permissions: string[];
    optional_permissions?: string[];
  };
  manifest.permissions = [...manifest.permissions, 'notifications'];
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'notifications');
  await writeFile(manifestPath, JSON.stringify(manifest));
  return dir;
}

describe('weekly summary', () => {
  it('shows two weeks of partner pipeline from the org, shares it, and reports last week to the org', async () => {
    const thisWeek = DEMO_OPPORTUNITY_IDS.newThisWeek;
    const thisWeekOpportunity = org.state.opportunities.find((o) => o.Id === thisWeek)!;
    const [lastWeekSourced, lastWeekInfluenced] = org.state.opportunities.filter(
      (o) => createdIn(o, lastMonday, thisMonday) && o.Amount !== null && !o.IsClosed,
    );
    expect(lastWeekSourced && lastWeekInfluenced).toBeTruthy();

    browser = await launchExtension();
    const page = await browser.context.newPage();
    await page.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${thisWeek}/view`),
    );
    await form(page).waitFor();
    await tag(page, thisWeek, 'Northwind Systems Integration', 'Partner-sourced');
    await tag(page, lastWeekSourced!.Id, 'Globex Cloud Reseller', 'Partner-sourced');
    await tag(page, lastWeekInfluenced!.Id, 'Initech Technology Alliance', 'Partner-influenced');

    // The popup: this week's figures, from the org's facts, and the share of the org's own new pipeline.
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 }); // the popup is 440 px wide (summary.css)
    await popup.goto(popupUrl(browser.extensionId));
    await popup.getByRole('heading', { name: 'Weekly partner attribution' }).waitFor();
    const sourced = figure(popup, 'Partner-sourced pipeline');
    await expect.poll(() => sourced.textContent(), { timeout: 15_000 }).toContain(usd(thisWeekOpportunity.Amount!));
    expect(await figure(popup, 'Partner-influenced pipeline').textContent()).toContain('$0');
    const newThisWeek = org.state.opportunities
      .filter((o) => createdIn(o, thisMonday, new Date(thisMonday.getTime() + 8 * DAY_MS)))
      .reduce((sum, o) => sum + (o.Amount ?? 0), 0);
    const share = formatPercent(thisWeekOpportunity.Amount! / newThisWeek, 'en-US');
    await expect
      .poll(() => figure(popup, 'Partner-sourced share of new pipeline').textContent(), { timeout: 15_000 })
      .toContain(share);
    const byPartner = popup.getByRole('table', { name: 'By partner' });
    expect(await byPartner.textContent()).toContain('Northwind Systems Integration');

    // Copy as text, read back from the clipboard (from a web page: Chromium grants no permission to an
    // extension's origin over the DevTools protocol, and the clipboard is the browser's, not the page's).
    await popup.getByRole('button', { name: 'Copy as text' }).click();
    await popup.getByText('Copied as text.').waitFor();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: org.lightningOrigin });
    const reader = await browser.context.newPage();
    await reader.goto(`${org.lightningOrigin}/lightning/page/home`);
    await reader.bringToFront();
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    await popup.bringToFront();
    expect(copied).toContain('Northwind Systems Integration');
    expect(copied).toContain(usd(thisWeekOpportunity.Amount!));

    // Export CSV: a file with a header and the partner's line.
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`partner-attribution-${keyOf(thisMonday)}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/).length).toBeGreaterThan(1);
    expect(csv).toContain('Northwind Systems Integration');

    // Previous week: other deals, other figures.
    await popup.getByRole('button', { name: 'Previous week' }).click();
    await expect.poll(() => sourced.textContent(), { timeout: 15_000 }).toContain(usd(lastWeekSourced!.Amount!));
    expect(await figure(popup, 'Partner-influenced pipeline').textContent()).toContain(
      usd(lastWeekInfluenced!.Amount!),
    );
    expect(await byPartner.textContent()).toContain('Globex Cloud Reseller');
    expect(await byPartner.textContent()).not.toContain('Northwind Systems Integration');
    await popup.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => sourced.textContent(), { timeout: 15_000 }).toContain(usd(thisWeekOpportunity.Amount!));

    // The week ends: the freeze alarm fires, last week is frozen as reported and reaches the org.
    await fireAlarm(browser, 'pl-summary-freeze');
    const summaries = () => org.state.customObjects.Partner_Attribution_Summary__c.records;
    await expect.poll(() => summaries().length, { timeout: 30_000 }).toBe(1);
    expect(summaries()[0]).toMatchObject({
      External_Id__c: `${USER_IDS.jordanKim}:${keyOf(lastMonday)}:USD`,
      User__c: USER_IDS.jordanKim,
      Week_Start__c: keyOf(lastMonday),
      Currency__c: 'USD',
      Sourced_Pipeline__c: lastWeekSourced!.Amount,
      Influenced_Pipeline__c: lastWeekInfluenced!.Amount,
    });
    const details = JSON.parse(String(summaries()[0]!['Details__c'])) as {
      counts: { sourced: number; influenced: number };
    };
    expect(details.counts).toMatchObject({ sourced: 1, influenced: 1 });

    // A second alarm freezes nothing again: still one record, and last week now says when it was reported.
    await fireAlarm(browser, 'pl-summary-freeze');
    await popup.getByRole('button', { name: 'Previous week' }).click();
    await popup.getByText(/Reported on/).waitFor({ timeout: 15_000 });
    expect(summaries()).toHaveLength(1);

    await popup.screenshot({ path: '.tmp/weekly-summary-last-week.png', fullPage: false });
    await popup.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => sourced.textContent(), { timeout: 15_000 }).toContain(usd(thisWeekOpportunity.Amount!));
    await popup.screenshot({ path: '.tmp/weekly-summary.png', fullPage: false });
  });

  it('lists a deal tagged on a page without its created date under Needs review, never as no deals', async () => {
    // Not connected: Lightning opens, the org's API cannot be reached, and the page layout has no created date.
    browser = await launchExtension({ hostResolverRules: API_UNREACHABLE_RULES });
    const deal = org.state.opportunities.filter((o) => !o.IsClosed && o.Id !== DEMO_OPPORTUNITY_IDS.newThisWeek)[3]!;
    const page = await browser.context.newPage();
    await page.goto(`${org.opportunityUrl(deal.Id)}?fakeOrgCreatedDate=hidden`);
    await form(page).waitFor();
    expect(await page.getByText('Created Date', { exact: true }).count()).toBe(0);
    await tagOnPage(page, 'Northwind Systems Integration', {
      kind: 'Partner-sourced',
      reasonIfAsked: 'Partner review',
    });

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.goto(popupUrl(browser.extensionId));
    const review = popup.getByRole('region', { name: 'Needs review' });
    const item = review.getByRole('listitem').filter({ hasText: deal.Name });
    await expect
      .poll(async () => (await item.allTextContents()).join(' | '), { timeout: 30_000 })
      .toContain('Created date unknown: open the opportunity in Salesforce once while Partner Ledger is connected');
    expect(await popup.getByText('No partner deals this week yet.').count()).toBe(0);
    expect(await popup.locator('.pl-unknown-facts').textContent()).toContain(
      '1 partner deal with an unknown created date is in no week’s figures.',
    );
    await review.screenshot({ path: '.tmp/weekly-summary-unknown-facts.png' });
  });

  it('lists the first five stale deals and brings all of them on request', async () => {
    browser = await launchExtension();
    const page = await browser.context.newPage();
    const open = org.state.opportunities
      .filter((o) => !o.IsClosed && o.Id !== DEMO_OPPORTUNITY_IDS.newThisWeek)
      .slice(-6);
    expect(open).toHaveLength(6);
    await page.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${open[0]!.Id}/view`),
    );
    await form(page).waitFor();
    // Six open deals whose only partner touch was 40 days ago: stale (more than 30 days without a touch).
    const fortyDaysAgo = keyOf(new Date(Date.now() - 40 * DAY_MS));
    for (const deal of open) await tag(page, deal.Id, 'Contoso Field Partners', 'Partner-influenced', fortyDaysAgo);

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.goto(popupUrl(browser.extensionId));
    const stale = popup.getByRole('region', { name: 'Stale deals' });
    const showAll = stale.getByRole('button', { name: /^Show all \d+$/ });
    // Opened right after the last tag, it may first show the figures from before it, marked as updating.
    await expect
      .poll(async () => Number((await showAll.textContent({ timeout: 15_000 }))?.replace(/\D/g, '')), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(6);
    await popup.getByText('Updating with the latest changes…').waitFor({ state: 'detached', timeout: 30_000 });
    const total = Number((await showAll.textContent())!.replace(/\D/g, ''));
    expect(await stale.getByRole('listitem').count()).toBe(5);
    await showAll.click();
    await expect.poll(() => stale.getByRole('listitem').count(), { timeout: 15_000 }).toBe(total);
    const names = await stale.getByRole('listitem').allTextContents();
    for (const deal of open) expect(names.some((text) => text.includes(deal.Name))).toBe(true);
    await stale.screenshot({ path: '.tmp/weekly-summary-stale.png' });
    await stale.getByRole('button', { name: 'Show fewer' }).click();
    expect(await stale.getByRole('listitem').count()).toBe(5);
  });

  it('announces last week in a notification once the user turns it on, and only once per week', async () => {
    const extensionPath = await extensionWithNotifications();
    try {
      browser = await launchExtension({ extensionPath });
      const [lastWeekDeal] = org.state.opportunities.filter(
        (o) => createdIn(o, lastMonday, thisMonday) && o.Amount !== null && !o.IsClosed,
      );
      const page = await browser.context.newPage();
      await page.goto(
        org.frontdoorUrl(
          org.rest.createSession(USER_IDS.jordanKim),
          `/lightning/r/Opportunity/${lastWeekDeal!.Id}/view`,
        ),
      );
      await form(page).waitFor();
      // Influence: the deal may already have its sourcing partner from the test before (same org).
      await tag(page, lastWeekDeal!.Id, 'Vandelay Marketplace Apps', 'Partner-influenced');

      // Options → Weekly summary: turn the notification on (the permission is asked for in this click).
      const options = await browser.context.newPage();
      await options.goto(optionsUrl(browser.extensionId));
      await options.getByRole('checkbox', { name: 'Weekly notification' }).click();
      await options.getByText(/Weekly notification on/).waitFor();

      const worker = browser.serviceWorker;
      const notifications = () =>
        worker.evaluate(() => (globalThis as unknown as ChromeApis).chrome.notifications.getAll());
      await fireAlarm(browser, 'pl-summary-notify');
      const id = `pl-summary:${keyOf(lastMonday)}`;
      await expect.poll(async () => Object.keys(await notifications()), { timeout: 15_000 }).toEqual([id]);

      // The alarm fires again for the same week (late, or twice): no second notification.
      await worker.evaluate((shown) => (globalThis as unknown as ChromeApis).chrome.notifications.clear(shown), id);
      const handled = Date.now();
      await fireAlarm(browser, 'pl-summary-notify');
      // The handler ends by setting the next weekly alarm: once it has, the second firing was handled.
      await expect
        .poll(
          async () =>
            (await worker.evaluate(() => (globalThis as unknown as ChromeApis).chrome.alarms.get('pl-summary-notify')))
              ?.scheduledTime ?? 0,
          { timeout: 15_000 },
        )
        .toBeGreaterThan(handled + 60 * 60_000);
      expect(await notifications()).toEqual({});
    } finally {
      await browser?.close();
      browser = undefined;
      await rm(extensionPath, { recursive: true, force: true });
    }
  });

  it('counts a teammate’s pulled claim in the team number, only the user’s own with Mine, and remembers Mine', async () => {
    const deal = DEMO_OPPORTUNITY_IDS.newThisWeek;
    const amount = org.state.opportunities.find((o) => o.Id === deal)!.Amount!;

    // A teammate's browser tags the deal as influenced; the claim reaches the org.
    const teammate = await launchExtension();
    try {
      const theirs = await teammate.context.newPage();
      await theirs.goto(
        org.frontdoorUrl(org.rest.createSession(USER_IDS.danaReyes), `/lightning/r/Opportunity/${deal}/view`),
      );
      await form(theirs).waitFor();
      await tag(theirs, deal, 'Initech Technology Alliance', 'Partner-influenced');
      const records = () => org.state.customObjects.Partner_Attribution__c.records;
      // Earlier tests left claims in the org: wait for this deal's own.
      const pushed = () =>
        records().some((r) => r['Opportunity__c'] === deal && r['Partner_Name__c'] === 'Initech Technology Alliance');
      await expect.poll(pushed, { timeout: 20_000 }).toBe(true);
    } finally {
      await teammate.close();
    }

    // This user tags it as sourced, and pulls the teammate's claim with "Sync now".
    browser = await launchExtension();
    const page = await browser.context.newPage();
    await page.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${deal}/view`),
    );
    await form(page).waitFor();
    await tag(page, deal, 'Northwind Systems Integration', 'Partner-sourced');
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser.extensionId));
    await options.getByRole('button', { name: 'Sync now' }).click();

    const openPopup = async () => {
      const popup = await browser!.context.newPage();
      await popup.setViewportSize({ width: 440, height: 600 });
      await popup.goto(popupUrl(browser!.extensionId));
      await popup.getByRole('heading', { name: 'Weekly partner attribution' }).waitFor();
      return popup;
    };
    const popup = await openPopup();
    await popup.getByRole('heading', { name: 'Team number' }).waitFor({ timeout: 15_000 });
    const mine = popup.getByRole('switch', { name: 'Mine' });
    expect(await mine.getAttribute('aria-checked')).toBe('false');
    await expect
      .poll(() => figure(popup, 'Partner-influenced pipeline').textContent(), { timeout: 20_000 })
      .toContain(usd(amount));
    expect(await figure(popup, 'Partner-sourced pipeline').textContent()).toContain(usd(amount));

    // Mine, from the keyboard: only this user's sourced claim is left.
    await mine.focus();
    await popup.keyboard.press('Space');
    await popup.getByRole('heading', { name: 'My number' }).waitFor();
    expect(await mine.getAttribute('aria-checked')).toBe('true');
    await expect
      .poll(() => figure(popup, 'Partner-influenced pipeline').textContent(), { timeout: 15_000 })
      .toContain('$0');
    expect(await figure(popup, 'Partner-sourced pipeline').textContent()).toContain(usd(amount));
    expect(await popup.getByRole('table', { name: 'By partner' }).textContent()).not.toContain('Initech');
    await popup.close();

    // The choice survives reopening the popup.
    const again = await openPopup();
    await again.getByRole('heading', { name: 'My number' }).waitFor({ timeout: 15_000 });
    expect(await again.getByRole('switch', { name: 'Mine' }).getAttribute('aria-checked')).toBe('true');
    await expect
      .poll(() => figure(again, 'Partner-influenced pipeline').textContent(), { timeout: 15_000 })
      .toContain('$0');
  });
});
