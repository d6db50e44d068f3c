/**
 * The weekly summary's money and shares in words, shared by the popup (components/summary/summary-view.ts)
 * and the weekly notification, so both say a figure the same way.
 */
import { numberFormat } from '../intl';
import { UNKNOWN_CURRENCY } from './credit';

/**
 * Integer cents as money in the currency's own format: 1200000, "USD" → "$12,000"; 1200050 → "$12,000.50".
 * Whole amounts drop their ".00" so the popup stays readable at its width; no amount is ever rounded.
 */
export function formatCents(cents: number, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' }).format(
      cents / 100,
    );
  } catch {
    // Not an ISO code Intl knows: the number, then the code as the org gave it (or that it is unknown).
    const number = numberFormat(locale, { maximumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' });
    return `${number.format(cents / 100)} ${currencyName(currency)}`;
  }
}

/** A currency as the picker names it: its ISO code, or words for amounts whose currency is not known. */
export function currencyName(currency: string): string {
  return currency === UNKNOWN_CURRENCY ? '(currency unknown)' : currency;
}

/** A share (0..1) as a whole percentage: "23 %". */
export function formatPercent(share: number, locale?: string): string {
  return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(share * 100)} %`;
}
