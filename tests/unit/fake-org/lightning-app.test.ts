// @vitest-environment node
// The browser-side Lightning app, run in a fresh happy-dom window per test (rendering without delay unless a
// test sets one), to pin down the DOM structure the extension's readers rely on.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createSeedData, DEMO_OPPORTUNITY_IDS, findOpportunity, HTML_OPPORTUNITY_NAME } from '../../fake-org/data';
import { lightningShell } from '../../fake-org/pages/lightning';
import { DEFAULT_UI } from '../../fake-org/server';
import { runLightningShell } from './lightning-window';

const ORIGIN = 'https://acme.lightning.force.com';
const data = createSeedData(new Date(2026, 2, 4, 10, 30));

interface FakeOrgHooks {
  navigate(path: string): Promise<void>;
  whenRendered(): Promise<void>;
  renderCount: number;
}

let window: Window | undefined;

afterEach(async () => {
  await window?.happyDOM.close();
  window = undefined;
});

/** Loads the shell at `path` and runs the app; returns the window's document and the app's test hooks. */
function open(path: string, renderDelayMs = 0) {
  window = new Window({
    url: `${ORIGIN}${path}`,
    settings: { disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true, disableCSSFileLoading: true },
  });
  const html = lightningShell(data, { ...DEFAULT_UI, renderDelayMs });
  // happy-dom's classes stand in for the DOM's: type them as the DOM the app script is written against.
  const document = window.document as unknown as Document;
  runLightningShell(window, html);
  const hooks = (window as unknown as { __fakeOrg: FakeOrgHooks }).__fakeOrg;
  return { document, hooks };
}

const ACTIVE = 'div.windowViewMode-normal.oneContent.active.lafPageHost';

function activePage(document: Document) {
  const pages = document.querySelectorAll(`.oneCenterStage ${ACTIVE}`);
  expect(pages.length).toBe(1);
  return pages[0]!;
}

function field(page: Element, name: string) {
  const item = page.querySelector(
    `records-record-layout-item > div[data-target-selection-name="sfdc:RecordField.Opportunity.${name}"]`,
  );
  return {
    label: item?.querySelector('span.test-id__field-label')?.textContent,
    value: item?.querySelector('span.test-id__field-value')?.textContent,
    item,
  };
}

