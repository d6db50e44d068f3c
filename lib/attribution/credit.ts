// Over 400 lines because splitting, allocating and totalling credit share one set of rounding rules.
/**
 * Who gets how much credit for an opportunity, and the per-partner totals built from it.
 * Partner-sourced and partner-influenced credit are computed, allocated and totalled separately and
 * never added together. Pure: the same data always gives the same numbers, whatever the input order.
 */
import { isCalendarDate } from './dates';
import type { AttributionKind, AttributionRules, TouchType } from './model';
import { wholeCents } from './money';
import { compareStrings } from '../intl';

/** The evidence credit looks at: what kind of touch, and on which calendar day (`YYYY-MM-DD`). */
export interface CreditTouch {
  type: TouchType;
  date: string;
}

/** One live attribution of an opportunity, as credit needs it (removed attributions are left out by the caller). */
export interface CreditInput {
  id: string;
  partnerId: string;
  kind: AttributionKind;
  touches: readonly CreditTouch[];
}

/** The part (0..1) of one opportunity's sourced or influenced credit that one attribution earns. */
export interface CreditShare {
  attributionId: string;
  partnerId: string;
  kind: AttributionKind;
  share: number;
}

/** The rules credit depends on; windows and locks do not change who gets credit. */
export type CreditRules = Pick<AttributionRules, 'influenceModel' | 'touchWeights'>;

/** One opportunity with its amount, for `partnerTotals`. */
export interface OpportunityCredit {
  opportunityId: string;
  /** Integer cents; null when the opportunity has no amount (it still counts as an opportunity). */
  amountCents: number | null;
  /** ISO currency code; null when unknown (see `UNKNOWN_CURRENCY`). */
  currency: string | null;
  attributions: readonly CreditInput[];
}

/** A partner's credit in one currency. Sourced and influenced stay apart: they answer different questions. */
export interface PartnerTotal {
  partnerId: string;
  currency: string;
  sourcedCents: number;
  influencedCents: number;
  /** Opportunities this partner sourced without dispute. */
  sourcedOpportunities: number;
  /** Opportunities this partner influenced (whether or not the influence model gave it a share). */
  influencedOpportunities: number;
}

/**
 * The currency reported for an opportunity whose currency is not known. Single-currency orgs have no
 * CurrencyIsoCode field and a page does not always show the currency, and guessing the org's corporate
 * currency could add euros to dollars; so such amounts get a currency of their own that cannot clash
 * with an ISO code, and are never added to amounts in a known currency.
 */
export const UNKNOWN_CURRENCY = 'unknown';

// ---------------------------------------------------------------------------------------------------------
// Splitting one opportunity's credit

interface Influencer {
  input: CreditInput;
  /** Position in the opportunity's attributions. */
  index: number;
  /** Earliest and latest real touch dates; undefined when the influencer has no dated touch. */
  first?: string;
  last?: string;
}

/** The order in which shares are summed and the remainder placed: by partner, then attribution id. */
function canonicalOrder(a: Influencer, b: Influencer): number {
  return compareStrings(a.input.partnerId, b.input.partnerId) || compareStrings(a.input.id, b.input.id);
}

function withDateRange(influencer: Influencer): Influencer {
  for (const touch of influencer.input.touches) {
    // Touch dates are compared as strings: for real `YYYY-MM-DD` dates that is calendar order.
    // A touch without a real date is no evidence of when, so it cannot make an influencer first or last.
    if (!isCalendarDate(touch.date)) continue;
    if (influencer.first === undefined || touch.date < influencer.first) influencer.first = touch.date;
    if (influencer.last === undefined || touch.date > influencer.last) influencer.last = touch.date;
  }
  return influencer;
}

/** The first-touch influencer: earliest first touch; ties go to the lower partner id, then attribution id. */
function firstTouchWinner(influencers: readonly Influencer[]): Influencer | undefined {
  let best: Influencer | undefined;
  for (const candidate of influencers) {
    if (candidate.first === undefined) continue;
    if (
      best === undefined ||
      (compareStrings(candidate.first, best.first!) ||
        compareStrings(candidate.input.partnerId, best.input.partnerId) ||
        compareStrings(candidate.input.id, best.input.id)) < 0
    ) {
      best = candidate;
    }
  }
  return best;
}

