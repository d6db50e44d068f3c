// The extension on the ways real orgs render Lightning (tests/fake-org/variants.ts): Dynamic Forms, the Dynamic
// Highlights Panel, related lists as datatables or tiles (Related List – Single and Dynamic Related List – Single),
// their View All pages, the datatable's role-based render mode. On each: the panel's title and the created date
// read from the page, and the record, row, tile and View All badges. And a user whose profile hides a field the
// extension reads (tests/fake-org/rest/field-access.ts). Runs in both shadow modes (fixtures.ts).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSeedData, DEMO_OPPORTUNITY_IDS, findOpportunity, USER_IDS } from '../fake-org/data';
import { applyFieldAccessProfile } from '../fake-org/rest/field-access';
import type { FakeOrg } from '../fake-org/server';
import { PAGE_VARIANT_URL_PARAMS, type PageVariants } from '../fake-org/variants';
import { browserPool, e2eShadowMode, startOrg } from './fixtures';
import { optionsUrl, popupUrl } from './harness';
import { activePage, attributionForm, openOpportunity, panel, tag, tagOpportunity, warmthBadge } from './pages';

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

describe(`field-level security (${e2eShadowMode()} shadow)`, () => {
  const AMOUNT_HIDDEN = 'Amount hidden by your Salesforce field access';
  let hiding: FakeOrg | undefined;
  afterEach(async () => {
    await hiding?.close();
    hiding = undefined;
  });

  it('a user who cannot read Amount stays connected, tags and syncs, sees badges, and is told what is hidden', async () => {
    // Every user of this org has a profile without read access to Opportunity.Amount: the describe leaves it
    // out, and a query that selects it fails with INVALID_FIELD ("No such column 'Amount' …").
    const data = createSeedData(new Date());
    applyFieldAccessProfile(data, 'no-amount');
    hiding = await startOrg({ data });
    const org = hiding;
    const records = () => org.state.customObjects.Partner_Attribution__c.records;
    const browser = await browsers.launch();
    const page = await browser.context.newPage();
    const flagship = findOpportunity(org.state, FLAGSHIP)!;
    await page.goto(
      org.frontdoorUrl(org.rest.createSession(USER_IDS.jordanKim), `/lightning/r/Opportunity/${FLAGSHIP}/view`),
    );
    await attributionForm(page).waitFor();

    // The panel says the amount is hidden, next to the stage it could read.
    await panel(page).getByText(AMOUNT_HIDDEN).waitFor({ timeout: 15_000 });
    expect(
      await panel(page)
        .getByText(/from Salesforce/)
        .textContent(),
    ).toBe(`${AMOUNT_HIDDEN} · ${flagship.StageName} · from Salesforce`);

    // Tagging works, and the attribution reaches the org, written as the signed-in user.
    await tag(page, 'Northwind Systems Integration', { kind: 'Partner-sourced' });
    await expect.poll(() => records().length, { timeout: 20_000 }).toBe(1);
    expect(records()[0]).toMatchObject({ Partner_Name__c: 'Northwind Systems Integration', Kind__c: 'sourced' });
    expect(records()[0]!['LastModifiedById']).toBe(USER_IDS.jordanKim);

    // The record's badge shows on its page.
    await page.reload();
    await attributionForm(page).waitFor();
    const badge = warmthBadge(activePage(page));
    await badge.waitFor({ state: 'visible' });
    expect(await badge.getAttribute('aria-label')).toMatch(/^Partner warmth: \w+ — Sourced by Northwind/);

    // A deal created this week, for the weekly summary.
    const thisWeek = DEMO_OPPORTUNITY_IDS.newThisWeek;
    await tagOpportunity(page, org, thisWeek, 'Globex Cloud Reseller', { kind: 'Partner-sourced' });
    await expect.poll(() => records().length, { timeout: 20_000 }).toBe(2);

    // Nothing asked for the hidden field, and the connection held: record pages after the first reuse it.
    // Each page asks for its own record's facts and attributions; connecting again would add the API
    // version, the identity, the user and two describes on every page.
    const rejected = () => org.rest.calls.filter((call) => call.status === 400).map((call) => call.url);
    expect(rejected()).toEqual([]);
    const others = org.state.opportunities.filter((o) => !o.IsClosed && o.Id !== FLAGSHIP && o.Id !== thisWeek);
    const visited = others.slice(0, 4);
    org.rest.resetCalls();
    for (const opportunity of visited) {
      await openOpportunity(page, org, opportunity.Id);
      await panel(page).getByText(AMOUNT_HIDDEN).waitFor({ timeout: 15_000 });
    }
    // Only queries, one per page: no API version, identity, user or describe calls.
    const calls = org.rest.calls.filter((call) => call.path.startsWith('/services/data'));
    expect(calls.filter((call) => !call.path.endsWith('/query')).map((call) => call.path)).toEqual([]);
    for (const { Id } of visited) {
      expect(
        calls.filter((call) => decodeURIComponent(call.url).includes(`WHERE Id = '${Id}'`)),
        Id,
      ).toHaveLength(1);
    }
    expect(rejected()).toEqual([]);

    // The options page: still connected, as the signed-in user, with no error.
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser.extensionId));
    const connection = options.getByRole('region', { name: 'Salesforce connection' });
    await expect.poll(() => connection.textContent(), { timeout: 10_000 }).toContain('Jordan Kim');
    expect(await connection.textContent()).not.toContain('No such column');

    // The popup's summary says the amount is hidden, rather than counting the week's pipeline as 0.
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.goto(popupUrl(browser.extensionId));
    await popup.getByRole('heading', { name: 'Weekly partner attribution' }).waitFor();
    await popup.getByText(AMOUNT_HIDDEN, { exact: true }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => popup.getByRole('group', { name: 'Partner-sourced share of new pipeline' }).textContent(), {
        timeout: 15_000,
      })
      .toContain(`Not known — ${AMOUNT_HIDDEN}`);
    const sourced = await popup.getByRole('group', { name: 'Partner-sourced pipeline' }).textContent();
    expect(sourced).toContain(`Not known — ${AMOUNT_HIDDEN}`);
    expect(sourced).toContain('1 opportunity');
    expect(sourced).not.toContain('$0');
  });
});
