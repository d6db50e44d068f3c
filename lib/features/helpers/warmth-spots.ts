/**
 * Where badges go: each spot is one opportunity shown on the page and the element its badge sits next to.
 * Only opportunities count (ids with the 006 prefix): list views and related lists of other objects are
 * left alone.
 */
import { findClassicTitleElement, findRecordTitleElement } from '../../crm/salesforce/dom';
import { toOpportunityId } from '../../record-id';
import * as selectors from '../../crm/salesforce/selectors';

export type SpotKind = 'row' | 'card' | 'record';

export interface Spot {
  kind: SpotKind;
  opportunityId: string;
  /** The element the badge follows; a new element (a re-rendered row) is a new spot. */
  anchor: Element;
}

const OPPORTUNITY_PATH = /\/lightning\/r\/(?:Opportunity\/)?([a-zA-Z0-9]{15,18})\//;

/** Rows and board cards inside `root` (which may itself be a row or a card). */
export function findListSpots(root: Element | Document, kinds: { rows: boolean; cards: boolean }): Spot[] {
  const spots: Spot[] = [];
  if (kinds.rows) {
    for (const row of within<HTMLElement>(root, selectors.listRow)) {
      const opportunityId = toOpportunityId(row.dataset.rowKeyValue ?? '');
      const anchor = opportunityId && row.querySelector(selectors.listRowName);
      if (anchor) spots.push({ kind: 'row', opportunityId, anchor });
    }
  }
  if (kinds.cards) {
    for (const card of within(root, selectors.boardCard)) {
      const link = card.querySelector<HTMLAnchorElement>(selectors.boardCardName);
      const raw = link?.dataset.recordid ?? OPPORTUNITY_PATH.exec(link?.getAttribute('href') ?? '')?.[1] ?? '';
      const opportunityId = toOpportunityId(raw);
      const anchor = opportunityId && card.querySelector(selectors.boardCardNameField);
      if (anchor) spots.push({ kind: 'card', opportunityId, anchor });
    }
  }
  return spots;
}

/** The record page's title, for the badge next to the opportunity's name (Lightning or Classic). */
export function findRecordSpot(container: ParentNode, opportunityId: string, classic: boolean): Spot | undefined {
  const anchor = classic ? findClassicTitleElement(container) : findRecordTitleElement(container);
  return anchor ? { kind: 'record', opportunityId, anchor } : undefined;
}

/** Puts a badge's host next to its spot without moving anything of Salesforce's. */
export function placeBadge(spot: Spot, host: HTMLElement): void {
  if (spot.kind === 'record' && spot.anchor.localName === 'h2') spot.anchor.append(host);
  else spot.anchor.after(host);
}

/** The matches inside `root`, and the one `root` is part of (a name link rendered into an existing row). */
function within<T extends Element = Element>(root: Element | Document, selector: string): T[] {
  const enclosing = root instanceof Element ? root.closest<T>(selector) : null;
  return enclosing ? [enclosing] : [...root.querySelectorAll<T>(selector)];
}