/** The last-touch influencer: latest last touch; ties go to the earlier first touch, then the lower ids. */
function lastTouchWinner(influencers: readonly Influencer[]): Influencer | undefined {
  let best: Influencer | undefined;
  for (const candidate of influencers) {
    if (candidate.last === undefined) continue;
    if (
      best === undefined ||
      (compareStrings(best.last!, candidate.last) ||
        compareStrings(candidate.first!, best.first!) ||
        compareStrings(candidate.input.partnerId, best.input.partnerId) ||
        compareStrings(candidate.input.id, best.input.id)) < 0
    ) {
      best = candidate;
    }
  }
  return best;
}

function touchWeight(weights: Readonly<Record<string, number>>, type: string): number {
  const weight = weights[type];
  // A negative or non-numeric weight would take credit away or poison the sum: it counts as 0.
  return typeof weight === 'number' && Number.isFinite(weight) && weight > 0 ? weight : 0;
}

/** Unnormalised weights of the influencers (in canonical order) under the rules' model; all 0 means "split evenly". */
function influenceWeights(influencers: readonly Influencer[], rules: CreditRules): number[] {
  const weights = influencers.map(() => 0);
  switch (rules.influenceModel) {
    case 'even':
      return weights;
    case 'first_touch':
    case 'last_touch': {
      const winner = (rules.influenceModel === 'first_touch' ? firstTouchWinner : lastTouchWinner)(influencers);
      if (winner) weights[influencers.indexOf(winner)] = 1;
      return weights;
    }
    case 'position_based': {
      if (influencers.length < 3) return weights; // one: everything; two: 50/50
      const first = firstTouchWinner(influencers);
      const last = lastTouchWinner(influencers);
      if (!first || !last) return weights; // nobody has a date: no positions to reward
      // 40 % first, 40 % last (80 % when one influencer holds both positions), 20 % shared by the rest.
      const middle = influencers.length - (first === last ? 1 : 2);
      influencers.forEach((influencer, i) => {
        weights[i] = (influencer === first ? 2 : 0) + (influencer === last ? 2 : 0);
        if (weights[i] === 0) weights[i] = 1 / middle;
      });
      return weights;
    }
    case 'custom':
      influencers.forEach((influencer, i) => {
        let sum = 0;
        for (const touch of influencer.input.touches) sum += touchWeight(rules.touchWeights, touch.type);
        weights[i] = sum;
      });
      return weights;
    default:
      return weights; // a model this version does not know (settings from a newer one): split evenly
  }
}

/**
 * Turns weights into shares that sum to 1: each is weight / total, except the last positive one, which is
 * 1 minus the others, so the sum is 1 to the last bit wherever floating point allows.
 */
function normalise(weights: number[]): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  if (!(total > 0 && Number.isFinite(total))) {
    weights.fill(1);
    total = weights.length;
  }
  let lastPositive = -1;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) lastPositive = i;
  let others = 0;
  const shares = weights.map((weight, i) => {
    if (i === lastPositive) return 0;
    const share = weight / total;
    others += share;
    return share;
  });
  if (lastPositive >= 0) shares[lastPositive] = Math.max(0, 1 - others);
  return shares;
}

