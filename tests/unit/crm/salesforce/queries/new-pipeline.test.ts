import { describe, expect, it } from 'vitest';
import {
  currencyTypeSchema,
  newPipelineGroupSchema,
  toCurrencyRates,
  toNewPipelineGroup,
} from '../../../../../lib/crm/salesforce/queries/new-pipeline';

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
    const euro = { IsoCode: 'euro', ConversionRate: 0.8, IsCorporate: false };
    expect(currencyTypeSchema.safeParse(euro).success).toBe(false);
    expect(currencyTypeSchema.safeParse({ IsoCode: 'EUR', ConversionRate: 0, IsCorporate: false }).success).toBe(false);
    expect(newPipelineGroupSchema.safeParse({ total: '12', n: 1 }).success).toBe(false);
  });
});

describe('toNewPipelineGroup', () => {
  it('names a group in the summary’s words', () => {
    const answer = { attributes: { type: 'AggregateResult' }, CurrencyIsoCode: 'EUR', total: 12.5, n: 2 };
    const record = newPipelineGroupSchema.parse(answer);
    expect(toNewPipelineGroup(record)).toEqual({ currency: 'EUR', total: 12.5, count: 2 });
    const empty = newPipelineGroupSchema.parse({ total: null, n: 0 });
    expect(toNewPipelineGroup(empty)).toEqual({ currency: null, total: null, count: 0 });
  });
});
