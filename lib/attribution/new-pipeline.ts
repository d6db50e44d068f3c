/**
 * All new pipeline per currency, from the groups of the org's aggregate query (read and checked by
 * lib/crm/salesforce/queries/new-pipeline.ts). Pure arithmetic.
 *
 * In a multi-currency org Salesforce returns grouped SUM(Amount) in the corporate currency (SOQL docs,
 * "convertCurrency()": with GROUP BY or HAVING, aggregate currency data is in the org's default currency).
 * Each group is converted back to its own currency with the org's rates (`CurrencyType.ConversionRate`:
 * units of the currency per corporate unit). Orgs with dated exchange rates (advanced currency management)
 * convert each opportunity at its own dated rate, so the totals per currency computed here are approximate
 * there; single-rate orgs get them exact to the cent.
 */
import { UNKNOWN_CURRENCY } from './credit';
import type { CurrencyRates } from './summary-types';
import { toCents } from './money';

/** One group of the org's new pipeline: a currency (multi-currency orgs) and its total and count. */
export interface NewPipelineGroup {
  /** Null in single-currency orgs, and for a group Salesforce did not name. */
  currency: string | null;
  /** The sum of the amounts; null when no opportunity in the group has an amount. */
  total: number | null;
  /** Opportunities created. */
  count: number;
}

export interface NewPipeline {
  /** Integer cents per currency. */
  byCurrency: Record<string, number>;
  /** Opportunities created, all currencies together. */
  opportunities: number;
  /** Currencies whose total could not be converted back (no active rate): left out of `byCurrency`. */
  unconverted: string[];
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
    result.opportunities += group.count;
    if (!org.multiCurrency) {
      const currency = org.currency ?? UNKNOWN_CURRENCY;
      result.byCurrency[currency] = (result.byCurrency[currency] ?? 0) + toCents(group.total ?? 0);
      continue;
    }
    const currency = group.currency ?? org.rates?.corporateCurrency;
    const rate = currency ? org.rates?.rates[currency] : undefined;
    if (!currency || rate === undefined) {
      if (currency) result.unconverted.push(currency);
      continue;
    }
    result.byCurrency[currency] = (result.byCurrency[currency] ?? 0) + toCents((group.total ?? 0) * rate);
  }
  return result;
}
