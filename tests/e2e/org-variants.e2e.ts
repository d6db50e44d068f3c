// The extension on the ways real orgs render Lightning (tests/fake-org/variants.ts): Dynamic Forms, the Dynamic
// Highlights Panel, related lists as datatables or tiles (Related List – Single and Dynamic Related List – Single),
// their View All pages, the datatable's role-based render mode. On each: the panel's title and the created date
// read from the page, and the record, row, tile and View All badges. Runs in both shadow modes (fixtures.ts).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, findOpportunity } from '../fake-org/data';
import type { FakeOrg } from '../fake-org/server';
import { PAGE_VARIANT_URL_PARAMS, type PageVariants } from '../fake-org/variants';
import { browserPool, e2eShadowMode, startOrg } from './fixtures';
import { activePage, openOpportunity, panel, tagOpportunity, warmthBadge } from './pages';

let org: FakeOrg;
const browsers = browserPool();

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await org?.close();
});
afterEach(browsers.closeAll);

const FLAGSHIP = DEMO_OPPORTUNITY_IDS.flagship; // created 12 days ago: not locked
const variantQuery = (variants: Partial<PageVariants>) =>
  `?${new URLSearchParams(
    Object.entries(variants).map(([name, value]) => [PAGE_VARIANT_URL_PARAMS[name as keyof PageVariants], value]),
  )}`;

/** The created date as the panel shows it: the page's local calendar day, formatted as the browser formats it. */
async function createdLine(page: Page, isoInstant: string): Promise<string> {
  const created = new Date(isoInstant);
  const day = [created.getFullYear(), created.getMonth() + 1, created.getDate()] as const;
  const formatted = await page.evaluate(
    ([y, m, d]) =>
      new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, d)),
      ),
    day,
  );
  return `Created ${formatted}`;
}

describe(`real-org page variants (${e2eShadowMode()} shadow)`, () => {
  it('reads the title and created date, and badges the record, on every record-page variant', async () => {
    const browser = await browsers.launch();
    const page = await browser.context.newPage();
    const flagship = findOpportunity(org.state, FLAGSHIP)!;
    await tagOpportunity(page, org, FLAGSHIP, 'Northwind Systems Integration', { kind: 'Partner-sourced' });
    const expectedCreated = await createdLine(page, flagship.CreatedDate);

    const variants: Partial<PageVariants>[] = [
      { recordLayout: 'classic-layout', highlights: 'standard' },
      { recordLayout: 'dynamic-forms', highlights: 'standard' },
      { recordLayout: 'classic-layout', highlights: 'dynamic' },
      { recordLayout: 'dynamic-forms', highlights: 'dynamic' },
    ];
    for (const variant of variants) {
      const label = JSON.stringify(variant);
      await openOpportunity(page, org, FLAGSHIP, variantQuery(variant));
      await panel(page).getByRole('heading', { name: flagship.Name }).waitFor();
      await expect.poll(() => panel(page).textContent(), { message: label }).toContain(expectedCreated);
      const badge = warmthBadge(activePage(page));
      await badge.waitFor({ state: 'visible' });
      expect(await badge.count(), label).toBe(1);
      expect(await badge.getAttribute('aria-label'), label).toMatch(/^Partner warmth: \w+ — Sourced by Northwind/);
    }
  });

  it('badges related-list rows and tiles, and the rows of both kinds of View All page', async () => {
    const browser = await browsers.launch();
    const page = await browser.context.newPage();
    const account = findOpportunity(org.state, FLAGSHIP)!.AccountId;
    // The card shows the account's first six opportunities: tag the first, which every variant shows.
    const shown = org.state.opportunities.filter((o) => o.AccountId === account).slice(0, 6);
    const tagged = shown[0]!.Id;
    await tagOpportunity(page, org, tagged, 'Globex Cloud Reseller');
    const accountUrl = `${org.lightningOrigin}/lightning/r/Account/${account}/view`;

    for (const relatedLists of ['standard', 'grid', 'dynamic-grid'] as const) {
      for (const datatable of ['table', 'role-based'] as const) {
        if (relatedLists === 'standard' && datatable === 'role-based') continue; // a plain table, no datatable
        const label = `${relatedLists} ${datatable}`;
        await page.goto(accountUrl + variantQuery({ relatedLists, datatable }));
        const row = activePage(page).locator(`[data-row-key-value="${tagged}"]`);
        await warmthBadge(row).waitFor({ state: 'visible' });
        expect(await warmthBadge(activePage(page)).count(), label).toBe(1);
      }
    }
    for (const relatedLists of ['tiles', 'dynamic-tiles'] as const) {
      await page.goto(accountUrl + variantQuery({ relatedLists }));
      const tile = activePage(page)
        .locator('lst-related-preview-card')
        .filter({ has: page.locator(`a[href*="${tagged}"]`) });
      await warmthBadge(tile).waitFor({ state: 'visible' });
      expect(await activePage(page).locator('lst-related-preview-card').count(), relatedLists).toBe(shown.length);
      expect(await warmthBadge(activePage(page)).count(), relatedLists).toBe(1);
    }

    const viewAllPages = [
      [`/lightning/r/Account/${account}/related/Opportunities/view`, 'table'],
      [
        '/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page' +
          `&force__cmpId=lst_dynamicRelatedList&force__recordId=${account}`,
        'table',
      ],
      [
        '/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page' +
          `&force__cmpId=lst_dynamicRelatedList&force__recordId=${account}`,
        'role-based',
      ],
    ] as const;
    for (const [path, datatable] of viewAllPages) {
      const url = new URL(path, org.lightningOrigin);
      url.searchParams.set(PAGE_VARIANT_URL_PARAMS.datatable, datatable);
      await page.goto(url.href);
      const row = activePage(page).locator(`[data-row-key-value="${tagged}"]`);
      await warmthBadge(row).waitFor({ state: 'visible' });
      expect(await warmthBadge(activePage(page)).count(), `${path} ${datatable}`).toBe(1);
    }
  });
});
