/**
 * Closed deals sorted into the three groups "Partner impact" compares. Pure: rows in, grouped deals out.
 *
 * - Partner-sourced: the deal has exactly one live sourced claim, and nothing marks it disputed.
 * - Partner-influenced only: any other live partner involvement. A disputed deal (two sourced claims, or
 *   one flagged disputed) counts as partner-involved, never as sourced, as everywhere in Partner Ledger.
 * - No partner: no live attribution at all (removed tags are tombstones and do not count).
 *
 * Amounts stay in their own currency; a converted amount exists only when the org's rates are given.
 * The sales cycle is whole days from the created date (on the user's calendar) to the close date.
 */
import { z } from '../zod';
import { UNKNOWN_CURRENCY } from '../attribution/credit';
import { daysBetween } from '../attribution/dates';
import { ATTRIBUTION_KINDS, type AttributionKind } from '../attribution/model';
import type { CurrencyRates } from '../attribution/summary-types';
import { utcInstant } from '../attribution/dates';
import { toId18 } from '../record-id';
import { localDateOf } from '../time/week';
import { dateToDayNumber } from '../time/zone';
import { toCents } from '../attribution/money';
import { compareStrings } from '../intl';

export const IMPACT_GROUPS = ['sourced', 'influenced', 'none'] as const;
export type ImpactGroup = (typeof IMPACT_GROUPS)[number];

/** The groups' names, as the page, the exports and the documentation write them. */
export const GROUP_LABELS: Record<ImpactGroup, string> = {
  sourced: 'Partner-sourced',
  influenced: 'Partner-influenced only',
  none: 'No partner',
};

// ---------------------------------------------------------------------------------------------------------
// Input, checked at the boundary

/** The message for a field: "is missing" when it is absent, else `text`. */
function says(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : text) };
}

const calendarDate = z.iso.date(says('must be a calendar date written YYYY-MM-DD, such as 2026-07-01'));
const requiredText = z.string(says('must be text')).trim().min(1, 'is missing');

