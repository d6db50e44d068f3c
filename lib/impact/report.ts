/**
 * The "Partner impact" report: for each group, and for each partner with enough closed deals, the win rate
 * with its Wilson interval, the median and mean won amount per currency, and the median sales cycle with
 * its interval; then a verdict in plain words only where the intervals support one. Pure: grouped deals
 * in, figures and sentences out. The definitions are written once, in docs/partner-impact.md.
 */
import type { CurrencyRates } from '../attribution/summary-types';
import { formatConfidence, formatCount, formatRatePair } from './format';
import { GROUP_LABELS, IMPACT_GROUPS, type ImpactDeal, type ImpactGroup } from './groups';
import {
  DEFAULT_CONFIDENCE,
  mean,
  medianWithInterval,
  newcombeDifference,
  proportion,
  type Interval,
  type Proportion,
  type ProportionDifference,
} from './stats';
import { wholeCents } from '../attribution/money';
import { compareStrings } from '../intl';

/** Closed deals a group (or a partner) needs before its win rate is compared with another's. */
export const MIN_CLOSED_DEALS = 10;

/** What is said instead of a verdict when a group has too few closed deals. */
export const NOT_ENOUGH_DEALS = `Not enough closed deals to compare (n < ${MIN_CLOSED_DEALS})`;

/** The groups compared with deals without partners. */
export const COMPARED_GROUPS = ['sourced', 'influenced'] as const satisfies readonly ImpactGroup[];
export type ComparedGroup = (typeof COMPARED_GROUPS)[number];

/** Won deal sizes in one currency. */
export interface AmountFigures {
  currency: string;
  /** Won deals with an amount in this currency. */
  n: number;
  medianCents: number;
  meanCents: number;
  /** The median's interval; absent when n is too small to reach the confidence level. */
  interval?: Interval;
}

/** Won deal sizes converted to the corporate currency with the org's rates: labelled, never mixed in. */
export interface ConvertedAmountFigures extends AmountFigures {
  ratesAsOf: string;
  /** Currencies of won deals left out for want of a usable rate (sorted). */
  excludedCurrencies: string[];
}

/** Days from created to closed, over won deals. */
export interface CycleFigures {
  /** Won deals with a known cycle. */
  n: number;
  medianDays?: number;
  interval?: Interval;
  /** Won deals that closed before they were created: no cycle. */
  unknown: number;
}

export interface ImpactFigures {
  closed: number;
  won: number;
  winRate: Proportion;
  /** One entry per currency of won deals with an amount, sorted by currency code. */
  amounts: AmountFigures[];
  /** Only when rates were given. */
  converted?: ConvertedAmountFigures;
  /** Won deals without an amount: left out of every deal-size figure. */
  wonWithoutAmount: number;
  cycle: CycleFigures;
}

export interface GroupFigures extends ImpactFigures {
  group: ImpactGroup;
  label: string;
  /** Disputed deals in the group (only ever in "Partner-influenced only"). */
  disputed: number;
}

export interface PartnerFigures extends ImpactFigures {
  partnerId: string;
  partnerName: string;
  /** This partner's win rate minus that of deals without partners, when both have enough closed deals. */
  versusNoPartner?: ProportionDifference;
}

export type FindingKind = 'holds' | 'unclear' | 'not_enough';

export interface Comparison {
  group: ComparedGroup;
  kind: FindingKind;
  /** Absent when either side has too few closed deals. */
  difference?: ProportionDifference;
  /** The verdict when it holds; otherwise the sentence that says why there is none. */
  sentence: string;
}

export interface ImpactReport {
  confidence: number;
  minClosedDeals: number;
  /** All three groups, in `IMPACT_GROUPS` order, empty ones too. */
  groups: GroupFigures[];
  /** Partner-sourced, then partner-influenced only, each against no partner. */
  comparisons: Comparison[];
  /** One line for the weekly summary; only when a verdict holds. */
  headline?: string;
  /** Partners with at least `minClosedDeals` closed deals, most closed deals first. */
  partners: PartnerFigures[];
  /** Partners on some closed deals, but too few to be listed. */
  partnersBelowMinimum: number;
}

