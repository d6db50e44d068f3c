import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { currencyTypeSchema, newPipelineByCurrency, newPipelineGroupSchema, toCurrencyRates } from '../../../lib/attribution/new-pipeline';

const AS_OF = '2026-11-18T10:00:00.000Z';
const rates = toCurrencyRates(
  [
    { IsoCode: 'USD', ConversionRate: 1, IsCorporate: true },
    { IsoCode: 'EUR', ConversionRate: 0.8, IsCorporate: false },
    { IsoCode: 'JPY', ConversionRate: 150, IsCorporate: false },
  ],
  AS_OF,
)!;

describe('toCurrencyRates', () => {
  it('takes the corporate currency at 1 and every other at its rate', () => {
    expect(rates).toEqual({ corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.8, JPY: 150 }, asOf: AS_OF });
  });

  it('gives nothing without a corporate currency', () => {
    expect(toCurrencyRates([{ IsoCode: 'EUR', ConversionRate: 0.8, IsCorporate: false }], AS_OF)).toBeUndefined();
  });

  it('refuses rows that are not currencies', () => {
    expect(currencyTypeSchema.safeParse({ IsoCode: 'euro', ConversionRate: 0.8, IsCorporate: false }).success).toBe(false);
    expect(currencyTypeSchema.safeParse({ IsoCode: 'EUR', ConversionRate: 0, IsCorporate: false }).success).toBe(false);
    expect(newPipelineGroupSchema.safeParse({ total: '12', n: 1 }).success).toBe(false);
  });
});

describe('newPipelineByCurrency', () => {
  it('converts grouped corporate sums back to each currency, to the cent', () => {
    // 80,000.00 EUR is 100,000 USD at 0.8; 1,500,000 JPY is 10,000 USD at 150.
    const result = newPipelineByCurrency(
      [
        { CurrencyIsoCode: 'EUR', total: 100_000, n: 2 },
        { CurrencyIsoCode: 'JPY', total: 10_000, n: 1 },
        { CurrencyIsoCode: 'USD', total: 1234.56, n: 3 },
      ],
      { multiCurrency: true, currency: 'USD', rates },
    );
    expect(result).toEqual({ byCurrency: { EUR: 8_000_000, JPY: 150_000_000, USD: 123_456 }, opportunities: 6, unconverted: [] });
  });

  it('leaves out a currency without a rate and says so, rather than guess', () => {
    const result = newPipelineByCurrency([{ CurrencyIsoCode: 'CHF', total: 500, n: 1 }], { multiCurrency: true, rates });
    expect(result).toEqual({ byCurrency: {}, opportunities: 1, unconverted: ['CHF'] });
  });

  it('reports a single-currency org’s total in its currency, or as unknown while that is not known', () => {
    expect(newPipelineByCurrency([{ total: 99.99, n: 2 }], { multiCurrency: false, currency: 'USD' }).byCurrency).toEqual({ USD: 9999 });
    expect(newPipelineByCurrency([{ total: null, n: 0 }], { multiCurrency: false }).byCurrency).toEqual({ [UNKNOWN_CURRENCY]: 0 });
  });
});
