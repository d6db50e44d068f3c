/**
 * The weekly attribution summary's shapes: what `computeWeeklySummary` (summary.ts) reads and returns,
 * what a frozen snapshot keeps, and what the popup shows. Money is integer cents per currency; amounts in
 * different currencies are never added (a converted total is a separate, labelled figure).
 */
import type { SummaryScope } from './summary-scope';
import type { CreditRules } from './credit';
import type { AttributionKind, TouchType } from './model';
import type { WeekRange, WeekSettings } from '../time/week';

// Weeks are the clock's business (lib/time/week.ts); they are part of the summary's shapes too.
export type { Weekday, WeekRange, WeekSettings } from '../time/week';

/** An opportunity as the summary reads it (from the cached facts). */
export interface SummaryOpportunity {
  id: string;
  name: string;
  /** Integer cents; null when the opportunity has no amount. */
  amountCents: number | null;
  /** ISO code; null when unknown (reported as `UNKNOWN_CURRENCY`). */
  currency: string | null;
  /**
   * When it was created: an ISO instant from the API, or a calendar date `YYYY-MM-DD` (local midnight) from the page;
   * an empty string when nothing says (the page did not show it and the API was not reached).
   */
  createdAt: string;
  /** `YYYY-MM-DD`, when known. */
  closeDate?: string;
  isClosed: boolean;
  isWon: boolean;
  stage?: string;
  /** True when the user's Salesforce field access hides the amount: it is not missing, it cannot be read. */
  amountHidden?: true;
  /** True when the facts were read from the opportunity's page only (the org's API was not reached). */
  fromPage?: true;
}

/** A live (not removed) attribution as the summary reads it. */
export interface SummaryAttribution {
  id: string;
  opportunityId: string;
  partnerId: string;
  partnerName: string;
  kind: AttributionKind;
  /** Set when a sourced claim stands outside the attribution window. */
  windowOverrideReason?: string;
  /** ISO instant the tag was made. */
  createdAt: string;
  touches: readonly { type: TouchType; date: string }[];
  /** The user made or touched it (summary-scope.ts): the tags the "Mine" summary keeps. */
  mine?: true;
}

/**
 * The org's conversion rates (multi-currency orgs with `CurrencyType`): units of each currency per 1 corporate unit.
 */
export interface CurrencyRates {
  corporateCurrency: string;
  rates: Record<string, number>;
  /** When they were read from the org (ISO instant). */
  asOf: string;
}

export interface SummaryInput {
  /** The week to summarise; the previous 11 weeks are derived from it for the trend. */
  week: WeekRange;
  settings: WeekSettings;
  /** Now (ISO instant): "stale" is measured from the earlier of now and the week's end. */
  now: string;
  opportunities: readonly SummaryOpportunity[];
  attributions: readonly SummaryAttribution[];
  rules: CreditRules;
  /** All new pipeline created per week and currency (cents), from the org's aggregate query, by week key. */
  newPipeline: Readonly<Record<string, Readonly<Record<string, number>>>>;
  rates?: CurrencyRates;
  /** A partner-tagged open deal with no touch in this many days is stale (default 30). */
  staleDays?: number;
}

/** One week's figures in one currency. Sourced and influenced are separate questions and never added. */
export interface CurrencyFigures {
  currency: string;
  /** Opportunities created in the week with an undisputed sourced partner: full amounts. */
  sourcedPipelineCents: number;
  sourcedOpportunities: number;
  /** Opportunities created in the week with at least one influencing partner: full amounts. */
  influencedPipelineCents: number;
  influencedOpportunities: number;
  /** Won opportunities whose close date falls in the week. */
  sourcedWonCents: number;
  sourcedWonOpportunities: number;
  influencedWonCents: number;
  influencedWonOpportunities: number;
  /** All pipeline created in the week in this currency, from the org; null when not known. */
  newPipelineCents: number | null;
  /**
   * sourcedPipeline / newPipeline, normally 0..1 (above 1 when the org's total counts fewer deals); null when
   * the total is unknown or not positive, or the sourced pipeline is negative.
   */
  sourcedShare: number | null;
}