describe('fake Lightning app', () => {
  it('renders an opportunity record page with Lightning structure', () => {
    const { document } = open(`/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`);
    const page = activePage(document);
    const highlights = page.querySelector(
      'one-record-home-flexipage2 > flexipage-record-home-template-desktop2 records-lwc-highlights-panel > ' +
        'records-highlights2',
    )!;
    expect(highlights).not.toBeNull();
    expect(highlights.querySelector('.entityNameTitle')?.textContent).toBe('Opportunity');
    expect(highlights.querySelector('h1 slot[name="primaryField"] lightning-formatted-text')?.textContent).toBe(
      'Contoso Pharmaceuticals - Data Platform Expansion',
    );
    const items = [...highlights.querySelectorAll('records-highlights-details-item')];
    expect(items.map((item) => item.querySelector('p.slds-text-title')?.textContent)).toEqual([
      'Account Name',
      'Close Date',
      'Amount',
      'Opportunity Owner',
    ]);

    const opportunity = findOpportunity(data, DEMO_OPPORTUNITY_IDS.flagship)!;
    const [y, m, d] = opportunity.CloseDate.split('-').map(Number);
    expect(page.querySelector('records-lwc-record-layout')).not.toBeNull();
    expect(field(page, 'Amount')).toMatchObject({ label: 'Amount', value: '$120,000.00' });
    expect(field(page, 'Amount').item?.querySelector('lightning-formatted-number')?.textContent).toBe('$120,000.00');
    expect(field(page, 'Name').item?.querySelector('lightning-formatted-text')?.textContent).toBe(opportunity.Name);
    expect(field(page, 'CloseDate').value).toBe(`${m}/${d}/${y}`);
    expect(field(page, 'StageName').value).toBe('Negotiation/Review');
    expect(field(page, 'Probability').value).toBe('90%');
    expect(field(page, 'ForecastCategoryName').item?.querySelector('sfa-output-forecast-category')?.textContent).toBe(
      'Commit',
    );
    expect(field(page, 'LeadSource').value).toBe('Web');
    expect(field(page, 'OwnerId').value).toBe('Dana Reyes');
    expect(field(page, 'CreatedById').value).toMatch(/^Dana Reyes, \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    expect(field(page, 'CreatedDate').value).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    const accountLink = field(page, 'AccountId').item?.querySelector('a');
    expect(accountLink?.getAttribute('href')).toBe(`/lightning/r/Account/${opportunity.AccountId}/view`);
    expect(page.querySelector('records-record-layout-item[field-label="Amount"]')).not.toBeNull();
    expect(document.title).toBe('Contoso Pharmaceuticals - Data Platform Expansion | Opportunity | Salesforce');
  });

  it('renders names with HTML as text', () => {
    const { document } = open(`/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.htmlName}/view`);
    const page = activePage(document);
    expect(page.querySelector('slot[name="primaryField"] lightning-formatted-text')?.textContent).toBe(
      HTML_OPPORTUNITY_NAME,
    );
    expect(document.querySelector('.oneCenterStage img')).toBeNull();
  });

  it('accepts 15-character ids and /lightning/r/{id}/view, /edit and the legacy one.app hash', () => {
    for (const path of [
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15)}/view`,
      `/lightning/r/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/edit`,
      `/one/one.app#/sObject/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
    ]) {
      const { document } = open(path);
      const page = activePage(document);
      expect(
        page.querySelector('records-highlights2 slot[name="primaryField"] lightning-formatted-text')?.textContent,
        path,
      ).toBe('Contoso Pharmaceuticals - Data Platform Expansion');
      expect(
        page.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]'),
        path,
      ).not.toBeNull();
    }
  });

  it('shows a "record not found" page without highlights for unknown ids', () => {
    for (const id of [
      '006Ka00000ZZZQzIAI',
      '006Ka00000ZZZQz',
      'not-an-id',
      `${DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15)}AAA`,
    ]) {
      const { document } = open(`/lightning/r/Opportunity/${id}/view`);
      const page = activePage(document);
      expect(page.textContent).toContain("Looks like there's a problem.");
      expect(page.querySelector('records-highlights2')).toBeNull();
    }
  });

  it('renders the highlights only after the delay', async () => {
    const { document, hooks } = open(`/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`, 20);
    const page = activePage(document);
    expect(page.querySelector('one-record-home-flexipage2')).not.toBeNull();
    expect(page.querySelector('records-highlights2')).toBeNull();
    await hooks.whenRendered();
    expect(page.querySelector('records-highlights2')).not.toBeNull();
  });

  it('navigates without a page load: the old page stays hidden, the new one is active', async () => {
    const { document, hooks } = open(`/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`);
    const first = activePage(document);
    const accountLink = first.querySelector<HTMLElement>('records-highlights2 a[href^="/lightning/r/Account/"]')!;
    accountLink.click();
    await hooks.whenRendered();
    const account = activePage(document);
    expect(account).not.toBe(first);
    expect(first.classList.contains('active')).toBe(false);
    expect(first.getAttribute('aria-hidden')).toBe('true');
    expect(first.getAttribute('style')).toBe('display:none');
    expect(first.isConnected).toBe(true);
    expect(account.querySelector('.entityNameTitle')?.textContent).toBe('Account');
    expect(window!.location.pathname).toMatch(/^\/lightning\/r\/Account\/001\w{15}\/view$/);

    const rows = account.querySelectorAll(
      'lst-related-list-single-container article.slds-card tbody tr[data-row-key-value]',
    );
    expect(rows.length).toBeGreaterThan(0);
    const row = [...rows].find(
      (candidate) => candidate.getAttribute('data-row-key-value') !== DEMO_OPPORTUNITY_IDS.flagship,
    )!;
    row.querySelector<HTMLElement>('th[scope="row"] a[href*="/lightning/r/"]')!.click();
    await hooks.whenRendered();
    expect(activePage(document).querySelector('slot[name="primaryField"] lightning-formatted-text')?.textContent).toBe(
      findOpportunity(data, row.getAttribute('data-row-key-value')!)!.Name,
    );

    document.querySelector<HTMLElement>('#oneHeader a[title="Opportunities"]')!.click();
    await hooks.whenRendered();
    expect(window!.location.pathname + window!.location.search).toBe('/lightning/o/Opportunity/list?filterName=Recent');
    expect(document.querySelectorAll('.oneCenterStage .lafPageHost')).toHaveLength(4);
  });

  it('renders list views with Lightning structure', () => {
    const { document } = open('/lightning/o/Opportunity/list?filterName=AllOpportunities');
    const page = activePage(document);
    expect(page.querySelector('lst-list-view-manager-header')).not.toBeNull();
    const rows = page.querySelectorAll(
      'force-list-view-manager-presented lightning-list-view-table table > tbody > tr[data-row-key-value]',
    );
    expect(rows).toHaveLength(data.opportunities.length);
    const row = page.querySelector(`tr[data-row-key-value="${DEMO_OPPORTUNITY_IDS.flagship}"]`)!;
    expect(row.querySelector('th[scope="row"] a')?.getAttribute('href')).toBe(
      `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`,
    );
    const cells = Object.fromEntries(
      [...row.querySelectorAll('td[data-label]')].map((cell) => [cell.getAttribute('data-label'), cell.textContent]),
    );
    expect(cells).toMatchObject({
      'Account Name': 'Contoso Pharmaceuticals',
      Stage: 'Negotiation/Review',
      Amount: '$120,000.00',
      'Opportunity Owner': 'Dana Reyes',
    });
    expect(cells['Close Date']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
  });

  it('keeps at most four hidden pages and reuses a cached page on back navigation', async () => {
    const { document, hooks } = open('/lightning/page/home');
    const ids = data.opportunities.slice(0, 7).map((o) => o.Id);
    for (const id of ids) await hooks.navigate(`/lightning/r/Opportunity/${id}/view`);
    expect(document.querySelectorAll('.oneCenterStage .lafPageHost')).toHaveLength(5);
    expect(document.querySelectorAll('.oneCenterStage .lafPageHost.active')).toHaveLength(1);
    expect(document.querySelectorAll('.oneCenterStage .lafPageHost[aria-hidden="true"]')).toHaveLength(4);

    const previous = document.querySelectorAll('.oneCenterStage .lafPageHost')[3]!;
    await hooks.navigate(`/lightning/r/Opportunity/${ids[5]}/view`);
    expect(activePage(document)).toBe(previous);
    expect(previous.hasAttribute('aria-hidden')).toBe(false);
  });

  it('supports the console layout when the URL has ?ws=', () => {
    const ws = encodeURIComponent(`/lightning/r/Account/${data.accounts[0]!.Id}/view`);
    const { document } = open(`/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view?ws=${ws}`);
    const pages = document.querySelectorAll('section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.querySelector('records-highlights2')).not.toBeNull();
    expect(document.querySelector('div.windowViewMode-normal.active')).toBeNull();
  });

  it('shows "Page doesn\'t exist" for unknown Lightning paths and hides the loading box', async () => {
    const { document } = open('/lightning/whatever');
    expect(activePage(document).textContent).toContain("Page doesn't exist");
    expect(document.getElementById('auraLoadingBox')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(document.getElementById('auraLoadingBox')?.classList.contains('visible')).toBe(false);
  });
});
