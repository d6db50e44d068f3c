import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { formatCents, formatPercent } from '../../../lib/attribution/summary-format';

describe('formatCents', () => {
  it('shows cents only when there are some', () => {
    expect(formatCents(1_200_000, 'USD', 'en-US')).toBe('$12,000');
    expect(formatCents(1_200_050, 'USD', 'en-US')).toBe('$12,000.50');
    expect(formatCents(450_000, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('4.500 €');
  });

  it('keeps a code Intl does not know next to the number, and says when the currency is unknown', () => {
    expect(formatCents(12_345, 'XYZ1', 'en-US')).toBe('123.45 XYZ1');
    expect(formatCents(1_200_000, UNKNOWN_CURRENCY, 'en-US')).toBe('12,000 (currency unknown)');
  });
});

describe('formatPercent', () => {
  it('rounds a share to a whole percentage', () => {
    expect(formatPercent(0.2851, 'en-US')).toBe('29 %');
    expect(formatPercent(1, 'en-US')).toBe('100 %');
  });
});
