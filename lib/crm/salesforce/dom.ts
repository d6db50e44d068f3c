/**
 * Readers of Salesforce pages. Each takes the Document or container to read, so tests can pass a fixture,
 * and answers undefined rather than throwing when Salesforce's markup is not (yet) there. Lightning readers
 * search every open shadow root and read text as the page renders it, so they work in synthetic and in native
 * shadow DOM alike (see selectors.ts).
 */
import * as selectors from './selectors';
import { closestTagDeep, composedChildNodes, querySelectorAllDeep, querySelectorDeep } from './shadow-dom';

const API_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/**
 * Text a user reads: skips screen-reader-only text and scripts, collapses whitespace. Reads the composed tree
 * (shadow roots, slotted nodes), so a native-shadow component's value counts.
 */
export function readText(element: Element | null | undefined): string | undefined {
  if (!element) return undefined;
  const text = collectText(element).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function collectText(node: Node): string {
  let text = '';
  for (const child of composedChildNodes(node)) {
    if (child.nodeType === child.TEXT_NODE) {
      text += child.textContent ?? '';
    } else if (child.nodeType === child.ELEMENT_NODE && !(child as Element).matches(selectors.nonVisibleText)) {
      text += collectText(child);
    }
  }
  return text;
}

function isHidden(element: Element): boolean {
  return element.closest(selectors.hiddenAncestor) !== null;
}

/** Where a Lightning reader starts: a document, a page container, or a shadow root. */
type Container = Document | DocumentFragment | Element;

function firstText(container: Container, candidates: readonly string[]): string | undefined {
  for (const selector of candidates) {
    for (const element of querySelectorAllDeep(container, selector)) {
      const text = readText(element);
      if (text) return text;
    }
  }
  return undefined;
}

/** True on Lightning Experience pages. */
export function isLightningPage(doc: ParentNode): boolean {
  return doc.querySelector(selectors.lightningApp) !== null;
}

/**
 * The container of the page the user is looking at. Lightning keeps earlier pages (and other console tabs) in
 * the DOM, so reading from `document` would find stale records; read from this container instead.
 */
export function getActivePage(doc: ParentNode): HTMLElement | undefined {
  for (const page of doc.querySelectorAll<HTMLElement>(selectors.activePage)) {
    if (!isHidden(page)) return page;
  }
  return undefined;
}

/** The record's name as the highlights panel shows it. */
export function readRecordTitle(container: Container): string | undefined {
  return firstText(container, selectors.recordTitle);
}

/** The element showing the record's name in the highlights panel (to put UI next to), when it shows one. */
export function findRecordTitleElement(container: Container): HTMLElement | undefined {
  for (const selector of selectors.recordTitle) {
    for (const element of querySelectorAllDeep<HTMLElement>(container, selector)) {
      if (readText(element)) return element;
    }
  }
  return undefined;
}

/** The Classic detail page's title heading (the record's name), when the page has one. */
export function findClassicTitleElement(doc: ParentNode): HTMLElement | undefined {
  return doc.querySelector<HTMLElement>(selectors.classicRecordTitle) ?? undefined;
}

/** True when the container shows a record page (even one whose title cannot be read). */
export function hasRecordLayout(container: Container): boolean {
  return querySelectorDeep(container, selectors.recordHome) !== null;
}

/**
 * The displayed value of a field in the record details (page layout or Dynamic Forms), e.g.
 * `readRecordField(page, 'Opportunity', 'Amount')` → `'$20,000.00'`. Undefined when the field is not on the page,
 * empty, or the names are not API names (they go into a selector).
 */
export function readRecordField(container: Container, objectApiName: string, fieldApiName: string): string | undefined {
  if (!API_NAME.test(objectApiName) || !API_NAME.test(fieldApiName)) return undefined;
  for (const item of querySelectorAllDeep(container, selectors.recordField(objectApiName, fieldApiName))) {
    // In native shadow the value is the field component's light content, slotted into its value span (UTAM
    // records/recordLayoutItem `[slot='outputField']`): `readText` follows the span's <slot> to it.
    if (!closestTagDeep(item, selectors.recordFieldTags)) continue;
    const value = firstText(item, selectors.recordFieldValue);
    if (value) return value;
  }
  return undefined;
}

/** True on Salesforce Classic pages. */
export function isClassicPage(doc: ParentNode): boolean {
  return doc.querySelector(selectors.classicBody) !== null;
}

/** The record's name in a Classic detail page title. */
export function readClassicRecordTitle(doc: ParentNode): string | undefined {
  return readText(doc.querySelector(selectors.classicRecordTitle));
}

/**
 * The displayed value of a field on a Classic detail page, found by its label as the user sees it
 * (Classic markup carries no API names). Undefined when no such label or the value is empty.
 */
export function readClassicField(doc: ParentNode, label: string): string | undefined {
  const wanted = label.replace(/\s+/g, ' ').trim();
  if (!wanted) return undefined;
  for (const labelCell of doc.querySelectorAll(selectors.classicLabelCell)) {
    if (readText(labelCell) !== wanted) continue;
    const dataCell = labelCell.nextElementSibling;
    const value = dataCell?.matches(selectors.classicDataCell) ? readText(dataCell) : undefined;
    if (value) return value;
  }
  return undefined;
}

/** A link to a user record (`/005…`), as Classic renders a user field. */
const USER_LINK = /^\/005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?(?:[/?#]|$)/;

/**
 * The "Created By" value of a Classic detail page (`Dana Reyes, 3/2/2026 9:14 AM`), without depending on the
 * English label where the structure tells: Created By is the first field whose value is a link to a user
 * followed by a date and time (the owner is a link alone; Last Modified By comes after it in the System
 * Information section). Falls back to the label "Created By".
 */
export function readClassicCreatedBy(doc: ParentNode): string | undefined {
  for (const cell of doc.querySelectorAll(`.detailList ${selectors.classicDataCell}`)) {
    const link = cell.querySelector('a[href]');
    if (!link || !USER_LINK.test(link.getAttribute('href') ?? '')) continue;
    const text = readText(cell);
    const name = readText(link);
    if (text && name && text.startsWith(name) && /\d/.test(text.slice(name.length))) return text;
  }
  return readClassicField(doc, 'Created By');
}

/**
 * The Classic page title block: once it exists the detail has rendered, and it is a stable place to put UI
 * next to. Undefined on pages without one.
 */
export function getClassicAnchor(doc: ParentNode): HTMLElement | undefined {
  return doc.querySelector<HTMLElement>(selectors.classicPageTitle) ?? undefined;
}
