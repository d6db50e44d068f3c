/**
 * Every Salesforce selector Partner Ledger relies on, in one place: when Salesforce changes its markup, this is
 * the file to fix. Each selector cites where its markup comes from (Salesforce's UTAM page objects, npm
 * `salesforce-pageobjects` 9.0.0, cited as `UTAM: <folder>/<pageObject>`) and is followed by `<name>_`: the
 * fixture pages in tests/fixtures/pages/ it must match, with how many elements it matches in each
 * (tests/conventions.test.ts holds every selector to that). Never add generated ids (`input-9377`,
 * `lwc-…-host`): they change on every load.
 *
 * Shadow DOM: Lightning renders its web components in synthetic shadow (one tree a content script's `querySelector`
 * sees through) or, as orgs move to mixed shadow mode, in native open shadow roots, where a selector stops at each
 * root ("Build Components in Mixed Shadow Mode",
 * https://developer.salesforce.com/docs/platform/lwc/guide/create-mixed-shadow.html). The readers in dom.ts
 * therefore search every open shadow root (shadow-dom.ts), one selector per step, and a selector here never spans
 * two components: `records-highlights2 [slot="primaryField"]` would fail where the title is slotted, so the parts are
 * separate selectors. What a page object calls light content (`[slot='…']`) is matched by its `slot` attribute,
 * which a slotted element carries in both modes.
 *
 * Names ending in `Tags` are custom element names, matched by `localName` rather than by a CSS type selector: Aura
 * namespaces with an underscore (`record_flexipage-record-field`) are valid CSS, but not every DOM used in tests
 * parses them.
 */

/**
 * A fixture page and how many elements a selector matches in it; a selector built by a function also names
 * the arguments to build it with.
 */
export type FixtureMatch = readonly [expected: number, page: string, ...args: string[]];

// Page types

/** Lightning app shell; present on every Lightning page (the Aura loading box that Lightning hides once loaded). */
export const lightningApp = '#auraLoadingBox';
export const lightningApp_ = [
  [1, 'lightning-record-page.html'],
  [1, 'lightning-console-record-page.html'],
  [1, 'lightning-list-view.html'],
  [0, 'classic-opportunity-page.html'],
] as const satisfies readonly FixtureMatch[];

/** Salesforce Classic pages (Salesforce Inspector's Classic check; UTAM covers Lightning only). */
export const classicBody = 'body.sfdcBody';
export const classicBody_ = [
  [1, 'classic-opportunity-page.html'],
  [0, 'lightning-record-page.html'],
] as const satisfies readonly FixtureMatch[];

// Lightning page containers

/**
 * The page in front in standard-navigation apps (inside UTAM: navex/desktopLayoutContainer). Earlier pages
 * stay in the DOM without `.active`, hidden.
 */
