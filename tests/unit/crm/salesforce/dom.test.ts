import { describe, expect, it } from 'vitest';
import {
  hasRecordLayout,
  getActivePage,
  getClassicAnchor,
  isClassicPage,
  isLightningPage,
  readClassicField,
  readClassicRecordTitle,
  readRecordField,
  readRecordTitle,
} from '../../../../lib/crm/salesforce/dom';
import * as selectors from '../../../../lib/crm/salesforce/selectors';

// Fixtures follow the Lightning structure in SALESFORCE.md ("Lightning DOM"), generated ids included, so the
// readers are shown not to need them.

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

interface RecordFixture {
  title: string;
  amount: string;
  stage: string;
  forecast?: string;
  highlights?: 'records-highlights2' | 'force-highlights2';
}

function field(name: string, label: string, value: string): string {
  return `
    <records-record-layout-item field-label="${label}" class="slds-form__item slds-no-space">
      <div class="slds-form-element slds-form-element_readonly" data-target-selection-name="sfdc:RecordField.Opportunity.${name}">
        <div class="slds-form-element__label"><span class="test-id__field-label">${label}</span></div>
        <div class="slds-form-element__control">
          <span class="test-id__field-value slds-form-element__static slds-grow is-read-only">
            <slot name="outputField">${value}</slot>
          </span>
          <button class="test-id__inline-edit-trigger slds-button" id="button-9377">
            <span class="slds-assistive-text">Edit ${label}</span>
          </button>
        </div>
      </div>
    </records-record-layout-item>`;
}

function recordPage({ title, amount, stage, forecast = '', highlights = 'records-highlights2' }: RecordFixture): string {
  return `
    <one-record-home-flexipage2>
      <flexipage-record-home-template-desktop2>
        <records-lwc-highlights-panel>
          <${highlights}>
            <div class="highlights slds-page-header slds-page-header_record-home">
              <h1>
                <div class="entityNameTitle slds-line-height_reset">Opportunity</div>
                <slot name="primaryField">
                  <lightning-formatted-text class="custom-truncate" lwc-5s7rl3mfpt8-host>
                    ${title}
                  </lightning-formatted-text>
                </slot>
              </h1>
              <slot name="secondaryFields">
                <records-highlights-details-item>
                  <p class="slds-text-title">Amount</p>
                  <lightning-formatted-text>${amount}</lightning-formatted-text>
                </records-highlights-details-item>
              </slot>
            </div>
          </${highlights}>
        </records-lwc-highlights-panel>
        <records-lwc-record-layout>
          ${field('Name', 'Opportunity Name', `<lightning-formatted-text data-output-element-id="output-field">${title}</lightning-formatted-text>`)}
          ${field('Amount', 'Amount', `<lightning-formatted-text data-output-element-id="output-field">${amount}</lightning-formatted-text>`)}
          ${field('StageName', 'Stage', `<lightning-formatted-text data-output-element-id="output-field">${stage}</lightning-formatted-text>`)}
          ${field('ForecastCategoryName', 'Forecast Category', `<sfa-output-forecast-category>${forecast}</sfa-output-forecast-category>`)}
          ${field('NextStep', 'Next Step', '<lightning-formatted-text data-output-element-id="output-field"></lightning-formatted-text>')}
          ${field('AccountId', 'Account Name', `<force-lookup data-output-element-id="output-field"><records-hoverable-link><a href="/lightning/r/001M000000qfPySIAU/view">Acme Corp</a><span class="slds-assistive-text">Open Acme Corp Preview</span></records-hoverable-link></force-lookup>`)}
        </records-lwc-record-layout>
      </flexipage-record-home-template-desktop2>
    </one-record-home-flexipage2>`;
}

