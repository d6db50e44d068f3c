/**
 * Dates, times and time zones the way the REST API writes and SOQL reads them.
 * DateTime values are stored as UTC ISO strings (`toISOString()`) and written out as Salesforce does:
 * `2026-11-21T10:00:00.000+0000`. Date values are `YYYY-MM-DD` calendar dates.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `2026-11-21T10:00:00Z`, `…T10:00:00.000+0000`, `…T10:00:00-08:00`; without a zone the time is UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

const DAY_MS = 86_400_000;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Milliseconds since the epoch of a date-time string, or undefined when it is not one. */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  if (!isCalendarDate(`${y}-${mo}-${d}`)) return undefined;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const zh = Number(digits.slice(1, 3));
    const zm = Number(digits.slice(3, 5));
    if (zh > 14 || zm > 59) return undefined;
    offsetMinutes = sign * (zh * 60 + zm);
  }
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), hours, minutes, seconds, ms) - offsetMinutes * 60_000;
}

/** The Salesforce wire format of an instant: `2026-11-21T10:00:00.000+0000`. */
export function formatDateTime(value: string | number): string {
  const ms = typeof value === 'number' ? value : (parseDateTime(value) ?? Date.parse(value));
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone (IANA name, e.g. `UTC`, `America/Los_Angeles`). */
export function localDateOf(ms: number, timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'GMT') return new Date(ms).toISOString().slice(0, 10);
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function firstOfMonth(date: string, monthsToAdd = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + monthsToAdd, 1)).toISOString().slice(0, 10);
}

export function firstOfYear(date: string, yearsToAdd = 0): string {
  return `${String(Number(date.slice(0, 4)) + yearsToAdd).padStart(4, '0')}-01-01`;
}
