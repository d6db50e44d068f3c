/**
 * The statistics behind "Partner impact": proportions with Wilson score intervals, the difference of two
 * proportions with Newcombe's hybrid score interval, and medians with a distribution-free interval from
 * order statistics. Pure and total: empty input gives empty results (undefined), and no NaN or Infinity
 * ever leaves this module. Impossible counts (3 won out of 2) are a caller's bug and throw a RangeError.
 */

/** The confidence level of every interval unless a caller asks for another. */
export const DEFAULT_CONFIDENCE = 0.95;

/** A closed interval `[lower, upper]`. */
export interface Interval {
  lower: number;
  upper: number;
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Confidence must be between 0 and 1: ${confidence}`);
}

function checkCounts(successes: number, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`A count must be a whole number ≥ 0: ${n}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`Successes must be a whole number from 0 to ${n}: ${successes}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The standard normal quantile

// Wichura, M. J. (1988), "Algorithm AS 241: The percentage points of the normal distribution", Applied
// Statistics 37(3), 477–484: PPND16, accurate to about 1 part in 10^16.
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/** The z with P(Z ≤ z) = p for a standard normal Z, e.g. 0.975 → 1.959963984540054. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`A probability strictly between 0 and 1 is needed: ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(A, r)) / polynomial(B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value = r <= 5 ? polynomial(C, r - 1.6) / polynomial(D, r - 1.6) : polynomial(E, r - 5) / polynomial(F, r - 5);
  return q < 0 ? -value : value;
}

