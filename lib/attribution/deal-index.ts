/**
 * The week-independent half of the weekly summary: every partner deal with what the summary needs to know
 * about it, read once from the opportunities and their tags. Any week's summary is then a quick pass over
 * typed arrays (summary.ts) that opens objects only for the deals it reports. The background keeps one
 * index per org until its data changes, so moving between weeks does not read or index 100,000 tags again.
 *
 * What does not depend on the week is decided here: each deal's counts of claims, its review items (they
 * are listed for every partner deal, whatever the week) and the order stale candidates are listed in.
 * Pure: the same rows (in any order) and zone give the same index.
 */
import { isCalendarDate } from './dates';
import type { ReviewItem, ReviewReason, SummaryAttribution, SummaryOpportunity } from './summary-types';
import { dateToDayNumber, instantMs, localDayNumberReader } from '../time/zone';
import { compareStrings } from '../intl';
import { hasUnknownFacts, unknownFactItems } from './unknown-facts';

/** A day number that is no day: "not a calendar date" and "no such date". */
export const NO_DAY = -0x80000000;

export interface DealIndex {
  /** The zone the local days below are in (a tag's creation instant, when a deal has no touch). */
  timeZone: string;
  /** The opportunities given, in their order; those without a live tag (offsets equal) are not partner deals. */
  deals: readonly SummaryOpportunity[];
  /** Deal `d`'s tags are `tags[order[offsets[d]]] … tags[order[offsets[d + 1] - 1]]`. */
  tags: readonly SummaryAttribution[];
  order: Int32Array;
  offsets: Int32Array;
  sourcedClaims: Int32Array;
  influencers: Int32Array;
  /** The creation instant in ms, or NaN when it is a calendar date (then `createdDay`) or unreadable. */
  createdMs: Float64Array;
  /** The creation day when createdAt is a calendar date, else NO_DAY. */
  createdDay: Int32Array;
  /** The close day of a won deal, else NO_DAY. */
  wonDay: Int32Array;
  /**
   * Open deals only, the stale candidates, in the order stale deals are listed: the day of their last sign
   * of life (the latest touch, or without any touch the local day of the earliest tag), oldest first, then
   * by name and id. A week's stale deals are a prefix of this list.
   */
  openByLastSign: Int32Array;
  /** Per deal: that day (NO_DAY for closed deals) and, for open deals with a touch, the touch's date. */
  lastSignDay: Int32Array;
  lastTouch: (string | undefined)[];
  /**
   * Every review item, sorted: unknown created dates, disputes, missing evidence, window overrides, unknown
   * amounts, unknown currencies, each by deal name.
   */
  needsReview: readonly ReviewItem[];
  /** Each deal's partner names once made (see `partnerNamesOfDeal`). */
  partnerNames: (string[] | undefined)[];
}

/**
 * Finds each tag's opportunity (its position in `opportunities`). Looking them up is most of the work for
 * a large org, so it follows the order the store gives: tags grouped by opportunity (the opportunityId
 * index) with the opportunities in the same order. A tag of the same opportunity as the one before needs
 * no lookup, and the next group is first tried against the next opportunity: a sequential walk, no hash
 * table. Anything else (any order at all) falls back to a Map, built on first need. Every match is an
 * exact comparison of ids, so the order only changes the speed.
 */
function opportunityFinder(opportunities: readonly SummaryOpportunity[]): (id: string, after: number) => number {
  let position: Map<string, number> | undefined;
  return (id, after) => {
    const next = after + 1;
    if (next < opportunities.length && opportunities[next]!.id === id) return next;
    if (!position) {
      position = new Map();
      for (let o = 0; o < opportunities.length; o++) position.set(opportunities[o]!.id, o);
    }
    return position.get(id) ?? -1;
  };
}

/**
 * Sorted, without repeats, in place. The lists are a deal's few partner names, for thousands of deals:
 * an insertion sort allocates nothing, where Array#sort allocates a work copy on every call.
 */
export function uniqueSorted(values: string[]): string[] {
  if (values.length < 2) return values;
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
  let kept = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[kept - 1]) values[kept++] = values[i]!;
  values.length = kept;
  return values;
}

/** "Acme SI", "Acme SI and Globex", "Acme SI, Globex and Initech". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Deal `d`'s live tags. */
export function tagsOfDeal(index: DealIndex, d: number): SummaryAttribution[] {
  const tags: SummaryAttribution[] = [];
  for (let k = index.offsets[d]!; k < index.offsets[d + 1]!; k++) tags.push(index.tags[index.order[k]!]!);
  return tags;
}

