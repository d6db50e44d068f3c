/**
 * Relative date literals as ranges of calendar dates `[start, end)` in the org's time zone. Weeks start on
 * Sunday, as in the en_US locale of the demo org. LAST_N_DAYS:n includes today (n + 1 days); NEXT_N_DAYS:n
 * starts tomorrow, as Salesforce documents them. Quarters are calendar quarters (an org without custom fiscal
 * years whose fiscal year starts in January).
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
import { addDays, dayOfWeek, firstOfMonth, firstOfYear, localDateOf } from '../values';

export interface DateRange {
  start: string;
  /** Exclusive. */
  end: string;
}

/** 0 = Sunday: the first day of the week in the en_US locale. */
export const FIRST_DAY_OF_WEEK = 0;

export function dateLiteralRange(name: string, n: number | undefined, now: Date, timeZone: string): DateRange {
  const today = localDateOf(now.getTime(), timeZone);
  const weekStart = addDays(today, -((dayOfWeek(today) - FIRST_DAY_OF_WEEK + 7) % 7));
  const count = n ?? 0;
  // The first month of today's quarter, as months to add to today's month (0, -1 or -2).
  const quarterStart = firstOfMonth(today, -((Number(today.slice(5, 7)) - 1) % 3));
  switch (name) {
    case 'YESTERDAY':
      return { start: addDays(today, -1), end: today };
    case 'TODAY':
      return { start: today, end: addDays(today, 1) };
    case 'TOMORROW':
      return { start: addDays(today, 1), end: addDays(today, 2) };
    case 'LAST_WEEK':
      return { start: addDays(weekStart, -7), end: weekStart };
    case 'THIS_WEEK':
      return { start: weekStart, end: addDays(weekStart, 7) };
    case 'NEXT_WEEK':
      return { start: addDays(weekStart, 7), end: addDays(weekStart, 14) };
    case 'LAST_MONTH':
      return { start: firstOfMonth(today, -1), end: firstOfMonth(today) };
    case 'THIS_MONTH':
      return { start: firstOfMonth(today), end: firstOfMonth(today, 1) };
    case 'NEXT_MONTH':
      return { start: firstOfMonth(today, 1), end: firstOfMonth(today, 2) };
    case 'LAST_QUARTER':
      return { start: firstOfMonth(quarterStart, -3), end: quarterStart };
    case 'THIS_QUARTER':
      return { start: quarterStart, end: firstOfMonth(quarterStart, 3) };
    case 'NEXT_QUARTER':
      return { start: firstOfMonth(quarterStart, 3), end: firstOfMonth(quarterStart, 6) };
    case 'LAST_N_QUARTERS':
      return { start: firstOfMonth(quarterStart, -3 * count), end: quarterStart };
    case 'NEXT_N_QUARTERS':
      return { start: firstOfMonth(quarterStart, 3), end: firstOfMonth(quarterStart, 3 + 3 * count) };
    case 'LAST_90_DAYS':
      return { start: addDays(today, -90), end: addDays(today, 1) };
    case 'NEXT_90_DAYS':
      return { start: addDays(today, 1), end: addDays(today, 91) };
    case 'LAST_YEAR':
      return { start: firstOfYear(today, -1), end: firstOfYear(today) };
    case 'THIS_YEAR':
      return { start: firstOfYear(today), end: firstOfYear(today, 1) };
    case 'NEXT_YEAR':
      return { start: firstOfYear(today, 1), end: firstOfYear(today, 2) };
    case 'LAST_N_DAYS':
      return { start: addDays(today, -count), end: addDays(today, 1) };
    case 'NEXT_N_DAYS':
      return { start: addDays(today, 1), end: addDays(today, 1 + count) };
    case 'N_DAYS_AGO':
      return { start: addDays(today, -count), end: addDays(today, -count + 1) };
    case 'LAST_N_WEEKS':
      return { start: addDays(weekStart, -7 * count), end: weekStart };
    case 'NEXT_N_WEEKS':
      return { start: addDays(weekStart, 7), end: addDays(weekStart, 7 + 7 * count) };
    case 'LAST_N_MONTHS':
      return { start: firstOfMonth(today, -count), end: firstOfMonth(today) };
    case 'NEXT_N_MONTHS':
      return { start: firstOfMonth(today, 1), end: firstOfMonth(today, 1 + count) };
    default:
      throw new Error(`Unknown date literal ${name}`);
  }
}
