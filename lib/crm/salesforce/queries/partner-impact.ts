/**
 * What "Partner impact" reads from the org for one period, in few calls, with the answers as Zod checks them
 * (docs/partner-impact.md, "Where the figures come from"):
 *
 * 1. `noPartnerCountsQuery`: one aggregate call, the closed and won deals without a live partner tag, by an
 *    anti-join (`Id NOT IN (SELECT Opportunity__c FROM Partner_Attribution__c WHERE Deleted__c = false)`)
 *    grouped by IsWon. Lost deals without partners, usually most deals, are only ever counted.
 * 2. `noPartnerWonQuery`: the won deals without partners, one record each, because their medians (deal
 *    size, sales cycle) need the values: 2,000 a batch.
 * 3. `partnerTagsQuery`: the live tags on deals closed in the period, each with its deal's facts through the
 *    lookup (`Opportunity__r.…`), found by a semi-join (`Opportunity__c IN (SELECT Id FROM Opportunity
 *    WHERE …)`): 2,000 a batch. The groups and the per-partner figures are worked out from these tags.
 *
 * Dates are explicit calendar days, the quarter's first and last day on the user's calendar, not a date
 * literal such as THIS_QUARTER, which Salesforce reads in the org's time zone and fiscal year settings.
 * SOQL semi-joins and anti-joins, and GROUP BY:
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_groupby.htm
 */
import { z } from '../../../zod';
import { isCalendarDate, utcInstant } from '../../../attribution/dates';
import { isIdOf } from '../../../record-id';
import { ATTRIBUTION_FIELDS, ATTRIBUTION_OBJECT } from '../org-objects';

/** The days of a period, both included, `YYYY-MM-DD`. */
export interface ClosedRange {
  firstDay: string;
  lastDay: string;
}

/** Records a query batch holds: Salesforce's default and largest batch size. */
export const QUERY_BATCH_SIZE = 2_000;

function checkRange(range: ClosedRange): void {
  if (!isCalendarDate(range.firstDay) || !isCalendarDate(range.lastDay) || range.firstDay > range.lastDay) {
    throw new RangeError(`A period is two calendar dates, first ≤ last: ${range.firstDay} – ${range.lastDay}`);
  }
}

/** SOQL date literals are written bare: `CloseDate >= 2026-07-01`. */
function closedInRange(range: ClosedRange): string {
  checkRange(range);
  return `IsClosed = true AND CloseDate >= ${range.firstDay} AND CloseDate <= ${range.lastDay}`;
}

/** The opportunities with at least one live partner tag: the semi-join's sub-select. */
const { opportunity: OPPORTUNITY, deleted: DELETED } = ATTRIBUTION_FIELDS;
export const LIVE_TAGGED_OPPORTUNITIES = `SELECT ${OPPORTUNITY} FROM ${ATTRIBUTION_OBJECT} WHERE ${DELETED} = false`;

/** Closed deals without partners in the period, counted by IsWon: at most two rows. */
export function noPartnerCountsQuery(range: ClosedRange): string {
  return (
    `SELECT IsWon, COUNT(Id) n FROM Opportunity WHERE ${closedInRange(range)} ` +
    `AND Id NOT IN (${LIVE_TAGGED_OPPORTUNITIES}) GROUP BY IsWon`
  );
}

/** Won deals without partners in the period, one record each, for the medians. */
export function noPartnerWonQuery(range: ClosedRange, options: { multiCurrency: boolean }): string {
  const fields = ['Id', 'Amount', ...(options.multiCurrency ? ['CurrencyIsoCode'] : []), 'CreatedDate', 'CloseDate'];
  return (
    `SELECT ${fields.join(', ')} FROM Opportunity WHERE IsWon = true AND ${closedInRange(range)} ` +
    `AND Id NOT IN (${LIVE_TAGGED_OPPORTUNITIES})`
  );
}

/** Live partner tags on deals closed in the period, each with its deal's facts. */
export function partnerTagsQuery(range: ClosedRange, options: { multiCurrency: boolean }): string {
  const deal = ['Amount', ...(options.multiCurrency ? ['CurrencyIsoCode'] : []), 'CreatedDate', 'CloseDate', 'IsWon'];
  const fields = [
    ATTRIBUTION_FIELDS.opportunity,
    ATTRIBUTION_FIELDS.partnerKey,
    ATTRIBUTION_FIELDS.partnerName,
    ATTRIBUTION_FIELDS.kind,
    ...deal.map((field) => `Opportunity__r.${field}`),
  ];
  return (
    `SELECT ${fields.join(', ')} FROM ${ATTRIBUTION_OBJECT} WHERE ${ATTRIBUTION_FIELDS.deleted} = false ` +
    `AND ${ATTRIBUTION_FIELDS.opportunity} IN (SELECT Id FROM Opportunity WHERE ${closedInRange(range)})`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Answers

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code');
const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });
const dateTime = z.string().refine((value) => utcInstant(value) !== undefined, { message: 'expected a date-time' });
const opportunityId = z.string().refine((value) => isIdOf('Opportunity', value), 'expected an opportunity id');

/** A row of `noPartnerCountsQuery`'s answer. */
export const outcomeCountSchema = z.looseObject({ IsWon: z.boolean(), n: z.number().int().nonnegative() });
export type OutcomeCountRecord = z.infer<typeof outcomeCountSchema>;

/** Closed and won deals from the rows of `noPartnerCountsQuery`. */
export function toOutcomeCounts(rows: readonly OutcomeCountRecord[]): { closed: number; won: number } {
  let closed = 0;
  let won = 0;
  for (const row of rows) {
    closed += row.n;
    if (row.IsWon) won += row.n;
  }
  return { closed, won };
}

/** A record of `noPartnerWonQuery`'s answer. CurrencyIsoCode only in multi-currency orgs. */
export const wonDealSchema = z.looseObject({
  Id: opportunityId,
  Amount: z.number().nullable(),
  CurrencyIsoCode: currencyCode.nullish(),
  CreatedDate: dateTime,
  CloseDate: calendarDate,
});
export type WonDealRecord = z.infer<typeof wonDealSchema>;

/** A record of `partnerTagsQuery`'s answer. `Opportunity__r` is null only when the deal cannot be seen. */
export const partnerTagSchema = z.looseObject({
  Opportunity__c: opportunityId,
  Partner_Key__c: z.string().nullable(),
  Partner_Name__c: z.string().nullable(),
  Kind__c: z.enum(['sourced', 'influenced']),
  Opportunity__r: z
    .looseObject({
      Amount: z.number().nullable(),
      CurrencyIsoCode: currencyCode.nullish(),
      CreatedDate: dateTime,
      CloseDate: calendarDate,
      IsWon: z.boolean(),
    })
    .nullable(),
});
export type PartnerTagRecord = z.infer<typeof partnerTagSchema>;