export interface WeekFigures {
  weekKey: string;
  /** Sorted by currency code, only currencies with any figure. */
  byCurrency: CurrencyFigures[];
  /**
   * Everything converted to the corporate currency with the org's rates, when rates are known. Amounts in
   * a currency without a usable rate (and in the unknown currency) are left out of every converted figure;
   * `excludedCurrencies` lists those currencies (sorted), so the popup can say what the total leaves out.
   */
  converted?: CurrencyFigures & { ratesAsOf: string; excludedCurrencies: string[] };
}

/** A partner's credit in one currency for the week (influence split by the team's influence model). */
export interface PartnerLine {
  partnerId: string;
  partnerName: string;
  currency: string;
  sourcedPipelineCents: number;
  sourcedOpportunities: number;
  influencedPipelineCents: number;
  influencedOpportunities: number;
  sourcedWonCents: number;
  influencedWonCents: number;
}

export interface DealLine {
  opportunityId: string;
  name: string;
  amountCents: number | null;
  currency: string;
  /** The kinds the deal is counted under: 'sourced' only with exactly one sourced claim. */
  kinds: AttributionKind[];
  /** Every partner tagged on the deal, sorted. */
  partnerNames: string[];
  /** Two or more sourced claims: counted as sourced by nobody until settled. */
  disputed?: true;
  stage?: string;
}

export interface StaleDeal {
  opportunityId: string;
  name: string;
  partnerNames: string[];
  /** Latest touch date, `YYYY-MM-DD`; absent when the tag has no touch at all. */
  lastTouch?: string;
  daysSinceTouch: number;
}

/**
 * Why a partner deal needs review: a dispute, influence without evidence, a claim outside the window, or a
 * fact the summary needs and does not know (the created date, the amount, the currency).
 */
export type ReviewReason =
  | 'created_unknown'
  | 'disputed'
  | 'no_evidence'
  | 'window_override'
  | 'amount_unknown'
  | 'currency_unknown';

export interface ReviewItem {
  opportunityId: string;
  name: string;
  reason: ReviewReason;
  /** In words: "Acme SI and Globex both claim to have sourced it". */
  detail: string;
}

export interface WeeklySummary {
  week: WeekRange;
  figures: WeekFigures;
  /** The week before, for week-over-week change. */
  previous: WeekFigures;
  /** Sorted by sourced pipeline, then influenced, descending. */
  byPartner: PartnerLine[];
  /** 12 weeks, oldest first, ending with this week. */
  trend: WeekFigures[];
  /** Largest partner deals created in the week (at most 5). */
  topDeals: DealLine[];
  /** Every partner deal created or won in the week, by opportunity id: the deals behind the figures. */
  deals: DealLine[];
  /** Stale deals, oldest first: all of them, or the first few when the summary was asked for a preview. */
  stale: StaleDeal[];
  /** How many deals are stale in all. */
  staleCount: number;
  /** Review items in order: all of them, or the first few in a preview. */
  needsReview: ReviewItem[];
  /** How many review items there are in all. */
  needsReviewCount: number;
  /** Partner deals whose created date is unknown: in no week's pipeline until it is known. */
  undatedCount: number;
  /** Partner deals with an unknown created date, amount or currency (each is listed under needs review). */
  unknownFactsCount: number;
}

/**
 * A week's summary as the popup shows and shares it: without the deals behind the figures (hundreds in a
 * busy week; the background compares them with the snapshot and sends only what changed).
 */
export type SummaryView = Omit<WeeklySummary, 'deals'>;

/** A week's summary as reported, frozen when the week ended; kept locally and written to the org. */
export interface SummarySnapshot {
  orgKey: string;
  weekKey: string;
  /** ISO instant it was frozen. */
  frozenAt: string;
  figures: WeekFigures;
  byPartner: PartnerLine[];
  /** The deals behind the figures, to tell what changed since (id, name, kinds, amount). */
  deals: DealLine[];
  /** Whose number was frozen: the team's, or the user's own (summary-scope.ts). */
  scope: SummaryScope;
}

/** One difference between a reported snapshot and the current figures for the same week. */
export interface SnapshotChange {
  opportunityId: string;
  name: string;
  /** "added", "removed", "amount", "kind" — and words for the popup. */
  change: 'added' | 'removed' | 'amount' | 'kind';
  detail: string;
}
