/**
 * Calendar dates as `YYYY-MM-DD` strings. Touch dates, created dates, windows and locks are days on a
 * calendar, not instants: no time zone is involved, so everything here is plain day arithmetic on UTC.
 * Functions that compute with a date throw a RangeError when given something that is not a real date:
 * callers validate input with `isCalendarDate` first, so a bad date reaching them is a bug, not data.
 */

const MS_PER_DAY = 86_400_000;
/** Days in 400 Gregorian years: the calendar repeats exactly after this many days. */
const DAYS_PER_400_YEARS = 146_097;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Value of the two ASCII digits at `at`, or -1. Char codes instead of a regular expression: credit checks every touch
 * date.
 */
function twoDigits(value: string, at: number): number {
  const tens = value.charCodeAt(at) - 48;
  const ones = value.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** Year, month and day of a real `YYYY-MM-DD` date, or undefined. */
function toParts(value: string): [year: number, month: number, day: number] | undefined {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
    return undefined;
  }
  const century = twoDigits(value, 0);
  const yearOfCentury = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = century * 100 + yearOfCentury;
  return day <= daysInMonth(year, month) ? [year, month, day] : undefined;
}

/** Days since 1970-01-01 for a real date, or undefined. */
function toDayNumber(date: string): number | undefined {
  const parts = toParts(date);
  if (!parts) return undefined;
  const [year, month, day] = parts;
  // Date.UTC reads years 0–99 as 1900–1999; shift those by one 400-year cycle and back.
  if (year < 100) return Date.UTC(year + 400, month - 1, day) / MS_PER_DAY - DAYS_PER_400_YEARS;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function requireDayNumber(date: string): number {
  const days = toDayNumber(date);
  if (days === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return days;
}

function fromDayNumber(days: number): string {
  const instant = new Date(days * MS_PER_DAY);
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range (years 0000–9999): day ${days}`);
  const month = instant.getUTCMonth() + 1;
  const day = instant.getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` and `2026-2-3` are false).
 * Everything stored or compared as a date goes through this first.
 */
export function isCalendarDate(value: string): boolean {
  return toParts(value) !== undefined;
}

/** The date `days` calendar days after `date` (before, when negative); windows and locks are built on it. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Whole days only: ${days}`);
  return fromDayNumber(requireDayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function daysBetween(from: string, to: string): number {
  return requireDayNumber(to) - requireDayNumber(from);
}

/** -1, 0 or 1 as `a` is before, on or after `b`: a comparator for `Array.prototype.sort`. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const difference = requireDayNumber(a) - requireDayNumber(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** A date-time as the REST API writes it: `2026-03-02T09:14:00.000+0000` (also `Z` or `+01:00`). */
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * A date-time as an ISO instant in UTC (`2026-03-02T09:14:00.000Z`), or undefined when it is not one. The
 * weekly summary cuts weeks by instant in the user's zone, so it needs this rather than the UTC date.
 */
export function utcInstant(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const zone = match[5]!;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${offset}`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
