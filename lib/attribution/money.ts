/**
 * Money as integer cents. Amounts in one currency are added as whole cents, so sums do not drift, and are
 * rounded half away from zero, so a refund rounds as its sale does.
 */

/** An amount in currency units (12.345 dollars) as whole cents (1235), half away from zero. */
export function toCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

/** Cents as whole cents, half away from zero; a missing or non-finite amount counts as nothing (0). */
export function wholeCents(cents: number | null): number {
  if (cents === null || !Number.isFinite(cents)) return 0;
  return Number.isInteger(cents) ? cents : Math.sign(cents) * Math.round(Math.abs(cents));
}
