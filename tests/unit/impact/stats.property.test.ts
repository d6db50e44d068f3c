// Properties of the impact statistics: bounds that always hold, and the median interval's coverage
// checked by simulation on skewed distributions like deal sizes and sales cycles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, median, medianWithInterval, newcombeDifference, wilsonInterval } from '../../../lib/impact/stats';

const RUN = { numRuns: 300, seed: 20261001 };

/** Counts `successes ≤ n`. */
const counts = fc.integer({ min: 0, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('interval properties', () => {
  it('a Wilson interval lies in [0, 1] and contains the observed rate', () => {
    fc.assert(
      fc.property(counts, ([successes, n]) => {
        const interval = wilsonInterval(successes, n);
        if (n === 0) {
          expect(interval).toBeUndefined();
          return;
        }
        const p = successes / n;
        expect(interval!.lower).toBeGreaterThanOrEqual(0);
        expect(interval!.upper).toBeLessThanOrEqual(1);
        expect(interval!.lower).toBeLessThanOrEqual(p + 1e-12);
        expect(interval!.upper).toBeGreaterThanOrEqual(p - 1e-12);
      }),
      RUN,
    );
  });

  it('a Newcombe interval lies in [−1, 1], contains the observed difference, and holds only without 0', () => {
    fc.assert(
      fc.property(counts, counts, ([s1, n1], [s2, n2]) => {
        const result = newcombeDifference(s1, n1, s2, n2);
        if (n1 === 0 || n2 === 0) {
          expect(result).toBeUndefined();
          return;
        }
        const { difference, interval, holds } = result!;
        expect(interval.lower).toBeGreaterThanOrEqual(-1);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(difference + 1e-12);
        expect(interval.upper).toBeGreaterThanOrEqual(difference - 1e-12);
        expect(holds).toBe(interval.lower > 0 || interval.upper < 0);
      }),
      RUN,
    );
  });

  it('mean and median are finite and between the smallest and largest value, whatever the input', () => {
    const anyValues = fc.array(fc.oneof(fc.double(), fc.integer()), { maxLength: 60 });
    fc.assert(
      fc.property(anyValues, (values) => {
        const finite = values.filter(Number.isFinite);
        const m = mean(values);
        const med = medianWithInterval(values);
        if (finite.length === 0) {
          expect(m).toBeUndefined();
          expect(med).toBeUndefined();
          return;
        }
        const low = Math.min(...finite);
        const high = Math.max(...finite);
        for (const value of [m!, med!.median, median(values)!]) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(low);
          expect(value).toBeLessThanOrEqual(high);
        }
        if (med!.interval) {
          expect(med!.interval.lower).toBeLessThanOrEqual(med!.median);
          expect(med!.interval.upper).toBeGreaterThanOrEqual(med!.median);
        } else {
          expect(finite.length).toBeLessThan(6);
        }
      }),
      RUN,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Coverage by simulation

const SAMPLES = 2000;
const TWO_TO_32 = 2 ** 32;

/** Uniform (0, 1) variates: unbiased 32-bit integers, centred in their cells so 0 and 1 never occur. */
const uniforms = (n: number) =>
  fc
    .array(fc.noBias(fc.integer({ min: 0, max: TWO_TO_32 - 1 })), { minLength: n, maxLength: n })
    .map((ints) => ints.map((i) => (i + 0.5) / TWO_TO_32));

/** A sample of size 6–60 (n = 6 is the smallest with a 95 % interval). */
const sampleOf = (draw: (u: readonly number[]) => number[]) =>
  fc.noBias(fc.integer({ min: 3, max: 30 })).chain((pairs) => uniforms(2 * pairs).map(draw));

/** Box–Muller: two uniforms give two independent standard normals. */
function normals(u: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < u.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(u[i]!));
    out.push(radius * Math.cos(2 * Math.PI * u[i + 1]!), radius * Math.sin(2 * Math.PI * u[i + 1]!));
  }
  return out;
}

const PARETO_SHAPE = 1.2;

const DISTRIBUTIONS = [
  // Sales cycles: exponential days, true median ln 2 (scale 1).
  { name: 'exponential', draw: (u: readonly number[]) => u.map((x) => -Math.log(1 - x)), trueMedian: Math.LN2 },
  // Deal sizes: log-normal with a heavy right tail, true median e^0 = 1.
  {
    name: 'log-normal (σ = 1.5)',
    draw: (u: readonly number[]) => normals(u).map((z) => Math.exp(1.5 * z)),
    trueMedian: 1,
  },
  // A few huge deals: Pareto with shape 1.2, true median 2^(1/1.2).
  {
    name: 'Pareto (α = 1.2)',
    draw: (u: readonly number[]) => u.map((x) => (1 - x) ** (-1 / PARETO_SHAPE)),
    trueMedian: 2 ** (1 / PARETO_SHAPE),
  },
];

describe('median interval coverage (simulation)', () => {
  it.each(DISTRIBUTIONS.map((d, i) => [d.name, d, i] as const))(
    '%s: the 95 % interval covers the true median about 95 % of the time or more',
    (_name, distribution, index) => {
      const samples = fc.sample(sampleOf(distribution.draw), { seed: 20261001 + index, numRuns: SAMPLES });
      let covered = 0;
      for (const sample of samples) {
        const estimate = medianWithInterval(sample)!;
        expect(estimate.interval).toBeDefined();
        const { lower, upper } = estimate.interval!;
        if (lower <= distribution.trueMedian && distribution.trueMedian <= upper) covered++;
      }
      const coverage = covered / SAMPLES;
      expect(coverage).toBeGreaterThanOrEqual(0.93);
      expect(coverage).toBeLessThanOrEqual(0.995);
    },
  );
});
