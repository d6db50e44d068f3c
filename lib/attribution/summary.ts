// Over 400 lines because the week's figures, trend and deal lists come from one pass over the deal index.
/**
 * The weekly attribution summary: one week's partner-sourced and partner-influenced pipeline, per currency,
 * by partner, with the week before and a 12-week trend, the largest deals, stale deals and what needs review.
 * Pure: data in, figures out; the same input always gives the same summary, whatever its order. It is
 * fastest when attributions come grouped by opportunity and the opportunities in the same order, as the
 * store's opportunityId index gives them (see `opportunityFinder`).
 *
 * Definitions (docs/weekly-summary.md quotes them word for word, and a test holds it to that: change both):
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
 *   or not positive, or when the sourced pipeline is negative (credit notes outweigh sales). Every currency with a
 *   partner figure or a new-pipeline total in the week is listed.
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
 * - Unknown facts: a partner deal whose created date is unknown (the page did not show it and the API was
 *   not reached) is created in no week, so it is in no week's pipeline; one without a known amount counts
 *   as above with 0 cents (the amount may also be hidden by the user's field access); one without a known
 *   currency is reported as `UNKNOWN_CURRENCY`. Every such deal is listed under needs review, and every
 *   week's summary counts them: `undatedCount` the partner deals with an unknown created date,
 *   `unknownFactsCount` those with an unknown created date, amount or currency.
 * - Needs review, for every partner deal, open or closed, one item per deal and reason: an unknown created
 *   date, a dispute (two or more sourced claims), influence without evidence (an influenced attribution
 *   without any touch), a sourced claim that stands outside the attribution window with a reason, an
 *   unknown amount, and an unknown currency, in that order; within a reason by deal name.
 */
import { partnerTotals, UNKNOWN_CURRENCY, type OpportunityCredit } from './credit';
import { indexDeals, partnerNamesOfDeal, tagsOfDeal, type DealIndex } from './deal-index';
import type { AttributionKind } from './model';
import type {
  CurrencyFigures,
  CurrencyRates,
  DealLine,
  PartnerLine,
  StaleDeal,
  SummaryAttribution,
  SummaryInput,
  SummaryOpportunity,
  WeekFigures,
  WeekRange,
  WeeklySummary,
} from './summary-types';
import { shiftWeek } from '../time/week';
import { dateToDayNumber, localDayNumber } from '../time/zone';
import { wholeCents } from './money';
import { compareStrings } from '../intl';
import { UNKNOWN_FACT_REASONS } from './unknown-facts';

export { joinNames } from './deal-index';

/** What a week's summary takes besides the deals: the week, zone, clock, rules, the org's totals and rates. */
export type WeekInput = Omit<SummaryInput, 'opportunities' | 'attributions'>;

export const TREND_WEEKS = 12;
export const DEFAULT_STALE_DAYS = 30;
export const TOP_DEALS = 5;
/** How many stale deals and review items a preview lists (the popup shows these, then all on request). */
export const SUMMARY_PREVIEW_ITEMS = 5;

// ---------------------------------------------------------------------------------------------------------
// The 12 weeks, as plain numbers and strings, so no opportunity needs Date or Intl work

interface WeekWindow {
  weeks: WeekRange[];
  /** TREND_WEEKS + 1 boundaries: the start of each week, then the end of the last. */
  startsMs: number[];
  /** The same boundaries as local calendar dates (week keys). */
  keys: string[];
  /** The same boundaries as day numbers. */
  days: number[];
}

function weekWindow(input: WeekInput): WeekWindow {
  const weeks: WeekRange[] = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) weeks.push(shiftWeek(input.week, -k, input.settings));
  const after = shiftWeek(input.week, 1, input.settings);
  const startsMs = [...weeks.map((week) => Date.parse(week.start)), Date.parse(after.start)];
  const keys = [...weeks.map((week) => week.key), after.key];
  return { weeks, startsMs, keys, days: keys.map((key) => dateToDayNumber(key)!) };
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
  const usable = (rate: number | undefined): rate is number =>
    typeof rate === 'number' && Number.isFinite(rate) && rate > 0;
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

/** A deal's amount: in its currency, and converted (null: no usable rate; undefined: no rates given). */
interface Amount {
  currency: string;
  cents: number;
  converted: number | null | undefined;
}

