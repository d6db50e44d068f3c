/**
 * The deal index after some deals changed, without reading or indexing the others again (deal-index.ts
 * describes the index). `opportunities` and `attributions` are the current facts and every live tag of the
 * changed deals (a deal without either is no partner deal any more; rows of other deals are ignored). The
 * changed deals are indexed on their own, exactly as `indexDeals` would, and joined with the unchanged
 * ones; the review items and stale candidates of both are merged in order. Pure; the given index is left as
 * it was.
 *
 * The result holds the same partner deals, tags, figures and lists as `indexDeals` over the final rows;
 * only the positions differ. Usually the changed deals are appended: their old positions keep no tag (a
 * deal without a tag is no partner deal, and every pass skips it) and the arrays are copied whole, so the
 * work grows with the changed deals' tags plus a few block copies, whatever the org's size. Once such
 * emptied positions and unreferenced tags make up a fair share of the index, it is compacted instead.
 */
import { compareStrings } from '../intl';
import { compareReview, indexDeals, mergeSorted, NO_DAY, type DealIndex } from './deal-index';
import type { SummaryAttribution, SummaryOpportunity } from './summary-types';

/**
 * When to compact: once emptied positions pass `share` of the partner deals (or unreferenced tags that of
 * the live ones) and `atLeast` in number. A copy of the whole index then costs little next to the updates
 * that made the waste.
 */
export interface WasteLimit {
  share: number;
  atLeast: number;
}
export const WASTE_LIMIT: WasteLimit = { share: 0.25, atLeast: 1_000 };

export function updateDeals(
  index: DealIndex,
  changedOpportunityIds: Iterable<string>,
  opportunities: readonly SummaryOpportunity[],
  attributions: readonly SummaryAttribution[],
  limit: WasteLimit = WASTE_LIMIT,
): DealIndex {
  const changed = new Set(changedOpportunityIds);
  if (changed.size === 0) return index;
  const fresh = indexDeals(
    opportunities.filter((deal) => changed.has(deal.id)),
    attributions.filter((tag) => changed.has(tag.opportunityId)),
    index.timeZone,
  );
  let partnerDeals = 0;
  for (let d = 0; d < index.deals.length; d++) if (index.offsets[d + 1]! > index.offsets[d]!) partnerDeals++;
  const emptyPositions = index.deals.length - partnerDeals + fresh.deals.length;
  const liveTags = index.order.length + fresh.order.length;
  const unusedTags = index.tags.length - index.order.length + fresh.tags.length - fresh.order.length;
  const tooMuch = (waste: number, of: number) => waste >= limit.atLeast && waste > limit.share * of;
  if (tooMuch(emptyPositions, partnerDeals) || tooMuch(unusedTags, liveTags)) {
    return compactDeals(index, changed, fresh);
  }
  return appendDeals(index, changed, fresh);
}