export interface ReportOptions {
  locale?: string;
  confidence?: number;
  /** The org's rates, to add a converted deal-size figure; the deals must have been grouped with them. */
  rates?: CurrencyRates;
  /** The period the headline names, e.g. "Q3 2026". */
  periodLabel?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Figures

function amountFigures(currency: string, cents: readonly number[], confidence: number): AmountFigures {
  const estimate = medianWithInterval(cents, confidence)!;
  const figures: AmountFigures = {
    currency,
    n: estimate.n,
    medianCents: wholeCents(estimate.median),
    meanCents: wholeCents(mean(cents)!),
  };
  if (estimate.interval) figures.interval = estimate.interval;
  return figures;
}

function figuresOf(deals: readonly ImpactDeal[], confidence: number, rates: CurrencyRates | undefined): ImpactFigures {
  const won = deals.filter((deal) => deal.won);
  const byCurrency = new Map<string, number[]>();
  const converted: number[] = [];
  const excluded = new Set<string>();
  const cycles: number[] = [];
  let wonWithoutAmount = 0;
  for (const deal of won) {
    if (deal.cycleDays !== null) cycles.push(deal.cycleDays);
    if (deal.amountCents === null) {
      wonWithoutAmount++;
      continue;
    }
    const list = byCurrency.get(deal.currency);
    if (list) list.push(deal.amountCents);
    else byCurrency.set(deal.currency, [deal.amountCents]);
    if (rates) {
      if (typeof deal.convertedCents === 'number') converted.push(deal.convertedCents);
      else excluded.add(deal.currency);
    }
  }
  const cycleEstimate = medianWithInterval(cycles, confidence);
  const cycle: CycleFigures = { n: cycles.length, unknown: won.length - cycles.length };
  if (cycleEstimate) {
    cycle.medianDays = cycleEstimate.median;
    if (cycleEstimate.interval) cycle.interval = cycleEstimate.interval;
  }
  const figures: ImpactFigures = {
    closed: deals.length,
    won: won.length,
    winRate: proportion(won.length, deals.length, confidence),
    amounts: [...byCurrency.keys()]
      .sort(compareStrings)
      .map((currency) => amountFigures(currency, byCurrency.get(currency)!, confidence)),
    wonWithoutAmount,
    cycle,
  };
  if (rates && converted.length) {
    figures.converted = {
      ...amountFigures(rates.corporateCurrency, converted, confidence),
      ratesAsOf: rates.asOf,
      excludedCurrencies: [...excluded].sort(compareStrings),
    };
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// Verdicts

/** How each compared group is named in a sentence. */
const SUBJECTS: Record<ComparedGroup, string> = {
  sourced: 'Deals with a sourcing partner',
  influenced: 'Deals with partner involvement but no sourcing partner',
};

const HEADLINE_SUBJECTS: Record<ComparedGroup, string> = {
  sourced: 'partner-sourced deals',
  influenced: 'partner-influenced deals',
};

function hasEnough(figures: ImpactFigures): boolean {
  return figures.closed >= MIN_CLOSED_DEALS;
}

function compare(group: GroupFigures, none: GroupFigures, confidence: number, locale?: string): Comparison {
  const key = group.group as ComparedGroup;
  if (!hasEnough(group) || !hasEnough(none)) return { group: key, kind: 'not_enough', sentence: NOT_ENOUGH_DEALS };
  const difference = newcombeDifference(group.won, group.closed, none.won, none.closed, confidence)!;
  const [rate, baseline] = formatRatePair(group.winRate.rate!, none.winRate.rate!, locale);
  const level = formatConfidence(confidence, locale);
  const counts = `${formatCount(group.closed, locale)} and ${formatCount(none.closed, locale)}`;
  if (difference.holds) {
    return {
      group: key,
      kind: 'holds',
      difference,
      sentence:
        `${SUBJECTS[key]} were won ${rate} of the time, against ${baseline} without partners ` +
        `(n = ${counts}); the difference holds at ${level}.`,
    };
  }
  return {
    group: key,
    kind: 'unclear',
    difference,
    sentence:
      `${SUBJECTS[key]} were won ${rate} of the time and deals without partners ${baseline} ` +
      `(n = ${counts}), but the difference is not clear at ${level}.`,
  };
}

function headlineOf(comparisons: readonly Comparison[], groups: readonly GroupFigures[], options: ReportOptions) {
  const holding = comparisons.find((comparison) => comparison.kind === 'holds');
  if (!holding) return undefined;
  const group = groups.find((figures) => figures.group === holding.group)!;
  const none = groups.find((figures) => figures.group === 'none')!;
  const [rate, baseline] = formatRatePair(group.winRate.rate!, none.winRate.rate!, options.locale);
  const level = formatConfidence(options.confidence ?? DEFAULT_CONFIDENCE, options.locale);
  const subject = HEADLINE_SUBJECTS[holding.group];
  const line = `${subject} were won ${rate} of the time, against ${baseline} without partners (holds at ${level})`;
  return options.periodLabel ? `${options.periodLabel}: ${line}` : line.charAt(0).toUpperCase() + line.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// The report

/** Each partner's closed deals: every deal it has a live tag on, disputed ones included. */
function dealsByPartner(deals: readonly ImpactDeal[]): Map<string, { name: string; deals: ImpactDeal[] }> {
  const byPartner = new Map<string, { name: string; deals: ImpactDeal[] }>();
  for (const deal of deals) {
    for (const partner of deal.partners) {
      const entry = byPartner.get(partner.partnerId);
      if (entry) entry.deals.push(deal);
      else byPartner.set(partner.partnerId, { name: partner.partnerName, deals: [deal] });
    }
  }
  return byPartner;
}

/** The report for closed deals already grouped (`groupDeals`), usually those closed in one quarter. */
export function buildImpactReport(deals: readonly ImpactDeal[], options: ReportOptions = {}): ImpactReport {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const groups: GroupFigures[] = IMPACT_GROUPS.map((group) => {
    const members = deals.filter((deal) => deal.group === group);
    return {
      group,
      label: GROUP_LABELS[group],
      ...figuresOf(members, confidence, options.rates),
      disputed: members.filter((deal) => deal.disputed).length,
    };
  });
  const none = groups.find((figures) => figures.group === 'none')!;
  const comparisons = COMPARED_GROUPS.map((group) =>
    compare(groups.find((figures) => figures.group === group)!, none, confidence, options.locale),
  );

  const partners: PartnerFigures[] = [];
  let partnersBelowMinimum = 0;
  for (const [partnerId, entry] of dealsByPartner(deals)) {
    if (entry.deals.length < MIN_CLOSED_DEALS) {
      partnersBelowMinimum++;
      continue;
    }
    const figures: PartnerFigures = {
      partnerId,
      partnerName: entry.name,
      ...figuresOf(entry.deals, confidence, options.rates),
    };
    if (hasEnough(none)) {
      figures.versusNoPartner = newcombeDifference(figures.won, figures.closed, none.won, none.closed, confidence)!;
    }
    partners.push(figures);
  }
  partners.sort(
    (a, b) =>
      b.closed - a.closed || compareStrings(a.partnerName, b.partnerName) || compareStrings(a.partnerId, b.partnerId),
  );

  const report: ImpactReport = {
    confidence,
    minClosedDeals: MIN_CLOSED_DEALS,
    groups,
    comparisons,
    partners,
    partnersBelowMinimum,
  };
  const headline = headlineOf(comparisons, groups, { ...options, confidence });
  if (headline) report.headline = headline;
  return report;
}
