/**
 * The weekly attribution summary: one week's partner-sourced and partner-influenced pipeline, per currency,
 * by partner, with the week before and a 12-week trend, the largest deals, stale deals and what needs review.
 * Pure: data in, figures out; the same input always gives the same summary, whatever its order. It is
 * fastest when attributions come grouped by opportunity and the opportunities in the same order, as the
 * store's opportunityId index gives them (see `opportunityFinder`).
 *
 * Definitions (the README quotes them: change both together):
 * - A "partner deal" is an opportunity with at least one live attribution. Attributions of opportunities
 *   that are not among the opportunities given are left out (there are no facts to report).
 * - An opportunity is created in week W when its createdAt falls in [W.start, W.end). A createdAt that is a
 *   calendar date (`YYYY-MM-DD`) means local midnight of that day in the user's zone, so it belongs to the
 *   week that contains that day.
 * - Partner-sourced pipeline of W, per currency: the full amounts of the opportunities created in W that
 *   have exactly one live sourced attribution, and their count. Two or more sourced claims are a dispute:
 *   not counted as sourced, listed under needs review.
 * - Partner-influenced pipeline of W: the full amounts of the opportunities created in W with at least one
 *   influenced attribution. Sourced and influenced are reported separately and never added.
 * - Closed-won sourced / influenced of W: the same, for won opportunities whose close date (a calendar date)
 *   is one of W's seven local days.
 * - An opportunity without an amount counts as an opportunity and adds 0 cents. An unknown currency is
 *   reported as `UNKNOWN_CURRENCY`. Amounts in different currencies are never added.
 * - New pipeline of W per currency comes from the org's own aggregate (`newPipeline[weekKey][currency]`,
 *   null when absent); the sourced share is sourced pipeline / new pipeline, null when the total is unknown
 *   or not positive, or when the sourced pipeline is negative (credit notes outweigh sales). Every currency with a partner figure or a new-pipeline total in the week is listed.
 * - Converted (only with the org's rates): each opportunity's amount is converted to the corporate currency
 *   (amount / rate[currency] × rate[corporate], rounded to the cent per opportunity, half away from zero)
 *   and the figures are summed again. Amounts in a currency without a usable rate, and in the unknown
 *   currency, are left out of every converted figure (also the new pipeline) and their currencies listed in
 *   `excludedCurrencies`, so the converted share compares like with like.
 * - By partner, per partner and currency: sourced pipeline (the full amount: an opportunity has one
 *   sourcing partner) and influenced pipeline split among the influencers by the team's influence model,
 *   in cents that add up exactly to each opportunity's amount (`partnerTotals` in credit.ts); the same for
 *   won. A partner whose only claims are disputed is listed with zeros. Lines are grouped by currency (in
 *   code order: cents in different currencies cannot be ranked against each other), then sorted by sourced
 *   pipeline, then influenced pipeline, descending, then by partner name.
 * - Previous: the same figures for the week before. Trend: 12 weeks, oldest first, ending with W.
 * - Top deals: the partner deals created in W, the most common currency among them first (ties: currency
 *   code), then the other currencies in the same order; within a currency by amount, largest first (no
 *   amount last), then name. At most 5.
 * - Deals: every partner deal created or won in W (the deals behind the figures, for snapshots), by id.
 * - Stale: partner deals that are open (not closed) whose latest dated touch, over all their attributions,
 *   is more than `staleDays` (default 30) calendar days before the local date of the earlier of now and W's
 *   end; with no dated touch at all, measured from the local date of the earliest attribution's creation.
 *   Oldest first, then by deal name.
 * - Needs review, for every partner deal, open or closed, one item per deal and reason: a dispute (two or
 *   more sourced claims), influence without evidence (an influenced attribution without any touch), and a
 *   sourced claim that stands outside the attribution window with a reason. Disputes first, then missing
 *   evidence, then window overrides; within a reason by deal name.
 */