/** Typed arrays `a` then `b`, in one new array of the same kind. */
function joined<T extends Int32Array | Float64Array>(a: T, b: T): T {
  const out = new (a.constructor as new (length: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The changed deals appended after the old ones, whose positions keep no tag. */
function appendDeals(index: DealIndex, changed: ReadonlySet<string>, fresh: DealIndex): DealIndex {
  const n = index.deals.length;
  const count = n + fresh.deals.length;
  const emptied = new Uint8Array(n);
  let removedTags = 0;
  for (let d = 0; d < n; d++) {
    const size = index.offsets[d + 1]! - index.offsets[d]!;
    if (size > 0 && changed.has(index.deals[d]!.id)) {
      emptied[d] = 1;
      removedTags += size;
    }
  }

  // The old deals' tag positions, less the emptied ones (copied in blocks), then the fresh deals' own.
  const order = new Int32Array(index.order.length - removedTags + fresh.order.length);
  const offsets = new Int32Array(count + 1);
  let written = 0;
  let blockStart = 0;
  for (let d = 0; d < n; d++) {
    if (emptied[d]) {
      order.set(index.order.subarray(blockStart, index.offsets[d]!), written);
      written += index.offsets[d]! - blockStart;
      blockStart = index.offsets[d + 1]!;
      offsets[d + 1] = written;
    } else {
      offsets[d + 1] = written + index.offsets[d + 1]! - blockStart;
    }
  }
  order.set(index.order.subarray(blockStart), written);
  written += index.order.length - blockStart;
  const tagBase = index.tags.length;
  for (let k = 0; k < fresh.order.length; k++) order[written + k] = fresh.order[k]! + tagBase;
  for (let d = 0; d < fresh.deals.length; d++) offsets[n + d + 1] = written + fresh.offsets[d + 1]!;

  const updated: DealIndex = {
    timeZone: index.timeZone,
    deals: index.deals.concat(fresh.deals),
    tags: index.tags.concat(fresh.tags),
    order,
    offsets,
    sourcedClaims: joined(index.sourcedClaims, fresh.sourcedClaims),
    influencers: joined(index.influencers, fresh.influencers),
    createdMs: joined(index.createdMs, fresh.createdMs),
    createdDay: joined(index.createdDay, fresh.createdDay),
    wonDay: joined(index.wonDay, fresh.wonDay),
    openByLastSign: new Int32Array(0),
    lastSignDay: joined(index.lastSignDay, fresh.lastSignDay),
    lastTouch: index.lastTouch.concat(fresh.lastTouch),
    needsReview: mergeSorted(
      index.needsReview.filter((item) => !changed.has(item.opportunityId)),
      fresh.needsReview,
      compareReview,
    ),
    partnerNames: index.partnerNames.concat(fresh.partnerNames),
  };
  // An emptied position holds what a deal without a tag holds (see indexDeals), so no pass counts it.
  for (let d = 0; d < n; d++) {
    if (!emptied[d]) continue;
    updated.sourcedClaims[d] = 0;
    updated.influencers[d] = 0;
    updated.createdMs[d] = Number.NaN;
    updated.createdDay[d] = NO_DAY;
    updated.wonDay[d] = NO_DAY;
    updated.lastSignDay[d] = NO_DAY;
    updated.lastTouch[d] = undefined;
    updated.partnerNames[d] = undefined;
  }
  // Both lists of stale candidates are in order (day, then name, then id): merged, they are the full list's.
  const kept = Array.from(index.openByLastSign).filter((d) => !emptied[d]);
  const appended = Array.from(fresh.openByLastSign, (d) => d + n);
  updated.openByLastSign = Int32Array.from(mergeSorted(kept, appended, byLastSignOf(updated)));
  return updated;
}

/** Stale candidates' order: the day of the last sign of life, then name, then id. */
function byLastSignOf({ lastSignDay, deals }: DealIndex): (a: number, b: number) => number {
  return (a, b) =>
    lastSignDay[a]! - lastSignDay[b]! ||
    compareStrings(deals[a]!.name, deals[b]!.name) ||
    compareStrings(deals[a]!.id, deals[b]!.id);
}

/**
 * The unchanged partner deals copied in their order, then the changed ones that still have a tag: deals
 * without a tag and tags no deal refers to are left out.
 */
function compactDeals(index: DealIndex, changed: ReadonlySet<string>, fresh: DealIndex): DealIndex {
  // The deals kept: unchanged partner deals of the old index, then the changed ones that still have a tag.
  const from: DealIndex[] = [];
  const at: number[] = [];
  const oldPosition = new Int32Array(index.deals.length).fill(-1);
  const freshPosition = new Int32Array(fresh.deals.length).fill(-1);
  for (let d = 0; d < index.deals.length; d++) {
    if (index.offsets[d + 1] === index.offsets[d] || changed.has(index.deals[d]!.id)) continue;
    oldPosition[d] = at.length;
    from.push(index);
    at.push(d);
  }
  for (let d = 0; d < fresh.deals.length; d++) {
    if (fresh.offsets[d + 1] === fresh.offsets[d]) continue;
    freshPosition[d] = at.length;
    from.push(fresh);
    at.push(d);
  }

  const count = at.length;
  const deals: SummaryOpportunity[] = new Array(count);
  const tags: SummaryAttribution[] = [];
  const offsets = new Int32Array(count + 1);
  const sourcedClaims = new Int32Array(count);
  const influencers = new Int32Array(count);
  const createdMs = new Float64Array(count);
  const createdDay = new Int32Array(count);
  const wonDay = new Int32Array(count);
  const lastSignDay = new Int32Array(count);
  const lastTouch = new Array<string | undefined>(count);
  const partnerNames = new Array<string[] | undefined>(count);
  for (let p = 0; p < count; p++) {
    const source = from[p]!;
    const d = at[p]!;
    deals[p] = source.deals[d]!;
    // Each deal's tags laid out together, so `order` is the identity.
    for (let k = source.offsets[d]!; k < source.offsets[d + 1]!; k++) tags.push(source.tags[source.order[k]!]!);
    offsets[p + 1] = tags.length;
    sourcedClaims[p] = source.sourcedClaims[d]!;
    influencers[p] = source.influencers[d]!;
    createdMs[p] = source.createdMs[d]!;
    createdDay[p] = source.createdDay[d]!;
    wonDay[p] = source.wonDay[d]!;
    lastSignDay[p] = source.lastSignDay[d]!;
    lastTouch[p] = source.lastTouch[d];
    partnerNames[p] = source.partnerNames[d];
  }
  const order = new Int32Array(tags.length);
  for (let k = 0; k < order.length; k++) order[k] = k;

  // Both lists of stale candidates are in order (day, then name, then id): merged, they are the full list's.
  const keptOpen: number[] = [];
  for (const d of index.openByLastSign) if (oldPosition[d]! >= 0) keptOpen.push(oldPosition[d]!);
  const freshOpen = Array.from(fresh.openByLastSign, (d) => freshPosition[d]!);
  const needsReview = mergeSorted(
    index.needsReview.filter((item) => !changed.has(item.opportunityId)),
    fresh.needsReview,
    compareReview,
  );

  const compacted: DealIndex = {
    timeZone: index.timeZone,
    deals,
    tags,
    order,
    offsets,
    sourcedClaims,
    influencers,
    createdMs,
    createdDay,
    wonDay,
    openByLastSign: new Int32Array(0),
    lastSignDay,
    lastTouch,
    needsReview,
    partnerNames,
  };
  compacted.openByLastSign = Int32Array.from(mergeSorted(keptOpen, freshOpen, byLastSignOf(compacted)));
  return compacted;
}
