// @vitest-environment node
// The real-org variants of the fake Lightning app (tests/fake-org/variants.ts), each in a fresh happy-dom window:
// Dynamic Forms, the Dynamic Highlights Panel, related lists as datatables or tiles, the Dynamic Related List's
// View All page, native shadow DOM, and the settings that choose them. The defaults are in lightning-app.test.ts
// and list-views.test.ts; here they are checked to stay free of every variant.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closestDeep,
  composedTextContent,
  openShadowRootsIn,
  querySelectorAllDeep,
  querySelectorDeep,
} from '../../../lib/crm/salesforce/shadow-dom';
import { createSeedData, DEMO_OPPORTUNITY_IDS, findOpportunity, type OrgData } from '../../fake-org/data';
import { lightningShell } from '../../fake-org/pages/lightning';
import type { LightningUiSettings } from '../../fake-org/router';
import { DEFAULT_UI, startFakeOrg } from '../../fake-org/server';
import { DEFAULT_PAGE_VARIANTS, parsePageVariants, type PageVariants } from '../../fake-org/variants';
import { runLightningShell } from './lightning-window';

const ORIGIN = 'https://acme.lightning.force.com';
const NOW = new Date(2026, 2, 4, 10, 30);
const data = createSeedData(NOW);
/** The seed and 200 more opportunities, so that accounts have more than a related list card shows. */
const many = createSeedData(NOW, { extraOpportunities: 200 });
const FLAGSHIP = DEMO_OPPORTUNITY_IDS.flagship;
const flagship = findOpportunity(data, FLAGSHIP)!;
const opportunitiesOf = (accountId: string) => many.opportunities.filter((o) => o.AccountId === accountId);
/** The account with the most opportunities: its related list shows six of them. */
const bigAccount = [...many.accounts].sort((a, b) => opportunitiesOf(b.Id).length - opportunitiesOf(a.Id).length)[0]!;
const bigAccountOpportunities = opportunitiesOf(bigAccount.Id);
const ACTIVE = '.oneCenterStage div.windowViewMode-normal.active';

// happy-dom 21 rejects type selectors with an underscore (record_flexipage-record-field), which browsers accept
// (tests/e2e/fake-org-variants.e2e.ts uses them in Chromium): these tests find such elements by name instead.
const named = (root: ParentNode, name: string) => [...root.querySelectorAll('*')].filter((e) => e.localName === name);
const namedDeep = (root: Document | Element, name: string) =>
  querySelectorAllDeep(root, '*').filter((e) => e.localName === name);

interface FakeOrgHooks {
  navigate(path: string): Promise<void>;
  whenRendered(): Promise<void>;
  loadMoreRows(): Promise<number>;
  sortList(label: string, direction?: 'ascending' | 'descending'): void;
  listState(): { loaded: number; total: number; sortLabel: string | null } | null;
  variants: PageVariants;
}

let window: Window | undefined;

afterEach(async () => {
  await window?.happyDOM.close();
  window = undefined;
});

/** Opens `path` with server settings `ui` (and whatever the URL overrides); `before` runs before the app starts. */
function open(
  path: string,
  ui: Partial<LightningUiSettings> = {},
  before?: (window: Window) => void,
  orgData: OrgData = path.includes(bigAccount.Id) ? many : data,
) {
  window = new Window({
    url: `${ORIGIN}${path}`,
    settings: { disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true, disableCSSFileLoading: true },
  });
  before?.(window);
  runLightningShell(window, lightningShell(orgData, { ...DEFAULT_UI, renderDelayMs: 0, ...ui }));
  const document = window.document as unknown as Document;
  const hooks = (window as unknown as { __fakeOrg: FakeOrgHooks }).__fakeOrg;
  const page = document.querySelector(ACTIVE)!;
  expect(page).not.toBeNull();
  return { document, hooks, page };
}

const opportunityPath = `/lightning/r/Opportunity/${FLAGSHIP}/view`;
const accountPath = `/lightning/r/Account/${bigAccount.Id}/view`;
const dynamicViewAllPath =
  '/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page' +
  `&force__cmpId=lst_dynamicRelatedList&force__recordId=${bigAccount.Id}`;

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
const allElements = (root: ParentNode) => [...root.querySelectorAll('*')];