import { partnerTotals, UNKNOWN_CURRENCY, type OpportunityCredit } from './credit';
import { isCalendarDate } from './dates';
import type { AttributionKind } from './model';
import type {
  CurrencyFigures,
  CurrencyRates,
  DealLine,
  PartnerLine,
  ReviewItem,
  ReviewReason,
  StaleDeal,
  SummaryAttribution,
  SummaryInput,
  SummaryOpportunity,
  WeekFigures,
  WeekRange,
  WeeklySummary,
} from './summary-types';
import { shiftWeek } from '../time/week';
import { dateToDayNumber, dayNumberToDate, localDateReader, localDayNumber } from '../time/zone';

export const TREND_WEEKS = 12;
export const DEFAULT_STALE_DAYS = 30;
export const TOP_DEALS = 5;

const MS_PER_DAY = 86_400_000;

/** Plain code-unit order: the same in every locale and fast on long lists. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole cents, half away from zero; a missing or non-finite amount adds nothing. */
function toCents(amount: number | null): number {
  if (amount === null || !Number.isFinite(amount)) return 0;
  return Number.isInteger(amount) ? amount : Math.sign(amount) * Math.round(Math.abs(amount));
}

// ---------------------------------------------------------------------------------------------------------
// The 12 weeks, as plain numbers and strings, so no opportunity needs Date or Intl work

interface WeekWindow {
  weeks: WeekRange[];
  /** TREND_WEEKS + 1 boundaries: the start of each week, then the end of the last. */
  startsMs: number[];
  /** The same boundaries as local calendar dates (week keys). */
  keys: string[];
  /** Instants whose written date is before `lowDate` or on/after `highDate` cannot fall in the window. */
  lowDate: string;
  highDate: string;
}

function weekWindow(input: SummaryInput): WeekWindow {
  const weeks: WeekRange[] = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) weeks.push(shiftWeek(input.week, -k, input.settings));
  const after = shiftWeek(input.week, 1, input.settings);
  const startsMs = [...weeks.map((week) => Date.parse(week.start)), Date.parse(after.start)];
  const keys = [...weeks.map((week) => week.key), after.key];
  // A written instant's date is at most a day from its UTC date, which is at most a day from the local one.
  const lowDate = dayNumberToDate(dateToDayNumber(keys[0]!)! - 2);
  const highDate = dayNumberToDate(dateToDayNumber(keys[TREND_WEEKS]!)! + 2);
  return { weeks, startsMs, keys, lowDate, highDate };
}

/** Index (0 = oldest) of the week that holds a calendar date, or -1. Calendar dates compare as strings. */
function weekOfDate(window: WeekWindow, date: string): number {
  const { keys } = window;
  if (date < keys[0]! || date >= keys[TREND_WEEKS]!) return -1;
  for (let i = TREND_WEEKS - 1; i >= 0; i--) if (date >= keys[i]!) return i;
  return -1;
}