/** Standard navigation: the page opened before stays in the DOM, hidden, before the current one. */
const standardApp = () =>
  parse(`<!doctype html><html><body class="desktop">
    <div id="auraLoadingBox" class="auraLoadingBox oneLoadingBox loadingHide"></div>
    <div class="desktop container forceStyle oneOne navexDesktopLayoutContainer lafAppLayoutHost">
      <div class="viewport">
        <section class="stage panelSlide">
          <div class="oneCenterStage lafSinglePaneWindowManager">
            <div class="windowViewMode-normal oneContent lafPageHost" aria-hidden="true">
              ${recordPage({ title: 'Globex - 50 Seats', amount: '$5,000.00', stage: 'Qualification', forecast: 'Pipeline' })}
            </div>
            <div class="windowViewMode-normal oneContent active lafPageHost">
              ${recordPage({ title: 'Acme - 200 Widgets', amount: '$20,000.00', stage: 'Prospecting', forecast: 'Best Case' })}
            </div>
          </div>
        </section>
      </div>
    </div>
  </body></html>`);

/** Console app: two workspace tabs; in the visible one, the second sub-tab is focused. */
const consoleApp = () =>
  parse(`<!doctype html><html><body class="desktop">
    <div id="auraLoadingBox" class="auraLoadingBox oneLoadingBox loadingHide"></div>
    <div class="oneConsoleTabset navexConsoleTabset">
      <div class="windowViewMode-normal oneContent">
        ${recordPage({ title: 'Console home leftover', amount: '$1.00', stage: 'Closed Lost' })}
      </div>
      <section class="tabContent oneConsoleTab" aria-hidden="true">
        <div class="windowViewMode-maximized oneContent active lafPageHost">
          ${recordPage({ title: 'Initech - Renewal', amount: '$7,500.00', stage: 'Negotiation/Review' })}
        </div>
      </section>
      <section class="tabContent active oneConsoleTab">
        <div class="split-right">
          <div class="windowViewMode-maximized oneContent lafPageHost" hidden>
            ${recordPage({ title: 'Umbrella - Pilot', amount: '$2,000.00', stage: 'Prospecting' })}
          </div>
          <div class="windowViewMode-maximized oneContent active lafPageHost">
            ${recordPage({ title: 'Acme - Expansion', amount: '€12.000,00', stage: 'Proposal/Price Quote', highlights: 'force-highlights2' })}
          </div>
        </div>
      </section>
    </div>
  </body></html>`);

/** Salesforce Classic opportunity detail page. */
/** A list view (SALESFORCE.md "List views") and the pipeline board (SALESFORCE.md "Kanban"). */
const listAndBoard = () =>
  parse(`<div id="auraLoadingBox"></div><div class="windowViewMode-normal active">
    <lightning-list-view-table><table><tbody>
      <tr data-row-key-value="006Ak00000AbCdEIAZ"><th scope="row" data-label="Opportunity Name"><span class="slds-grid"><a href="/lightning/r/006Ak00000AbCdEIAZ/view" title="Acme">Acme</a></span></th><td data-label="Stage">Prospecting</td></tr>
    </tbody></table></lightning-list-view-table>
    <div class="runtime_sales_pipelineboardPipelineViewColumn"><article class="pipelineViewCard"><div class="primaryDisplayField"><a href="/lightning/r/Opportunity/006Ak00000AbCdEIAZ/view">Acme</a></div></article></div>
  </div>`);

const classicPage = () =>
  parse(`<!doctype html><html><body class="hasMotif opportunityTab detailPage sfdcBody brandQuaternaryBgr">
    <div class="bPageTitle"><div class="ptBody"><div class="content">
      <img src="/s.gif" alt="Opportunity" class="pageTitleIcon" title="Opportunity">
      <h1 class="pageType">Opportunity<span class="titleSeparatingColon">:</span></h1>
      <h2 class="pageDescription"> Acme - 200 Widgets</h2>
    </div></div></div>
    <div class="bPageBlock brandSecondaryBrd bDetailBlock secondaryPalette"><div class="pbBody">
      <div class="pbSubsection"><table class="detailList" border="0" cellpadding="0" cellspacing="0"><tbody>
        <tr>
          <td class="labelCol">Opportunity Owner</td><td class="dataCol col02"><a href="/005Ak000001AbCd">Ada Lovelace</a></td>
          <td class="labelCol">Amount</td><td class="dataCol">USD 20,000.00</td>
        </tr>
        <tr>
          <td class="labelCol"><span class="helpButton" id="opp11-_help">Stage<img src="/s.gif" alt="" class="helpOrb" title=""><script>sfdcPage.setHelp('Opportunity.StageName', 'Where the deal is');</script></span></td>
          <td class="dataCol inlineEditWrite" id="opp11_ilecell"><div id="opp11_ileinner">Prospecting</div></td>
          <td class="labelCol">Next Step</td><td class="dataCol">&nbsp;</td>
        </tr>
      </tbody></table></div>
    </div></div>
    <div class="bRelatedList"><div class="bPageBlock"><div class="pbBody">
      <table class="list"><tr class="headerRow"><th>Product</th><th>Amount</th></tr>
        <tr><td>Widgets</td><td>USD 99.00</td></tr></table>
    </div></div></div>
  </body></html>`);