/** A calendar date stays as it is; a date-time as the REST API writes it (`…+0000`) becomes a UTC instant. */
const createdAt = z.string(says('must be text')).transform((value, ctx) => {
  if (dateToDayNumber(value) !== undefined) return value;
  const iso = utcInstant(value);
  if (iso === undefined) {
    const message = 'must be a date (YYYY-MM-DD) or a date-time such as 2026-07-01T09:30:00.000+0000';
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return iso;
});

/** A closed opportunity as the org reports it (amount in the currency's units, as Salesforce's Amount). */
export const closedOpportunitySchema = z.object(
  {
    id: requiredText,
    amount: z.number(says('must be a number or null')).nullable(),
    /** ISO code; null when the org or the page does not say. */
    currency: z
      .string(says('must be a three-letter currency code such as USD, or null'))
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD, or null')
      .nullable(),
    /** The API's CreatedDate (an instant), or a calendar date already on the user's calendar. */
    createdAt,
    closeDate: calendarDate,
    won: z.boolean(says('must be true or false')),
  },
  { error: 'must be an opportunity (id, amount, currency, createdAt, closeDate, won)' },
);
export type ClosedOpportunity = z.output<typeof closedOpportunitySchema>;

/** One partner tag on an opportunity. `deleted` accepts the store's 0/1 as well as a boolean. */
export const impactAttributionSchema = z.object(
  {
    opportunityId: requiredText,
    partnerId: requiredText,
    partnerName: z.string(says('must be text')),
    kind: z.enum(ATTRIBUTION_KINDS, says("must be 'sourced' or 'influenced'")),
    deleted: z.union([z.boolean(), z.literal(0), z.literal(1)], says('must be true, false, 0 or 1')),
    /** Set when the deal's sourcing is contested; two live sourced claims are a dispute without it. */
    disputed: z.boolean(says('must be true or false')).optional(),
  },
  { error: 'must be a partner tag (opportunityId, partnerId, partnerName, kind, deleted)' },
);
export type ImpactAttribution = z.infer<typeof impactAttributionSchema>;

/** A row that could not be read, said so rather than silently dropped. */
export interface InputProblem {
  source: 'opportunity' | 'attribution';
  /** Position in the rows given. */
  index: number;
  /** The row's id (opportunity id) when it could be read. */
  id?: string;
  message: string;
}

export interface ImpactInput {
  opportunities: ClosedOpportunity[];
  attributions: ImpactAttribution[];
  problems: InputProblem[];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the row'} ${issue.message}`)
    .join('; ');
}

function rowId(row: unknown): string | undefined {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

/** One spelling per record: 15-character ids become their 18-character form, so they match tags. */
function canonicalId(id: string): string {
  return toId18(id) ?? id;
}

/**
 * Reads opportunities and attributions from untrusted rows (the org's answers). Every row that fails is
 * reported with its position and why, and left out; an opportunity listed twice is counted once.
 */
export function readImpactInput(
  rawOpportunities: readonly unknown[],
  rawAttributions: readonly unknown[],
): ImpactInput {
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const opportunities: ClosedOpportunity[] = [];
  rawOpportunities.forEach((row, index) => {
    const parsed = closedOpportunitySchema.safeParse(row);
    if (!parsed.success) {
      const id = rowId(row);
      problems.push({ source: 'opportunity', index, ...(id ? { id } : {}), message: describeIssues(parsed.error) });
      return;
    }
    const opportunity = { ...parsed.data, id: canonicalId(parsed.data.id) };
    if (seen.has(opportunity.id)) {
      problems.push({ source: 'opportunity', index, id: opportunity.id, message: 'listed twice; counted once' });
      return;
    }
    seen.add(opportunity.id);
    opportunities.push(opportunity);
  });
  const attributions: ImpactAttribution[] = [];
  rawAttributions.forEach((row, index) => {
    const parsed = impactAttributionSchema.safeParse(row);
    if (!parsed.success) {
      problems.push({ source: 'attribution', index, message: describeIssues(parsed.error) });
      return;
    }
    attributions.push({ ...parsed.data, opportunityId: canonicalId(parsed.data.opportunityId) });
  });
  return { opportunities, attributions, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Grouping

/** A partner's part in one deal. */
export interface DealPartner {
  partnerId: string;
  partnerName: string;
  /** The kinds of its live tags on the deal (sorted). */
  kinds: AttributionKind[];
}

export interface ImpactDeal {
  id: string;
  group: ImpactGroup;
  won: boolean;
  closeDate: string;
  /** Integer cents in `currency`; null when the deal has no amount (left out of deal-size figures). */
  amountCents: number | null;
  /** ISO code, or `UNKNOWN_CURRENCY`: never guessed, never mixed with another currency. */
  currency: string;
  /**
   * The amount in the corporate currency, when rates were given: null when this currency has no usable
   * rate (or the deal has no amount). Absent without rates.
   */
  convertedCents?: number | null;
  /** Whole days from created to closed; null when the close date is before the created date. */
  cycleDays: number | null;
  /** Two or more live sourced claims, or a tag flagged disputed: partner-involved, never sourced. */
  disputed: boolean;
  /** Partners with a live tag on the deal, by name. */
  partners: DealPartner[];
}

export interface GroupOptions {
  /** The user's IANA time zone: a created instant counts on the user's calendar day. */
  timeZone: string;
  /** The org's conversion rates; without them there is no converted figure. */
  rates?: CurrencyRates;
}

function usableRate(rate: number | undefined): rate is number {
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0;
}

/** Cents in `currency` converted to the corporate currency (units per corporate unit), or null without a rate. */
function convert(cents: number, currency: string, rates: CurrencyRates): number | null {
  if (currency === UNKNOWN_CURRENCY) return null;
  const corporateRate = rates.rates[rates.corporateCurrency] ?? 1;
  if (!usableRate(corporateRate)) return null;
  if (currency === rates.corporateCurrency) return cents;
  const rate = rates.rates[currency];
  if (!usableRate(rate)) return null;
  const exact = (cents / rate) * corporateRate;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

/** The created day on the user's calendar: an instant is read in their zone, a calendar date is taken as is. */
function createdDay(createdAt: string, timeZone: string): string | undefined {
  if (dateToDayNumber(createdAt) !== undefined) return createdAt;
  const ms = Date.parse(createdAt);
  return Number.isFinite(ms) ? localDateOf(ms, timeZone) : undefined;
}

function cycleDays(createdAt: string, closeDate: string, timeZone: string): number | null {
  const created = createdDay(createdAt, timeZone);
  if (created === undefined || dateToDayNumber(closeDate) === undefined) return null;
  const days = daysBetween(created, closeDate);
  // Imported or back-dated deals can close "before" they were created: no cycle to speak of.
  return days >= 0 ? days : null;
}

/** The live tags of one deal, as the group rule reads them. */
function involvement(tags: readonly ImpactAttribution[]): Pick<ImpactDeal, 'group' | 'disputed' | 'partners'> {
  const live = tags.filter((tag) => tag.deleted !== true && tag.deleted !== 1);
  if (live.length === 0) return { group: 'none', disputed: false, partners: [] };
  const sourcedClaims = live.filter((tag) => tag.kind === 'sourced').length;
  const disputed = sourcedClaims >= 2 || live.some((tag) => tag.disputed === true);
  const byPartner = new Map<string, DealPartner>();
  for (const tag of live) {
    const partner = byPartner.get(tag.partnerId);
    if (!partner) {
      byPartner.set(tag.partnerId, { partnerId: tag.partnerId, partnerName: tag.partnerName, kinds: [tag.kind] });
    } else if (!partner.kinds.includes(tag.kind)) {
      partner.kinds.push(tag.kind);
    }
  }
  const partners = [...byPartner.values()]
    .map((partner) => ({ ...partner, kinds: [...partner.kinds].sort() }))
    .sort((a, b) => compareStrings(a.partnerName, b.partnerName) || compareStrings(a.partnerId, b.partnerId));
  return { group: sourcedClaims === 1 && !disputed ? 'sourced' : 'influenced', disputed, partners };
}

/** Each closed opportunity in exactly one group, with what the figures need; in the order given. */
export function groupDeals(
  opportunities: readonly ClosedOpportunity[],
  attributions: readonly ImpactAttribution[],
  options: GroupOptions,
): ImpactDeal[] {
  const tagsByDeal = new Map<string, ImpactAttribution[]>();
  for (const tag of attributions) {
    const tags = tagsByDeal.get(tag.opportunityId);
    if (tags) tags.push(tag);
    else tagsByDeal.set(tag.opportunityId, [tag]);
  }
  return opportunities.map((opportunity) => {
    const { amount } = opportunity;
    const amountCents = typeof amount === 'number' && Number.isFinite(amount) ? toCents(amount) : null;
    const currency = opportunity.currency ?? UNKNOWN_CURRENCY;
    const deal: ImpactDeal = {
      id: opportunity.id,
      ...involvement(tagsByDeal.get(opportunity.id) ?? []),
      won: opportunity.won,
      closeDate: opportunity.closeDate,
      amountCents,
      currency,
      cycleDays: cycleDays(opportunity.createdAt, opportunity.closeDate, options.timeZone),
    };
    if (options.rates) {
      deal.convertedCents = amountCents === null ? null : convert(amountCents, currency, options.rates);
    }
    return deal;
  });
}
