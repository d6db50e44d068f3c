import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, findOpportunity, USER_IDS, type CustomRecord } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { startOrg } from './fixtures';
import { launchExtension, optionsUrl, type LaunchedExtension } from './harness';
import { attributionForm as form, type KindLabel, panel, tagOpportunity, warmthBadge } from './pages';

let org: FakeOrg;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  // More rows than one batch of the list view's infinite scroll (50).
  org = await startOrg({ extraOpportunities: 80 });
});
afterAll(async () => {
  await org?.close();
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

async function open(): Promise<LaunchedExtension> {
  const browser = await launchExtension();
  browsers.push(browser);
  return browser;
}

const FLAGSHIP = DEMO_OPPORTUNITY_IDS.flagship; // created 12 days ago: not locked
const badge = warmthBadge;
const row = (page: Page, id: string) => page.locator(`.windowViewMode-normal.active tr[data-row-key-value="${id}"]`);
const card = (page: Page, id: string) =>
  page
    .locator(`.windowViewMode-normal.active .pipelineViewCard`)
    .filter({ has: page.locator(`a[data-recordid="${id}"]`) });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const listUrl = (query = '') =>
  `${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=AllOpportunities${query}`;

/** Opens an opportunity and tags it (with a reason when it is locked). */
const tag = (page: Page, id: string, partner: string, kind: KindLabel, touchDate?: string) =>
  tagOpportunity(page, org, id, partner, { kind, ...(touchDate ? { touchDate } : {}) });

/** For every row loaded: the badge's level, or null when the row has none. */
async function rowBadges(page: Page): Promise<Record<string, string | null>> {
  // Playwright's CSS locator finds the rows inside shadow roots too; the badge may sit in a deeper one (the name
  // link's component), so each row is searched with its shadow roots.
  const rows = page.locator('.windowViewMode-normal.active tr[data-row-key-value]');
  const levels = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const pending: ParentNode[] = [tr];
      while (pending.length) {
        const tree = pending.shift()!;
        const badge = tree.querySelector<HTMLElement>('pl-warmth-badge');
        if (badge) return [(tr as HTMLElement).dataset.rowKeyValue!, badge.dataset.plWarmth ?? null] as const;
        for (const element of tree.querySelectorAll('*')) if (element.shadowRoot) pending.push(element.shadowRoot);
      }
      return [(tr as HTMLElement).dataset.rowKeyValue!, null] as const;
    }),
  );
  return Object.fromEntries(levels);
}

const expectedFor = (rows: Record<string, string | null>, tagged: Record<string, string>) =>
  Object.fromEntries(Object.keys(rows).map((id) => [id, tagged[id] ?? null]));