describe('the default pages', () => {
  it('use no variant and no shadow root', () => {
    for (const path of [opportunityPath, accountPath, '/lightning/o/Opportunity/list?filterName=AllOpportunities']) {
      const { document, hooks, page } = open(path);
      expect(hooks.variants).toEqual(DEFAULT_PAGE_VARIANTS);
      expect(
        allElements(document).filter((element) => element.shadowRoot),
        path,
      ).toEqual([]);
      for (const tag of [
        'record_flexipage-record-field',
        'record_flexipage-dynamic-highlights2',
        'lst-primary-display',
        'lst-dynamic-related-list',
        'lightning-datatable',
        'records-modstamp',
      ]) {
        expect(named(page, tag), `${path} ${tag}`).toEqual([]);
      }
      expect(page.querySelectorAll('slot[name="outputField"]'), path).toHaveLength(0);
    }
  });
});

describe('Dynamic Forms', () => {
  it('renders record fields as record_flexipage-record-field with no records-record-layout-item', () => {
    const { page } = open(opportunityPath, { recordLayout: 'dynamic-forms' });
    expect(page.querySelector('records-record-layout-item')).toBeNull();
    expect(page.querySelector('records-lwc-record-layout')).toBeNull();
    const fields = named(page, 'record_flexipage-record-field');
    expect(fields.length).toBe(14);
    for (const field of fields) expect(field.closest('records-record-layout-item')).toBeNull();

    const wrapper = page.querySelector(
      'flexipage-component2 flexipage-field-section2 [slot="columns"] flexipage-column2 ' +
        'flexipage-field[data-field-id="RecordAmountField"]',
    )!;
    const amount = wrapper.querySelector(':scope > slot')!.firstElementChild!;
    expect(amount.localName).toBe('record_flexipage-record-field');
    const target = amount.querySelector(
      ':scope > div[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]',
    );
    expect(target).not.toBeNull();
    expect(text(amount.querySelector('.test-id__field-label'))).toBe('Amount');
    expect(text(amount.querySelector('span.test-id__field-value'))).toBe('$120,000.00');
    expect(
      amount.querySelector('span.test-id__field-value.is-read-only > slot > lightning-formatted-number'),
    ).not.toBeNull();
    expect(text(page.querySelector('[data-target-selection-name$=".StageName"] .test-id__field-value'))).toBe(
      flagship.StageName,
    );
    expect([...page.querySelectorAll('flexipage-field-section2 .slds-section__title')].map(text)).toEqual([
      'Opportunity Information',
      'System Information',
    ]);
  });

  it('keeps the standard highlights unless Dynamic Highlights are chosen too', () => {
    const { page } = open(opportunityPath, { recordLayout: 'dynamic-forms' });
    expect(page.querySelector('records-lwc-highlights-panel > records-highlights2')).not.toBeNull();
  });
});

describe('the Dynamic Highlights Panel', () => {
  it('puts the title in the primary row and the highlighted fields in the secondaryFields slot', () => {
    const { page, document } = open(opportunityPath, { highlights: 'dynamic' });
    expect(page.querySelector('records-highlights2')).toBeNull();
    expect(page.querySelector('records-lwc-highlights-panel')).toBeNull();
    const [panel] = named(page, 'record_flexipage-dynamic-highlights2');
    const [row] = named(panel!, 'record_flexipage-highlights-primary-row');
    expect(text(row!.querySelector('.entityNameTitle'))).toBe('Opportunity');
    expect(text(row!.querySelector("[slot='primaryField']"))).toBe(flagship.Name);
    expect(row!.querySelector("[slot='primaryField'] lightning-formatted-text")?.getAttribute('title')).toBe(
      flagship.Name,
    );

    const secondary = [...panel!.querySelectorAll("slot[name='secondaryFields'] > *")];
    expect(secondary).toHaveLength(4);
    for (const field of secondary) {
      expect(field.localName).toBe('record_flexipage-record-field');
      expect(field.getAttribute('slot')).toBe('secondaryFields');
    }
    expect(secondary.map((field) => text(field.querySelector('.test-id__field-label')))).toEqual([
      'Account Name',
      'Close Date',
      'Amount',
      'Opportunity Owner',
    ]);
    expect(
      secondary[2]!.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]'),
    ).not.toBeNull();
    // The page layout below is unchanged: the title is found once, in the highlights.
    expect(page.querySelector('records-record-layout-item[field-label="Amount"]')).not.toBeNull();
    expect(document.title).toBe(`${flagship.Name} | Opportunity | Salesforce`);
  });
});

