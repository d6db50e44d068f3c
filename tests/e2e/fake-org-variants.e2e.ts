// The fake org's real-org variants (tests/fake-org/variants.ts) in real Chromium, with today's extension loaded:
// every variant page renders without a page error, the selectors real orgs need match (type selectors with an
// underscore, which happy-dom cannot parse), and lib/crm/salesforce/shadow-dom.ts behaves in native shadow DOM
// as a browser makes it: selectors stop at shadow boundaries, and one observer batch spans every tree.
// Nothing here depends on what the extension does with these pages.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ShadowDom from '../../lib/crm/salesforce/shadow-dom';
import { createSeedData, DEMO_OPPORTUNITY_IDS, findOpportunity } from '../fake-org/data';
import { startFakeOrg, type FakeOrg } from '../fake-org/server';
import { PAGE_VARIANT_URL_PARAMS, type PageVariants } from '../fake-org/variants';
import { launchExtension, REPO_ROOT, type LaunchedExtension } from './harness';

/** The page's window: the fake org's hooks and the helpers this file injects. */
type PageWindow = Window & {
  __fakeOrg: { whenRendered(): Promise<void>; loadMoreRows(): Promise<number>; activeContainer(): Element | null };
  __shadowDom: typeof ShadowDom;
};

let org: FakeOrg;
let browser: LaunchedExtension;
/** lib/crm/salesforce/shadow-dom.ts as a page script that defines window.__shadowDom. */
let shadowDomScript: string;

const FLAGSHIP = DEMO_OPPORTUNITY_IDS.flagship;
const ACTIVE = '.oneCenterStage div.windowViewMode-normal.active';

beforeAll(async () => {
  // 200 more opportunities: list views load in batches, and accounts have more than a related list card shows.
  org = await startFakeOrg({ port: 0, data: createSeedData(new Date(), { extraOpportunities: 200 }) });
  const source = readFileSync(`${REPO_ROOT}lib/crm/salesforce/shadow-dom.ts`, 'utf8');
  const { code } = await transformWithOxc(source, 'shadow-dom.ts', { lang: 'ts' });
  const names = [...code.matchAll(/^export function (\w+)/gm)].map((match) => match[1]);
  const body = code.replace(/^export /gm, '');
  shadowDomScript = `window.__shadowDom = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();`;
  browser = await launchExtension();
});

afterAll(async () => {
  await browser?.close();
  await org?.close();
});

const accountWithMostOpportunities = () => {
  const count = (id: string) => org.state.opportunities.filter((o) => o.AccountId === id).length;
  return [...org.state.accounts].sort((a, b) => count(b.Id) - count(a.Id))[0]!;
};

/** Opens `path` in a new tab with the given variants in its URL; resolves once the page's content is rendered. */
async function visit(path: string, variants: Partial<PageVariants> = {}) {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const url = new URL(path, org.lightningOrigin);
  for (const [name, value] of Object.entries(variants)) {
    url.searchParams.set(PAGE_VARIANT_URL_PARAMS[name as keyof PageVariants], value);
  }
  await page.goto(url.href);
  await page.waitForFunction(() => (window as unknown as PageWindow).__fakeOrg !== undefined);
  await page.evaluate(() => (window as unknown as PageWindow).__fakeOrg.whenRendered());
  await page.addScriptTag({ content: shadowDomScript });
  return { page, errors };
}

async function close(page: Page, errors: string[]) {
  await page.close();
  expect(errors).toEqual([]);
}

