import { describe, expect, it } from 'vitest';
import { toCents, wholeCents } from '../../../lib/attribution/money';

describe('toCents', () => {
  it('turns currency units into whole cents, half away from zero', () => {
    expect(toCents(12.345)).toBe(1235);
    expect(toCents(-12.345)).toBe(-1235);
    expect(toCents(0.005)).toBe(1);
    expect(toCents(1000)).toBe(100000);
    expect(toCents(0)).toBe(0);
  });
});

describe('wholeCents', () => {
  it('rounds cents half away from zero and keeps whole cents as they are', () => {
    expect(wholeCents(1234.5)).toBe(1235);
    expect(wholeCents(-1234.5)).toBe(-1235);
    expect(wholeCents(42)).toBe(42);
  });

  it('counts a missing or non-finite amount as nothing', () => {
    expect(wholeCents(null)).toBe(0);
    expect(wholeCents(Number.NaN)).toBe(0);
    expect(wholeCents(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
