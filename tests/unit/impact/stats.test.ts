import { describe, expect, it } from 'vitest';
import {
  mean,
  median,
  medianRanks,
  medianWithInterval,
  newcombeDifference,
  normalQuantile,
  proportion,
  wilsonInterval,
} from '../../../lib/impact/stats';

/** Published values are rounded to 4 places: equal to within half a unit of the last place. */
function expectRounded(actual: number, published: number): void {
  expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.00005 + 1e-12);
}

describe('normalQuantile (AS 241)', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
    [1e-12, -7.034483825301131],
    [1e-300, -37.0470962993612],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it('refuses probabilities of 0, 1 and outside', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %s–%s (Newcombe 1998, Table I)', (successes, n, lower, upper) => {
    const interval = wilsonInterval(successes, n)!;
    expectRounded(interval.lower, lower);
    expectRounded(interval.upper, upper);
  });

  // The same limits appear in Newcombe's difference paper: 0/10 → 0–0.2775, and by symmetry 10/10 → 0.7225–1.
  it('0/10 is 0–0.2775 and 10/10 is 0.7225–1, with the bound at exactly 0 or 1', () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.lower).toBe(0);
    expectRounded(none.upper, 0.2775);
    const all = wilsonInterval(10, 10)!;
    expectRounded(all.lower, 0.7225);
    expect(all.upper).toBe(1);
  });

  it('is symmetric: x/n mirrors (n − x)/n', () => {
    const low = wilsonInterval(3, 17)!;
    const high = wilsonInterval(14, 17)!;
    expect(low.lower).toBeCloseTo(1 - high.upper, 12);
    expect(low.upper).toBeCloseTo(1 - high.lower, 12);
  });

  it('gives no interval for n = 0', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(proportion(0, 0)).toEqual({ successes: 0, n: 0 });
  });

  it('narrows at lower confidence and widens at higher', () => {
    const at90 = wilsonInterval(30, 100, 0.9)!;
    const at95 = wilsonInterval(30, 100)!;
    const at99 = wilsonInterval(30, 100, 0.99)!;
    expect(at90.upper - at90.lower).toBeLessThan(at95.upper - at95.lower);
    expect(at99.upper - at99.lower).toBeGreaterThan(at95.upper - at95.lower);
  });

  it('refuses impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
  });

  it('gives the rate with its interval', () => {
    const result = proportion(81, 263);
    expect(result.rate).toBeCloseTo(81 / 263, 12);
    expectRounded(result.interval!.lower, 0.2553);
  });
});

describe('newcombeDifference (hybrid score, method 10)', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i → %s to %s', (s1, n1, s2, n2, lower, upper) => {
    const result = newcombeDifference(s1, n1, s2, n2)!;
    expect(result.difference).toBeCloseTo(s1 / n1 - s2 / n2, 12);
    expectRounded(result.interval.lower, lower);
    expectRounded(result.interval.upper, upper);
  });

  it('holds only when the interval excludes 0', () => {
    expect(newcombeDifference(56, 70, 48, 80)!.holds).toBe(true);
    expect(newcombeDifference(5, 56, 0, 29)!.holds).toBe(false);
    expect(newcombeDifference(0, 10, 0, 10)!.holds).toBe(false);
    // A clear difference the other way holds too.
    expect(newcombeDifference(48, 80, 56, 70)!.holds).toBe(true);
    expect(newcombeDifference(48, 80, 56, 70)!.interval.upper).toBeLessThan(0);
  });

  it('is undefined when either group is empty', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeUndefined();
    expect(newcombeDifference(3, 10, 0, 0)).toBeUndefined();
  });
});

describe('mean and median', () => {
  it('are undefined for no values, and ignore values that are not finite', () => {
    expect(mean([])).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(mean([Number.NaN, Number.POSITIVE_INFINITY])).toBeUndefined();
    expect(median([1, Number.NaN, 3, Number.NEGATIVE_INFINITY, 2])).toBe(2);
    expect(mean([1, Number.NaN, 3])).toBe(2);
  });

  it('take the middle value, or the mean of the two middle ones, whatever the input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mean([4, 1, 3, 2])).toBe(2.5);
  });

  it('do not overflow with huge values', () => {
    const huge = Number.MAX_VALUE;
    expect(mean([huge, huge])).toBe(huge);
    expect(median([huge, huge])).toBe(huge);
  });

  it('leave the input untouched', () => {
    const values = [3, 1, 2];
    median(values);
    medianWithInterval(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('medianRanks', () => {
  it('is undefined when n is too small to reach 95 % (n ≤ 5)', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) expect(medianRanks(n)).toBeUndefined();
  });

  // Exact binomial ranks, as tabled by Campbell & Gardner (BMJ 1988) and Conover (1999).
  it.each([
    [6, 1, 6, 0.96875],
    [8, 1, 8, 0.9921875],
    [9, 2, 8, 0.9609375],
    [10, 2, 9, 0.978515625],
    [20, 6, 15, 0.95861053],
    [50, 18, 33, 0.96716086],
    [100, 40, 61, 0.9647998],
    [1000, 469, 532, 0.9537088],
  ])('n = %i → ranks %i and %i (coverage %s)', (n, lower, upper, coverage) => {
    const ranks = medianRanks(n)!;
    expect(ranks.lower).toBe(lower);
    expect(ranks.upper).toBe(upper);
    expect(ranks.coverage).toBeCloseTo(coverage, 6);
  });

  it('matches an exact count: coverage at least 95 %, and one rank further in would fall below it', () => {
    // 1 − 2·P(B ≤ k − 1) for B ~ Binomial(n, ½), in exact integers.
    const exactCoverage = (n: number, k: number) => {
      let term = 1n;
      let tail = 0n;
      for (let i = 0; i < k; i++) {
        tail += term;
        term = (term * BigInt(n - i)) / BigInt(i + 1);
      }
      return 1 - Number((2n * tail * 1_000_000_000_000n) / 2n ** BigInt(n)) / 1e12;
    };
    for (let n = 6; n <= 200; n++) {
      const ranks = medianRanks(n)!;
      expect(ranks.lower + ranks.upper).toBe(n + 1);
      expect(ranks.coverage).toBeCloseTo(exactCoverage(n, ranks.lower), 9);
      expect(exactCoverage(n, ranks.lower)).toBeGreaterThanOrEqual(0.95);
      expect(exactCoverage(n, ranks.lower + 1)).toBeLessThan(0.95);
    }
  });

  it('works for very large n without underflow', () => {
    const ranks = medianRanks(50_000)!;
    expect(ranks.coverage).toBeGreaterThanOrEqual(0.95);
    expect(ranks.coverage).toBeLessThan(0.96);
    // About n/2 − 1.96·√n/2 for large n.
    expect(Math.abs(ranks.lower - (25_000 - (1.96 * Math.sqrt(50_000)) / 2))).toBeLessThan(3);
  });
});

describe('medianWithInterval', () => {
  it('reads the interval from the sorted values at the ranks', () => {
    const values = [12, 3, 40, 7, 25, 9, 18, 31, 5, 14];
    // Sorted: 3 5 7 9 12 14 18 25 31 40; ranks 2 and 9 for n = 10.
    expect(medianWithInterval(values)).toEqual({ n: 10, median: 13, interval: { lower: 5, upper: 31 } });
  });

  it('gives the median without an interval when n is too small', () => {
    expect(medianWithInterval([4, 2, 9])).toEqual({ n: 3, median: 4 });
  });

  it('is undefined for no values', () => {
    expect(medianWithInterval([])).toBeUndefined();
    expect(medianWithInterval([Number.NaN])).toBeUndefined();
  });
});