/** Shares aligned with `attributions`. */
function creditShares(attributions: readonly CreditInput[], rules: CreditRules): number[] {
  const count = attributions.length;
  const shares = new Array<number>(count).fill(0);
  // The common case: one attribution gets all of its kind's credit, whatever the model.
  if (count === 1) {
    shares[0] = 1;
    return shares;
  }
  const dated = rules.influenceModel !== 'even' && rules.influenceModel !== 'custom';
  const influencers: Influencer[] = [];
  let sourcedClaims = 0;
  let sourcedIndex = -1;
  for (let index = 0; index < count; index++) {
    const input = attributions[index]!;
    if (input.kind === 'sourced') {
      sourcedClaims++;
      sourcedIndex = index;
    } else if (input.kind === 'influenced') {
      const influencer: Influencer = { input, index };
      influencers.push(dated ? withDateRange(influencer) : influencer);
    }
  }
  // Sourced: the one claim gets it all; two or more are a dispute (see disputes.ts) and nobody is counted.
  if (sourcedClaims === 1) shares[sourcedIndex] = 1;
  // Influenced.
  if (influencers.length === 1) {
    shares[influencers[0]!.index] = 1;
  } else if (influencers.length > 1) {
    influencers.sort(canonicalOrder);
    const influence = normalise(influenceWeights(influencers, rules));
    for (let i = 0; i < influencers.length; i++) shares[influencers[i]!.index] = influence[i]!;
  }
  return shares;
}

/**
 * Splits ONE opportunity's credit among its live attributions; one share per attribution, in input order.
 *
 * - Sourced: the single sourced claim gets 1. Two or more are a dispute: each gets 0 until it is settled,
 *   so a contested claim never inflates the sourced number.
 * - Influenced, by `influenceModel`: `even`; `first_touch` / `last_touch` (all to the influencer with the
 *   earliest first / latest last touch); `position_based` (40 % first, 40 % last, 20 % to the others; one
 *   influencer 100 %, two 50/50); `custom` (by the sum of `touchWeights` over each influencer's touches).
 *   Influencers without a dated touch cannot be first or last; when nobody has one (or all custom weights
 *   are 0) the split falls back to even. Ties go to the earlier first touch, then the lower partner id.
 *
 * Sourced shares sum to 0 or 1 exactly; influence shares sum to 0 or 1 (exactly wherever floating point
 * allows), and the result does not depend on the order of the input.
 */
