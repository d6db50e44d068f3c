/**
 * Where badges go: each spot is one opportunity shown on the page and the element its badge sits next to.
 * Only opportunities count (ids with the 006 prefix): list views and related lists of other objects are
 * left alone. Every search crosses open shadow roots, so spots are found in synthetic and native shadow DOM.
 */
import { findClassicTitleElement, findRecordTitleElement } from '../../crm/salesforce/dom';
import * as selectors from '../../crm/salesforce/selectors';
import { closestDeep, querySelectorAllDeep, querySelectorDeep } from '../../crm/salesforce/shadow-dom';
import { toOpportunityId } from '../../record-id';

export type SpotKind = 'row' | 'tile' | 'card' | 'record';

export interface Spot {
  kind: SpotKind;
  opportunityId: string;
  /** The element the badge follows; a new element (a re-rendered row) is a new spot. */
  anchor: Element;
}

const OPPORTUNITY_PATH = /\/lightning\/r\/(?:Opportunity\/)?([a-zA-Z0-9]{15,18})\//;

/** Which kinds of spot a search wants: datatable rows and related-list tiles, or board cards. */
export interface ListSpotKinds {
  rows: boolean;
  cards: boolean;
}

/**
 * Rows (a list view's, a related list's, a View All page's, in `<table>` or role-based render mode), related-list
 * tiles, and board cards inside `root`, which may itself be, or be inside, a row, a tile or a card.
 */
export function findListSpots(root: Element | Document, kinds: ListSpotKinds): Spot[] {
  const spots: Spot[] = [];
  if (kinds.rows) {
    for (const row of within<HTMLElement>(root, selectors.listRow)) {
      const opportunityId = toOpportunityId(row.dataset.rowKeyValue ?? '');
      const header = opportunityId ? querySelectorDeep(row, selectors.listRowHeader) : null;
      const anchor = header && querySelectorDeep(header, selectors.recordLink);
      if (opportunityId && anchor) spots.push({ kind: 'row', opportunityId, anchor });
    }
    for (const tile of within(root, selectors.relatedTile)) {
      const title = querySelectorDeep(tile, selectors.relatedTileTitle);
      const link = title && querySelectorDeep<HTMLAnchorElement>(title, selectors.recordLink);
      const opportunityId = link && opportunityIdOfLink(link);
      if (link && opportunityId) spots.push({ kind: 'tile', opportunityId, anchor: link });
    }
  }
  if (kinds.cards) {
    for (const card of within(root, selectors.boardCard)) {
      const anchor = querySelectorDeep(card, selectors.boardCardNameField);
      const link = anchor && querySelectorDeep<HTMLAnchorElement>(anchor, selectors.recordLink);
      const opportunityId = link && opportunityIdOfLink(link);
      if (anchor && opportunityId) spots.push({ kind: 'card', opportunityId, anchor });
    }
  }
  return spots;
}

function opportunityIdOfLink(link: HTMLAnchorElement): string | undefined {
  const raw = link.dataset.recordid ?? OPPORTUNITY_PATH.exec(link.getAttribute('href') ?? '')?.[1] ?? '';
  return toOpportunityId(raw);
}

/** The record page's title, for the badge next to the opportunity's name (Lightning or Classic). */
export function findRecordSpot(
  container: Element | Document,
  opportunityId: string,
  classic: boolean,
): Spot | undefined {
  const anchor = classic ? findClassicTitleElement(container) : findRecordTitleElement(container);
  return anchor ? { kind: 'record', opportunityId, anchor } : undefined;
}

/**
 * Puts a badge's host next to its spot without moving anything of Salesforce's. Next to a slotted element (the
 * title in native shadow is the highlights component's light child, `slot="primaryField"`), the host joins the
 * same slot: an unslotted light child of a shadow host is not rendered.
 */
export function placeBadge(spot: Spot, host: HTMLElement): void {
  if (spot.kind === 'record' && spot.anchor.localName === 'h2') {
    spot.anchor.append(host);
    return;
  }
  const slot = spot.anchor.getAttribute('slot');
  if (slot && spot.anchor.parentElement?.shadowRoot) host.setAttribute('slot', slot);
  spot.anchor.after(host);
}

/** The matches inside `root` (its shadow roots included), or the one `root` is part of (a name link rendered later). */
function within<T extends Element = Element>(root: Element | Document, selector: string): T[] {
  const enclosing = root.nodeType === 1 ? closestDeep<T>(root as Element, selector) : null;
  return enclosing ? [enclosing] : querySelectorAllDeep<T>(root, selector);
}
