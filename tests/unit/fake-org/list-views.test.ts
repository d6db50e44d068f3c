// @vitest-environment node
// List views, the Kanban pipeline board and the related list "View All" page of the fake Lightning app, run in a
// fresh happy-dom window per test: row structure, infinite scroll, sorting, display switching, 2,000 rows.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { toId18 } from '../../../lib/record-id';
import { createSeedData, DEMO_OPPORTUNITY_IDS, OPPORTUNITY_COUNT, STAGES, type OrgData } from '../../fake-org/data';
import { lightningShell } from '../../fake-org/pages/lightning';
import { DEFAULT_UI } from '../../fake-org/server';
import { runLightningShell } from './lightning-window';

const ORIGIN = 'https://acme.lightning.force.com';
const NOW = new Date(2026, 2, 4, 10, 30);
const seed = createSeedData(NOW);
const big = createSeedData(NOW, { extraOpportunities: 2000 });

interface ListState {
  display: 'table' | 'kanban';
  loaded: number;
  total: number;
  sortLabel: string | null;
  sortDirection: 'ascending' | 'descending' | null;
}

interface FakeOrgHooks {
  navigate(path: string): Promise<void>;
  whenRendered(): Promise<void>;
  loadMoreRows(): Promise<number>;
  sortList(label: string, direction?: 'ascending' | 'descending'): void;
  setListDisplay(display: 'table' | 'kanban'): void;
  listState(): ListState | null;
}

let window: Window | undefined;

afterEach(async () => {
  await window?.happyDOM.close();
  window = undefined;
});

function open(path: string, data: OrgData = seed, renderDelayMs = 0) {
  window = new Window({
    url: `${ORIGIN}${path}`,
    settings: { disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true, disableCSSFileLoading: true },
  });
  const html = lightningShell(data, { ...DEFAULT_UI, renderDelayMs });
  const document = window.document as unknown as Document;
  runLightningShell(window, html);
  const hooks = (window as unknown as { __fakeOrg: FakeOrgHooks }).__fakeOrg;
  return { document, hooks };
}

function activePage(document: Document): Element {
  const pages = document.querySelectorAll('.oneCenterStage div.windowViewMode-normal.active');
  expect(pages).toHaveLength(1);
  return pages[0]!;
}

const ROWS = 'force-list-view-manager-presented lightning-list-view-table table > tbody > tr[data-row-key-value]';
const rowIds = (page: Element, selector = ROWS) =>
  [...page.querySelectorAll(selector)].map((row) => row.getAttribute('data-row-key-value')!);
const byId = (data: OrgData) => new Map(data.opportunities.map((o) => [o.Id, o]));

