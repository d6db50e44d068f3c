import { describe, expect, it } from 'vitest';
import {
  findRecordTitleElement,
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
import { loadFixturePage } from '../../../fixtures/load-page';

// The record page built here follows Salesforce's UTAM page objects (records/highlights2,
// records/recordLayoutItem), generated ids included, so the readers are shown not to need them.

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

function recordPage({
  title,
  amount,
  stage,
  forecast = '',
  highlights = 'records-highlights2',
}: RecordFixture): string {
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

// Whole pages come from tests/fixtures/pages/ (modelled on Salesforce's UTAM page objects; each file names its
// sources): the standard app keeps an earlier record page hidden before the current one; the console app has two
// workspace tabs, and in the visible one the second sub-tab is focused.
const standardApp = () => loadFixturePage('lightning-record-page.html');
const consoleApp = () => loadFixturePage('lightning-console-record-page.html');
const classicPage = () => loadFixturePage('classic-opportunity-page.html');

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
    expect(
      getActivePage(parse('<div aria-hidden="true"><div class="windowViewMode-normal active"></div></div>')),
    ).toBeUndefined();
    expect(getActivePage(classicPage())).toBeUndefined();
  });
});

describe('readRecordTitle', () => {
  it('reads the primary field of current and older highlights panels', () => {
    const current = parse(recordPage({ title: ' Acme\n   - 200 Widgets ', amount: '$1', stage: 'x' })).body;
    const older = parse(
      recordPage({ title: 'Acme - Old', amount: '$1', stage: 'x', highlights: 'force-highlights2' }),
    ).body;
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

describe('hasRecordLayout', () => {
  it('tells a record page from an error page', () => {
    document.body.innerHTML =
      '<div id="a"><one-record-home-flexipage2></one-record-home-flexipage2></div><div ' +
      'id="b"><force-record-not-found>Looks like there’s a problem.</force-record-not-found></div>';
    expect(hasRecordLayout(document.getElementById('a')!)).toBe(true);
    expect(hasRecordLayout(document.getElementById('b')!)).toBe(false);
  });
});

describe('Dynamic Forms and the Dynamic Highlights Panel', () => {
  const page = () => getActivePage(loadFixturePage('lightning-dynamic-record-page.html'))!;

  it('reads the title from the primary row and fields that have no layout item above them', () => {
    expect(readRecordTitle(page())).toBe('Initech - 300 Licenses');
    expect(findRecordTitleElement(page())?.getAttribute('slot')).toBe('primaryField');
    expect(readRecordField(page(), 'Opportunity', 'Amount')).toBe('$75,000.00');
    expect(readRecordField(page(), 'Opportunity', 'CreatedDate')).toBe('3/14/2026, 9:05 AM');
    expect(hasRecordLayout(page())).toBe(true);
  });

  it('ignores a field wrapper outside a layout item or a Dynamic Forms field', () => {
    document.body.innerHTML =
      '<div data-target-selection-name="sfdc:RecordField.Opportunity.Amount">' +
      '<span class="test-id__field-value">$1.00</span></div>';
    expect(readRecordField(document, 'Opportunity', 'Amount')).toBeUndefined();
  });
});

describe('native shadow DOM', () => {
  /** An element whose template is in an open shadow root, with `light` as its (slotted) light children. */
  function component(tag: string, template: string, ...light: Node[]): HTMLElement {
    const element = document.createElement(tag);
    element.attachShadow({ mode: 'open' }).innerHTML = template;
    element.append(...light);
    return element;
  }
  const text = (tag: string, value: string, slot?: string) => {
    const element = component(tag, value);
    if (slot) element.setAttribute('slot', slot);
    return element;
  };

  /** The standard record page as native-shadow LWC renders it: every component's template in its own root. */
  function nativeRecordPage(): HTMLElement {
    document.body.innerHTML = '<div class="oneCenterStage"><div class="windowViewMode-normal active"></div></div>';
    const container = document.querySelector<HTMLElement>('.windowViewMode-normal')!;
    const highlights = component(
      'records-highlights2',
      '<div class="highlights"><h1><slot name="primaryField"></slot></h1></div>',
      text('lightning-formatted-text', 'Globex - 50 Seats', 'primaryField'),
    );
    const item = (field: string, label: string, value: string) =>
      component(
        'records-record-layout-item',
        `<div data-target-selection-name="sfdc:RecordField.Opportunity.${field}">` +
          `<span class="test-id__field-label">${label}</span>` +
          '<span class="test-id__field-value"><slot name="outputField"></slot></span></div>',
        text('lightning-formatted-text', value, 'outputField'),
      );
    const home = component('one-record-home-flexipage2', '<div class="region-header"></div><div class="main"></div>');
    home.shadowRoot!.querySelector('.region-header')!.append(highlights);
    home
      .shadowRoot!.querySelector('.main')!
      .append(item('Amount', 'Amount', '$20,000.00'), item('CreatedDate', 'Created Date', '1/5/2026, 10:00 AM'));
    container.append(home);
    return container;
  }

  it('reads the title and fields through shadow roots and slots, which document.querySelector cannot', () => {
    const container = nativeRecordPage();
    expect(document.querySelector('records-highlights2, records-record-layout-item')).toBeNull();
    expect(readRecordTitle(container)).toBe('Globex - 50 Seats');
    expect(readRecordField(container, 'Opportunity', 'Amount')).toBe('$20,000.00');
    expect(readRecordField(container, 'Opportunity', 'CreatedDate')).toBe('1/5/2026, 10:00 AM');
    expect(hasRecordLayout(container)).toBe(true);
  });
});