describe('related lists', () => {
  const CHAIN =
    'lst-related-list-single-container > lst-related-list-single-app-builder-mapper > lst-related-list-view-manager ' +
    'lst-common-list-internal > lst-primary-display-manager > lst-primary-display';

  it('render as a lightning-datatable (grid) in a Related List – Single', () => {
    const { page } = open(accountPath, { relatedLists: 'grid' });
    expect(bigAccountOpportunities.length).toBeGreaterThan(6);
    const table = page.querySelector(`${CHAIN} > lst-primary-display-grid > lightning-datatable table[role="grid"]`)!;
    expect(table).not.toBeNull();
    expect(table.querySelector('thead[data-rowgroup-header] > tr[data-row-key-value="HEADER"]')).not.toBeNull();
    const rows = [...table.querySelectorAll('tbody[data-rowgroup-body] > tr[data-row-number][data-row-key-value]')];
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => row.getAttribute('data-row-number'))).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const row of rows) {
      const id = row.getAttribute('data-row-key-value')!;
      const header = row.querySelector('th[role="rowheader"][scope="row"]')!;
      expect(header.querySelector('a')?.getAttribute('href')).toBe(`/lightning/r/Opportunity/${id}/view`);
      expect(text(header)).toBe(findOpportunity(many, id)!.Name);
      const cells = [...row.querySelectorAll('td[role="gridcell"][data-label]')];
      expect(cells.map((cell) => cell.getAttribute('data-label'))).toEqual(['Stage', 'Amount', 'Close Date']);
      expect(cells.every((cell) => cell.querySelector(':scope > lightning-primitive-cell-factory'))).toBe(true);
    }
    const header = page.querySelector('lst-list-view-manager-header h2.slds-card__header-title')!;
    expect(text(header.querySelector('span.slds-truncate'))).toBe('Opportunities');
    expect(text(header.querySelector('span.slds-shrink-none'))).toBe(`(${bigAccountOpportunities.length})`);
    const viewAll = page.querySelector('lst-related-list-view-manager footer a')!;
    expect(viewAll.getAttribute('href')).toBe(`/lightning/r/Account/${bigAccount.Id}/related/Opportunities/view`);
  });

  it('render as tiles, without table rows', () => {
    const { page } = open(accountPath, { relatedLists: 'tiles' });
    const cards = [
      ...page.querySelectorAll(
        `${CHAIN} > lst-primary-display-card lst-template-list ` +
          'lst-template-list-item-factory > lst-related-preview-card',
      ),
    ];
    expect(cards).toHaveLength(6);
    expect(page.querySelector('tr[data-row-key-value]')).toBeNull();
    expect(page.querySelector('lightning-datatable')).toBeNull();
    for (const card of cards) {
      const link = card.querySelector('h3.slds-tile__title force-lookup a[href]')!;
      const id = link.getAttribute('data-recordid')!;
      expect(link.getAttribute('href')).toBe(`/lightning/r/Opportunity/${id}/view`);
      expect(text(link)).toBe(findOpportunity(many, id)!.Name);
      expect([...card.querySelectorAll('dl dt')].map(text)).toEqual(['Stage:', 'Amount:', 'Close Date:']);
      expect(card.querySelectorAll('dl dd lst-template-list-field')).toHaveLength(3);
      expect(text(card.querySelector('dl dd lst-template-list-field'))).toBe(findOpportunity(many, id)!.StageName);
    }
  });

  it('render as a Dynamic Related List whose View All opens force__dynamicRelatedListViewAll', async () => {
    for (const relatedLists of ['dynamic-grid', 'dynamic-tiles'] as const) {
      const { page, hooks } = open(accountPath, { relatedLists });
      const manager = page.querySelector(
        'lst-dynamic-related-list > lst-dynamic-related-list-with-user-prefs > lst-related-list-view-manager',
      )!;
      expect(manager, relatedLists).not.toBeNull();
      expect(page.querySelector('lst-related-list-single-container')).toBeNull();
      const display = relatedLists === 'dynamic-grid' ? 'lst-primary-display-grid' : 'lst-primary-display-card';
      expect(manager.querySelector(`lst-primary-display > ${display}`), relatedLists).not.toBeNull();
      const viewAll = manager.querySelector<HTMLAnchorElement>('footer a')!;
      expect(viewAll.getAttribute('href')).toBe(dynamicViewAllPath);

      viewAll.click();
      await hooks.whenRendered();
      expect(window!.location.pathname + window!.location.search).toBe(dynamicViewAllPath);
      const viewAllPage = (window!.document as unknown as Document).querySelector(ACTIVE)!;
      expect(viewAllPage).not.toBe(page);
      expect(
        viewAllPage.querySelector('div.forceDynamicRelatedListViewAll lst-related-list-view-manager'),
      ).not.toBeNull();
    }
  });
});