/**
 * Deal `d`'s partner names, sorted, each once. Made on first need and kept in the index: every week's
 * summary lists the same stale deals, and the arrays are shared between them (never change them).
 */
export function partnerNamesOfDeal(index: DealIndex, d: number): string[] {
  let names = index.partnerNames[d];
  if (names) return names;
  names = [];
  for (let k = index.offsets[d]!; k < index.offsets[d + 1]!; k++) names.push(index.tags[index.order[k]!]!.partnerName);
  return (index.partnerNames[d] = uniqueSorted(names));
}

// An unknown created date first: such a deal is in no week's figures, the list is all that shows it.
const REASON_ORDER: Record<ReviewReason, number> = {
  created_unknown: 0,
  disputed: 1,
  no_evidence: 2,
  window_override: 3,
  amount_unknown: 4,
  currency_unknown: 5,
};

export function compareReview(a: ReviewItem, b: ReviewItem): number {
  return (
    REASON_ORDER[a.reason] - REASON_ORDER[b.reason] ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.opportunityId, b.opportunityId)
  );
}

/**
 * The review items of one partner deal: a dispute, influence without evidence, window overrides, and the
 * facts the summary does not know (unknown-facts.ts).
 */
function addReviewItems(index: DealIndex, d: number, out: ReviewItem[]): void {
  const deal = index.deals[d]!;
  const { id: opportunityId, name } = deal;
  out.push(...unknownFactItems(deal));
  const claimants: string[] = [];
  const withoutEvidence: string[] = [];
  const overrides: string[] = [];
  for (let k = index.offsets[d]!; k < index.offsets[d + 1]!; k++) {
    const tag = index.tags[index.order[k]!]!;
    if (tag.kind === 'sourced') {
      claimants.push(tag.partnerName);
      if (tag.windowOverrideReason)
        overrides.push(`Sourced by ${tag.partnerName} outside the window: ${tag.windowOverrideReason}`);
    } else if (tag.kind === 'influenced' && tag.touches.length === 0) {
      withoutEvidence.push(tag.partnerName);
    }
  }
  if (index.sourcedClaims[d]! > 1) {
    const names = uniqueSorted(claimants);
    const detail =
      names.length === 1
        ? `${names[0]} claims to have sourced it more than once`
        : `${joinNames(names)} ${names.length === 2 ? 'both' : 'all'} claim to have sourced it`;
    out.push({ opportunityId, name, reason: 'disputed', detail });
  }
  if (withoutEvidence.length) {
    out.push({
      opportunityId,
      name,
      reason: 'no_evidence',
      detail: `Influenced by ${joinNames(uniqueSorted(withoutEvidence))} without evidence`,
    });
  }
  if (overrides.length)
    out.push({ opportunityId, name, reason: 'window_override', detail: uniqueSorted(overrides).join('; ') });
}

/**
 * Open deals by the day of their last sign of life, then name, then id. A numeric sort of day and position
 * packed in one number (no comparator calls), then name order within each day: a day holds few deals.
 */
function byLastSign(
  open: readonly number[],
  lastSignDay: Int32Array,
  opportunities: readonly SummaryOpportunity[],
): Int32Array {
  const keys = new Float64Array(open.length);
  // Day numbers of real dates fit in 24 bits either side of 1970, positions in 2^26: the packed key is exact.
  for (let i = 0; i < open.length; i++) keys[i] = lastSignDay[open[i]!]! * 2 ** 26 + open[i]!;
  keys.sort();
  const sorted = new Int32Array(open.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = keys[i]! - Math.floor(keys[i]! / 2 ** 26) * 2 ** 26;
  const byName = (a: number, b: number) =>
    compareStrings(opportunities[a]!.name, opportunities[b]!.name) ||
    compareStrings(opportunities[a]!.id, opportunities[b]!.id);
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && lastSignDay[sorted[end]!] === lastSignDay[sorted[start]!]) end++;
    if (end - start > 1) sorted.subarray(start, end).sort(byName);
    start = end;
  }
  return sorted;
}

/**
 * Indexes the partner deals among `opportunities` from their live tags; tags of opportunities that are not
 * given are left out. One pass over the tags reads all each tag says while it is at hand (a large org's
 * tags do not fit in the processor's caches: a second pass would cost as much again), then a counting
 * sort groups them by deal. Typed arrays, no array per deal.
 */
