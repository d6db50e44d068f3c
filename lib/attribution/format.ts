/** Words and dates as people read them in the panel and in messages. */
import { dateTimeFormat, numberFormat } from '../intl';

/** `2026-10-23` → "23 Oct 2026" in the user's locale (calendar dates carry no time zone). */
export function formatCalendarDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** The user's calendar date for an instant, in their own time zone: `YYYY-MM-DD`. */
export function toLocalCalendarDate(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** A share as a whole percentage, e.g. 0.333… → "33 %"; shares always add up as the rules guarantee. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** An amount as Salesforce shows it: with the currency when known, else as a plain number. */
export function formatAmount(amount: number, currency: string | null, locale?: string): string {
  return currency
    ? numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
    : numberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
}

// ---------------------------------------------------------------------------------------------------------
// Money in cents, for summaries: to the cent, with the currency, and never a guessed currency

/** Written in full here, not imported, so the panel's bundle does not pull in the credit module for one word. */
const UNKNOWN = 'unknown'; // = UNKNOWN_CURRENCY in credit.ts

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string | undefined, currency: string | null, signed: boolean): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency ?? ''}|${signed ? '±' : ''}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const sign = signed ? ({ signDisplay: 'exceptZero' } as const) : {};
    try {
      format = currency
        ? numberFormat(locale, { style: 'currency', currency, ...sign })
        : numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...sign });
    } catch {
      // Not an ISO code Intl accepts: the number, with the code written after it (see formatCents).
      format = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...sign });
    }
    moneyFormats.set(key, format);
  }
  return format;
}

function isIsoCode(currency: string): boolean {
  return /^[A-Z]{3}$/.test(currency);
}

/**
 * Integer cents as money, e.g. 4_000_000 USD → "$40,000.00" (en-US). The unknown currency (or none) is
 * a plain number marked "(currency unknown)", so nobody reads it as the org's currency; a code Intl does
 * not know is written after the number. `signed` shows a + on gains, for week-over-week changes.
 */
export function formatCents(
  cents: number,
  currency: string | null,
  locale?: string,
  options: { signed?: boolean } = {},
): string {
  const signed = options.signed ?? false;
  const amount = cents / 100;
  if (currency === null || currency === UNKNOWN)
    return `${moneyFormat(locale, null, signed).format(amount)} (currency unknown)`;
  if (!isIsoCode(currency)) return `${moneyFormat(locale, null, signed).format(amount)} ${currency}`;
  return moneyFormat(locale, currency, signed).format(amount);
}
