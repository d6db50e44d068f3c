/**
 * An Opportunity's facts as Partner Ledger reads them from the org: the queries (alone, in chunks, or with
 * the opportunity's attributions through the child relationship), the record as they select it, and the
 * facts kept from it. Nullable fields are nullable the way Salesforce returns them: Amount, Probability and
 * ForecastCategoryName may be empty; `Owner` is null when the user cannot see the owner.
 */
import { z } from '../../../zod';
import { isCalendarDate, utcInstant } from '../../../attribution/dates';
import { isIdOf, isRecordId, toId18 } from '../../../record-id';
import type { HideableFactField } from '../field-access';
import { ATTRIBUTION_RELATIONSHIP, ATTRIBUTION_SELECT } from '../org-objects';
import { queryPageSchema } from '../rest-client';
import { assertFields, assertRecordId, buildIdChunks, quote, toChunk, type IdChunk } from '../soql';

// ---------------------------------------------------------------------------------------------------------
// Queries

const OPPORTUNITY_FACT_FIELDS = [
  'Id',
  'Name',
  'Amount',
  'StageName',
  'CloseDate',
  'Probability',
  'ForecastCategoryName',
  'IsClosed',
  'IsWon',
  'CreatedDate',
  'OwnerId',
  'Owner.Name',
] as const;

/**
 * The Opportunity fields Partner Ledger reads. `CurrencyIsoCode` exists only in multi-currency orgs:
 * selecting it elsewhere fails the whole query, so it is asked for only when `connect` found it. Fields the
 * user's field access hides (`hidden`, from the same describe) fail it the same way, so they are left out.
 */
export function opportunityFactFields(multiCurrency: boolean, hidden: readonly HideableFactField[] = []): string[] {
  const fields = OPPORTUNITY_FACT_FIELDS.filter((field) => !(hidden as readonly string[]).includes(field));
  return multiCurrency ? [...fields, 'CurrencyIsoCode'] : [...fields];
}

function factsPrefix(multiCurrency: boolean, hidden: readonly HideableFactField[] = []): string {
  return `SELECT ${opportunityFactFields(multiCurrency, hidden).join(', ')} FROM Opportunity WHERE Id IN (`;
}

/** One SOQL statement for the facts of these opportunities. For long lists use `opportunityFactsQueries`. */
export function opportunityFactsQuery(ids: readonly string[], options: { multiCurrency: boolean }): string {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new RangeError('opportunityFactsQuery needs at least one id.');
  unique.forEach(assertRecordId);
  return toChunk(unique, factsPrefix(options.multiCurrency), ')').soql;
}

/** The facts of these opportunities as as few queries as fit in a request each (see `buildIdChunks`). */
export function opportunityFactsQueries(
  ids: readonly string[],
  options: {
    multiCurrency: boolean;
    apiHost: string;
    version: string;
    maxUrlBytes?: number;
    hidden?: readonly HideableFactField[];
  },
): IdChunk[] {
  return buildIdChunks(ids, {
    prefix: factsPrefix(options.multiCurrency, options.hidden),
    suffix: ')',
    apiHost: options.apiHost,
    version: options.version,
    ...(options.maxUrlBytes !== undefined ? { maxUrlBytes: options.maxUrlBytes } : {}),
  });
}

/** The child query that brings an opportunity's attributions along (tombstones included: merges need them). */
function attributionsSubquery(): string {
  return `(SELECT ${ATTRIBUTION_SELECT.join(', ')} FROM ${ATTRIBUTION_RELATIONSHIP})`;
}

/**
 * One opportunity with all of its attributions, through the child relationship, so opening a record page
 * costs one call:
 * `SELECT <fields>, (SELECT <ATTRIBUTION_SELECT> FROM Partner_Attributions__r) FROM Opportunity WHERE Id = '…'`.
 * Pass `opportunityFactFields(multiCurrency)` for the usual facts.
 */
export function opportunityWithAttributionsQuery(id: string, fields: readonly string[]): string {
  assertRecordId(id);
  assertFields(fields);
  return `SELECT ${fields.join(', ')}, ${attributionsSubquery()} FROM Opportunity WHERE Id = ${quote(id)}`;
}

/**
 * Salesforce returns at most 200 parent records a batch when a query has a child subquery, so lists of
 * opportunities with their attributions are asked for 200 at a time: ceil(ids / 200) calls.
 */
export const PARENTS_PER_SUBQUERY_BATCH = 200;