describe('fake org variants in Chromium', () => {
  it('render the structures of Salesforce’s page objects, found with the selectors real orgs need', async () => {
    const flagship = findOpportunity(org.state, FLAGSHIP)!;
    const record = await visit(`/lightning/r/Opportunity/${FLAGSHIP}/view`, {
      recordLayout: 'dynamic-forms',
      highlights: 'dynamic',
    });
    expect(
      await record.page.evaluate(() => ({
        fields: document.querySelectorAll('record_flexipage-record-field').length,
        layoutItems: document.querySelectorAll('records-record-layout-item').length,
        underLayoutItems: [...document.querySelectorAll('record_flexipage-record-field')].filter((field) =>
          field.closest('records-record-layout-item'),
        ).length,
        amount: document.querySelector(
          'record_flexipage-record-field > div[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]',
        )?.textContent,
        title: document.querySelector(
          "record_flexipage-dynamic-highlights2 record_flexipage-highlights-primary-row [slot='primaryField']",
        )?.textContent,
        oldHighlights: document.querySelectorAll('records-highlights2, records-lwc-highlights-panel').length,
      })),
    ).toEqual({
      fields: 14 + 4,
      layoutItems: 0,
      underLayoutItems: 0,
      amount: 'Amount$120,000.00',
      title: flagship.Name,
      oldHighlights: 0,
    });
    await close(record.page, record.errors);

    const account = accountWithMostOpportunities();
    const tiles = await visit(`/lightning/r/Account/${account.Id}/view`, { relatedLists: 'tiles' });
    expect(
      await tiles.page.evaluate(() => ({
        cards: document.querySelectorAll('lst-primary-display-card lst-related-preview-card').length,
        rows: document.querySelectorAll('tr[data-row-key-value]').length,
        links: [...document.querySelectorAll('lst-related-preview-card h3.slds-tile__title a[href]')].every((a) =>
          /^\/lightning\/r\/Opportunity\/006\w{15}\/view$/.test(a.getAttribute('href')!),
        ),
      })),
    ).toEqual({ cards: 6, rows: 0, links: true });
    await close(tiles.page, tiles.errors);

    const viewAll = await visit(
      `/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page` +
        `&force__cmpId=lst_dynamicRelatedList&force__recordId=${account.Id}`,
      { datatable: 'role-based' },
    );
    const related = org.state.opportunities.filter((o) => o.AccountId === account.Id).length;
    expect(
      await viewAll.page.evaluate(() => ({
        rowHeaders: document.querySelectorAll("lightning-datatable [role='rowheader']").length,
        gridCells: document.querySelectorAll("lightning-datatable div[role='gridcell']").length,
        tableRows: document.querySelectorAll('tr[data-row-key-value]').length,
      })),
    ).toEqual({ rowHeaders: Math.min(related, 50), gridCells: Math.min(related, 50) * 5, tableRows: 0 });
    await close(viewAll.page, viewAll.errors);
  });

  it('in native shadow, hides record fields from document.querySelector; the deep helpers find them', async () => {
    const { page, errors } = await visit(`/lightning/r/Opportunity/${FLAGSHIP}/view`, { shadow: 'native' });
    const found = await page.evaluate((active) => {
      const { __shadowDom, __fakeOrg } = window as unknown as PageWindow;
      const { querySelectorAllDeep, querySelectorDeep, closestDeep, composedTextContent } = __shadowDom;
      const amount = querySelectorDeep(
        document,
        'div[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]',
      );
      return {
        documentQuery: document.querySelectorAll('records-record-layout-item, [data-target-selection-name]').length,
        deepItems: querySelectorAllDeep(document, 'records-record-layout-item').length,
        acrossBoundary: querySelectorAllDeep(document, 'records-record-layout-item span.test-id__field-value').length,
        innermost: querySelectorAllDeep(document, 'span.test-id__field-value').length,
        value: amount && composedTextContent(amount.querySelector('span.test-id__field-value')!),
        plainText: amount?.querySelector('span.test-id__field-value')?.textContent,
        inActivePage: amount ? closestDeep(amount, active) === __fakeOrg.activeContainer() : false,
        pageContainerInLightDom: document.querySelectorAll(active).length,
      };
    }, ACTIVE);
    expect(found).toEqual({
      documentQuery: 0,
      deepItems: 14,
      acrossBoundary: 0,
      innermost: 14,
      value: '$120,000.00',
      plainText: '',
      inActivePage: true,
      pageContainerInLightDom: 1,
    });
    // Playwright's locators pierce open shadow roots too.
    await expect(page.locator('records-record-layout-item').count()).resolves.toBe(14);
    await close(page, errors);
  });

  it('observes rows added inside a shadow root, in one batch across trees; an observer on body sees none', async () => {
    const { page, errors } = await visit('/lightning/o/Opportunity/list?filterName=AllOpportunities', {
      shadow: 'native',
    });
    const seen = await page.evaluate(async () => {
      const { __shadowDom, __fakeOrg } = window as unknown as PageWindow;
      const addsRows = (record: MutationRecord) => [...record.addedNodes].some((node) => node.nodeName === 'TR');
      const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
      const batches: MutationRecord[][] = [];
      let rowsSeenFromBody = 0;
      const controller = new AbortController();
      __shadowDom.observeDeep(document.body, (records) => batches.push(records), { signal: controller.signal });
      new MutationObserver((records) => (rowsSeenFromBody += records.filter(addsRows).length)).observe(document.body, {
        childList: true,
        subtree: true,
      });
      const loaded = await __fakeOrg.loadMoreRows();
      await nextTask();
      const rowRecords = batches.flat().filter(addsRows);
      const inShadow = rowRecords.every((record) => record.target.getRootNode() instanceof ShadowRoot);

      // Two trees changed in one task: a browser delivers both records in one batch.
      const header = __shadowDom.querySelectorDeep(document, '.list-view-header.slds-page-header')!;
      const inHeader = header.appendChild(document.createElement('span'));
      const inBody = document.body.appendChild(document.createElement('span'));
      await nextTask();
      const batch = batches.find((records) => records.some((record) => record.addedNodes[0] === inHeader));
      const oneBatch = batch !== undefined && batch.some((record) => record.addedNodes[0] === inBody);

      controller.abort();
      const before = batches.length;
      document.body.append(document.createElement('span'));
      await nextTask();
      return {
        loaded,
        rowRecords: rowRecords.length,
        inShadow,
        oneBatch,
        afterAbort: batches.length - before,
        rowsSeenFromBody,
      };
    });
    expect(seen).toEqual({
      loaded: 50,
      rowRecords: 1,
      inShadow: true,
      oneBatch: true,
      afterAbort: 0,
      rowsSeenFromBody: 0,
    });
    await close(page, errors);
  });

  it('renders every kind of page in native shadow without an error', async () => {
    const account = accountWithMostOpportunities();
    const user = org.state.users[0]!;
    const viewAll =
      '/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page' +
      `&force__cmpId=lst_dynamicRelatedList&force__recordId=${account.Id}`;
    const visits: [string, Partial<PageVariants>, string][] = [
      [`/lightning/r/Opportunity/${FLAGSHIP}/view`, {}, 'records-record-layout-item'],
      [`/lightning/r/Opportunity/${FLAGSHIP}/edit`, { recordLayout: 'dynamic-forms' }, 'flexipage-field'],
      [`/lightning/r/Opportunity/${FLAGSHIP}/view`, { highlights: 'dynamic' }, '.entityNameTitle'],
      [`/lightning/r/Account/${account.Id}/view`, {}, 'article[aria-label="Opportunities"]'],
      [`/lightning/r/Account/${account.Id}/view`, { relatedLists: 'grid' }, 'tr[data-row-number]'],
      [`/lightning/r/Account/${account.Id}/view`, { relatedLists: 'dynamic-tiles' }, 'lst-template-list-field'],
      [`/lightning/r/Account/${account.Id}/related/Opportunities/view`, {}, 'tr[data-row-key-value]'],
      [viewAll, {}, 'tr[data-row-number]'],
      [viewAll, { datatable: 'role-based' }, "div[role='gridcell']"],
      ['/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=kanban', {}, '.pipelineViewCard'],
      ['/lightning/o/Account/list?filterName=AllAccounts', {}, 'tr[data-row-key-value]'],
      ['/lightning/page/home', {}, '.home-main .slds-card'],
      [`/lightning/r/${user.Id}/view`, {}, 'records-record-layout-item'],
      ['/lightning/r/Opportunity/006Ka00000ZZZQzIAI/view', {}, '.forceRecordNotFound'],
      [`/lightning/r/Opportunity/${FLAGSHIP}/view?ws=%2Flightning%2Fr%2FAccount%2F${account.Id}%2Fview`, {}, 'h1'],
    ];
    for (const [path, variants, expected] of visits) {
      const { page, errors } = await visit(path, { shadow: 'native', ...variants });
      const state = await page.evaluate((selector) => {
        const { __shadowDom, __fakeOrg } = window as unknown as PageWindow;
        const container = __fakeOrg.activeContainer()!;
        return {
          found: __shadowDom.querySelectorDeep(container, selector) !== null,
          inLightDom: document.querySelector(selector) !== null,
          shadowHosts: [...container.querySelectorAll('*')].filter((element) => element.shadowRoot).length,
        };
      }, expected);
      expect(state.found, `${path} ${expected}`).toBe(true);
      expect(state.inLightDom, `${path} ${expected}`).toBe(false);
      expect(state.shadowHosts, path).toBeGreaterThan(0);
      await close(page, errors);
    }
  });
});