describe('the Dynamic Related List View All page', () => {
  it('lists every related record in a lightning-datatable that sorts and loads in batches', () => {
    const { page, hooks, document } = open(dynamicViewAllPath);
    expect(document.title).toBe(`Opportunities | ${bigAccount.Name} | Salesforce`);
    const grid = page.querySelector(
      'div.forceDynamicRelatedListViewAll > lst-related-list-view-manager lst-common-list-internal ' +
        'lst-primary-display-manager > lst-primary-display > lst-primary-display-grid > lightning-datatable',
    )!;
    expect(grid).not.toBeNull();
    const rowIds = () =>
      [...grid.querySelectorAll('tbody[data-rowgroup-body] > tr[data-row-key-value]')].map((row) =>
        row.getAttribute('data-row-key-value'),
      );
    const byName = [...bigAccountOpportunities].sort((a, b) => a.Name.localeCompare(b.Name)).map((o) => o.Id);
    expect(rowIds()).toEqual(byName);
    expect(text(page.querySelector('lst-breadcrumbs nav'))).toBe(`Accounts > ${bigAccount.Name}`);
    expect(text(page.querySelector('.countSortedByFilterByWrapper'))).toMatch(
      new RegExp(`^${bigAccountOpportunities.length} items • Sorted by Opportunity Name`),
    );
    expect(grid.querySelector('[aria-label="Opportunity Name"][aria-sort="ascending"]')).not.toBeNull();
    expect(hooks.listState()).toMatchObject({ loaded: byName.length, total: byName.length });

    hooks.sortList('Opportunity Name', 'descending');
    expect(rowIds()).toEqual([...byName].reverse());
    expect(grid.querySelector('[aria-label="Opportunity Name"][aria-sort="descending"]')).not.toBeNull();
    const amount = grid.querySelector<HTMLElement>('[aria-label="Amount"] a[role="button"]')!;
    amount.click();
    expect(hooks.listState()?.sortLabel).toBe('Amount');
  });

  it('renders role-based rows when the datatable renders divs', () => {
    const { page } = open(dynamicViewAllPath, { datatable: 'role-based' });
    const grid = page.querySelector('lightning-datatable[render-mode="role-based"]')!;
    expect(grid.querySelector('table, tr, td, th')).toBeNull();
    const rows = [
      ...grid.querySelectorAll('div[data-rowgroup-body][role="rowgroup"] > div[role="row"][data-row-key-value]'),
    ];
    expect(rows).toHaveLength(bigAccountOpportunities.length);
    for (const row of rows) {
      expect(row.querySelector(':scope > div[role="rowheader"] a')?.getAttribute('href')).toBe(
        `/lightning/r/Opportunity/${row.getAttribute('data-row-key-value')}/view`,
      );
      expect(row.querySelectorAll(':scope > div[role="gridcell"][data-label]')).toHaveLength(5);
    }
    expect(
      grid.querySelector('div[role="row"][data-row-key-value="HEADER"] > div[role="columnheader"]'),
    ).not.toBeNull();
  });

  it('loads more rows as the list grows past one batch', async () => {
    const all = createSeedData(NOW, { extraOpportunities: 80 });
    for (const opportunity of all.opportunities) opportunity.AccountId = bigAccount.Id;
    const total = all.opportunities.length;
    const { hooks, page } = open(dynamicViewAllPath, {}, undefined, all);
    expect(hooks.listState()).toMatchObject({ loaded: 50, total });
    expect(page.querySelectorAll('tr[data-row-number]')).toHaveLength(50);
    expect(await hooks.loadMoreRows()).toBe(50);
    expect(await hooks.loadMoreRows()).toBe(total - 100);
    const rows = page.querySelectorAll('tr[data-row-number]');
    expect(rows).toHaveLength(total);
    expect(rows[rows.length - 1]!.getAttribute('data-row-number')).toBe(String(total));
  });

  it('answers "record not found" for an unknown or non-account record id', () => {
    for (const id of ['001Ka00000ZZZQzIAI', FLAGSHIP, '']) {
      const { page } = open(`/lightning/cmp/force__dynamicRelatedListViewAll?force__recordId=${id}`);
      expect(text(page), id).toContain("Looks like there's a problem.");
    }
  });
});