/** The two-sided critical value for a confidence level: 1.96 for 95 %. */
function criticalValue(confidence: number): number {
  checkConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

// ---------------------------------------------------------------------------------------------------------
// One proportion

/**
 * The Wilson score interval for `successes` out of `n` (Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22:209–212; method 3 of Newcombe 1998, "Two-sided confidence
 * intervals for the single proportion: comparison of seven methods", Statistics in Medicine 17:857–872).
 * Unlike the textbook p ± z·√(p(1−p)/n) it stays inside [0, 1] and is not empty at 0/n or n/n.
 * Undefined when n = 0: nothing was observed, so there is no interval.
 */
export function wilsonInterval(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval | undefined {
  checkCounts(successes, n);
  const z = criticalValue(confidence);
  if (n === 0) return undefined;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the exact limit is 0 or 1; rounding must not put it a hair outside.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** A proportion with its interval; `rate` and `interval` are absent when n = 0. */
export interface Proportion {
  successes: number;
  n: number;
  rate?: number;
  interval?: Interval;
}

/** `successes / n` with its Wilson interval. */
export function proportion(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Proportion {
  const interval = wilsonInterval(successes, n, confidence);
  return interval ? { successes, n, rate: successes / n, interval } : { successes, n };
}

// ---------------------------------------------------------------------------------------------------------
// The difference of two proportions

export interface ProportionDifference {
  /** p1 − p2. */
  difference: number;
  interval: Interval;
  /** True when the interval excludes 0: the difference holds at the interval's confidence level. */
  holds: boolean;
}

/**
 * p1 − p2 with Newcombe's hybrid score interval, built from the two Wilson intervals (method 10 of
 * Newcombe 1998, "Interval estimation for the difference between independent proportions: comparison of
 * eleven methods", Statistics in Medicine 17:873–890). With (l1, u1) and (l2, u2) the Wilson intervals:
 * lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²). It keeps close to the
 * nominal coverage at small n and at rates near 0 or 1, where the simple Wald interval fails.
 * Undefined when either group is empty.
 */
export function newcombeDifference(
  successes1: number,
  n1: number,
  successes2: number,
  n2: number,
  confidence = DEFAULT_CONFIDENCE,
): ProportionDifference | undefined {
  const first = wilsonInterval(successes1, n1, confidence);
  const second = wilsonInterval(successes2, n2, confidence);
  if (!first || !second) return undefined;
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const difference = p1 - p2;
  const lower = Math.max(-1, difference - Math.hypot(p1 - first.lower, second.upper - p2));
  const upper = Math.min(1, difference + Math.hypot(first.upper - p1, p2 - second.lower));
  return { difference, interval: { lower, upper }, holds: lower > 0 || upper < 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Mean and median

/** The finite values, sorted ascending (a copy). */
function sortedFinite(values: readonly number[]): number[] {
  return values.filter(Number.isFinite).sort((a, b) => a - b);
}

/** The arithmetic mean of the finite values; undefined when there are none. */
export function mean(values: readonly number[]): number | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  let sum = 0;
  for (const value of finite) sum += value;
  if (Number.isFinite(sum)) return sum / finite.length;
  // Huge values of one sign overflow the sum: divide first (the mean itself is always finite).
  let scaled = 0;
  for (const value of finite) scaled += value / finite.length;
  return scaled;
}

/** The middle of sorted values (the mean of the two middle ones for an even count). */
function middle(sorted: readonly number[]): number {
  const half = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[half]!;
  // Halve first: two huge values must not overflow.
  return sorted[half - 1]! / 2 + sorted[half]! / 2;
}

/** The median of the finite values; undefined when there are none. */
export function median(values: readonly number[]): number | undefined {
  const sorted = sortedFinite(values);
  return sorted.length ? middle(sorted) : undefined;
}

/** log P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so that large n does not underflow. */
function logBinomialHalfCdf(k: number, n: number): number {
  let logTerm = -n * Math.LN2; // log P(X = 0)
  let logSum = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1));
    const [high, low] = logTerm > logSum ? [logTerm, logSum] : [logSum, logTerm];
    logSum = high + Math.log1p(Math.exp(low - high));
  }
  return logSum;
}

/** The ranks (1-based) of the order statistics that bound the median's interval, and its exact coverage. */
export interface MedianRanks {
  lower: number;
  upper: number;
  /** P(X(lower) ≤ true median ≤ X(upper)) for any continuous distribution: at least the confidence asked. */
  coverage: number;
}

/**
 * The ranks k and n − k + 1 for a distribution-free interval for the median, or undefined when n is too
 * small to reach the confidence level (n < 6 at 95 %).
 *
 * Method: the number of observations below the true median is Binomial(n, ½) whatever the distribution,
 * so [X(k), X(n−k+1)] covers the median with probability 1 − 2·P(B ≤ k − 1), B ~ Binomial(n, ½). The
 * largest k whose coverage is still at least the confidence level gives the shortest such interval. See
 * W. J. Conover, "Practical Nonparametric Statistics" (3rd ed., Wiley 1999), §3.2 (confidence interval
 * for a quantile), and M. J. Campbell and M. J. Gardner, "Calculating confidence intervals for some
 * non-parametric analyses", BMJ 296:1454–1456 (1988), whose table this reproduces (n = 10: ranks 2 and 9).
 * With ties (whole days) the interval only gets more conservative.
 */
export function medianRanks(n: number, confidence = DEFAULT_CONFIDENCE): MedianRanks | undefined {
  checkConfidence(confidence);
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`A count must be a whole number ≥ 0: ${n}`);
  const coverageOf = (k: number) => 1 - 2 * Math.exp(logBinomialHalfCdf(k - 1, n));
  // Rank 1 (the smallest and largest observations) covers best; with too few observations not even that is enough.
  if (n === 0 || coverageOf(1) < confidence) return undefined;
  // Coverage falls as k grows: find the largest k that still reaches the level, by bisection on [1, ⌈n/2⌉].
  let good = 1;
  let bad = Math.ceil(n / 2) + 1;
  while (bad - good > 1) {
    const k = (good + bad) >> 1;
    if (coverageOf(k) >= confidence) good = k;
    else bad = k;
  }
  return { lower: good, upper: n - good + 1, coverage: coverageOf(good) };
}

/** A median with its distribution-free interval; the interval is absent when n is too small for it. */
export interface MedianEstimate {
  n: number;
  median: number;
  interval?: Interval;
}

/** The median of the finite values and its interval (see `medianRanks`); undefined when there are none. */
export function medianWithInterval(
  values: readonly number[],
  confidence = DEFAULT_CONFIDENCE,
): MedianEstimate | undefined {
  checkConfidence(confidence);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return undefined;
  const ranks = medianRanks(sorted.length, confidence);
  const estimate: MedianEstimate = { n: sorted.length, median: middle(sorted) };
  if (ranks) estimate.interval = { lower: sorted[ranks.lower - 1]!, upper: sorted[ranks.upper - 1]! };
  return estimate;
}
