import { describe, expect, it } from 'vitest';
import {
  allocateCents,
  partnerTotals,
  splitCredit,
  type CreditInput,
  type CreditRules,
  type OpportunityCredit,
} from '../../../lib/attribution/credit';
import { DEFAULT_RULES, type InfluenceModel, type TouchType } from '../../../lib/attribution/model';
import { BENCH_ATTRIBUTIONS, BENCH_OPPORTUNITIES, buildBenchData } from '../../../scripts/bench-credit';

const rules = (influenceModel: InfluenceModel, touchWeights = DEFAULT_RULES.touchWeights): CreditRules => ({
  influenceModel,
  touchWeights,
});

function influencer(partnerId: string, ...dates: string[]): CreditInput {
  return {
    id: `a-${partnerId}`,
    partnerId,
    kind: 'influenced',
    touches: dates.map((date) => ({ type: 'joint_call', date })),
  };
}

function sourced(partnerId: string, ...dates: string[]): CreditInput {
  return { ...influencer(partnerId, ...dates), id: `s-${partnerId}`, kind: 'sourced' };
}

/** Shares by partner id, for readable expectations. */
function sharesOf(attributions: CreditInput[], rule: CreditRules): Record<string, number> {
  return Object.fromEntries(splitCredit(attributions, rule).map((s) => [`${s.kind}:${s.partnerId}`, s.share]));
}

describe('splitCredit: sourced', () => {
  it('gives the single sourced claim all sourced credit', () => {
    expect(splitCredit([sourced('acme', '2026-03-01')], rules('even'))).toEqual([
      { attributionId: 's-acme', partnerId: 'acme', kind: 'sourced', share: 1 },
    ]);
  });

  it('gives nobody sourced credit while two claims are disputed', () => {
    const shares = sharesOf([sourced('acme'), sourced('globex'), influencer('initech')], rules('even'));
    expect(shares).toEqual({ 'sourced:acme': 0, 'sourced:globex': 0, 'influenced:initech': 1 });
  });

  it('keeps sourced and influenced apart: a sourced claim takes no influence credit', () => {
    const shares = sharesOf([sourced('acme'), influencer('globex'), influencer('initech')], rules('even'));
    expect(shares).toEqual({ 'sourced:acme': 1, 'influenced:globex': 0.5, 'influenced:initech': 0.5 });
  });

  it('returns nothing for an opportunity without attributions', () => {
    expect(splitCredit([], rules('position_based'))).toEqual([]);
  });

  it('answers in the order of the input', () => {
    const input = [influencer('zeta'), sourced('acme'), influencer('beta')];
    expect(splitCredit(input, rules('even')).map((s) => s.attributionId)).toEqual(['a-zeta', 's-acme', 'a-beta']);
  });
});