/**
 * Many opportunities with their attributions (see `opportunityWithAttributionsQuery`), for list views and
 * boards: at most 200 ids per query, and fewer if a query would not fit in one request URI.
 */
export function opportunitiesWithAttributionsQueries(
  ids: readonly string[],
  fields: readonly string[],
  options: { apiHost: string; version: string; maxUrlBytes?: number },
): IdChunk[] {
  assertFields(fields);
  const unique = [...new Set(ids)];
  const prefix = `SELECT ${fields.join(', ')}, ${attributionsSubquery()} FROM Opportunity WHERE Id IN (`;
  const chunks: IdChunk[] = [];
  for (let start = 0; start < unique.length; start += PARENTS_PER_SUBQUERY_BATCH) {
    const group = unique.slice(start, start + PARENTS_PER_SUBQUERY_BATCH);
    chunks.push(...buildIdChunks(group, { prefix, suffix: ')', ...options }));
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------
// Answers

const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });
const dateTime = z
  .string()
  .refine((value) => utcCalendarDate(value) !== undefined, { message: 'expected a date-time' });
const recordId = z.string().refine(isRecordId, { message: 'expected a record id' });

export const opportunityRecordSchema = z.object({
  Id: z.string().refine((value) => isIdOf('Opportunity', value), { message: 'expected an opportunity id' }),
  Name: z.string(),
  /** Amount, Probability, ForecastCategoryName and Owner are absent when field access hides them. */
  Amount: z.number().nullable().optional(),
  /** Present only in multi-currency orgs (and only when selected). */
  CurrencyIsoCode: z.string().nullable().optional(),
  StageName: z.string(),
  CloseDate: calendarDate,
  Probability: z.number().nullable().optional(),
  ForecastCategoryName: z.string().nullable().optional(),
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

/**
 * What the API tells us about an opportunity: the facts the store keeps, merged into the opportunity's row
 * (`source: 'api'` marks them as the org's, which win over what a page shows).
 */
export interface OpportunityFacts {
  /** 18 characters. */
  id: string;
  name: string;
  amount: number | null;
  currency: string | null;
  stage: string;
  closeDate: string;
  probability: number | null;
  forecastCategory: string | null;
  isClosed: boolean;
  isWon: boolean;
  /** The UTC calendar date of CreatedDate (see `toOpportunityFacts`). */
  createdDate: string;
  /** CreatedDate as an ISO instant in UTC. */
  createdAt: string;
  ownerId: string;
  ownerName?: string;
  /** Fields the user's field access hides: their values above are unknown, not empty. */
  hiddenFields: HideableFactField[];
  /** When the facts were fetched. */
  fetchedAt: string;
  source: 'api';
}

/**
 * The UTC calendar date of a date-time, or undefined when it is not one. Salesforce returns CreatedDate in
 * UTC (`…+0000`); offsets are honoured should another one appear.
 */
export function utcCalendarDate(value: string): string | undefined {
  return utcInstant(value)?.slice(0, 10);
}

/**
 * The facts of a queried opportunity. `now` is when they were fetched.
 *
 * `createdDate` is the UTC calendar date of CreatedDate. The org's time zone is not known here (the
 * REST API answers in UTC and the org's default time zone would cost another call), so an opportunity
 * created late in the evening in the Americas, or early in the morning in Asia, gets the neighbouring
 * day: it can differ by one day from the date the page shows in the user's time zone.
 */
export function toOpportunityFacts(
  record: OpportunityRecord,
  now: Date,
  hidden: readonly HideableFactField[] = [],
): OpportunityFacts {
  const id = toId18(record.Id);
  const ownerId = toId18(record.OwnerId);
  const createdAt = utcInstant(record.CreatedDate);
  const createdDate = createdAt?.slice(0, 10);
  if (!id || !ownerId || !createdAt || !createdDate) {
    throw new TypeError('toOpportunityFacts needs a record checked by opportunityRecordSchema.');
  }
  const ownerName = record.Owner?.Name ?? undefined;
  return {
    id,
    name: record.Name,
    amount: record.Amount ?? null,
    currency: record.CurrencyIsoCode ?? null,
    stage: record.StageName,
    closeDate: record.CloseDate,
    probability: record.Probability ?? null,
    forecastCategory: record.ForecastCategoryName ?? null,
    isClosed: record.IsClosed,
    isWon: record.IsWon,
    createdDate,
    createdAt,
    ownerId,
    ...(ownerName !== undefined ? { ownerName } : {}),
    hiddenFields: [...hidden],
    fetchedAt: now.toISOString(),
    source: 'api',
  };
}
