/**
 * The org-wide figures the weekly summary needs beside the tagged deals: all new pipeline of a week (one
 * aggregate query) and the org's currency facts, with the answers as Zod checks them. What the answers
 * add up to is the domain's arithmetic (lib/attribution/new-pipeline.ts).
 */
import { z } from '../../../zod';
import type { NewPipelineGroup } from '../../../attribution/new-pipeline';
import type { CurrencyRates } from '../../../attribution/summary-types';
import { soqlDateTime } from '../soql';

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code');

// ---------------------------------------------------------------------------------------------------------
// New pipeline

/**
 * All pipeline created in `[start, end)`, one row per currency in multi-currency orgs (one row in all
 * otherwise): `total` is SUM(Amount), `n` is COUNT(Id). Salesforce returns the grouped sums of a
 * multi-currency org in the corporate currency (SOQL "convertCurrency()": with GROUP BY or HAVING,
 * aggregate currency data is in the org's default currency); `newPipelineByCurrency` converts them back.
 */
export function newPipelineQuery(range: { start: string; end: string }, options: { multiCurrency: boolean }): string {
  const where = `WHERE CreatedDate >= ${soqlDateTime(range.start)} AND CreatedDate < ${soqlDateTime(range.end)}`;
  return options.multiCurrency
    ? `SELECT CurrencyIsoCode, SUM(Amount) total, COUNT(Id) n FROM Opportunity ${where} GROUP BY CurrencyIsoCode`
    : `SELECT SUM(Amount) total, COUNT(Id) n FROM Opportunity ${where}`;
}

/** One group of `newPipelineQuery`'s answer. `total` is null when no opportunity in it has an amount. */
export const newPipelineGroupSchema = z.looseObject({
  CurrencyIsoCode: currencyCode.nullish(),
  total: z.number().nullable(),
  n: z.number().int().nonnegative(),
});
export type NewPipelineGroupRecord = z.infer<typeof newPipelineGroupSchema>;

/** A group of the answer in the summary's words. */
export function toNewPipelineGroup(record: NewPipelineGroupRecord): NewPipelineGroup {
  return { currency: record.CurrencyIsoCode ?? null, total: record.total, count: record.n };
}

// ---------------------------------------------------------------------------------------------------------
// The org's currencies

/** The org's active currencies and their rates to the corporate currency (multi-currency orgs only). */
export const CURRENCY_TYPES_QUERY =
  'SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true';

/** One row of `CURRENCY_TYPES_QUERY`. */
export const currencyTypeSchema = z.looseObject({
  IsoCode: currencyCode,
  ConversionRate: z.number().positive(),
  IsCorporate: z.boolean(),
});
export type CurrencyTypeRecord = z.infer<typeof currencyTypeSchema>;

/** The org's rates as the summary takes them; undefined when no currency is marked corporate. */
export function toCurrencyRates(rows: readonly CurrencyTypeRecord[], asOf: string): CurrencyRates | undefined {
  const corporate = rows.find((row) => row.IsCorporate);
  if (!corporate) return undefined;
  const rates: Record<string, number> = {};
  for (const row of rows) rates[row.IsoCode] = row.ConversionRate;
  // The corporate currency is 1 by definition, whatever an odd record says.
  rates[corporate.IsoCode] = 1;
  return { corporateCurrency: corporate.IsoCode, rates, asOf };
}

/** The org's currency: what a single-currency org's amounts are in. */
export const ORG_CURRENCY_QUERY = 'SELECT DefaultCurrencyIsoCode FROM Organization';

/** The row of `ORG_CURRENCY_QUERY`. */
export const orgCurrencySchema = z.looseObject({ DefaultCurrencyIsoCode: currencyCode.nullish() });
