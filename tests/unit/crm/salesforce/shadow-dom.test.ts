import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closestDeep,
  composedTextContent,
  observeDeep,
  openShadowRootsIn,
  querySelectorAllDeep,
  querySelectorDeep,
} from '../../../../lib/crm/salesforce/shadow-dom';

// A page shaped like native-shadow Lightning: a light-DOM page container, components with open shadow roots
// nested in each other, a value slotted from the light DOM, and one closed root that must stay out of reach.
//
// happy-dom differs from browsers in two ways that matter here, so tests/e2e/fake-org-variants.e2e.ts checks them in
// Chromium: inside a shadow root it lets a descendant combinator match the host (`x-host span`), and it calls
// an observer once per observed root where a browser delivers one batch for all of them.

/** An element with an open (or closed) shadow root holding `shadowHtml`, and `lightHtml` as its light children. */
function host(tag: string, shadowHtml: string, lightHtml = '', mode: ShadowRootMode = 'open') {
  const element = document.createElement(tag);
  const root = element.attachShadow({ mode });
  root.innerHTML = shadowHtml;
  element.innerHTML = lightHtml;
  return { element, root };
}

function buildPage() {
  document.body.innerHTML = '<div class="oneCenterStage"><div class="windowViewMode-normal active"></div></div>';
  const page = document.querySelector('.windowViewMode-normal')!;
  const recordHome = host('one-record-home-flexipage2', '<div class="region-main"></div>');
  const item = host(
    'records-record-layout-item',
    '<div data-target-selection-name="sfdc:RecordField.Opportunity.Amount">' +
      '<span class="test-id__field-label">Amount</span>' +
      '<span class="test-id__field-value"><slot name="outputField"></slot></span></div>',
  );
  const amount = host('lightning-formatted-number', '$120,000.00');
  amount.element.setAttribute('slot', 'outputField');
  item.element.append(amount.element);
  recordHome.root.querySelector('.region-main')!.append(item.element);
  const closed = host('secret-component', '<span class="test-id__field-value">hidden</span>', '', 'closed');
  recordHome.root.append(closed.element);
  page.append(recordHome.element);
  return { page, recordHome, item, amount, closed };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
});

describe('happy-dom, as these tests use it', () => {
  it('keeps shadow content away from document.querySelector and observers of body, like a browser', async () => {
    const { root } = host('x-component', '<p class="inside"></p>');
    document.body.append(root.host);
    expect(document.querySelector('.inside')).toBeNull();
    expect(root.querySelector('.inside')).not.toBeNull();

    const bodyRecords: MutationRecord[] = [];
    const shadowRecords: MutationRecord[] = [];
    const init = { childList: true, subtree: true };
    new MutationObserver((records) => bodyRecords.push(...records)).observe(document.body, init);
    new MutationObserver((records) => shadowRecords.push(...records)).observe(root, init);
    root.querySelector('.inside')!.append(document.createElement('b'));
    await flush();
    expect(bodyRecords).toHaveLength(0);
    expect(shadowRecords).toHaveLength(1);
  });
});

