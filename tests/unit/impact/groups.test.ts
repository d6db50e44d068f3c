import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import type { CurrencyRates } from '../../../lib/attribution/summary-types';
import { GROUP_LABELS, IMPACT_GROUPS, groupDeals, readImpactInput } from '../../../lib/impact/groups';
import { opportunityId } from '../../builders';
import { closed, tag } from './fixtures';

const UTC = { timeZone: 'UTC' };

function groupOf(attributions: Parameters<typeof groupDeals>[1]) {
  return groupDeals([closed(1)], attributions, UTC)[0]!;
}

describe('groupDeals: one group per deal', () => {
  it('names the three groups in order', () => {
    expect(IMPACT_GROUPS.map((group) => GROUP_LABELS[group])).toEqual([
      'Partner-sourced',
      'Partner-influenced only',
      'No partner',
    ]);
  });

  it('puts a deal with one live, undisputed sourced claim in Partner-sourced', () => {
    const beta = tag(1, { partnerId: 'p-b', partnerName: 'Beta', kind: 'influenced' });
    const result = groupOf([tag(1, { kind: 'sourced' }), beta]);
    expect(result.group).toBe('sourced');
    expect(result.disputed).toBe(false);
    expect(result.partners.map((p) => [p.partnerName, p.kinds])).toEqual([
      ['Acme SI', ['sourced']],
      ['Beta', ['influenced']],
    ]);
  });

  it('puts a deal with only influence in Partner-influenced only', () => {
    expect(groupOf([tag(1)]).group).toBe('influenced');
  });

  it('counts a deal with two live sourced claims as partner-involved, never as sourced', () => {
    const beta = tag(1, { partnerId: 'p-b', partnerName: 'Beta', kind: 'sourced' });
    const result = groupOf([tag(1, { kind: 'sourced' }), beta]);
    expect(result.group).toBe('influenced');
    expect(result.disputed).toBe(true);
  });

  it('counts a sourced claim flagged disputed as partner-involved, never as sourced', () => {
    const result = groupOf([tag(1, { kind: 'sourced', disputed: true })]);
    expect(result.group).toBe('influenced');
    expect(result.disputed).toBe(true);
  });

  it('ignores removed tags: a removed second claim ends the dispute, removed tags alone mean no partner', () => {
    const settled = groupOf([tag(1, { kind: 'sourced' }), tag(1, { partnerId: 'p-b', kind: 'sourced', deleted: 1 })]);
    expect(settled.group).toBe('sourced');
    expect(settled.disputed).toBe(false);
    expect(groupOf([tag(1, { kind: 'sourced', deleted: true })]).group).toBe('none');
    expect(groupOf([]).group).toBe('none');
    expect(groupOf([]).partners).toEqual([]);
  });

  it('lists a partner once per deal even with two tags', () => {
    const result = groupOf([tag(1, { kind: 'sourced' }), tag(1, { kind: 'influenced' })]);
    expect(result.partners).toEqual([
      { partnerId: 'p-acme', partnerName: 'Acme SI', kinds: ['influenced', 'sourced'] },
    ]);
    expect(result.group).toBe('sourced');
  });

  it('keeps tags of other deals apart', () => {
    const result = groupDeals([closed(1), closed(2)], [tag(2, { kind: 'sourced' })], UTC);
    expect(result.map((d) => d.group)).toEqual(['none', 'sourced']);
  });
});

describe('groupDeals: amounts', () => {
  it('keeps amounts in integer cents in their own currency; no amount stays null', () => {
    const [usd, none, unknown] = groupDeals(
      [closed(1, { amount: 1234.565 }), closed(2, { amount: null }), closed(3, { currency: null, amount: 10 })],
      [],
      UTC,
    );
    expect(usd).toMatchObject({ amountCents: 123_457, currency: 'USD' });
    expect(none!.amountCents).toBeNull();
    expect(unknown).toMatchObject({ amountCents: 1000, currency: UNKNOWN_CURRENCY });
    expect(usd!.convertedCents).toBeUndefined();
  });

  it('converts only with rates, and only currencies that have one', () => {
    const rates: CurrencyRates = {
      corporateCurrency: 'USD',
      rates: { USD: 1, EUR: 0.8 },
      asOf: '2026-09-01T00:00:00.000Z',
    };
    const result = groupDeals(
      [
        closed(1, { amount: 100, currency: 'EUR' }),
        closed(2, { amount: 100, currency: 'USD' }),
        closed(3, { amount: 100, currency: 'JPY' }),
        closed(4, { amount: 100, currency: null }),
        closed(5, { amount: null, currency: 'EUR' }),
      ],
      [],
      { timeZone: 'UTC', rates },
    );
    expect(result.map((d) => d.convertedCents)).toEqual([12_500, 10_000, null, null, null]);
  });
});