describe('partner-warmth badges in real Chromium', () => {
  it('badge the record header, every list row (after scrolling and sorting), the board, related lists and Classic', async () => {
    const browser = await open();
    const page = await browser.context.newPage();
    // The last opportunity by name is not in the list's first batch of 50 rows.
    const byName = [...org.state.opportunities].sort((a, b) => a.Name.localeCompare(b.Name));
    const late = byName[byName.length - 1]!;
    await tag(page, FLAGSHIP, 'Acme SI', 'Partner-sourced');
    await tag(page, late.Id, 'Globex Systems', 'Partner-influenced', daysAgo(30));
    const tagged = { [FLAGSHIP]: 'hot', [late.Id]: 'warm' };

    // Record header: next to the title.
    await page.goto(org.opportunityUrl(FLAGSHIP));
    const header = page.locator('.windowViewMode-normal.active records-highlights2');
    await badge(header).waitFor();
    expect(await badge(header).getAttribute('aria-label')).toMatch(
      /^Partner warmth: Hot — Sourced by Acme SI · last touch/,
    );
    expect(await header.locator('pl-warmth-badge').getAttribute('data-pl-warmth')).toBe('hot');

    // List view: the first batch, then rows loaded by infinite scroll, then rows rendered anew by sorting.
    await page.goto(listUrl());
    await row(page, byName[0]!.Id).waitFor();
    const first = await rowBadges(page);
    expect(Object.keys(first)).not.toContain(late.Id);
    await expect.poll(async () => rowBadges(page)).toEqual(expectedFor(first, tagged));
    while (await page.evaluate(() => (window as any).__fakeOrg.loadMoreRows())) {
      // keep scrolling until every row is loaded
    }
    await expect.poll(async () => (await rowBadges(page))[late.Id]).toBe('warm');
    expect(await rowBadges(page)).toEqual(expectedFor(await rowBadges(page), tagged));
    expect(await badge(row(page, late.Id)).getAttribute('aria-label')).toMatch(
      /^Partner warmth: Warm — Influenced by Globex Systems · last touch 30 days ago$/,
    );
    await page.evaluate(() => (window as any).__fakeOrg.sortList('Opportunity Name', 'descending'));
    await expect.poll(async () => (await rowBadges(page))[late.Id]).toBe('warm');
    expect(await rowBadges(page)).toEqual(expectedFor(await rowBadges(page), tagged));

    // Leaving the list within the app (Lightning keeps the list page, hidden): its badges go with it.
    await page.evaluate((id) => (window as any).__fakeOrg.navigate(`/lightning/r/Opportunity/${id}/view`), FLAGSHIP);
    await badge(page.locator('.windowViewMode-normal.active records-highlights2')).waitFor();
    await expect.poll(() => page.locator('.windowViewMode-normal:not(.active) pl-warmth-badge').count()).toBe(0);
    expect(await page.locator('.windowViewMode-normal:not(.active) tr[data-row-key-value]').count()).toBeGreaterThan(0);
    await page.goBack();
    await expect.poll(async () => (await rowBadges(page))[late.Id]).toBe('warm');

    // The badge explains itself on keyboard focus, as text.
    await badge(row(page, late.Id)).focus();
    const explanation = page.getByRole('dialog', { name: 'Partner warmth: Warm' });
    await explanation.waitFor();
    expect(await explanation.textContent()).toContain('Influenced by Globex Systems');
    expect(await explanation.textContent()).toContain('Who to ask');
    await page.keyboard.press('Escape');
    await explanation.waitFor({ state: 'hidden' });

    // The board (Kanban): every card of a tagged opportunity, and hover explains.
    await page.evaluate(() => (window as any).__fakeOrg.setListDisplay('kanban'));
    await card(page, FLAGSHIP).locator('pl-warmth-badge[data-pl-warmth="hot"]').waitFor();
    await card(page, late.Id).locator('pl-warmth-badge[data-pl-warmth="warm"]').waitFor();
    expect(await page.locator('.windowViewMode-normal.active .pipelineViewCard pl-warmth-badge').count()).toBe(2);
    await badge(card(page, FLAGSHIP)).hover();
    const hot = page.getByRole('dialog', { name: 'Partner warmth: Hot' });
    await hot.waitFor();
    // "Open partner panel" goes to the opportunity with the panel open.
    await hot.getByRole('link', { name: 'Open partner panel' }).click();
    await page.waitForURL(/\/lightning\/r\/Opportunity\/.*c__plPanel=open/);
    await form(page).waitFor();

    // An Account's related list, and its "View All" page.
    const account = findOpportunity(org.state, FLAGSHIP)!.AccountId!;
    await page.goto(`${org.lightningOrigin}/lightning/r/Account/${account}/view`);
    await row(page, FLAGSHIP).locator('pl-warmth-badge[data-pl-warmth="hot"]').waitFor();
    await page.goto(`${org.lightningOrigin}/lightning/r/Account/${account}/related/Opportunities/view`);
    await row(page, FLAGSHIP).locator('pl-warmth-badge[data-pl-warmth="hot"]').waitFor();
    expect(await page.locator('.windowViewMode-normal.active pl-warmth-badge').count()).toBe(1);

    // Classic detail page: next to the title; its "Open partner panel" opens the panel on the page.
    await page.goto(org.classicOpportunityUrl(FLAGSHIP));
    await badge(page.locator('.bPageTitle')).click();
    await page
      .getByRole('dialog', { name: 'Partner warmth: Hot' })
      .getByRole('button', { name: 'Open partner panel' })
      .click();
    await expect.poll(() => panel(page).getByRole('button', { expanded: true }).count()).toBeGreaterThan(0);
  });

  it('a teammate’s tag shows on the AE’s open board once it syncs, without a reload', async () => {
    const pm = await open();
    const ae = await open();
    const aePage = await ae.context.newPage();
    await aePage.goto(
      org.frontdoorUrl(
        org.rest.createSession(USER_IDS.danaReyes),
        '/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=kanban',
      ),
    );
    await card(aePage, FLAGSHIP).waitFor();
    expect(await card(aePage, FLAGSHIP).locator('pl-warmth-badge').count()).toBe(0);

    const pmPage = await pm.context.newPage();
    await pmPage.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${FLAGSHIP}/view`),
    );
    await tag(pmPage, FLAGSHIP, 'Northwind Systems Integration', 'Partner-influenced');
    const records = (): CustomRecord[] => org.state.customObjects.Partner_Attribution__c.records;
    await expect
      .poll(() => records().some((r) => r['Partner_Name__c'] === 'Northwind Systems Integration'), { timeout: 20_000 })
      .toBe(true);

    // The AE's browser syncs (here by "Sync now"; otherwise on its next periodic sync).
    const options = await ae.context.newPage();
    await options.goto(optionsUrl(ae.extensionId));
    await options.getByRole('button', { name: 'Sync now' }).click();
    const aeBadge = card(aePage, FLAGSHIP).locator('pl-warmth-badge');
    await aeBadge.waitFor({ timeout: 20_000 });
    expect(await badge(card(aePage, FLAGSHIP)).getAttribute('aria-label')).toMatch(
      /^Partner warmth: Hot — Influenced by Northwind Systems Integration · last touch today$/,
    );
  });

  it('follows the role and the switches chosen in options', async () => {
    const browser = await open();
    const page = await browser.context.newPage();
    await tag(page, FLAGSHIP, 'Acme SI', 'Partner-sourced');
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser.extensionId));
    const section = options.getByRole('region', { name: 'Role and badges' });

    await section.getByRole('radio', { name: 'I mainly tag deals (partner manager)' }).check();
    await expect
      .poll(() => section.getByRole('checkbox', { name: 'Warmth badges in list views and related lists' }).isChecked())
      .toBe(false);
    await page.goto(listUrl());
    await row(page, FLAGSHIP).waitFor();
    await page.goto(org.opportunityUrl(FLAGSHIP));
    await badge(page.locator('.windowViewMode-normal.active records-highlights2')).waitFor();
    expect(await panel(page).getByRole('button', { expanded: true }).count()).toBeGreaterThan(0);
    await page.goto(listUrl());
    await row(page, FLAGSHIP).waitFor();
    await page.waitForTimeout(300); // time for a badge that should not come
    expect(await page.locator('pl-warmth-badge').count()).toBe(0);

    await section.getByRole('radio', { name: 'I mainly sell (AE)' }).check();
    await expect
      .poll(() => section.getByRole('checkbox', { name: 'Warmth badges in list views and related lists' }).isChecked())
      .toBe(true);
    await section.getByRole('checkbox', { name: 'Warmth badges on the pipeline board' }).uncheck();
    await expect
      .poll(() => section.getByRole('checkbox', { name: 'Warmth badges on the pipeline board' }).isChecked())
      .toBe(false);
    await page.goto(listUrl());
    await row(page, FLAGSHIP).locator('pl-warmth-badge').waitFor();
    await page.evaluate(() => (window as any).__fakeOrg.setListDisplay('kanban'));
    await card(page, FLAGSHIP).waitFor();
    await page.waitForTimeout(300);
    expect(await card(page, FLAGSHIP).locator('pl-warmth-badge').count()).toBe(0);
    // AEs start with the panel collapsed.
    await page.goto(org.opportunityUrl(FLAGSHIP));
    await panel(page).getByRole('button', { expanded: false }).waitFor();
  });
});