describe('native shadow DOM', () => {
  it('hides record fields from document.querySelector; walking open shadow roots finds them', () => {
    const { document, page } = open(opportunityPath, { shadow: 'native' });
    expect(document.querySelector('records-record-layout-item')).toBeNull();
    expect(document.querySelector('[data-target-selection-name]')).toBeNull();
    expect(page.querySelector('records-highlights2')).toBeNull();

    const items = querySelectorAllDeep(document, 'records-record-layout-item');
    expect(items).toHaveLength(14);
    const amount = querySelectorDeep(
      document,
      'div[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]',
    )!;
    expect(closestDeep(amount, ACTIVE)).toBe(page);
    const value = amount.querySelector('span.test-id__field-value')!;
    expect(value.textContent).toBe('');
    expect(composedTextContent(value)).toBe('$120,000.00');
    // The value is the item's light content, slotted into <slot name="outputField"> in the item's shadow root.
    expect(value.querySelector('slot[name="outputField"]')).not.toBeNull();
    const item = closestDeep(amount, 'records-record-layout-item')!;
    expect(item.querySelector(":scope > lightning-formatted-number[slot='outputField']")).not.toBeNull();
    const createdBy = querySelectorDeep(
      document,
      '[data-target-selection-name$=".CreatedById"] span.test-id__field-value',
    )!;
    expect(composedTextContent(createdBy)).toMatch(/^Dana Reyes, \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}\s[AP]M$/);
  });

  it('keeps the page containers in the light DOM and the components in open shadow roots', () => {
    const { document, page } = open(opportunityPath, { shadow: 'native' });
    expect(document.querySelectorAll(ACTIVE)).toHaveLength(1);
    const home = page.querySelector(':scope > one-record-home-flexipage2')!;
    expect(home.shadowRoot?.mode).toBe('open');
    expect(home.shadowRoot!.querySelector('flexipage-record-home-template-desktop2')).not.toBeNull();
    const roots = openShadowRootsIn(page);
    expect(roots.length).toBeGreaterThan(30);
    expect(roots.every((root) => root.host.localName.includes('-'))).toBe(true);

    const highlights = querySelectorDeep(document, 'records-highlights2')!;
    expect(highlights.shadowRoot!.querySelector("slot[name='secondaryFields']")).not.toBeNull();
    const title = highlights.querySelector(":scope > lightning-formatted-text[slot='primaryField']")!;
    expect(composedTextContent(title)).toBe(flagship.Name);
    expect(
      highlights.querySelectorAll(":scope > records-highlights-details-item[slot='secondaryFields']"),
    ).toHaveLength(4);
  });

  it('renders Dynamic Forms fields and Dynamic Highlights in shadow roots where UTAM finds them', () => {
    const { document } = open(opportunityPath, {
      shadow: 'native',
      recordLayout: 'dynamic-forms',
      highlights: 'dynamic',
    });
    expect(named(document, 'record_flexipage-record-field')).toEqual([]);
    const fields = namedDeep(document, 'record_flexipage-record-field');
    expect(fields).toHaveLength(14 + 4);
    const wrapper = querySelectorDeep(document, 'flexipage-field[data-field-id="RecordAmountField"]')!;
    const amount = wrapper.firstElementChild!;
    expect(amount.localName).toBe('record_flexipage-record-field');
    expect(amount.getRootNode()).toBe(wrapper.getRootNode());
    expect(amount.shadowRoot!.querySelector('.test-id__field-label')?.textContent).toBe('Amount');
    expect(amount.querySelector('.test-id__field-label')).toBeNull();
    expect(amount.querySelector(':scope > lightning-formatted-number')).not.toBeNull();
    expect(composedTextContent(amount.shadowRoot!.querySelector('span.test-id__field-value')!)).toBe('$120,000.00');

    const [row] = namedDeep(document, 'record_flexipage-highlights-primary-row');
    expect(row!.shadowRoot!.querySelector('.entityNameTitle')?.textContent).toBe('Opportunity');
    expect(composedTextContent(row!.shadowRoot!.querySelector("[slot='primaryField']")!)).toBe(flagship.Name);
    const [dynamicHighlights] = namedDeep(document, 'record_flexipage-dynamic-highlights2');
    expect(dynamicHighlights!.shadowRoot!.querySelector("slot[name='secondaryFields']")).not.toBeNull();
    const secondary = [...dynamicHighlights!.querySelectorAll(":scope > [slot='secondaryFields']")];
    expect(secondary.map((field) => field.localName)).toEqual(Array(4).fill('record_flexipage-record-field'));
  });

  it('renders list view rows, Kanban cards and related lists inside shadow roots', async () => {
    const { document, hooks } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities', { shadow: 'native' });
    expect(document.querySelector('tr[data-row-key-value]')).toBeNull();
    const rows = querySelectorAllDeep(document, 'table > tbody > tr[data-row-key-value]');
    expect(rows).toHaveLength(data.opportunities.length);
    expect(querySelectorDeep(document, 'lightning-list-view-table')!.shadowRoot!.querySelector('table')).not.toBeNull();

    const kanban = querySelectorDeep<HTMLElement>(document, '.listDisplaySwitcher button[data-display="kanban"]')!;
    kanban.click();
    await hooks.whenRendered();
    expect(document.querySelector('.pipelineViewCard')).toBeNull();
    expect(querySelectorAllDeep(document, 'article.pipelineViewCard')).toHaveLength(data.opportunities.length);

    await hooks.navigate(`/lightning/r/Account/${bigAccount.Id}/view`);
    const links = querySelectorAllDeep(document, 'a[href*="/related/Opportunities/view"]');
    expect(links.length).toBeGreaterThan(0);
    expect(closestDeep(links[0]!, 'lst-related-list-single-container')).not.toBeNull();
    expect(document.querySelector('lst-related-list-single-container')).toBeNull();
  });

  it('renders the datatable and tiles variants in shadow roots, following the UTAM chain', async () => {
    const { document } = open(accountPath, { shadow: 'native', relatedLists: 'dynamic-grid' });
    const manager = querySelectorDeep(document, 'lst-related-list-view-manager')!;
    expect(manager.getRootNode()).toBe(
      querySelectorDeep(document, 'lst-dynamic-related-list-with-user-prefs')!.shadowRoot,
    );
    expect(manager.shadowRoot!.querySelector('a')?.getAttribute('href')).toBe(dynamicViewAllPath);
    const datatable = querySelectorDeep(document, 'lightning-datatable')!;
    expect(datatable.getRootNode()).toBe(querySelectorDeep(document, 'lst-primary-display-grid')!.shadowRoot);
    const rows = datatable.shadowRoot!.querySelectorAll('tr[data-row-key-value][data-row-number]');
    expect(rows).toHaveLength(6);
    expect(composedTextContent(rows[0]!.querySelector('th[role="rowheader"]')!)).toBe(
      findOpportunity(many, rows[0]!.getAttribute('data-row-key-value')!)!.Name,
    );

    await window?.happyDOM.close();
    const tiles = open(accountPath, { shadow: 'native', relatedLists: 'tiles' }).document;
    const cards = querySelectorAllDeep(tiles, 'lst-related-preview-card');
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      expect(card.shadowRoot!.querySelectorAll('dl dd lst-template-list-field')).toHaveLength(3);
      expect(card.shadowRoot!.querySelector('h3.slds-tile__title')).not.toBeNull();
      expect(querySelectorDeep(card, 'a[data-recordid]')?.getAttribute('href')).toMatch(
        /^\/lightning\/r\/Opportunity\/006\w{15}\/view$/,
      );
    }
  });

  it('follows links clicked inside shadow roots without a page load', async () => {
    const { document, hooks, page } = open(opportunityPath, { shadow: 'native' });
    const link = querySelectorDeep<HTMLElement>(document, 'a[href^="/lightning/r/Account/"]')!;
    expect(document.querySelector('a[href^="/lightning/r/Account/"]')).toBeNull();
    link.click();
    await hooks.whenRendered();
    const next = document.querySelector(ACTIVE)!;
    expect(next).not.toBe(page);
    expect(window!.location.pathname).toBe(`/lightning/r/Account/${flagship.AccountId}/view`);
    expect(composedTextContent(querySelectorDeep(next, '.entityNameTitle')!)).toBe('Account');
  });
});

