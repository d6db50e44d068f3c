/**
 * An Opportunity as `opportunityFactsQuery` selects it, and the facts Partner Ledger keeps from it
 * (`OpportunityRow`'s API fields). Nullable fields are nullable the way Salesforce returns them: Amount,
 * Probability and ForecastCategoryName may be empty; `Owner` is null when the user cannot see the owner.
 */
import { z } from '../../zod';
import { queryPageSchema } from './rest-client';
import { isCalendarDate } from '../../attribution/dates';
import type { OpportunityRow } from '../../store/db';
import { ATTRIBUTION_RELATIONSHIP } from '../../sync/org-schema';
import { isIdOf, isRecordId, toId18 } from './record-id';

/** A date-time as the REST API writes it: `2026-03-02T09:14:00.000+0000` (also `Z` or `+01:00`). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });
const dateTime = z.string().refine((value) => utcCalendarDate(value) !== undefined, { message: 'expected a date-time' });
const recordId = z.string().refine(isRecordId, { message: 'expected a record id' });

export const opportunityRecordSchema = z.object({
  Id: z.string().refine((value) => isIdOf('Opportunity', value), { message: 'expected an opportunity id' }),
  Name: z.string(),
  Amount: z.number().nullable(),
  /** Present only in multi-currency orgs (and only when selected). */
  CurrencyIsoCode: z.string().nullable().optional(),
  StageName: z.string(),
  CloseDate: calendarDate,
  Probability: z.number().nullable(),
  ForecastCategoryName: z.string().nullable(),
  IsClosed: z.boolean(),
  IsWon: z.boolean(),
  CreatedDate: dateTime,
  OwnerId: recordId,
  Owner: z.object({ Name: z.string().nullable() }).nullable().optional(),
});

export type OpportunityRecord = z.infer<typeof opportunityRecordSchema>;

/** A child relationship in a query result: null when the parent has no children. */
export function childRecordsSchema<T>(schema: z.ZodType<T>) {
  return queryPageSchema(schema).nullable();
}

/**
 * An opportunity as `opportunityWithAttributionsQuery(id, opportunityFactFields(…))` returns it, with its
 * attributions checked by `attributionSchema` (the sync engine's). `Partner_Attributions__r` is null when
 * there are none.
 */
export function opportunityWithAttributionsSchema<T>(attributionSchema: z.ZodType<T>) {
  return opportunityRecordSchema.extend({ [ATTRIBUTION_RELATIONSHIP]: childRecordsSchema(attributionSchema) });
}

/** What the API tells us about an opportunity, ready to merge into its `OpportunityRow`. */
export type OpportunityFacts = Pick<
  OpportunityRow,
  | 'id'
  | 'name'
  | 'amount'
  | 'currency'
  | 'stage'
  | 'closeDate'
  | 'probability'
  | 'forecastCategory'
  | 'isClosed'
  | 'isWon'
  | 'createdDate'
  | 'createdAt'
  | 'ownerId'
  | 'ownerName'
  | 'fetchedAt'
> & { source: 'api' };

/**
 * The UTC calendar date of a date-time, or undefined when it is not one. Salesforce returns CreatedDate in
 * UTC (`…+0000`); offsets are honoured should another one appear.
 */
export function utcCalendarDate(value: string): string | undefined {
  return utcInstant(value)?.slice(0, 10);
}

/**
 * A date-time as an ISO instant in UTC (`2026-03-02T09:14:00.000Z`), or undefined when it is not one. The
 * weekly summary cuts weeks by instant in the user's zone, so it needs this rather than the UTC date.
 */
export function utcInstant(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const zone = match[5]!;
  const iso = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`}`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The facts of a queried opportunity. `now` is when they were fetched.
 *
 * `createdDate` is the UTC calendar date of CreatedDate. The org's time zone is not known here (the
 * REST API answers in UTC and the org's default time zone would cost another call), so an opportunity
 * created late in the evening in the Americas, or early in the morning in Asia, gets the neighbouring
 * day: it can differ by one day from the date the page shows in the user's time zone.
 */
export function toOpportunityFacts(record: OpportunityRecord, now: Date): OpportunityFacts {
  const id = toId18(record.Id);
  const ownerId = toId18(record.OwnerId);
  const createdAt = utcInstant(record.CreatedDate);
  const createdDate = createdAt?.slice(0, 10);
  if (!id || !ownerId || !createdAt || !createdDate) throw new TypeError('toOpportunityFacts needs a record checked by opportunityRecordSchema.');
  const ownerName = record.Owner?.Name ?? undefined;
  return {
    id,
    name: record.Name,
    amount: record.Amount,
    currency: record.CurrencyIsoCode ?? null,
    stage: record.StageName,
    closeDate: record.CloseDate,
    probability: record.Probability,
    forecastCategory: record.ForecastCategoryName,
    isClosed: record.IsClosed,
    isWon: record.IsWon,
    createdDate,
    createdAt,
    ownerId,
    ...(ownerName !== undefined ? { ownerName } : {}),
    fetchedAt: now.toISOString(),
    source: 'api',
  };
}