export const activeStandardPage = 'div.windowViewMode-normal.active';
export const activeStandardPage_ = [
  [1, 'lightning-record-page.html'],
  [1, 'lightning-list-view.html'],
  [1, 'lightning-related-list.html'],
  [1, 'lightning-pipeline-board.html'],
  [0, 'lightning-console-record-page.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * The focused sub-tab in console apps. UTAM: navex/workspaceManager (`.navexWorkspace.active`),
 * navex/consoleTabset; each workspace tab keeps its sub-tabs' pages, the hidden ones under `aria-hidden`.
 */
export const activeConsolePage = 'section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost';
export const activeConsolePage_ = [
  [2, 'lightning-console-record-page.html'],
  [0, 'lightning-record-page.html'],
] as const satisfies readonly FixtureMatch[];

export const activePage = `${activeStandardPage}, ${activeConsolePage}`;
export const activePage_ = [
  [1, 'lightning-record-page.html'],
  [2, 'lightning-console-record-page.html'],
  [0, 'classic-opportunity-page.html'],
] as const satisfies readonly FixtureMatch[];

/** Pages Salesforce keeps around but hides; a container inside one is never the current page. */
export const hiddenAncestor = '[hidden], [aria-hidden="true"]';
export const hiddenAncestor_ = [
  [1, 'lightning-record-page.html'],
  [2, 'lightning-console-record-page.html'],
] as const satisfies readonly FixtureMatch[];

// Lightning record pages

/**
 * The record's name in the highlights panel, newest first.
 * - The slotted title: UTAM records/highlights2 (`[slot='primaryField']`, inside records/lwcHighlightsPanel) and the
 *   Dynamic Highlights Panel's UTAM record/flexipage/highlightsPrimaryRow (`[slot='primaryField']`, inside
 *   record/flexipage/dynamicHighlights2). Slotted content keeps its `slot` attribute in native shadow.
 * - The title inside its `<slot>`, as a synthetic-shadow page shows it when the slotted element carries no `slot`
 *   attribute; `force-highlights2` is the older record page's panel, which UTAM 9.0.0 no longer describes.
 */
export const recordTitle = [
  '[slot="primaryField"]',
  'records-highlights2 slot[name="primaryField"] lightning-formatted-text',
  'force-highlights2 slot[name="primaryField"] lightning-formatted-text',
] as const;
export const recordTitle_ = [
  [2, 'lightning-record-page.html'],
  [4, 'lightning-console-record-page.html'],
  [1, 'lightning-related-list.html'],
  [1, 'lightning-dynamic-record-page.html'],
  [0, 'lightning-list-view.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * The structure of a record page, present even when the title cannot be read. UTAM:
 * global/recordHomeTemplateDesktop (`one-record-home-flexipage2`), flexipage/recordHomeTemplateDesktop2
 * (`records-lwc-highlights-panel`), records/lwcRecordLayout (`records-highlights2`). Absent on Lightning's
 * "record not found" and error pages.
 */
export const recordHome =
  'one-record-home-flexipage2, records-lwc-highlights-panel, records-highlights2, force-highlights2';
export const recordHome_ = [
  [6, 'lightning-record-page.html'],
  [12, 'lightning-console-record-page.html'],
  [3, 'lightning-related-list.html'],
  [0, 'lightning-list-view.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * A field's wrapper, by API names: `data-target-selection-name="sfdc:RecordField.<Object>.<Field>"`. Callers must
 * pass validated API names. Read only inside one of `recordFieldTags` (the readers check), so a field shown
 * elsewhere on the page does not count. UTAM: records/recordLayoutItem (its root's `div`), and for Dynamic Forms
 * record/flexipage/recordField (`record_flexipage-record-field > div[data-target-selection-name]`).
 */
export const recordField = (objectApiName: string, fieldApiName: string): string =>
  `[data-target-selection-name="sfdc:RecordField.${objectApiName}.${fieldApiName}"]`;
export const recordField_ = [
  [2, 'lightning-record-page.html', 'Opportunity', 'Amount'],
  [2, 'lightning-console-record-page.html', 'Opportunity', 'Amount'],
  [1, 'lightning-record-page.html', 'Opportunity', 'ForecastCategoryName'],
  [0, 'lightning-record-page.html', 'Opportunity', 'CloseDate'],
  [2, 'lightning-dynamic-record-page.html', 'Opportunity', 'Amount'],
  [1, 'lightning-dynamic-record-page.html', 'Opportunity', 'CreatedDate'],
] as const satisfies readonly FixtureMatch[];

/**
 * The components a record field is read in: the page layout's item (UTAM records/recordLayoutItem, in
 * records/recordLayoutRow and records/recordLayoutSection) and the Dynamic Forms field (UTAM
 * record/flexipage/recordField, in flexipage/field > flexipage/column2 > flexipage/fieldSection2; also the
 * Dynamic Highlights Panel's secondary fields, record/flexipage/dynamicHighlights2). A Dynamic Forms field has no
 * `records-record-layout-item` above it.
 */
export const recordFieldTags = ['records-record-layout-item', 'record_flexipage-record-field'] as const;
export const recordFieldTags_ = [
  [8, 'lightning-record-page.html'],
  [0, 'lightning-list-view.html'],
  [5, 'lightning-dynamic-record-page.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * The value inside a layout item: the output component first, then its wrapper (which also holds components
 * without the attribute, such as `sfa-output-forecast-category`). UTAM: records/recordLayoutItem
 * (`[slot='outputField']`) and force/pageBlockItem (`span.test-id__field-value`).
 */
export const recordFieldValue = ['[data-output-element-id="output-field"]', 'span.test-id__field-value'] as const;
export const recordFieldValue_ = [
  [15, 'lightning-record-page.html'],
  [4, 'lightning-console-record-page.html'],
] as const satisfies readonly FixtureMatch[];

// Lists and boards

/**
 * A row of a Lightning list view or related list, keyed by its record id (the header row is keyed `HEADER`).
 * UTAM: lightning/datatable (`[data-row-key-value]`), inside lists/primaryDisplayGrid; a `<tr>`, or in the
 * datatable's role-based render mode a `div[role='row']`. Rows arrive in batches by infinite scroll and are
 * rendered anew after sorting. Related lists shown as tiles (lists/primaryDisplayCard) have no such rows.
 */
export const listRow = 'tr[data-row-key-value], div[role="row"][data-row-key-value]';
export const listRow_ = [
  [3, 'lightning-list-view.html'],
  [2, 'lightning-related-list.html'],
  [0, 'lightning-pipeline-board.html'],
  [3, 'lightning-related-list-view-all.html'],
] as const satisfies readonly FixtureMatch[];

/** The cell with the record's name in a list row. UTAM: lightning/datatable (`rowHeader`: `th, [role='rowheader']`). */
export const listRowHeader = 'th[scope="row"], [role="rowheader"]';
export const listRowHeader_ = [
  [2, 'lightning-list-view.html'],
  [1, 'lightning-related-list.html'],
  [2, 'lightning-related-list-view-all.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * A link to a Lightning record page, inside a row header, a tile's title or a board card's name: in native shadow it
 * sits in the shadow root of the component that renders it (lightning-formatted-url, records-hoverable-link inside
 * force-lookup; UTAM records/hoverableLink). The record id is in its `href` (and in `data-recordid` when it has one).
 */
export const recordLink = 'a[href*="/lightning/r/"]';
export const recordLink_ = [
  [2, 'lightning-list-view.html'],
  [2, 'lightning-pipeline-board.html'],
  [3, 'lightning-related-list.html'],
  [2, 'lightning-related-list-view-all.html'],
] as const satisfies readonly FixtureMatch[];

/**
 * A related list's record shown as a tile. UTAM: lists/relatedPreviewCard (`lst-related-preview-card`), one per
 * record in lists/templateListItemFactory > lists/templateList > lists/primaryDisplayCard; its title is
 * `relatedTileTitle`, holding the record's link (a force-lookup). Tiles have no keyed rows: the id is in the link.
 */
export const relatedTile = 'lst-related-preview-card';
export const relatedTile_ = [
  [1, 'lightning-related-list.html'],
  [0, 'lightning-list-view.html'],
] as const satisfies readonly FixtureMatch[];
export const relatedTileTitle = '.slds-tile__title';
export const relatedTileTitle_ = relatedTile_;

/**
 * A card of the pipeline board (Kanban) and the field with the record's name on it, holding its `recordLink`. UTAM 9.0.0
 * has no page object for the board; these follow the board the fake org in tests/fake-org renders.
 */
export const boardCard = '.pipelineViewCard';
export const boardCard_ = [
  [2, 'lightning-pipeline-board.html'],
  [0, 'lightning-list-view.html'],
] as const satisfies readonly FixtureMatch[];
export const boardCardNameField = '.primaryDisplayField';
export const boardCardNameField_ = boardCard_;

// Salesforce Classic detail pages (Classic markup: `.bPageTitle`, `.detailList` tables; UTAM covers Lightning only)

/** The page title block above the detail; a stable spot to put UI next to. */
export const classicPageTitle = '.bPageTitle';
export const classicPageTitle_ = [
  [1, 'classic-opportunity-page.html'],
  [0, 'lightning-record-page.html'],
] as const satisfies readonly FixtureMatch[];
export const classicRecordTitle = '.bPageTitle h2.pageDescription';
export const classicRecordTitle_ = classicPageTitle_;
/** Label cells are `td.labelCol` in most layouts and `th.labelCol` in others (accessible layouts). */
export const classicLabelCell = '.detailList td.labelCol, .detailList th.labelCol';
export const classicLabelCell_ = [[4, 'classic-opportunity-page.html']] as const satisfies readonly FixtureMatch[];
export const classicDataCell = 'td.dataCol';
export const classicDataCell_ = classicLabelCell_;

// Text

/**
 * Text that is not what a user reads as the value: screen-reader labels (SLDS `.slds-assistive-text`,
 * Classic `.assistiveText`) and Classic help-bubble scripts.
 */
export const nonVisibleText = 'script, style, template, .slds-assistive-text, .assistiveText';
export const nonVisibleText_ = [
  [2, 'lightning-record-page.html'],
  [1, 'classic-opportunity-page.html'],
] as const satisfies readonly FixtureMatch[];
