/**
 * Every Salesforce selector Partner Ledger relies on, in one place: when Salesforce changes its markup, this is
 * the file to fix. Each one says where it comes from; tests/unit/crm/salesforce/dom.test.ts holds the
 * fixtures they must match. Lightning uses synthetic shadow DOM, so a content script's `querySelector` sees
 * inside LWC components. Never add generated ids (`input-9377`, `lwc-…-host`): they change on every load.
 */

// Page types

/** Lightning app shell; present on every Lightning page (SALESFORCE.md "Page detection"). */
export const lightningApp = '#auraLoadingBox';

/** Salesforce Classic pages (SALESFORCE.md "Page detection"; Salesforce Inspector's Classic check). */
export const classicBody = 'body.sfdcBody';

// Lightning page containers

/**
 * The page in front in standard-navigation apps. Earlier pages stay in the DOM without `.active`
 * (SALESFORCE.md "Active page").
 */
export const activeStandardPage = 'div.windowViewMode-normal.active';

/** The focused sub-tab in console apps (SALESFORCE.md "Active page"). */
export const activeConsolePage = 'section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost';

export const activePage = `${activeStandardPage}, ${activeConsolePage}`;

/** Pages Salesforce keeps around but hides; a container inside one is never the current page. */
export const hiddenAncestor = '[hidden], [aria-hidden="true"]';

// Lightning record pages

/**
 * The record's name in the highlights panel: `records-highlights2` on current LWC record pages,
 * `force-highlights2` on older ones (SALESFORCE.md "Record page"). Newest first.
 */
export const recordTitle = [
  'records-highlights2 slot[name="primaryField"] lightning-formatted-text',
  'force-highlights2 slot[name="primaryField"] lightning-formatted-text',
] as const;

/**
 * The structure of a record page, present even when the title cannot be read (SALESFORCE.md "Record page").
 * Absent on Lightning's "record not found" and error pages.
 */
export const recordHome = 'one-record-home-flexipage2, records-lwc-highlights-panel, records-highlights2, force-highlights2';

/**
 * A field in the record detail layout, by API names. Callers must pass validated API names
 * (SALESFORCE.md "Fields": `records-record-layout-item[field-label] > div[data-target-selection-name=…]`).
 */
export const recordField = (objectApiName: string, fieldApiName: string): string =>
  `records-record-layout-item [data-target-selection-name="sfdc:RecordField.${objectApiName}.${fieldApiName}"]`;

/**
 * The value inside a layout item: the output component first, then its wrapper (which also holds components
 * without the attribute, such as `sfa-output-forecast-category`). SALESFORCE.md "Fields".
 */
export const recordFieldValue = ['[data-output-element-id="output-field"]', 'span.test-id__field-value'] as const;

// Lists and boards

/**
 * A row of a Lightning list view or related list, keyed by its record id (SALESFORCE.md "List views").
 * Rows arrive in batches by infinite scroll and are rendered anew after sorting.
 */
export const listRow = 'tr[data-row-key-value]';

/** The record's name link in a list row (SALESFORCE.md "List views": name cell). */
export const listRowName = 'th[scope="row"] a[href*="/lightning/r/"]';

/** A card of the pipeline board (Kanban) and the record name on it (SALESFORCE.md "Kanban"). */
export const boardCard = '.pipelineViewCard';
export const boardCardNameField = '.primaryDisplayField';
export const boardCardName = '.primaryDisplayField a';

// Salesforce Classic detail pages (Classic markup: `.bPageTitle`, `.detailList` tables)

/** The page title block above the detail; a stable spot to put UI next to. */
export const classicPageTitle = '.bPageTitle';
export const classicRecordTitle = '.bPageTitle h2.pageDescription';
export const classicLabelCell = '.detailList td.labelCol';
export const classicDataCell = 'td.dataCol';

// Text

/** Text that is not what a user reads as the value: screen-reader labels and Classic help-bubble scripts. */
export const nonVisibleText = 'script, style, template, .slds-assistive-text, .assistiveText';