describe('choosing variants', () => {
  it('takes a per-tab override from the URL and keeps it for the tab', () => {
    const { hooks } = open(`${opportunityPath}?fakeOrgShadow=native&fakeOrgLayout=dynamic-forms`);
    expect(hooks.variants).toEqual({ ...DEFAULT_PAGE_VARIANTS, shadow: 'native', recordLayout: 'dynamic-forms' });
    expect(window!.sessionStorage.getItem('fakeOrgVariant.shadow')).toBe('native');
    expect(window!.sessionStorage.getItem('fakeOrgVariant.recordLayout')).toBe('dynamic-forms');
  });

  it('applies a stored override on later pages, and an empty value drops it', () => {
    const remember = (w: Window) => w.sessionStorage.setItem('fakeOrgVariant.highlights', 'dynamic');
    expect(open(opportunityPath, {}, remember).hooks.variants.highlights).toBe('dynamic');
    expect(open(`${opportunityPath}?fakeOrgHighlights=`, {}, remember).hooks.variants.highlights).toBe('standard');
    expect(window!.sessionStorage.getItem('fakeOrgVariant.highlights')).toBeNull();
  });

  it('renders the default pages when the server sends no variant settings', () => {
    const { hooks } = open(opportunityPath, {
      recordLayout: undefined,
      highlights: undefined,
      relatedLists: undefined,
      shadow: undefined,
      datatable: undefined,
    });
    expect(hooks.variants).toEqual({
      recordLayout: 'classic-layout',
      highlights: 'standard',
      relatedLists: 'standard',
      shadow: 'synthetic',
      datatable: 'table',
      createdDate: 'shown',
    });
  });

  it('uses the server default unless the tab overrides it', () => {
    expect(open(opportunityPath, { relatedLists: 'tiles' }).hooks.variants.relatedLists).toBe('tiles');
    expect(open(`${opportunityPath}?fakeOrgRelated=grid`, { relatedLists: 'tiles' }).hooks.variants.relatedLists).toBe(
      'grid',
    );
  });

  it('shows an unknown value instead of keeping it', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { document, hooks } = open(`${opportunityPath}?fakeOrgShadow=closed`);
    expect(hooks.variants.shadow).toBe('synthetic');
    const problem = 'Unknown fakeOrgShadow "closed": expected one of synthetic, native.';
    expect(document.querySelector('.fakeOrgSettingsError[role="alert"]')?.textContent).toBe(problem);
    expect(logged).toHaveBeenCalledWith(`[fake-org] ${problem}`);
    expect(window!.sessionStorage.getItem('fakeOrgVariant.shadow')).toBeNull();
  });

  it('checks server settings and names the choices', async () => {
    expect(parsePageVariants({ shadow: 'native', datatable: 'role-based' })).toEqual({
      shadow: 'native',
      datatable: 'role-based',
    });
    expect(() => parsePageVariants({ recordLayout: 'flexipage' })).toThrow(
      'Invalid fake org page variant (recordLayout: expected one of classic-layout, dynamic-forms)',
    );
    await expect(startFakeOrg({ port: 0, ui: { shadow: 'closed' as 'native' } })).rejects.toThrow(
      'shadow: expected one of synthetic, native',
    );
  });

  it('sends the choices and the URL parameters with the page', () => {
    const html = lightningShell(data, { ...DEFAULT_UI, shadow: 'native' });
    const boot = JSON.parse(/id="fake-org-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      ui: LightningUiSettings;
      variants: { choices: Record<string, string[]>; params: Record<string, string> };
    };
    expect(boot.ui.shadow).toBe('native');
    expect(boot.variants.params).toEqual({
      recordLayout: 'fakeOrgLayout',
      highlights: 'fakeOrgHighlights',
      relatedLists: 'fakeOrgRelated',
      shadow: 'fakeOrgShadow',
      datatable: 'fakeOrgDatatable',
      createdDate: 'fakeOrgCreatedDate',
    });
    expect(boot.variants.choices.relatedLists).toEqual(['standard', 'grid', 'tiles', 'dynamic-grid', 'dynamic-tiles']);
  });
});