export function indexDeals(
  opportunities: readonly SummaryOpportunity[],
  attributions: readonly SummaryAttribution[],
  timeZone: string,
): DealIndex {
  const count = opportunities.length;
  const find = opportunityFinder(opportunities);
  const tagCount = new Int32Array(count);
  const sourcedClaims = new Int32Array(count);
  const influencers = new Int32Array(count);
  const needsLook = new Uint8Array(count);
  const lastTouch = new Array<string | undefined>(count);
  const owner = new Int32Array(attributions.length);
  let previousId: string | undefined;
  let o = -1;
  let lastFound = -1;
  for (let t = 0; t < attributions.length; t++) {
    const tag = attributions[t]!;
    if (tag.opportunityId !== previousId) {
      previousId = tag.opportunityId;
      o = find(previousId, lastFound);
      if (o >= 0) lastFound = o;
    }
    owner[t] = o;
    if (o < 0) continue;
    tagCount[o]!++;
    const { touches } = tag;
    if (tag.kind === 'sourced') {
      if (++sourcedClaims[o]! > 1 || tag.windowOverrideReason) needsLook[o] = 1;
    } else if (tag.kind === 'influenced') {
      influencers[o]!++;
      if (touches.length === 0) needsLook[o] = 1;
    }
    if (touches.length > 0) {
      let latest = lastTouch[o];
      for (let k = 0; k < touches.length; k++) {
        const date = touches[k]!.date;
        // Real `YYYY-MM-DD` dates compare as strings in calendar order.
        if ((latest === undefined || date > latest) && isCalendarDate(date)) latest = date;
      }
      lastTouch[o] = latest;
    }
  }
  const offsets = new Int32Array(count + 1);
  for (let p = 0; p < count; p++) offsets[p + 1] = offsets[p]! + tagCount[p]!;
  const order = new Int32Array(offsets[count]!);
  const fill = offsets.slice(0, count);
  for (let t = 0; t < attributions.length; t++) {
    const p = owner[t]!;
    if (p >= 0) order[fill[p]!++] = t;
  }

  const index: DealIndex = {
    timeZone,
    deals: opportunities,
    tags: attributions,
    order,
    offsets,
    sourcedClaims,
    influencers,
    createdMs: new Float64Array(count).fill(NaN),
    createdDay: new Int32Array(count).fill(NO_DAY),
    wonDay: new Int32Array(count).fill(NO_DAY),
    openByLastSign: new Int32Array(0),
    lastSignDay: new Int32Array(count).fill(NO_DAY),
    lastTouch,
    needsReview: [],
    partnerNames: new Array<string[] | undefined>(count),
  };
  const localDay = localDayNumberReader(timeZone);
  const needsReview: ReviewItem[] = [];
  const open: number[] = [];
  for (let d = 0; d < count; d++) {
    if (tagCount[d] === 0) continue; // not a partner deal
    const deal = opportunities[d]!;
    const { createdAt } = deal;
    if (createdAt.length === 10) index.createdDay[d] = dateToDayNumber(createdAt) ?? NO_DAY;
    else index.createdMs[d] = instantMs(createdAt);
    if (deal.isWon && deal.closeDate !== undefined) index.wonDay[d] = dateToDayNumber(deal.closeDate) ?? NO_DAY;
    if (needsLook[d] || hasUnknownFacts(deal)) addReviewItems(index, d, needsReview);
    if (deal.isClosed) {
      lastTouch[d] = undefined;
      continue;
    }
    const touched = lastTouch[d];
    if (touched !== undefined) {
      index.lastSignDay[d] = dateToDayNumber(touched)!;
      open.push(d);
      continue;
    }
    // Without any touch, the earliest tag is the last sign of life.
    let earliest = Infinity;
    for (let k = offsets[d]!; k < offsets[d + 1]!; k++) {
      const ms = instantMs(attributions[order[k]!]!.createdAt);
      if (ms < earliest) earliest = ms;
    }
    if (Number.isFinite(earliest)) {
      index.lastSignDay[d] = localDay(earliest);
      open.push(d);
    }
  }
  needsReview.sort(compareReview);
  index.needsReview = needsReview;

  index.openByLastSign = byLastSign(open, index.lastSignDay, opportunities);
  return index;
}

/** Merges two lists each sorted by `compare` (no item in both) into one sorted list. */
export function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (b.length === 0) return a.slice();
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