export function splitCredit(attributions: readonly CreditInput[], rules: CreditRules): CreditShare[] {
  const shares = creditShares(attributions, rules);
  return attributions.map((attribution, i) => ({
    attributionId: attribution.id,
    partnerId: attribution.partnerId,
    kind: attribution.kind,
    share: shares[i]!,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Cents

/**
 * Splits an amount of integer cents by shares so the parts add up EXACTLY to the total (largest remainder:
 * every part gets the floor of its exact value, and the cents left over go to the largest fractions, ties
 * to the lower index). Each part is within 1 cent of `total * share`, and a share of 0 never gets a cent.
 * Shares are normalised by their sum, so float noise in a split never leaks into the cents. A negative
 * total (a credit note) is split as its opposite and negated, so a refund mirrors the sale it undoes.
 * Throws a RangeError for a total that is not a safe integer, a negative or non-finite share, or a
 * non-zero total with nothing to split it over.
 */
export function allocateCents(totalCents: number, shares: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents)) throw new RangeError(`Cents must be a safe integer: ${totalCents}`);
  let sum = 0;
  for (const share of shares) {
    if (!(Number.isFinite(share) && share >= 0)) throw new RangeError(`A share must be a finite number ≥ 0: ${share}`);
    sum += share;
  }
  if (totalCents < 0) return allocateCents(-totalCents, shares).map((cents) => (cents === 0 ? 0 : -cents));
  const parts = new Array<number>(shares.length).fill(0);
  if (totalCents === 0) return parts;
  if (!(sum > 0 && Number.isFinite(sum))) throw new RangeError('Cannot split a non-zero amount over no shares');

  const fractions = new Array<number>(shares.length).fill(0);
  let allocated = 0;
  for (let i = 0; i < shares.length; i++) {
    const exact = (totalCents * shares[i]!) / sum;
    const floor = Math.floor(exact);
    parts[i] = floor;
    fractions[i] = exact - floor;
    allocated += floor;
  }
  let remainder = totalCents - allocated;
  if (remainder === 0) return parts;

  const order: number[] = [];
  for (let i = 0; i < shares.length; i++) if (shares[i]! > 0) order.push(i);
  order.sort((a, b) => fractions[b]! - fractions[a]! || a - b);
  // Normally 0 < remainder < number of shares; the loops also absorb rounding at the far end of the range.
  while (remainder > 0) {
    for (const i of order) {
      if (remainder === 0) break;
      parts[i]!++;
      remainder--;
    }
  }
  while (remainder < 0) {
    for (let k = order.length - 1; k >= 0 && remainder < 0; k--) {
      const i = order[k]!;
      if (parts[i]! > 0) {
        parts[i]!--;
        remainder++;
      }
    }
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------------
// Totals per partner

interface Row extends PartnerTotal {
  /** Index of the last opportunity counted as influenced, so a partner counts an opportunity once. */
  lastInfluenced: number;
}

/**
 * Credit per partner and currency over many opportunities: one row per partner PER CURRENCY (amounts in
 * different currencies are never added), sourced and influenced kept apart. Each opportunity's amount is
 * counted at most once per kind: wholly to its undisputed sourcing partner, and split among its
 * influencers in cents that add up exactly to the amount. An opportunity without an amount still counts
 * as an opportunity. A partner whose only claims are disputed still gets a row (with zeros), so the
 * dispute shows instead of the partner silently disappearing. Rows are sorted by partner id, then currency,
 * and do not depend on the order of the input.
 */
export function partnerTotals(opportunities: readonly OpportunityCredit[], rules: CreditRules): PartnerTotal[] {
  const byCurrency = new Map<string, Map<string, Row>>();
  for (let o = 0; o < opportunities.length; o++) {
    const opportunity = opportunities[o]!;
    const { attributions } = opportunity;
    if (attributions.length === 0) continue;
    const currency = opportunity.currency || UNKNOWN_CURRENCY;
    const amount = wholeCents(opportunity.amountCents);
    let rows = byCurrency.get(currency);
    if (!rows) byCurrency.set(currency, (rows = new Map()));

    const shares = creditShares(attributions, rules);
    const influenced: number[] = [];
    for (let i = 0; i < attributions.length; i++) {
      const attribution = attributions[i]!;
      let row = rows.get(attribution.partnerId);
      if (!row) {
        row = {
          partnerId: attribution.partnerId,
          currency,
          sourcedCents: 0,
          influencedCents: 0,
          sourcedOpportunities: 0,
          influencedOpportunities: 0,
          lastInfluenced: -1,
        };
        rows.set(attribution.partnerId, row);
      }
      if (attribution.kind === 'sourced') {
        // Only an undisputed claim has share 1, and there is at most one per opportunity.
        if (shares[i] === 1) {
          row.sourcedCents += amount;
          row.sourcedOpportunities++;
        }
      } else {
        if (row.lastInfluenced !== o) {
          row.lastInfluenced = o;
          row.influencedOpportunities++;
        }
        influenced.push(i);
      }
    }
    if (amount === 0 || influenced.length === 0) continue;
    if (influenced.length === 1) {
      rows.get(attributions[influenced[0]!]!.partnerId)!.influencedCents += amount;
      continue;
    }
    // Allocate in a fixed order (partner, then attribution id), so that who gets an odd cent does not
    // depend on the order the attributions were read in.
    influenced.sort((a, b) => {
      const x = attributions[a]!;
      const y = attributions[b]!;
      return compareStrings(x.partnerId, y.partnerId) || compareStrings(x.id, y.id);
    });
    const cents = allocateCents(
      amount,
      influenced.map((i) => shares[i]!),
    );
    for (let k = 0; k < influenced.length; k++) {
      rows.get(attributions[influenced[k]!]!.partnerId)!.influencedCents += cents[k]!;
    }
  }

  const totals: PartnerTotal[] = [];
  for (const rows of byCurrency.values()) {
    for (const row of rows.values()) {
      totals.push({
        partnerId: row.partnerId,
        currency: row.currency,
        sourcedCents: row.sourcedCents,
        influencedCents: row.influencedCents,
        sourcedOpportunities: row.sourcedOpportunities,
        influencedOpportunities: row.influencedOpportunities,
      });
    }
  }
  return totals.sort((a, b) => compareStrings(a.partnerId, b.partnerId) || compareStrings(a.currency, b.currency));
}
