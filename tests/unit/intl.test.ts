import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from '../../lib/intl';

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
