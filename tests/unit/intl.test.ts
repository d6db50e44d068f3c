import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, plural } from '../../lib/intl';

describe('kept Intl formatters', () => {
  it('makes one formatter per locale and options, and formats as a new one would', () => {
    const options = { style: 'currency', currency: 'EUR' } as const;
    expect(numberFormat('de-DE', options)).toBe(numberFormat('de-DE', { ...options }));
    expect(numberFormat('de-DE', options)).not.toBe(numberFormat('en-US', options));
    expect(numberFormat('de-DE', options).format(1234.5)).toBe(new Intl.NumberFormat('de-DE', options).format(1234.5));
    const day = { day: 'numeric', month: 'short', timeZone: 'UTC' } as const;
    expect(dateTimeFormat('en-GB', day)).toBe(dateTimeFormat('en-GB', day));
    expect(dateTimeFormat('en-GB', day).format(Date.UTC(2026, 10, 16))).toBe('16 Nov');
  });

  it('throws as the constructor does for a currency Intl does not know, and keeps nothing', () => {
    expect(() => numberFormat('en-US', { style: 'currency', currency: 'NOT A CODE' })).toThrow(RangeError);
    expect(() => numberFormat('en-US', { style: 'currency', currency: 'NOT A CODE' })).toThrow(RangeError);
  });
});

describe('plural', () => {
  it('picks the noun for one and for any other count, grouping thousands', () => {
    expect(plural(1, 'partner', 'partners')).toBe('1 partner');
    expect(plural(0, 'partner', 'partners')).toBe('0 partners');
    expect(plural(2, 'history entry', 'history entries')).toBe('2 history entries');
    expect(plural(12_345, 'change', 'changes')).toBe('12,345 changes');
  });
});
