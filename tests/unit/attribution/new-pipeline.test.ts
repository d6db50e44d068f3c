import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { newPipelineByCurrency } from '../../../lib/attribution/new-pipeline';
import type { CurrencyRates } from '../../../lib/attribution/summary-types';

const rates: CurrencyRates = {
  corporateCurrency: 'USD',
  rates: { USD: 1, EUR: 0.8, JPY: 150 },
  asOf: '2026-11-18T10:00:00.000Z',
};

describe('newPipelineByCurrency', () => {
  it('converts grouped corporate sums back to each currency, to the cent', () => {
    // 80,000.00 EUR is 100,000 USD at 0.8; 1,500,000 JPY is 10,000 USD at 150.
    const result = newPipelineByCurrency(
      [
        { currency: 'EUR', total: 100_000, count: 2 },
        { currency: 'JPY', total: 10_000, count: 1 },
        { currency: 'USD', total: 1234.56, count: 3 },
      ],
      { multiCurrency: true, currency: 'USD', rates },
    );
    expect(result).toEqual({
      byCurrency: { EUR: 8_000_000, JPY: 150_000_000, USD: 123_456 },
      opportunities: 6,
      unconverted: [],
    });
  });

  it('leaves out a currency without a rate and says so, rather than guess', () => {
    const result = newPipelineByCurrency([{ currency: 'CHF', total: 500, count: 1 }], { multiCurrency: true, rates });
    expect(result).toEqual({ byCurrency: {}, opportunities: 1, unconverted: ['CHF'] });
  });

  it('reports a single-currency org’s total in its currency, or as unknown while that is not known', () => {
    const org = { multiCurrency: false, currency: 'USD' };
    const single = newPipelineByCurrency([{ currency: null, total: 99.99, count: 2 }], org);
    expect(single.byCurrency).toEqual({ USD: 9999 });
    const unknown = newPipelineByCurrency([{ currency: null, total: null, count: 0 }], { multiCurrency: false });
    expect(unknown.byCurrency).toEqual({ [UNKNOWN_CURRENCY]: 0 });
  });
});
