// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { newPipelineQuery } from '../../../../lib/crm/salesforce/queries/new-pipeline';
import { createSeedData } from '../../../fake-org/data';
import { errorOf, NOW, records, setupOrg } from './helpers';

const WEEK = { start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };

/** Opportunities created in WEEK, by currency, summed in their own currency. */
function expectedByCurrency(state: ReturnType<typeof createSeedData>): Map<string, { total: number; n: number }> {
  const out = new Map<string, { total: number; n: number }>();
  for (const opportunity of state.opportunities) {
    const created = Date.parse(opportunity.CreatedDate);
    if (created < Date.parse(WEEK.start) || created >= Date.parse(WEEK.end)) continue;
    const code = state.org.IsMultiCurrency ? (opportunity.CurrencyIsoCode ?? state.org.DefaultCurrencyIsoCode) : 'none';
    const entry = out.get(code) ?? { total: 0, n: 0 };
    entry.total += opportunity.Amount ?? 0;
    entry.n += 1;
    out.set(code, entry);
  }
  return out;
}

describe('currencies', () => {
  it('reads the org’s default currency from Organization', async () => {
    const org = setupOrg();
    expect(await records(org, 'SELECT DefaultCurrencyIsoCode FROM Organization')).toEqual([
      expect.objectContaining({ DefaultCurrencyIsoCode: 'USD' }),
    ]);
  });

  it('has CurrencyType only in multi-currency orgs, with the corporate currency at rate 1', async () => {
    const single = setupOrg();
    expect((await errorOf(single.query('SELECT IsoCode FROM CurrencyType'))).errorCode).toBe('INVALID_TYPE');
    const multi = setupOrg({ state: createSeedData(NOW, { multiCurrency: true }) });
    const rows = await records(
      multi,
      'SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true',
    );
    expect(rows.map((row) => row['IsoCode'])).toEqual(['USD', 'EUR', 'GBP', 'CAD', 'JPY']);
    expect(rows.find((row) => row['IsCorporate'])).toMatchObject({ IsoCode: 'USD', ConversionRate: 1 });
  });

  it('gives opportunities of a multi-currency seed more than one currency, over both weeks', () => {
    const state = createSeedData(NOW, { multiCurrency: true });
    const codes = new Set(state.opportunities.map((opportunity) => opportunity.CurrencyIsoCode));
    expect([...codes].sort()).toEqual(['EUR', 'GBP', 'USD']);
    // The seed without the option is the same org in dollars only.
    const plain = createSeedData(NOW);
    expect(plain.opportunities.map((o) => [o.Id, o.Amount, o.CreatedDate])).toEqual(
      state.opportunities.map((o) => [o.Id, o.Amount, o.CreatedDate]),
    );
    expect(plain.opportunities.every((o) => o.CurrencyIsoCode === undefined)).toBe(true);
  });
});

describe('the weekly new-pipeline aggregate', () => {
  it('sums a single-currency org’s week in one row', async () => {
    const org = setupOrg();
    const [row] = await records(org, newPipelineQuery(WEEK, { multiCurrency: false }));
    const expected = expectedByCurrency(org.state).get('none')!;
    expect(expected.n).toBeGreaterThan(0);
    expect(row).toEqual({ attributes: { type: 'AggregateResult' }, total: expected.total, n: expected.n });
  });

  it('returns grouped sums of a multi-currency org in the corporate currency, as Salesforce does', async () => {
    const state = createSeedData(NOW, { multiCurrency: true });
    // Make sure the week holds a euro deal with an amount.
    const euro = state.opportunities.find(
      (o) => Date.parse(o.CreatedDate) >= Date.parse(WEEK.start) && o.Amount !== null,
    )!;
    euro.CurrencyIsoCode = 'EUR';
    const org = setupOrg({ state });
    const rows = await records(org, newPipelineQuery(WEEK, { multiCurrency: true }));
    const expected = expectedByCurrency(state);
    expect(rows.map((row) => row['CurrencyIsoCode']).sort()).toEqual([...expected.keys()].sort());
    for (const row of rows) {
      const own = expected.get(String(row['CurrencyIsoCode']))!;
      const rate = state.currencyTypes.find((c) => c.IsoCode === row['CurrencyIsoCode'])!.ConversionRate;
      expect(row['n']).toBe(own.n);
      expect(row['total']).toBeCloseTo(own.total / rate, 6);
    }
    const euroRow = rows.find((row) => row['CurrencyIsoCode'] === 'EUR')!;
    expect(euroRow['total']).not.toBeCloseTo(expected.get('EUR')!.total, 0);
  });

  it('leaves ungrouped sums and plain records in each record’s own currency', async () => {
    const state = createSeedData(NOW, { multiCurrency: true });
    const org = setupOrg({ state });
    const euro = state.opportunities.find((o) => o.CurrencyIsoCode === 'EUR' && o.Amount !== null)!;
    const [row] = await records(org, `SELECT SUM(Amount) total FROM Opportunity WHERE Id = '${euro.Id}'`);
    expect(row!['total']).toBe(euro.Amount);
    const [record] = await records(org, `SELECT Amount, CurrencyIsoCode FROM Opportunity WHERE Id = '${euro.Id}'`);
    expect(record).toMatchObject({ Amount: euro.Amount, CurrencyIsoCode: 'EUR' });
  });
});