/** Adds a deal to a week's figures in its currency and, with rates, to the converted ones. */
function countIn(
  week: WeekAccumulator,
  add: typeof addCreated,
  amount: Amount,
  sourced: boolean,
  influenced: boolean,
): void {
  add(totalsFor(week, amount.currency), amount.cents, sourced, influenced);
  if (amount.converted === null) week.excluded.add(amount.currency);
  else if (amount.converted !== undefined) add(week.converted, amount.converted, sourced, influenced);
}

function totalsFor(week: WeekAccumulator, currency: string): Totals {
  let totals = week.byCurrency.get(currency);
  if (!totals) week.byCurrency.set(currency, (totals = emptyTotals()));
  return totals;
}

function finishWeek(key: string, week: WeekAccumulator, input: WeekInput): WeekFigures {
  const newPipeline = input.newPipeline[key];
  const currencies = new Set(week.byCurrency.keys());
  if (newPipeline) for (const currency of Object.keys(newPipeline)) currencies.add(currency);
  const byCurrency = [...currencies].sort(compareStrings).map((currency) => {
    const total = newPipeline?.[currency];
    return withShare(
      currency,
      week.byCurrency.get(currency) ?? emptyTotals(),
      typeof total === 'number' ? total : null,
    );
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
// Deals and partners of the week

function dealLine(index: DealIndex, d: number): DealLine {
  const opportunity = index.deals[d]!;
  const sourcedClaims = index.sourcedClaims[d]!;
  const kinds: AttributionKind[] = [];
  if (sourcedClaims === 1) kinds.push('sourced');
  if (index.influencers[d]! > 0) kinds.push('influenced');
  const line: DealLine = {
    opportunityId: opportunity.id,
    name: opportunity.name,
    amountCents: opportunity.amountCents === null ? null : wholeCents(opportunity.amountCents),
    currency: opportunity.currency || UNKNOWN_CURRENCY,
    kinds,
    partnerNames: partnerNamesOfDeal(index, d),
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
        counts.get(b.currency)! - counts.get(a.currency)! ||
        compareStrings(a.currency, b.currency) ||
        compareDealsByAmount(a, b),
    )
    .slice(0, TOP_DEALS);
}

function creditOf(opportunity: SummaryOpportunity, tags: readonly SummaryAttribution[]): OpportunityCredit {
  return {
    opportunityId: opportunity.id,
    amountCents: opportunity.amountCents,
    currency: opportunity.currency,
    attributions: tags,
  };
}

function partnerLines(
  createdInWeek: OpportunityCredit[],
  wonInWeek: OpportunityCredit[],
  input: Pick<SummaryInput, 'rules'>,
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

/** Index (0 = oldest) of the week deal `d` was created in, or -1. */
function weekOfCreation(window: WeekWindow, index: DealIndex, d: number): number {
  const ms = index.createdMs[d]!;
  const { startsMs, days } = window;
  // NaN (a calendar date, or unreadable) fails both comparisons.
  if (ms >= startsMs[0]! && ms < startsMs[TREND_WEEKS]!) {
    for (let i = TREND_WEEKS - 1; i >= 0; i--) if (ms >= startsMs[i]!) return i;
  }
  return weekOfDay(days, index.createdDay[d]!);
}

/** Index of the week that holds a day number, or -1 (NO_DAY is before every week). */
function weekOfDay(days: readonly number[], day: number): number {
  if (day < days[0]! || day >= days[TREND_WEEKS]!) return -1;
  for (let i = TREND_WEEKS - 1; i >= 0; i--) if (day >= days[i]!) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------------------

export interface SummaryOptions {
  /**
   * List at most this many stale deals and review items (their counts stay whole). The popup shows a few
   * and loads the rest on request: a large org has thousands, which would only slow its first paint.
   */
  listLimit?: number;
}

/**
 * One week's summary from an index of the partner deals (see deal-index.ts): a pass over typed arrays for
 * the 12 weeks' figures; objects are opened only for the deals of the week and the stale ones listed.
 */
export function summarizeWeek(index: DealIndex, input: WeekInput, options: SummaryOptions = {}): WeeklySummary {
  if (index.timeZone !== input.settings.timeZone) {
    throw new RangeError(`The deal index is in ${index.timeZone}, the summary in ${input.settings.timeZone}.`);
  }
  const window = weekWindow(input);
  const lastWeek = TREND_WEEKS - 1;
  const convert = input.rates ? converter(input.rates) : undefined;
  const staleDays = input.staleDays ?? DEFAULT_STALE_DAYS;
  const { deals: opportunities } = index;

  const weeks: WeekAccumulator[] = window.weeks.map(() => ({
    byCurrency: new Map(),
    converted: emptyTotals(),
    excluded: new Set(),
  }));
  const createdInWeek: OpportunityCredit[] = [];
  const wonInWeek: OpportunityCredit[] = [];
  const createdDeals: DealLine[] = [];
  const deals: DealLine[] = [];
  const partnerNames = new Map<string, string>();
  const { days } = window;
  const { wonDay, sourcedClaims, influencers } = index;

  for (let d = 0; d < opportunities.length; d++) {
    const created = weekOfCreation(window, index, d);
    const won = weekOfDay(days, wonDay[d]!);
    if (created < 0 && won < 0) continue;
    const opportunity = opportunities[d]!;
    const sourced = sourcedClaims[d] === 1;
    const influenced = influencers[d]! > 0;
    const currency = opportunity.currency || UNKNOWN_CURRENCY;
    const cents = wholeCents(opportunity.amountCents);
    const amount: Amount = { currency, cents, converted: convert ? convert(cents, currency) : undefined };
    if (created >= 0) countIn(weeks[created]!, addCreated, amount, sourced, influenced);
    if (won >= 0) countIn(weeks[won]!, addWon, amount, sourced, influenced);
    if (created === lastWeek || won === lastWeek) {
      const tags = tagsOfDeal(index, d);
      for (const tag of tags) partnerNames.set(tag.partnerId, tag.partnerName);
      const deal = dealLine(index, d);
      deals.push(deal);
      if (created === lastWeek) {
        createdInWeek.push(creditOf(opportunity, tags));
        createdDeals.push(deal);
      }
      if (won === lastWeek) wonInWeek.push(creditOf(opportunity, tags));
    }
  }

  // "Stale" is measured in calendar days up to the local date of the earlier of now and the week's end;
  // a last sign of life before `staleBefore` is stale. The candidates come oldest first: a prefix is stale.
  const referenceMs = Math.min(Date.parse(input.now), window.startsMs[TREND_WEEKS]!);
  const referenceDay = localDayNumber(referenceMs, input.settings.timeZone);
  const staleBefore = referenceDay - staleDays;
  const limit = options.listLimit ?? Infinity;
  const stale: StaleDeal[] = [];
  const { openByLastSign, lastSignDay, lastTouch } = index;
  let staleCount = 0;
  while (staleCount < openByLastSign.length && lastSignDay[openByLastSign[staleCount]!]! < staleBefore) staleCount++;
  for (let k = 0; k < Math.min(staleCount, limit); k++) {
    const d = openByLastSign[k]!;
    const day = lastSignDay[d]!;
    const opportunity = opportunities[d]!;
    const deal: StaleDeal = {
      opportunityId: opportunity.id,
      name: opportunity.name,
      partnerNames: partnerNamesOfDeal(index, d),
      daysSinceTouch: referenceDay - day,
    };
    const touched = lastTouch[d];
    if (touched !== undefined) deal.lastTouch = touched;
    stale.push(deal);
  }

  const trend = weeks.map((week, i) => finishWeek(window.keys[i]!, week, input));
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
    staleCount,
    needsReview: index.needsReview.slice(0, limit),
    needsReviewCount: index.needsReview.length,
    ...unknownFactCounts(index),
  };
}

const UNKNOWN_FACT: ReadonlySet<string> = new Set(UNKNOWN_FACT_REASONS);

/** The partner deals with an unknown created date, and with any unknown fact, from the index's review items. */
function unknownFactCounts(index: DealIndex): Pick<WeeklySummary, 'undatedCount' | 'unknownFactsCount'> {
  let undatedCount = 0;
  const deals = new Set<string>();
  for (const item of index.needsReview) {
    if (!UNKNOWN_FACT.has(item.reason)) continue;
    if (item.reason === 'created_unknown') undatedCount++;
    deals.add(item.opportunityId);
  }
  return { undatedCount, unknownFactsCount: deals.size };
}

/** The weekly summary for `input.week` (see the definitions at the top of this file). */
export function computeWeeklySummary(input: SummaryInput, options: SummaryOptions = {}): WeeklySummary {
  return summarizeWeek(indexDeals(input.opportunities, input.attributions, input.settings.timeZone), input, options);
}
