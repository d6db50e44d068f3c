/** Words and dates as people read them in the panel and in messages. */

/** `2026-10-23` → "23 Oct 2026" in the user's locale (calendar dates carry no time zone). */
export function formatCalendarDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
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
    ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
}