describe('fake Lightning list views', () => {
  it('renders rows with the 18-character id, the name link and labelled cells', () => {
    const { document } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities');
    const page = activePage(document);
    const rows = page.querySelectorAll(ROWS);
    expect(rows).toHaveLength(OPPORTUNITY_COUNT);
    for (const row of rows) {
      const id = row.getAttribute('data-row-key-value')!;
      expect(id).toHaveLength(18);
      expect(row.querySelector('th[scope="row"] a')?.getAttribute('href')).toBe(`/lightning/r/Opportunity/${id}/view`);
      expect([...row.querySelectorAll('td[data-label]')].map((cell) => cell.getAttribute('data-label'))).toEqual([
        'Account Name',
        'Stage',
        'Amount',
        'Close Date',
        'Opportunity Owner',
      ]);
    }
    const header = page.querySelector('thead th[aria-label="Opportunity Name"]')!;
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(header.querySelector('button.slds-th__action')).not.toBeNull();
    expect(page.querySelector('thead th[aria-label="Amount"]')?.getAttribute('aria-sort')).toBe('none');
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toBe(
      `${OPPORTUNITY_COUNT} items • Sorted by Opportunity Name • Updated a few seconds ago`,
    );
  });

  it('loads the first 50 rows, then 50 more when the scroll container nears its bottom, up to 2,000+', {
    timeout: 30_000,
  }, async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities', big);
    const page = activePage(document);
    const total = big.opportunities.length;
    expect(total).toBe(OPPORTUNITY_COUNT + 2000);
    expect(page.querySelectorAll(ROWS)).toHaveLength(50);
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toMatch(
      /^50\+ items • Sorted by Opportunity Name/,
    );
    const firstRows = [...page.querySelectorAll(ROWS)];

    // A scroll event on the table's scroll container (happy-dom has no layout: it is always "at the bottom").
    page
      .querySelector('lightning-list-view-table .slds-scrollable_y')!
      .dispatchEvent(new window!.Event('scroll') as unknown as Event);
    await hooks.whenRendered();
    await Promise.resolve();
    expect(page.querySelectorAll(ROWS)).toHaveLength(100);
    const after = [...page.querySelectorAll(ROWS)];
    expect(after.slice(0, 50)).toEqual(firstRows); // appended, the first rows are the same elements
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toMatch(/^100\+ items/);

    while ((await hooks.loadMoreRows()) > 0);
    const ids = rowIds(page);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const names = ids.map((id) => byId(big).get(id)!.Name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(page.querySelector(`tr[data-row-key-value="${ids[total - 1]}"] .slds-row-number`)?.textContent).toBe(
      String(total),
    );
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toMatch(new RegExp(`^${total} items`));
    expect(hooks.listState()).toMatchObject({ display: 'table', loaded: total, total });
  });

  it('loads the next batch after the render delay, once even when asked twice', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities', big, 10);
    await hooks.whenRendered();
    const page = activePage(document);
    const first = hooks.loadMoreRows();
    const second = hooks.loadMoreRows();
    expect(page.querySelector('.loadingMore')).not.toBeNull();
    expect(await first).toBe(50);
    expect(await second).toBe(50);
    expect(page.querySelectorAll(ROWS)).toHaveLength(100);
    expect(page.querySelector('.loadingMore')).toBeNull();
  });

  it('re-renders the tbody with new rows when a column header sorts, toggling the direction', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities', big);
    const page = activePage(document);
    await hooks.loadMoreRows();
    const oldBody = page.querySelector('tbody')!;
    const oldRows = new Set(page.querySelectorAll(ROWS));
    const amountButton = () => page.querySelector<HTMLElement>('thead th[aria-label="Amount"] button')!;

    amountButton().click();
    expect(page.querySelector('tbody')).not.toBe(oldBody);
    const rows = [...page.querySelectorAll(ROWS)];
    expect(rows).toHaveLength(50); // back to the first batch, like a new query
    expect(rows.some((row) => oldRows.has(row))).toBe(false);
    expect(page.querySelector('thead th[aria-label="Amount"]')?.getAttribute('aria-sort')).toBe('ascending');
    expect(page.querySelector('thead th[aria-label="Opportunity Name"]')?.getAttribute('aria-sort')).toBe('none');
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toMatch(/Sorted by Amount/);
    const amounts = (ids: string[]) => ids.map((id) => byId(big).get(id)!.Amount ?? -1);
    const ascending = amounts(rowIds(page));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBe(-1); // blank amounts first, as Salesforce sorts nulls

    amountButton().click();
    expect(page.querySelector('thead th[aria-label="Amount"]')?.getAttribute('aria-sort')).toBe('descending');
    await hooks.loadMoreRows();
    const descending = amounts(rowIds(page));
    expect(descending).toHaveLength(100);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(page.querySelector('tr[data-row-key-value] td[data-label="Amount"]')?.textContent).toBe(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(descending[0]!),
    );

    hooks.sortList('Stage', 'ascending');
    const stageRank = (id: string) => STAGES.findIndex((stage) => stage.name === byId(big).get(id)!.StageName);
    const ranks = rowIds(page).map(stageRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(hooks.listState()).toMatchObject({ sortLabel: 'Stage', sortDirection: 'ascending', loaded: 50 });
  });

  it('re-renders when the list view picker changes the filter', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities');
    const before = activePage(document);
    before.querySelector<HTMLElement>('.listViewPicker a[href$="filterName=Won"]')!.click();
    await hooks.whenRendered();
    const page = activePage(document);
    expect(page).not.toBe(before);
    expect(window!.location.search).toBe('?filterName=Won');
    const ids = rowIds(page);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => byId(seed).get(id)!.IsWon)).toBe(true);
    expect(page.querySelector('thead th[aria-label="Close Date"]')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('switches to the Kanban pipeline board without changing the URL, and back', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=OpenOpportunities');
    const page = activePage(document);
    const url = window!.location.href;
    page.querySelector<HTMLElement>('.listDisplaySwitcher button[data-display="kanban"]')!.click();
    expect(window!.location.href).toBe(url);
    expect(page.querySelector('lightning-list-view-table')).toBeNull();
    expect(page.querySelector('.listDisplaySwitcher button[data-display="kanban"]')?.getAttribute('aria-pressed')).toBe(
      'true',
    );

    const open_ = seed.opportunities.filter((o) => !o.IsClosed);
    const columns = [
      ...page.querySelectorAll('force-list-view-manager-presented .runtime_sales_pipelineboardPipelineViewColumn'),
    ];
    expect(columns.map((column) => column.querySelector('.columnTitle .stageName')?.textContent)).toEqual(
      STAGES.map((stage) => stage.name),
    );
    for (const column of columns) {
      const stage = column.querySelector('.stageName')!.textContent!;
      const expected = open_.filter((o) => o.StageName === stage);
      const cards = [...column.querySelectorAll('.pipelineViewCard')];
      expect(cards).toHaveLength(expected.length);
      expect(column.querySelector('.recordCount')?.textContent).toBe(`(${expected.length})`);
      const total = expected.reduce((sum, o) => sum + (o.Amount ?? 0), 0);
      expect(column.querySelector('.columnSummary')?.textContent).toBe(
        new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(total),
      );
      for (const card of cards) {
        const link = card.querySelector('.primaryDisplayField a')!;
        const id = /^\/lightning\/r\/Opportunity\/(\w{18})\/view$/.exec(link.getAttribute('href')!)![1]!;
        const opportunity = byId(seed).get(id)!;
        expect(link.textContent).toBe(opportunity.Name);
        expect(card.querySelector('[data-label="Amount"]')?.textContent).toBe(
          opportunity.Amount === null
            ? ''
            : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(opportunity.Amount),
        );
        expect(card.querySelector('[data-label="Close Date"]')?.textContent).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
      }
    }
    expect(page.querySelectorAll('.pipelineViewCard')).toHaveLength(open_.length);
    expect(hooks.listState()).toMatchObject({ display: 'kanban', total: open_.length });

    hooks.setListDisplay('table');
    expect(page.querySelector('.runtime_sales_pipelineboardPipelineViewColumn')).toBeNull();
    expect(page.querySelectorAll(ROWS)).toHaveLength(open_.length);
  });

  it('remembers the Kanban display per list view, and fakeOrgDisplay=kanban preselects it', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=kanban');
    const page = activePage(document);
    expect(page.querySelectorAll('.pipelineViewCard')).toHaveLength(seed.opportunities.length);
    expect(page.querySelector(ROWS)).toBeNull();

    await hooks.navigate('/lightning/o/Opportunity/list?filterName=Won');
    expect(activePage(document).querySelector(ROWS)).not.toBeNull();
    await hooks.navigate('/lightning/page/home');
    await hooks.navigate('/lightning/o/Opportunity/list?filterName=OpenOpportunities');
    hooks.setListDisplay('kanban');
    await hooks.navigate('/lightning/o/Opportunity/list?filterName=AllOpportunities');
    expect(activePage(document).querySelector('.runtime_sales_pipelineboardPipelineViewColumn')).not.toBeNull();
    await hooks.navigate('/lightning/o/Account/list?filterName=AllAccounts');
    expect(() => hooks.setListDisplay('kanban')).toThrow(/cannot display as "kanban"/);
  });

  it('lists the account\'s opportunities in its related list and on the "View All" page', async () => {
    const flagship = byId(big).get(DEMO_OPPORTUNITY_IDS.flagship)!;
    const accountId = flagship.AccountId;
    const ofAccount = big.opportunities.filter((o) => o.AccountId === accountId);
    expect(ofAccount.length).toBeGreaterThan(100);
    const { document, hooks } = open(`/lightning/r/Account/${accountId}/view`, big);
    const account = activePage(document);
    const related = account.querySelectorAll('lst-related-list-single-container tbody tr[data-row-key-value]');
    expect(related.length).toBeGreaterThan(0);
    for (const row of related) {
      expect(row.querySelector('th[scope="row"] a')?.getAttribute('href')).toBe(
        `/lightning/r/Opportunity/${row.getAttribute('data-row-key-value')}/view`,
      );
    }
    account.querySelector<HTMLElement>('lst-related-list-single-container footer a')!.click();
    await hooks.whenRendered();
    expect(window!.location.pathname).toBe(`/lightning/r/Account/${accountId}/related/Opportunities/view`);
    const page = activePage(document);
    const selector = 'lst-related-list-view-manager lightning-list-view-table tbody tr[data-row-key-value]';
    expect(page.querySelectorAll(selector)).toHaveLength(50);
    while ((await hooks.loadMoreRows()) > 0);
    const ids = rowIds(page, selector);
    expect(new Set(ids)).toEqual(new Set(ofAccount.map((o) => o.Id)));
    const row = page.querySelector(`tr[data-row-key-value="${flagship.Id}"]`)!;
    expect(row.querySelector('th[scope="row"] a[href*="/lightning/r/"]')?.textContent).toBe(flagship.Name);
    expect(row.querySelector('td[data-label="Stage"]')?.textContent).toBe(flagship.StageName);
    expect(page.querySelector('.countSortedByFilterByWrapper')?.textContent).toMatch(
      new RegExp(`^${ofAccount.length} items • Sorted by Opportunity Name`),
    );
  });
});

