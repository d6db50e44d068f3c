import { describe, expect, it } from 'vitest';
import { countedLostDeals } from '../../../lib/impact/counted';
import { buildImpactReport } from '../../../lib/impact/report';

describe('countedLostDeals', () => {
  it('adds closed, lost deals without partners that change nothing but the counts', () => {
    const deals = countedLostDeals(3, '2026-07-01');
    expect(deals).toHaveLength(3);
    expect(new Set(deals.map((deal) => deal.id)).size).toBe(3);
    const none = buildImpactReport(deals).groups.find((group) => group.group === 'none')!;
    expect(none).toMatchObject({ closed: 3, won: 0, amounts: [], wonWithoutAmount: 0 });
    expect(none.cycle).toEqual({ n: 0, unknown: 0 });
    expect(none.winRate.rate).toBe(0);
  });

  it('adds nothing for 0 and refuses a count that is not a whole number', () => {
    expect(countedLostDeals(0, '2026-07-01')).toEqual([]);
    expect(() => countedLostDeals(-1, '2026-07-01')).toThrow(RangeError);
    expect(() => countedLostDeals(1.5, '2026-07-01')).toThrow(RangeError);
  });
});