/** Index of the week an opportunity was created in, or -1: a calendar date or an ISO instant. */
function weekOfCreation(window: WeekWindow, createdAt: string): number {
  if (createdAt.length === 10) return isCalendarDate(createdAt) ? weekOfDate(window, createdAt) : -1;
  // Most opportunities were created long before (or after) the window: a string comparison rules them out.
  if (createdAt < window.lowDate || createdAt >= window.highDate) return -1;
  const ms = Date.parse(createdAt);
  const { startsMs } = window;
  if (!(ms >= startsMs[0]! && ms < startsMs[TREND_WEEKS]!)) return -1;
  for (let i = TREND_WEEKS - 1; i >= 0; i--) if (ms >= startsMs[i]!) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Figures

type Totals = Omit<CurrencyFigures, 'currency' | 'newPipelineCents' | 'sourcedShare'>;

/** A currency's figures for a week with no partner deal and no known total. */
export function emptyFigures(currency: string): CurrencyFigures {
  return { currency, ...emptyTotals(), newPipelineCents: null, sourcedShare: null };
}

function emptyTotals(): Totals {
  return {
    sourcedPipelineCents: 0,
    sourcedOpportunities: 0,
    influencedPipelineCents: 0,
    influencedOpportunities: 0,
    sourcedWonCents: 0,
    sourcedWonOpportunities: 0,
    influencedWonCents: 0,
    influencedWonOpportunities: 0,
  };
}

function addCreated(totals: Totals, cents: number, sourced: boolean, influenced: boolean): void {
  if (sourced) {
    totals.sourcedPipelineCents += cents;
    totals.sourcedOpportunities++;
  }
  if (influenced) {
    totals.influencedPipelineCents += cents;
    totals.influencedOpportunities++;
  }
}

function addWon(totals: Totals, cents: number, sourced: boolean, influenced: boolean): void {
  if (sourced) {
    totals.sourcedWonCents += cents;
    totals.sourcedWonOpportunities++;
  }
  if (influenced) {
    totals.influencedWonCents += cents;
    totals.influencedWonOpportunities++;
  }
}

function withShare(currency: string, totals: Totals, newPipelineCents: number | null): CurrencyFigures {
  return {
    currency,
    ...totals,
    newPipelineCents,
    // A share of a total that is not positive, or of credit notes outweighing sales, would mean nothing.
    sourcedShare:
      newPipelineCents !== null && newPipelineCents > 0 && totals.sourcedPipelineCents >= 0
        ? totals.sourcedPipelineCents / newPipelineCents
        : null,
  };
}

/** Converts cents to the corporate currency, or returns null when the currency has no usable rate. */
function converter(rates: CurrencyRates): (cents: number, currency: string) => number | null {
  const corporateRate = rates.rates[rates.corporateCurrency] ?? 1;
  const usable = (rate: number | undefined): rate is number => typeof rate === 'number' && Number.isFinite(rate) && rate > 0;
  return (cents, currency) => {
    if (currency === UNKNOWN_CURRENCY) return null;
    if (currency === rates.corporateCurrency && usable(corporateRate)) return cents;
    const rate = rates.rates[currency];
    if (!usable(rate) || !usable(corporateRate)) return null;
    const exact = (cents / rate) * corporateRate;
    return Math.sign(exact) * Math.round(Math.abs(exact));
  };
}

interface WeekAccumulator {
  byCurrency: Map<string, Totals>;
  converted: Totals;
  excluded: Set<string>;
}

function totalsFor(week: WeekAccumulator, currency: string): Totals {
  let totals = week.byCurrency.get(currency);
  if (!totals) week.byCurrency.set(currency, (totals = emptyTotals()));
  return totals;
}

function finishWeek(key: string, week: WeekAccumulator, input: SummaryInput): WeekFigures {
  const newPipeline = input.newPipeline[key];
  const currencies = new Set(week.byCurrency.keys());
  if (newPipeline) for (const currency of Object.keys(newPipeline)) currencies.add(currency);
  const byCurrency = [...currencies].sort(compareStrings).map((currency) => {
    const total = newPipeline?.[currency];
    return withShare(currency, week.byCurrency.get(currency) ?? emptyTotals(), typeof total === 'number' ? total : null);
  });
  const figures: WeekFigures = { weekKey: key, byCurrency };
  if (input.rates) {
    const convert = converter(input.rates);
    const excluded = new Set(week.excluded);
    let newTotal: number | null = null;
    if (newPipeline) {
      newTotal = 0;
      for (const [currency, cents] of Object.entries(newPipeline)) {
        const converted = convert(cents, currency);
        if (converted === null) excluded.add(currency);
        else newTotal += converted;
      }
    }
    figures.converted = {
      ...withShare(input.rates.corporateCurrency, week.converted, newTotal),
      ratesAsOf: input.rates.asOf,
      excludedCurrencies: [...excluded].sort(compareStrings),
    };
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// Deals, partners, stale deals and review items

/**
 * The live tags of every opportunity, grouped without a JavaScript array per opportunity, and what the
 * summary needs to know about each opportunity's tags, read while each tag is at hand (one look per tag).
 * Only typed arrays: a large org leaves the garbage collector almost nothing to copy.
 */
interface TagIndex {
  tags: readonly SummaryAttribution[];
  /** Indexes into `tags`, grouped by opportunity: opportunity `o` owns `order[offsets[o]] … order[offsets[o + 1] - 1]`. */
  order: Int32Array;
  offsets: Int32Array;
  /** Per opportunity, side by side so one tag touches one cache line: see FACTS. */
  facts: Int32Array;
  /** For open opportunities: the tag (index into `tags`) and touch holding the latest real touch date, or -1. */
  lastTouchTag: Int32Array;
  lastTouchAt: Int32Array;
}

/** Per opportunity: [tags, sourced claims, influencers, flags]. */
const FACTS = 4;
const TAG_COUNT = 0;
const SOURCED_CLAIMS = 1;
const INFLUENCERS = 2;
const FLAGS = 3;
const OPEN = 1;
/** An influenced tag without any touch: a review item. */
const WITHOUT_EVIDENCE = 2;
/** A sourced claim standing outside the window with a reason: a review item. */
const WINDOW_OVERRIDE = 4;

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

/** One pass over the tags, then a counting sort by opportunity position: no per-opportunity allocation. */
function indexTags(opportunities: readonly SummaryOpportunity[], tags: readonly SummaryAttribution[]): TagIndex {
  const count = opportunities.length;
  const find = opportunityFinder(opportunities);
  const facts = new Int32Array(count * FACTS);
  for (let o = 0; o < count; o++) if (!opportunities[o]!.isClosed) facts[o * FACTS + FLAGS] = OPEN;
  const owner = new Int32Array(tags.length);
  const lastTouchTag = new Int32Array(count).fill(-1);
  const lastTouchAt = new Int32Array(count);
  let previousId: string | undefined;
  let o = -1;
  let lastFound = -1;
  for (let t = 0; t < tags.length; t++) {
    const tag = tags[t]!;
    if (tag.opportunityId !== previousId) {
      previousId = tag.opportunityId;
      o = find(previousId, lastFound);
      if (o >= 0) lastFound = o;
    }
    owner[t] = o;
    if (o < 0) continue;
    const at = o * FACTS;
    facts[at + TAG_COUNT]!++;
    const { touches } = tag;
    if (tag.kind === 'sourced') {
      facts[at + SOURCED_CLAIMS]!++;
      if (tag.windowOverrideReason) facts[at + FLAGS]! |= WINDOW_OVERRIDE;
    } else if (tag.kind === 'influenced') {
      facts[at + INFLUENCERS]!++;
      if (touches.length === 0) facts[at + FLAGS]! |= WITHOUT_EVIDENCE;
    }
    if (facts[at + FLAGS]! & OPEN && touches.length > 0) {
      const bestTag = lastTouchTag[o]!;
      let latest = bestTag >= 0 ? tags[bestTag]!.touches[lastTouchAt[o]!]!.date : undefined;
      for (let k = 0; k < touches.length; k++) {
        const date = touches[k]!.date;
        // Real `YYYY-MM-DD` dates compare as strings in calendar order.
        if ((latest === undefined || date > latest) && isCalendarDate(date)) {
          latest = date;
          lastTouchTag[o] = t;
          lastTouchAt[o] = k;
        }
      }
    }
  }
  const offsets = new Int32Array(count + 1);
  for (let p = 0; p < count; p++) offsets[p + 1] = offsets[p]! + facts[p * FACTS + TAG_COUNT]!;
  const order = new Int32Array(offsets[count]!);
  const fill = offsets.slice(0, count);
  for (let t = 0; t < tags.length; t++) {
    const p = owner[t]!;
    if (p >= 0) order[fill[p]!++] = t;
  }
  return { tags, order, offsets, facts, lastTouchTag, lastTouchAt };
}

/** The latest real touch date of an open opportunity, or undefined. */
function lastTouchOf(index: TagIndex, o: number): string | undefined {
  const t = index.lastTouchTag[o]!;
  return t >= 0 ? index.tags[t]!.touches[index.lastTouchAt[o]!]!.date : undefined;
}

function tagsOf(index: TagIndex, o: number): SummaryAttribution[] {
  const tags: SummaryAttribution[] = [];
  for (let k = index.offsets[o]!; k < index.offsets[o + 1]!; k++) tags.push(index.tags[index.order[k]!]!);
  return tags;
}

/**
 * Sorted, without repeats, in place. The lists are a deal's few partner names, for thousands of deals:
 * an insertion sort allocates nothing, where Array#sort allocates a work copy on every call.
 */
function uniqueSorted(values: string[]): string[] {
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

function partnerNamesOf(tags: readonly SummaryAttribution[]): string[] {
  return uniqueSorted(tags.map((tag) => tag.partnerName));
}

/** The partner names of opportunity `o`, sorted, each once. */
function partnerNamesAt(index: TagIndex, o: number): string[] {
  const names: string[] = [];
  for (let k = index.offsets[o]!; k < index.offsets[o + 1]!; k++) names.push(index.tags[index.order[k]!]!.partnerName);
  return uniqueSorted(names);
}

/** "Acme SI", "Acme SI and Globex", "Acme SI, Globex and Initech". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function dealLine(opportunity: SummaryOpportunity, tags: readonly SummaryAttribution[], sourcedClaims: number, influencers: number): DealLine {
  const kinds: AttributionKind[] = [];
  if (sourcedClaims === 1) kinds.push('sourced');
  if (influencers > 0) kinds.push('influenced');
  const line: DealLine = {
    opportunityId: opportunity.id,
    name: opportunity.name,
    amountCents: opportunity.amountCents === null ? null : toCents(opportunity.amountCents),
    currency: opportunity.currency || UNKNOWN_CURRENCY,
    kinds,
    partnerNames: partnerNamesOf(tags),
  };
  if (sourcedClaims > 1) line.disputed = true;
  if (opportunity.stage !== undefined) line.stage = opportunity.stage;
  return line;
}

function compareDealsByAmount(a: DealLine, b: DealLine): number {
  if (a.amountCents !== b.amountCents) {
    if (a.amountCents === null) return 1;
    if (b.amountCents === null) return -1;
    return b.amountCents - a.amountCents;
  }
  return compareStrings(a.name, b.name) || compareStrings(a.opportunityId, b.opportunityId);
}

/** The largest deals, the most common currency first (see the definitions above). */
function topDeals(created: readonly DealLine[]): DealLine[] {
  const counts = new Map<string, number>();
  for (const deal of created) counts.set(deal.currency, (counts.get(deal.currency) ?? 0) + 1);
  return [...created]
    .sort(
      (a, b) =>
        counts.get(b.currency)! - counts.get(a.currency)! || compareStrings(a.currency, b.currency) || compareDealsByAmount(a, b),
    )
    .slice(0, TOP_DEALS);
}

function creditOf(opportunity: SummaryOpportunity, tags: readonly SummaryAttribution[]): OpportunityCredit {
  return { opportunityId: opportunity.id, amountCents: opportunity.amountCents, currency: opportunity.currency, attributions: tags };
}

function partnerLines(
  createdInWeek: OpportunityCredit[],
  wonInWeek: OpportunityCredit[],
  input: SummaryInput,
  partnerNames: Map<string, string>,
): PartnerLine[] {
  const lines = new Map<string, PartnerLine>();
  const lineFor = (partnerId: string, currency: string) => {
    const key = `${currency}\u0000${partnerId}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        partnerId,
        partnerName: partnerNames.get(partnerId) ?? partnerId,
        currency,
        sourcedPipelineCents: 0,
        sourcedOpportunities: 0,
        influencedPipelineCents: 0,
        influencedOpportunities: 0,
        sourcedWonCents: 0,
        influencedWonCents: 0,
      };
      lines.set(key, line);
    }
    return line;
  };
  for (const total of partnerTotals(createdInWeek, input.rules)) {
    const line = lineFor(total.partnerId, total.currency);
    line.sourcedPipelineCents = total.sourcedCents;
    line.sourcedOpportunities = total.sourcedOpportunities;
    line.influencedPipelineCents = total.influencedCents;
    line.influencedOpportunities = total.influencedOpportunities;
  }
  for (const total of partnerTotals(wonInWeek, input.rules)) {
    const line = lineFor(total.partnerId, total.currency);
    line.sourcedWonCents = total.sourcedCents;
    line.influencedWonCents = total.influencedCents;
  }
  return [...lines.values()].sort(
    (a, b) =>
      compareStrings(a.currency, b.currency) ||
      b.sourcedPipelineCents - a.sourcedPipelineCents ||
      b.influencedPipelineCents - a.influencedPipelineCents ||
      compareStrings(a.partnerName, b.partnerName) ||
      compareStrings(a.partnerId, b.partnerId),
  );
}

const REASON_ORDER: Record<ReviewReason, number> = { disputed: 0, no_evidence: 1, window_override: 2 };

function disputeDetail(index: TagIndex, o: number): string {
  const names: string[] = [];
  for (let k = index.offsets[o]!; k < index.offsets[o + 1]!; k++) {
    const tag = index.tags[index.order[k]!]!;
    if (tag.kind === 'sourced') names.push(tag.partnerName);
  }
  uniqueSorted(names);
  if (names.length === 1) return `${names[0]} claims to have sourced it more than once`;
  return `${joinNames(names)} ${names.length === 2 ? 'both' : 'all'} claim to have sourced it`;
}

/** Adds the review items of one partner deal: a dispute, influence without evidence, window overrides. */
function addReviewItems(opportunity: SummaryOpportunity, index: TagIndex, o: number, out: ReviewItem[]): void {
  const { id: opportunityId, name } = opportunity;
  const flags = index.facts[o * FACTS + FLAGS]!;
  if (index.facts[o * FACTS + SOURCED_CLAIMS]! > 1) out.push({ opportunityId, name, reason: 'disputed', detail: disputeDetail(index, o) });
  if (!(flags & (WITHOUT_EVIDENCE | WINDOW_OVERRIDE))) return;
  const withoutEvidence: string[] = [];
  const overrides: string[] = [];
  for (let k = index.offsets[o]!; k < index.offsets[o + 1]!; k++) {
    const tag = index.tags[index.order[k]!]!;
    if (tag.kind === 'influenced' && tag.touches.length === 0) withoutEvidence.push(tag.partnerName);
    else if (tag.kind === 'sourced' && tag.windowOverrideReason) {
      overrides.push(`Sourced by ${tag.partnerName} outside the window: ${tag.windowOverrideReason}`);
    }
  }
  if (withoutEvidence.length) {
    out.push({ opportunityId, name, reason: 'no_evidence', detail: `Influenced by ${joinNames(uniqueSorted(withoutEvidence))} without evidence` });
  }
  if (overrides.length) out.push({ opportunityId, name, reason: 'window_override', detail: uniqueSorted(overrides).join('; ') });
}

function compareStale(a: StaleDeal, b: StaleDeal): number {
  return b.daysSinceTouch - a.daysSinceTouch || compareStrings(a.name, b.name) || compareStrings(a.opportunityId, b.opportunityId);
}

function compareReview(a: ReviewItem, b: ReviewItem): number {
  return (
    REASON_ORDER[a.reason] - REASON_ORDER[b.reason] || compareStrings(a.name, b.name) || compareStrings(a.opportunityId, b.opportunityId)
  );
}

// ---------------------------------------------------------------------------------------------------------

/** The weekly summary for `input.week` (see the definitions at the top of this file). */
export function computeWeeklySummary(input: SummaryInput): WeeklySummary {
  const window = weekWindow(input);
  const lastWeek = TREND_WEEKS - 1;
  const convert = input.rates ? converter(input.rates) : undefined;
  const staleDays = input.staleDays ?? DEFAULT_STALE_DAYS;
  const { timeZone } = input.settings;
  const { opportunities, attributions } = input;

  // "Stale" is measured in calendar days up to the local date of the earlier of now and the week's end.
  const referenceMs = Math.min(Date.parse(input.now), window.startsMs[TREND_WEEKS]!);
  const referenceDay = localDayNumber(referenceMs, timeZone);
  const staleBefore = dayNumberToDate(referenceDay - staleDays); // a last sign of life before this day is stale
  // A tag made after this instant is too recent to be stale, whatever the zone's offset (saves the local date).
  const recentTagMs = referenceMs - (staleDays - 1) * MS_PER_DAY;
  const localDate = localDateReader(timeZone);

  const index = indexTags(opportunities, attributions);
  const { order, offsets } = index;
  const weeks: WeekAccumulator[] = window.weeks.map(() => ({ byCurrency: new Map(), converted: emptyTotals(), excluded: new Set() }));
  const createdInWeek: OpportunityCredit[] = [];
  const wonInWeek: OpportunityCredit[] = [];
  const createdDeals: DealLine[] = [];
  const deals: DealLine[] = [];
  const partnerNames = new Map<string, string>();
  const stale: StaleDeal[] = [];
  const needsReview: ReviewItem[] = [];

  for (let o = 0; o < opportunities.length; o++) {
    const from = offsets[o]!;
    const to = offsets[o + 1]!;
    if (from === to) continue; // not a partner deal
    const opportunity = opportunities[o]!;

    const sourcedClaims = index.facts[o * FACTS + SOURCED_CLAIMS]!;
    const influencers = index.facts[o * FACTS + INFLUENCERS]!;
    const lastTouch = opportunity.isClosed ? undefined : lastTouchOf(index, o);
    const sourced = sourcedClaims === 1;
    const influenced = influencers > 0;

    const created = weekOfCreation(window, opportunity.createdAt);
    const won = opportunity.isWon && opportunity.closeDate !== undefined ? weekOfDate(window, opportunity.closeDate) : -1;
    if (created >= 0 || won >= 0) {
      const currency = opportunity.currency || UNKNOWN_CURRENCY;
      const cents = toCents(opportunity.amountCents);
      const converted = convert ? convert(cents, currency) : null;
      if (created >= 0) {
        const week = weeks[created]!;
        addCreated(totalsFor(week, currency), cents, sourced, influenced);
        if (convert) {
          if (converted === null) week.excluded.add(currency);
          else addCreated(week.converted, converted, sourced, influenced);
        }
      }
      if (won >= 0) {
        const week = weeks[won]!;
        addWon(totalsFor(week, currency), cents, sourced, influenced);
        if (convert) {
          if (converted === null) week.excluded.add(currency);
          else addWon(week.converted, converted, sourced, influenced);
        }
      }
      if (created === lastWeek || won === lastWeek) {
        const tags = tagsOf(index, o);
        for (const tag of tags) partnerNames.set(tag.partnerId, tag.partnerName);
        const deal = dealLine(opportunity, tags, sourcedClaims, influencers);
        deals.push(deal);
        if (created === lastWeek) {
          createdInWeek.push(creditOf(opportunity, tags));
          createdDeals.push(deal);
        }
        if (won === lastWeek) wonInWeek.push(creditOf(opportunity, tags));
      }
    }

    if (!opportunity.isClosed) {
      if (lastTouch !== undefined) {
        if (lastTouch < staleBefore) {
          stale.push({
            opportunityId: opportunity.id,
            name: opportunity.name,
            partnerNames: partnerNamesAt(index, o),
            lastTouch,
            daysSinceTouch: referenceDay - dateToDayNumber(lastTouch)!,
          });
        }
      } else {
        // Without any touch, the earliest tag is the last sign of life.
        let taggedMs = Infinity;
        for (let k = from; k < to; k++) {
          const ms = Date.parse(attributions[order[k]!]!.createdAt);
          if (ms < taggedMs) taggedMs = ms;
        }
        if (taggedMs < recentTagMs) {
          const taggedOn = localDate(taggedMs);
          if (taggedOn < staleBefore) {
            stale.push({
              opportunityId: opportunity.id,
              name: opportunity.name,
              partnerNames: partnerNamesAt(index, o),
              daysSinceTouch: referenceDay - dateToDayNumber(taggedOn)!,
            });
          }
        }
      }
    }

    if (sourcedClaims > 1 || index.facts[o * FACTS + FLAGS]! & (WITHOUT_EVIDENCE | WINDOW_OVERRIDE)) {
      addReviewItems(opportunity, index, o, needsReview);
    }
  }

  const trend = weeks.map((week, i) => finishWeek(window.keys[i]!, week, input));
  stale.sort(compareStale);
  needsReview.sort(compareReview);
  deals.sort((a, b) => compareStrings(a.opportunityId, b.opportunityId));

  return {
    week: window.weeks[lastWeek]!,
    figures: trend[lastWeek]!,
    previous: trend[lastWeek - 1]!,
    byPartner: partnerLines(createdInWeek, wonInWeek, input, partnerNames),
    trend,
    topDeals: topDeals(createdDeals),
    deals,
    stale,
    needsReview,
  };
}