describe('2,000 generated opportunities', () => {
  it('keeps the default seed unchanged and adds valid, varied, consistent opportunities', () => {
    expect(big.opportunities.slice(0, OPPORTUNITY_COUNT)).toEqual(seed.opportunities);
    expect(createSeedData(NOW, { extraOpportunities: 0 })).toEqual(seed);
    const extra = big.opportunities.slice(OPPORTUNITY_COUNT);
    expect(extra).toHaveLength(2000);
    expect(new Set(big.opportunities.map((o) => o.Id)).size).toBe(big.opportunities.length);
    const accounts = new Set(big.accounts.map((a) => a.Id));
    const nowMs = NOW.getTime();
    for (const o of extra) {
      expect(toId18(o.Id.slice(0, 15))).toBe(o.Id);
      expect(o.Id.startsWith('006')).toBe(true);
      expect(accounts.has(o.AccountId)).toBe(true);
      const stage = STAGES.find((candidate) => candidate.name === o.StageName)!;
      expect({ IsClosed: o.IsClosed, IsWon: o.IsWon, Probability: o.Probability }).toEqual({
        IsClosed: stage.isClosed,
        IsWon: stage.isWon,
        Probability: stage.probability,
      });
      expect(Date.parse(o.CreatedDate)).toBeLessThanOrEqual(nowMs);
      expect(o.CloseDate >= o.CreatedDate.slice(0, 10) || o.IsClosed).toBe(true);
    }
    expect(new Set(extra.map((o) => o.StageName)).size).toBe(STAGES.length);
    expect(new Set(extra.map((o) => o.AccountId)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(extra.map((o) => o.OwnerId)).size).toBe(4);
    expect(new Set(extra.map((o) => o.Amount)).size).toBeGreaterThan(300);
    expect(createSeedData(NOW, { extraOpportunities: 2000 })).toEqual(big);
    expect(() => createSeedData(NOW, { extraOpportunities: -1 })).toThrow(/extraOpportunities/);
  });
});

describe('2,000 rows on the board', () => {
  it('puts every opportunity of the list view on the Kanban board', { timeout: 30_000 }, () => {
    const { document } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=kanban', big);
    const page = activePage(document);
    expect(
      page.querySelectorAll(
        '.runtime_sales_pipelineboardPipelineViewColumn .pipelineViewCard .primaryDisplayField ' +
          'a[href^="/lightning/r/Opportunity/"]',
      ),
    ).toHaveLength(big.opportunities.length);
  });
});