describe('groupDeals: sales cycle', () => {
  it('counts whole days from the created day on the user’s calendar to the close date', () => {
    const opportunity = closed(1, { createdAt: '2026-06-30T23:30:00.000Z', closeDate: '2026-07-31' });
    expect(groupDeals([opportunity], [], { timeZone: 'UTC' })[0]!.cycleDays).toBe(31);
    // Already 1 July in Berlin.
    expect(groupDeals([opportunity], [], { timeZone: 'Europe/Berlin' })[0]!.cycleDays).toBe(30);
  });

  it('takes a calendar created date as it is, and a same-day close as 0 days', () => {
    const result = groupDeals([closed(1, { createdAt: '2026-07-31', closeDate: '2026-07-31' })], [], UTC);
    expect(result[0]!.cycleDays).toBe(0);
  });

  it('has no cycle for a deal that closed before it was created', () => {
    const result = groupDeals([closed(1, { createdAt: '2026-08-10T10:00:00.000Z', closeDate: '2026-08-01' })], [], UTC);
    expect(result[0]!.cycleDays).toBeNull();
  });
});

describe('readImpactInput: the boundary', () => {
  const goodOpportunity = {
    id: '006Ak0000000001',
    amount: 5000,
    currency: 'EUR',
    createdAt: '2026-07-02T09:30:00.000+0000',
    closeDate: '2026-08-01',
    won: true,
  };
  const goodTag = {
    opportunityId: opportunityId(1),
    partnerId: 'p-1',
    partnerName: 'Acme',
    kind: 'sourced',
    deleted: 0,
  };

  it('accepts the REST API’s date-times and 15-character ids, in the 18-character form tags use', () => {
    const input = readImpactInput([goodOpportunity], [goodTag]);
    expect(input.problems).toEqual([]);
    expect(input.opportunities[0]).toMatchObject({ id: opportunityId(1), createdAt: '2026-07-02T09:30:00.000Z' });
    expect(groupDeals(input.opportunities, input.attributions, UTC)[0]!.group).toBe('sourced');
  });

  it('reports every bad row with its place and reason, and keeps the good ones', () => {
    const input = readImpactInput(
      [
        goodOpportunity,
        { ...goodOpportunity, id: '006Ak0000000002', closeDate: '2026-02-30' },
        { ...goodOpportunity, id: '006Ak0000000003', amount: 'lots' },
        { ...goodOpportunity, id: '006Ak0000000004', currency: 'euro', won: 'yes' },
        { ...goodOpportunity, id: '006Ak0000000005', createdAt: 'yesterday' },
        null,
      ],
      [goodTag, { ...goodTag, kind: 'co-sell' }, { ...goodTag, deleted: 'no' }],
    );
    expect(input.opportunities.map((o) => o.id)).toEqual([opportunityId(1)]);
    expect(input.attributions).toHaveLength(1);
    expect(input.problems).toEqual([
      {
        source: 'opportunity',
        index: 1,
        id: '006Ak0000000002',
        message: expect.stringMatching(/^closeDate must be a calendar date/),
      },
      { source: 'opportunity', index: 2, id: '006Ak0000000003', message: 'amount must be a number or null' },
      {
        source: 'opportunity',
        index: 3,
        id: '006Ak0000000004',
        message: 'currency must be a three-letter currency code such as USD, or null; won must be true or false',
      },
      {
        source: 'opportunity',
        index: 4,
        id: '006Ak0000000005',
        message: expect.stringMatching(/^createdAt must be a date/),
      },
      {
        source: 'opportunity',
        index: 5,
        message: 'the row must be an opportunity (id, amount, currency, createdAt, closeDate, won)',
      },
      { source: 'attribution', index: 1, message: "kind must be 'sourced' or 'influenced'" },
      { source: 'attribution', index: 2, message: 'deleted must be true, false, 0 or 1' },
    ]);
  });

  it('names each missing field', () => {
    const input = readImpactInput([{ id: '  ', amount: null, currency: null, closeDate: '2026-08-01' }], [{}]);
    expect(input.problems.map((p) => p.message)).toEqual([
      'id is missing; createdAt is missing; won is missing',
      'opportunityId is missing; partnerId is missing; partnerName is missing; kind is missing; deleted is missing',
    ]);
  });

  it('counts an opportunity listed twice (in either id form) once, and says so', () => {
    const input = readImpactInput([goodOpportunity, { ...goodOpportunity, id: opportunityId(1) }], []);
    expect(input.opportunities).toHaveLength(1);
    expect(input.problems).toEqual([
      { source: 'opportunity', index: 1, id: opportunityId(1), message: 'listed twice; counted once' },
    ]);
  });

  it('refuses infinite amounts', () => {
    const input = readImpactInput([{ ...goodOpportunity, amount: Number.POSITIVE_INFINITY }], []);
    expect(input.opportunities).toEqual([]);
    expect(input.problems[0]!.message).toBe('amount must be a number or null');
  });
});