describe('getActivePage', () => {
  it('picks the page in front, not the earlier hidden one', () => {
    const page = getActivePage(standardApp());
    expect(page).toBeDefined();
    expect(page!.classList.contains('active')).toBe(true);
    expect(readRecordTitle(page!)).toBe('Acme - 200 Widgets');
  });

  it('matters: reading the whole document finds the stale page first', () => {
    expect(readRecordTitle(standardApp())).toBe('Globex - 50 Seats');
  });

  it('skips an active container inside a hidden tree', () => {
    const doc = standardApp();
    const [stale, current] = doc.querySelectorAll('.windowViewMode-normal');
    stale!.classList.add('active');
    expect(getActivePage(doc)).toBe(current);
  });

  it('picks the focused sub-tab of the visible workspace tab in console apps', () => {
    const page = getActivePage(consoleApp());
    expect(page?.matches('section.oneConsoleTab.active div.windowViewMode-maximized')).toBe(true);
    expect(readRecordTitle(page!)).toBe('Acme - Expansion');
    expect(readRecordField(page!, 'Opportunity', 'Amount')).toBe('€12.000,00');
  });

  it('is undefined when no page is in front', () => {
    expect(getActivePage(parse('<div class="windowViewMode-normal"></div>'))).toBeUndefined();
    expect(getActivePage(parse('<div aria-hidden="true"><div class="windowViewMode-normal active"></div></div>'))).toBeUndefined();
    expect(getActivePage(classicPage())).toBeUndefined();
  });
});

describe('readRecordTitle', () => {
  it('reads the primary field of current and older highlights panels', () => {
    const current = parse(recordPage({ title: ' Acme\n   - 200 Widgets ', amount: '$1', stage: 'x' })).body;
    const older = parse(recordPage({ title: 'Acme - Old', amount: '$1', stage: 'x', highlights: 'force-highlights2' })).body;
    expect(readRecordTitle(current)).toBe('Acme - 200 Widgets');
    expect(readRecordTitle(older)).toBe('Acme - Old');
  });

  it('is undefined when the panel is missing or empty', () => {
    expect(readRecordTitle(parse('<records-highlights2></records-highlights2>'))).toBeUndefined();
    expect(readRecordTitle(parse(recordPage({ title: '  ', amount: '$1', stage: 'x' })))).toBeUndefined();
  });
});

describe('readRecordField', () => {
  const page = () => getActivePage(standardApp())!;

  it('reads fields of the active page by API name', () => {
    expect(readRecordField(page(), 'Opportunity', 'Amount')).toBe('$20,000.00');
    expect(readRecordField(page(), 'Opportunity', 'StageName')).toBe('Prospecting');
    expect(readRecordField(page(), 'Opportunity', 'Name')).toBe('Acme - 200 Widgets');
  });

  it('reads values without the output-field attribute from the value wrapper', () => {
    expect(readRecordField(page(), 'Opportunity', 'ForecastCategoryName')).toBe('Best Case');
  });

  it('leaves out screen-reader text', () => {
    expect(readRecordField(page(), 'Opportunity', 'AccountId')).toBe('Acme Corp');
  });

  it('is undefined for empty, absent or other objects’ fields', () => {
    expect(readRecordField(page(), 'Opportunity', 'NextStep')).toBeUndefined();
    expect(readRecordField(page(), 'Opportunity', 'CloseDate')).toBeUndefined();
    expect(readRecordField(page(), 'Account', 'Amount')).toBeUndefined();
    expect(readRecordField(page(), 'opportunity', 'amount')).toBeUndefined();
  });

  it('ignores the highlights panel', () => {
    const doc = parse(recordPage({ title: 'A', amount: '$3', stage: 'x' }));
    doc.querySelector('records-lwc-record-layout')!.remove();
    expect(readRecordField(doc, 'Opportunity', 'Amount')).toBeUndefined();
  });

  it('does not let names reach the selector unchecked', () => {
    expect(readRecordField(page(), 'Opportunity', 'Amount"], body, [x="')).toBeUndefined();
    expect(readRecordField(page(), 'Opportunity"] *', 'Amount')).toBeUndefined();
    expect(readRecordField(page(), '', '')).toBeUndefined();
  });
});

