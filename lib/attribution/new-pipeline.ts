/**
 * All new pipeline per currency, from the org's aggregate query (`newPipelineQuery`), and the org's
 * currency facts it needs. Pure: the REST answers come in checked by the schemas here.
 *
 * In a multi-currency org Salesforce returns grouped SUM(Amount) in the corporate currency (SOQL docs,
 * "convertCurrency()": with GROUP BY or HAVING, aggregate currency data is in the org's default currency).
 * Each group is converted back to its own currency with the org's rates (`CurrencyType.ConversionRate`:
 * units of the currency per corporate unit). Orgs with dated exchange rates (advanced currency management)
 * convert each opportunity at its own dated rate, so the totals per currency computed here are approximate
 * there; single-rate orgs get them exact to the cent.
 */
import { z } from '../zod';
import { UNKNOWN_CURRENCY } from './credit';
import type { CurrencyRates } from './summary-types';

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code');

/** One group of `newPipelineQuery`'s answer. `total` is null when no opportunity in it has an amount. */
export const newPipelineGroupSchema = z.looseObject({
  CurrencyIsoCode: currencyCode.nullish(),
  total: z.number().nullable(),
  n: z.number().int().nonnegative(),
});
export type NewPipelineGroup = z.infer<typeof newPipelineGroupSchema>;

/** One row of `CURRENCY_TYPES_QUERY`. */
export const currencyTypeSchema = z.looseObject({
  IsoCode: currencyCode,
  ConversionRate: z.number().positive(),
  IsCorporate: z.boolean(),
});
export type CurrencyTypeRecord = z.infer<typeof currencyTypeSchema>;

/** The row of `ORG_CURRENCY_QUERY`. */
export const orgCurrencySchema = z.looseObject({ DefaultCurrencyIsoCode: currencyCode.nullish() });

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

export interface NewPipeline {
  /** Integer cents per currency. */
  byCurrency: Record<string, number>;
  /** Opportunities created, all currencies together. */
  opportunities: number;
  /** Currencies whose total could not be converted back (no active rate): left out of `byCurrency`. */
  unconverted: string[];
}

function toCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

/**
 * The query's groups as cents per currency. Multi-currency: each group's corporate total times its
 * currency's rate. Single-currency: the one total in the org's currency, or `UNKNOWN_CURRENCY` when that
 * is not known (the same label opportunities without a currency get, so the two still meet).
 */
export function newPipelineByCurrency(
  groups: readonly NewPipelineGroup[],
  org: { multiCurrency: boolean; currency?: string | undefined; rates?: CurrencyRates | undefined },
): NewPipeline {
  const result: NewPipeline = { byCurrency: {}, opportunities: 0, unconverted: [] };
  for (const group of groups) {
    result.opportunities += group.n;
    if (!org.multiCurrency) {
      const currency = org.currency ?? UNKNOWN_CURRENCY;
      result.byCurrency[currency] = (result.byCurrency[currency] ?? 0) + toCents(group.total ?? 0);
      continue;
    }
    const currency = group.CurrencyIsoCode ?? org.rates?.corporateCurrency;
    const rate = currency ? org.rates?.rates[currency] : undefined;
    if (!currency || rate === undefined) {
      if (currency) result.unconverted.push(currency);
      continue;
    }
    result.byCurrency[currency] = (result.byCurrency[currency] ?? 0) + toCents((group.total ?? 0) * rate);
  }
  return result;
}