describe('querySelectorAllDeep / querySelectorDeep', () => {
  it('finds elements inside nested open shadow roots that document.querySelector cannot see', () => {
    const { item } = buildPage();
    expect(document.querySelector('span.test-id__field-value')).toBeNull();
    const values = querySelectorAllDeep(document, 'span.test-id__field-value');
    expect(values).toHaveLength(1);
    expect(values[0]!.getRootNode()).toBe(item.root);
    expect(querySelectorDeep(document, '[data-target-selection-name$=".Amount"]')).toBe(item.root.firstElementChild);
  });

  it('lists the root tree first, then each shadow root after the tree that holds its host', () => {
    document.body.innerHTML = '<p id="light-1"></p>';
    const outer = host('x-outer', '<p id="outer-1"></p>');
    const inner = host('x-inner', '<p id="inner-1"></p>');
    outer.root.append(inner.element);
    outer.root.append(Object.assign(document.createElement('p'), { id: 'outer-2' }));
    const sibling = host('x-sibling', '<p id="sibling-1"></p>');
    document.body.append(outer.element, sibling.element);
    document.body.append(Object.assign(document.createElement('p'), { id: 'light-2' }));
    expect(querySelectorAllDeep(document, 'p').map((p) => p.id)).toEqual([
      'light-1',
      'light-2',
      'outer-1',
      'outer-2',
      'inner-1',
      'sibling-1',
    ]);
    expect(openShadowRootsIn(document)).toEqual([outer.root, inner.root, sibling.root]);
    expect(querySelectorDeep(document, 'p')?.id).toBe('light-1');
  });

  it('searches an element root and its own shadow root, and leaves closed roots alone', () => {
    const { item, amount, closed, recordHome } = buildPage();
    const labels = querySelectorAllDeep(item.element, '.test-id__field-label');
    expect(labels.map((label) => label.textContent)).toEqual(['Amount']);
    expect(openShadowRootsIn(item.element)).toEqual([item.root, amount.root]);
    expect(closed.element.shadowRoot).toBeNull();
    const values = querySelectorAllDeep(recordHome.element, 'span.test-id__field-value');
    expect(values).not.toContain(closed.root.firstElementChild);
    expect(querySelectorAllDeep(document, 'span.test-id__field-value')).toHaveLength(1);
  });

  it('needs the innermost part of a selector when the outer part is in another tree', () => {
    buildPage();
    expect(querySelectorAllDeep(document, '.windowViewMode-normal records-record-layout-item')).toEqual([]);
    expect(querySelectorAllDeep(document, 'records-record-layout-item > lightning-formatted-number')).toHaveLength(1);
  });

  it('stops at the first tree with a match', () => {
    const { item } = buildPage();
    const later = vi.spyOn(item.root, 'querySelector');
    expect(querySelectorDeep(document, '.windowViewMode-normal')).not.toBeNull();
    expect(later).not.toHaveBeenCalled();
    expect(querySelectorDeep(document, '.no-such-thing')).toBeNull();
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('reports an invalid selector', () => {
    buildPage();
    expect(() => querySelectorAllDeep(document, 'div[')).toThrow();
  });
});

describe('closestDeep', () => {
  it('goes on through shadow hosts until something matches', () => {
    const { item, page } = buildPage();
    const value = querySelectorDeep(item.element, 'span.test-id__field-value')!;
    expect(value.closest('.windowViewMode-normal')).toBeNull();
    expect(closestDeep(value, '.windowViewMode-normal.active')).toBe(page);
    expect(closestDeep(value, 'records-record-layout-item')).toBe(item.element);
    expect(closestDeep(value, '[data-target-selection-name]')).toBe(item.root.firstElementChild);
    expect(closestDeep(value, '.windowViewMode-maximized')).toBeNull();
  });
});

describe('composedTextContent', () => {
  it('reads shadow trees and slotted nodes as the page shows them', () => {
    const { item, amount } = buildPage();
    expect(amount.element.textContent).toBe('');
    expect(composedTextContent(amount.element)).toBe('$120,000.00');
    expect(composedTextContent(item.element)).toBe('Amount$120,000.00');
    expect(composedTextContent(querySelectorDeep(item.element, 'span.test-id__field-value')!)).toBe('$120,000.00');
  });

  it('shows a slot’s fallback content when nothing is assigned, and skips styles', () => {
    const empty = host('x-empty', '<style>p { color: red }</style><slot name="none">fallback</slot>');
    const light = document.createElement('div');
    light.innerHTML = '<slot>synthetic slot content</slot>';
    document.body.append(empty.element, light);
    expect(composedTextContent(empty.element)).toBe('fallback');
    expect(composedTextContent(light)).toBe('synthetic slot content');
  });
});

describe('observeDeep', () => {
  it('reports changes in the root and in every open shadow root below it', async () => {
    const { item, recordHome } = buildPage();
    const records: MutationRecord[] = [];
    const controller = new AbortController();
    observeDeep(document.body, (batch) => records.push(...batch), { signal: controller.signal });

    document.body.append(document.createElement('section'));
    recordHome.root.querySelector('.region-main')!.append(document.createElement('aside'));
    item.root.firstElementChild!.append(document.createElement('button'));
    await flush();
    const added = records.map((record) => (record.addedNodes[0] as Element).localName);
    expect(added.sort()).toEqual(['aside', 'button', 'section']);
    controller.abort();
  });

  it('observes shadow roots that arrive inside added nodes, without walking the whole page again', async () => {
    buildPage();
    const records: MutationRecord[] = [];
    const controller = new AbortController();
    observeDeep(document, (batch) => records.push(...batch), { signal: controller.signal });
    const pageWalk = vi.spyOn(document, 'querySelectorAll');

    const related = host('lst-related-list-single-container', '<div class="body"></div>');
    const datatable = host('lightning-datatable', '<table><tbody></tbody></table>');
    related.root.querySelector('.body')!.append(datatable.element);
    document.querySelector('.windowViewMode-normal')!.append(related.element);
    await flush();
    expect(records.map((record) => record.addedNodes[0])).toEqual([related.element]);

    records.length = 0;
    datatable.root.querySelector('tbody')!.append(document.createElement('tr'));
    await flush();
    expect(records).toHaveLength(1);
    expect(records[0]!.target).toBe(datatable.root.querySelector('tbody'));
    expect(pageWalk).not.toHaveBeenCalled();
    controller.abort();
  });

  it('reports attribute and text changes when asked', async () => {
    const { item, amount } = buildPage();
    const records: MutationRecord[] = [];
    const controller = new AbortController();
    observeDeep(document.body, (batch) => records.push(...batch), {
      signal: controller.signal,
      attributeFilter: ['aria-hidden'],
      characterData: true,
    });
    item.root.firstElementChild!.setAttribute('aria-hidden', 'true');
    item.root.firstElementChild!.setAttribute('title', 'ignored');
    (amount.root.firstChild as Text).data = '$1.00';
    await flush();
    expect(records.map((record) => [record.type, record.attributeName])).toEqual([
      ['attributes', 'aria-hidden'],
      ['characterData', null],
    ]);
    controller.abort();
  });

  it('stops on abort, and never starts with an aborted signal', async () => {
    const { item } = buildPage();
    const callback = vi.fn();
    const controller = new AbortController();
    observeDeep(document.body, callback, { signal: controller.signal });
    item.root.append(document.createElement('p'));
    controller.abort();
    document.body.append(document.createElement('p'));
    item.root.append(document.createElement('p'));
    await flush();
    expect(callback).not.toHaveBeenCalled();

    const late = vi.fn();
    observeDeep(document.body, late, { signal: AbortSignal.abort() });
    document.body.append(document.createElement('p'));
    await flush();
    expect(late).not.toHaveBeenCalled();
  });
});