describe('page kind', () => {
  it('tells Lightning and Classic apart', () => {
    expect(isLightningPage(standardApp())).toBe(true);
    expect(isClassicPage(standardApp())).toBe(false);
    expect(isClassicPage(classicPage())).toBe(true);
    expect(isLightningPage(classicPage())).toBe(false);
  });
});

describe('Classic readers', () => {
  it('reads the record title', () => {
    expect(readClassicRecordTitle(classicPage())).toBe('Acme - 200 Widgets');
    expect(readClassicRecordTitle(standardApp())).toBeUndefined();
  });

  it('reads detail fields by label', () => {
    const doc = classicPage();
    expect(readClassicField(doc, 'Amount')).toBe('USD 20,000.00');
    expect(readClassicField(doc, 'Opportunity Owner')).toBe('Ada Lovelace');
    expect(readClassicField(doc, ' Opportunity  Owner ')).toBe('Ada Lovelace');
  });

  it('reads labels that carry a help bubble', () => {
    expect(readClassicField(classicPage(), 'Stage')).toBe('Prospecting');
  });

  it('is undefined for empty values, unknown labels and partial matches', () => {
    const doc = classicPage();
    expect(readClassicField(doc, 'Next Step')).toBeUndefined();
    expect(readClassicField(doc, 'Close Date')).toBeUndefined();
    expect(readClassicField(doc, 'Owner')).toBeUndefined();
    expect(readClassicField(doc, 'Product')).toBeUndefined();
    expect(readClassicField(doc, '')).toBeUndefined();
  });

  it('finds the anchor only on Classic pages', () => {
    expect(getClassicAnchor(classicPage())?.className).toBe('bPageTitle');
    expect(getClassicAnchor(standardApp())).toBeUndefined();
  });
});

describe('selectors', () => {
  const fixtures = [standardApp(), consoleApp(), classicPage(), listAndBoard()];
  const matchCount = (selector: string) => fixtures.reduce((n, doc) => n + doc.querySelectorAll(selector).length, 0);

  it('each match the fixtures', () => {
    const plain = Object.entries(selectors).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? value.map((v: string) => [name, v]) : [],
    );
    expect(plain.length).toBeGreaterThan(10);
    for (const [name, selector] of plain) expect(matchCount(selector!), `${name}: ${selector}`).toBeGreaterThan(0);
    // One per record page: two in the standard app, four in the console app.
    expect(matchCount(selectors.recordField('Opportunity', 'Amount'))).toBe(6);
  });

  it('never rely on generated ids', () => {
    const all = JSON.stringify(Object.values(selectors).map((value) => (typeof value === 'function' ? value('O', 'F') : value)));
    expect(all).not.toMatch(/input-\d|\blwc-[a-z0-9]+-host|#[a-z]+-\d/);
  });
});

describe('hasRecordLayout', () => {
  it('tells a record page from an error page', () => {
    document.body.innerHTML = '<div id="a"><one-record-home-flexipage2></one-record-home-flexipage2></div><div id="b"><force-record-not-found>Looks like there’s a problem.</force-record-not-found></div>';
    expect(hasRecordLayout(document.getElementById('a')!)).toBe(true);
    expect(hasRecordLayout(document.getElementById('b')!)).toBe(false);
  });
});