describe('splitCredit: influence models', () => {
  it('even: splits equally, counting influencers without touches, and sums to exactly 1', () => {
    const input = [influencer('a', '2026-03-01'), influencer('b'), influencer('c', '2026-03-05')];
    const shares = splitCredit(input, rules('even')).map((s) => s.share);
    for (const share of shares) expect(share).toBeCloseTo(1 / 3, 15);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(1);
  });

  it('makes the last share the rest, so shares sum to exactly 1 even where 1/n does not (ten influencers)', () => {
    const ten = 'abcdefghij'.split('').map((partnerId) => influencer(partnerId));
    expect(Array.from({ length: 10 }, () => 0.1).reduce((sum, share) => sum + share, 0)).not.toBe(1);
    for (const model of ['even', 'custom'] as const) {
      const shares = splitCredit(ten, rules(model)).map((s) => s.share);
      expect(
        shares.reduce((sum, share) => sum + share, 0),
        model,
      ).toBe(1);
    }
  });

  it('first_touch: all to the earliest first touch, whatever else the others did', () => {
    const input = [
      influencer('a', '2026-03-05', '2026-03-20'),
      influencer('b', '2026-03-09', '2026-03-01'),
      influencer('c'),
    ];
    expect(sharesOf(input, rules('first_touch'))).toEqual({ 'influenced:a': 0, 'influenced:b': 1, 'influenced:c': 0 });
  });

  it('last_touch: all to the latest last touch', () => {
    const input = [
      influencer('a', '2026-03-05', '2026-03-20'),
      influencer('b', '2026-03-01', '2026-03-09'),
      influencer('c'),
    ];
    expect(sharesOf(input, rules('last_touch'))).toEqual({ 'influenced:a': 1, 'influenced:b': 0, 'influenced:c': 0 });
  });

  it('first_touch and last_touch: ties go to the earlier first touch, then the lower partner id', () => {
    const tiedFirst = [influencer('zeta', '2026-03-01'), influencer('alpha', '2026-03-01', '2026-03-04')];
    expect(sharesOf(tiedFirst, rules('first_touch'))).toEqual({ 'influenced:zeta': 0, 'influenced:alpha': 1 });
    const tiedLast = [influencer('alpha', '2026-03-03', '2026-03-09'), influencer('zeta', '2026-03-02', '2026-03-09')];
    expect(sharesOf(tiedLast, rules('last_touch'))).toEqual({ 'influenced:alpha': 0, 'influenced:zeta': 1 });
    const tiedBoth = [influencer('zeta', '2026-03-02', '2026-03-09'), influencer('alpha', '2026-03-02', '2026-03-09')];
    expect(sharesOf(tiedBoth, rules('last_touch'))).toEqual({ 'influenced:zeta': 0, 'influenced:alpha': 1 });
  });

  it('first_touch and last_touch: an influencer without a date never wins; with no dates at all, split evenly', () => {
    expect(sharesOf([influencer('a'), influencer('b', '2030-01-01')], rules('first_touch'))).toEqual({
      'influenced:a': 0,
      'influenced:b': 1,
    });
    expect(sharesOf([influencer('a'), influencer('b')], rules('last_touch'))).toEqual({
      'influenced:a': 0.5,
      'influenced:b': 0.5,
    });
  });

  it('ignores touch dates that are not real dates', () => {
    const input = [influencer('a', '2026-02-30'), influencer('b', '2026-03-09')];
    expect(sharesOf(input, rules('first_touch'))).toEqual({ 'influenced:a': 0, 'influenced:b': 1 });
  });

  it('position_based: 40 % first, 40 % last, 20 % shared by the others', () => {
    const input = [
      influencer('first', '2026-03-01'),
      influencer('middle1', '2026-03-05'),
      influencer('middle2'),
      influencer('last', '2026-03-02', '2026-03-20'),
    ];
    const shares = sharesOf(input, rules('position_based'));
    expect(shares['influenced:first']).toBeCloseTo(0.4, 12);
    expect(shares['influenced:last']).toBeCloseTo(0.4, 12);
    expect(shares['influenced:middle1']).toBeCloseTo(0.1, 12);
    expect(shares['influenced:middle2']).toBeCloseTo(0.1, 12);
    expect(Object.values(shares).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
  });

  it('position_based: three influencers are 40/20/40', () => {
    const input = [influencer('a', '2026-03-01'), influencer('b', '2026-03-03'), influencer('c', '2026-03-09')];
    const shares = sharesOf(input, rules('position_based'));
    expect(shares['influenced:a']).toBeCloseTo(0.4, 12);
    expect(shares['influenced:b']).toBeCloseTo(0.2, 12);
    expect(shares['influenced:c']).toBeCloseTo(0.4, 12);
  });

  it('position_based: one influencer holding first and last touch earns both positions (80 %)', () => {
    const input = [influencer('both', '2026-03-01', '2026-03-30'), influencer('b', '2026-03-05'), influencer('c')];
    const shares = sharesOf(input, rules('position_based'));
    expect(shares['influenced:both']).toBeCloseTo(0.8, 12);
    expect(shares['influenced:b']).toBeCloseTo(0.1, 12);
    expect(shares['influenced:c']).toBeCloseTo(0.1, 12);
  });

  it('position_based: one influencer gets 100 %, two get 50/50, none dated is even', () => {
    expect(sharesOf([influencer('a', '2026-03-01')], rules('position_based'))).toEqual({ 'influenced:a': 1 });
    expect(sharesOf([influencer('a', '2026-03-01'), influencer('b', '2026-03-09')], rules('position_based'))).toEqual({
      'influenced:a': 0.5,
      'influenced:b': 0.5,
    });
    const undated = splitCredit(
      [influencer('a'), influencer('b'), influencer('c'), influencer('d')],
      rules('position_based'),
    );
    expect(undated.map((s) => s.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('custom: proportional to the summed weights of each influencer’s touches', () => {
    const withTypes = (partnerId: string, ...types: TouchType[]): CreditInput => ({
      id: `a-${partnerId}`,
      partnerId,
      kind: 'influenced',
      touches: types.map((type) => ({ type, date: '2026-03-01' })),
    });
    // Default weights: intro 3, joint call 2, marketplace 1.
    const input = [
      withTypes('a', 'intro_referral', 'joint_call'),
      withTypes('b', 'marketplace_cosell', 'other'),
      withTypes('c'),
    ];
    const shares = sharesOf(input, rules('custom'));
    expect(shares['influenced:a']).toBeCloseTo(5 / 7, 12);
    expect(shares['influenced:b']).toBeCloseTo(2 / 7, 12);
    expect(shares['influenced:c']).toBe(0);
  });

  it('custom: all weights 0 falls back to an even split; negative weights count as 0', () => {
    const zero = Object.fromEntries(
      Object.keys(DEFAULT_RULES.touchWeights).map((t) => [t, 0]),
    ) as CreditRules['touchWeights'];
    const input = [influencer('a', '2026-03-01'), influencer('b')];
    expect(sharesOf(input, rules('custom', zero))).toEqual({ 'influenced:a': 0.5, 'influenced:b': 0.5 });
    const negative = { ...zero, joint_call: -5 };
    expect(sharesOf(input, rules('custom', negative))).toEqual({ 'influenced:a': 0.5, 'influenced:b': 0.5 });
  });

  it('gives the same shares whatever the order of the input', () => {
    const input = [influencer('c', '2026-03-03'), influencer('a', '2026-03-01'), influencer('b'), sourced('d')];
    for (const model of ['even', 'first_touch', 'last_touch', 'position_based', 'custom'] as const) {
      const forward = sharesOf(input, rules(model));
      const backward = sharesOf([...input].reverse(), rules(model));
      expect(backward, model).toEqual(forward);
    }
  });
});

describe('allocateCents', () => {
  it('splits into whole cents that add up exactly, extra cents to the largest remainders', () => {
    expect(allocateCents(100, [1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(allocateCents(1000, [0.4, 0.4, 0.1, 0.1])).toEqual([400, 400, 100, 100]);
    expect(allocateCents(10, [0.33, 0.67])).toEqual([3, 7]);
    expect(allocateCents(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
  });

  it('breaks ties by index', () => {
    expect(allocateCents(1, [0.5, 0.5])).toEqual([1, 0]);
    expect(allocateCents(2, [0.25, 0.25, 0.25, 0.25])).toEqual([1, 1, 0, 0]);
  });

  it('mirrors a negative total (a credit note)', () => {
    expect(allocateCents(-100, [1 / 3, 1 / 3, 1 / 3])).toEqual([-34, -33, -33]);
    expect(allocateCents(-1, [0.5, 0.5])).toEqual([-1, 0]);
    expect(Object.is(allocateCents(-1, [0.5, 0.5])[1], 0)).toBe(true); // 0, not -0
  });

  it('never gives a cent to a share of 0, and splits 0 into zeros', () => {
    expect(allocateCents(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(allocateCents(0, [0.5, 0.5])).toEqual([0, 0]);
    expect(allocateCents(0, [])).toEqual([]);
  });

  it('normalises shares that miss 1 by float noise', () => {
    expect(allocateCents(300, [0.1 + 0.2, 0.7])).toEqual([90, 210]);
  });

  it('rejects what cannot be split', () => {
    expect(() => allocateCents(10.5, [1])).toThrow(RangeError);
    expect(() => allocateCents(Number.MAX_SAFE_INTEGER + 1, [1])).toThrow(RangeError);
    expect(() => allocateCents(10, [-0.5, 1.5])).toThrow(RangeError);
    expect(() => allocateCents(10, [Number.NaN])).toThrow(RangeError);
    expect(() => allocateCents(10, [])).toThrow(RangeError);
    expect(() => allocateCents(10, [0, 0])).toThrow(RangeError);
  });
});

describe('partnerTotals', () => {
  const opportunity = (
    opportunityId: string,
    amountCents: number | null,
    currency: string | null,
    ...attributions: CreditInput[]
  ): OpportunityCredit => ({ opportunityId, amountCents, currency, attributions });

  it('totals per partner and currency, sourced and influenced apart', () => {
    const totals = partnerTotals(
      [
        opportunity('o1', 100_00, 'USD', sourced('acme'), influencer('globex')),
        opportunity('o2', 50_00, 'EUR', sourced('acme')),
        opportunity('o3', 30_01, 'USD', influencer('acme'), influencer('globex')),
      ],
      rules('even'),
    );
    expect(totals).toEqual([
      {
        partnerId: 'acme',
        currency: 'EUR',
        sourcedCents: 50_00,
        influencedCents: 0,
        sourcedOpportunities: 1,
        influencedOpportunities: 0,
      },
      {
        partnerId: 'acme',
        currency: 'USD',
        sourcedCents: 100_00,
        influencedCents: 15_01,
        sourcedOpportunities: 1,
        influencedOpportunities: 1,
      },
      {
        partnerId: 'globex',
        currency: 'USD',
        sourcedCents: 0,
        influencedCents: 115_00,
        sourcedOpportunities: 0,
        influencedOpportunities: 2,
      },
    ]);
  });

  it('reports an unknown currency as "unknown", never mixed with a known one', () => {
    const totals = partnerTotals(
      [opportunity('o1', 10_00, null, sourced('acme')), opportunity('o2', 20_00, 'USD', sourced('acme'))],
      rules('even'),
    );
    expect(totals.map((t) => [t.currency, t.sourcedCents])).toEqual([
      ['USD', 20_00],
      ['unknown', 10_00],
    ]);
  });

  it('counts an opportunity without an amount, adding no cents', () => {
    const [total] = partnerTotals([opportunity('o1', null, 'USD', sourced('acme'))], rules('even'));
    expect(total).toEqual({
      partnerId: 'acme',
      currency: 'USD',
      sourcedCents: 0,
      influencedCents: 0,
      sourcedOpportunities: 1,
      influencedOpportunities: 0,
    });
  });

  it('counts disputed claims for nobody but still lists the partners', () => {
    const totals = partnerTotals([opportunity('o1', 100_00, 'USD', sourced('acme'), sourced('globex'))], rules('even'));
    expect(totals.map((t) => [t.partnerId, t.sourcedCents, t.sourcedOpportunities])).toEqual([
      ['acme', 0, 0],
      ['globex', 0, 0],
    ]);
  });

  it('subtracts credit notes', () => {
    const totals = partnerTotals(
      [
        opportunity('o1', 100_00, 'USD', influencer('acme'), influencer('globex')),
        opportunity('o2', -25_01, 'USD', influencer('acme'), influencer('globex')),
      ],
      rules('even'),
    );
    expect(totals.map((t) => [t.partnerId, t.influencedCents])).toEqual([
      ['acme', 37_49],
      ['globex', 37_50],
    ]);
  });

  it('counts an opportunity once for a partner listed twice as an influencer', () => {
    const twice = { ...influencer('acme', '2026-03-01'), id: 'a-acme-2' };
    const [total] = partnerTotals([opportunity('o1', 99, 'USD', influencer('acme'), twice)], rules('even'));
    expect(total).toMatchObject({ influencedCents: 99, influencedOpportunities: 1 });
  });

  it('follows the influence model into the cents', () => {
    const totals = partnerTotals(
      [
        opportunity(
          'o1',
          1000,
          'USD',
          influencer('a', '2026-03-01'),
          influencer('b', '2026-03-04'),
          influencer('c', '2026-03-09'),
        ),
      ],
      rules('position_based'),
    );
    expect(totals.map((t) => [t.partnerId, t.influencedCents, t.influencedOpportunities])).toEqual([
      ['a', 400, 1],
      ['b', 200, 1],
      ['c', 400, 1],
    ]);
  });

  // Timings belong in `npm run bench`; this checks only that the benchmark's data set is what it claims.
  it('builds the benchmark data set of 100,000 attributions over 40,000 opportunities', () => {
    const data = buildBenchData();
    expect(data).toHaveLength(BENCH_OPPORTUNITIES);
    expect(data.reduce((n, o) => n + o.attributions.length, 0)).toBe(BENCH_ATTRIBUTIONS);
    const totals = partnerTotals(data, rules('position_based'));
    // Every one of the 300 partners has credit in each of the five currencies (the unknown one included).
    expect(new Set(totals.map((row) => row.partnerId)).size).toBe(300);
    expect([...new Set(totals.map((row) => row.currency))].sort()).toEqual(['EUR', 'GBP', 'JPY', 'USD', 'unknown']);
    expect(totals).toHaveLength(300 * 5);
  });
});
