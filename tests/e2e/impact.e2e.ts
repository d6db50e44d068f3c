import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentQuarter, shiftQuarter } from '../../lib/impact/period';
import { USER_IDS } from '../fake-org/data';
import { clearClosedDeals, seedImpact } from '../fake-org/impact-seed';
import { startFakeOrg, type FakeOrg } from '../fake-org/server';
import { launchExtension, popupUrl, type LaunchedExtension } from './harness';

/**
 * "Partner impact" end to end: the fake org holds a quarter where partner-sourced deals clearly win more
 * often (the last one) and a quarter where every group wins alike (the current one). The page reads both
 * from the org and states a verdict only for the first; the popup links to it with the headline.
 */
let org: FakeOrg;
let browser: LaunchedExtension | undefined;

beforeAll(async () => {
  org = await startFakeOrg({ port: 0 });
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

// The browser shares this machine's time zone: quarters are cut the same way here and there.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const thisQuarter = currentQuarter(new Date(), zone);
const lastQuarter = shiftQuarter(thisQuarter, -1);
/** Close dates up to yesterday, so the current quarter's deals are all in the past. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
// biome-ignore lint/complexity/useMathMinMax: ISO calendar dates, compared as text
const currentLastDay = yesterday < thisQuarter.firstDay ? thisQuarter.firstDay : yesterday;

describe('Partner impact page', () => {
  it('shows the figures and the verdict for a seeded uplift, and no verdict where groups win alike', async () => {
    clearClosedDeals(org.state);
    seedImpact(org.state, {
      firstDay: lastQuarter.firstDay,
      lastDay: lastQuarter.lastDay,
      sourced: { closed: 60, won: 36 },
      influenced: { closed: 30, won: 12 },
      none: { closed: 200, won: 50 },
    });
    seedImpact(org.state, {
      firstDay: thisQuarter.firstDay,
      lastDay: currentLastDay,
      sourced: { closed: 40, won: 12 },
      influenced: { closed: 40, won: 12 },
      none: { closed: 100, won: 30 },
    });

    browser = await launchExtension();
    const page = await browser.context.newPage();
    // Seen a Salesforce page: the extension knows the org and finds the session, as after signing in.
    const first = org.state.opportunities.find((opportunity) => !opportunity.IsClosed)!;
    await page.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${first.Id}/view`),
    );
    await page.getByRole('complementary', { name: 'Partner attribution' }).waitFor();

    await page.goto(`chrome-extension://${browser.extensionId}/impact.html`);
    await page.getByRole('heading', { name: 'Partner impact', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Impact by group' });
    await table.waitFor({ timeout: 30_000 });
    const period = page.getByRole('combobox', { name: 'Period' });
    expect(await period.inputValue()).toBe(thisQuarter.key);
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect.poll(() => row('Partner-sourced').textContent(), { timeout: 15_000 }).toContain('40');
    expect(await row('No partner').textContent()).toContain('100');
    expect(await page.getByText('From your Salesforce org').count()).toBe(1);
    // Every group wins 30 % of the time: no verdict.
    expect(await page.getByText(/holds at 95/).count()).toBe(0);
    expect(await page.getByText(/not clear at 95/).count()).toBeGreaterThan(0);

    // The last quarter: sourced deals won 60 %, deals without partners 25 %.
    await period.selectOption(lastQuarter.key);
    await expect.poll(() => row('Partner-sourced').textContent(), { timeout: 15_000 }).toContain('60');
    expect(await row('Partner-influenced only').textContent()).toContain('30');
    expect(await row('No partner').textContent()).toContain('200');
    await page.getByText(/Deals with a sourcing partner were won 60\s?% of the time/).waitFor();
    expect(await page.getByText(/the difference holds at 95\s?%/).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Impact by partner' }).textContent()).toContain(
      'Northwind Systems Integration',
    );

    // The weekly summary links to the page with the last quarter's headline.
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser.extensionId));
    const link = popup.getByRole('link', { name: 'Partner impact' });
    await link.waitFor();
    await expect
      .poll(() => popup.locator('.pl-impact-link').textContent(), { timeout: 15_000 })
      .toMatch(/partner-sourced deals were won 60\s?% of the time/);
  });
});
