/**
 * Calendar quarters as the user counts them: "now" is read in the user's time zone, so on 1 July at 01:00
 * in Berlin the current quarter is Q3 even while it is still 30 June in UTC. A deal is closed in a quarter
 * when its close date (a calendar day, as Salesforce keeps CloseDate) falls on or between the quarter's
 * first and last day. Pure: only Intl's time-zone data is read.
 */
import { z } from '../zod';
import { dateTimeFormat } from '../intl';
import { localDateOf } from '../time/week';
import { MS_PER_DAY, dateToDayNumber, dayNumberToDate } from '../time/zone';

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  /** `2026-Q3`: what a URL or a setting keeps. */
  key: string;
  year: number;
  quarter: QuarterNumber;
  /** First calendar day, `YYYY-MM-DD`. */
  firstDay: string;
  /** Last calendar day, `YYYY-MM-DD` (inclusive). */
  lastDay: string;
}

/** How many past quarters the page offers besides the current one. */
export const PAST_QUARTERS = 4;

const KEY_PATTERN = /^(\d{4})-Q([1-4])$/;

/** A quarter key as it arrives from a URL or a stored setting. */
export const quarterKeySchema = z.string().regex(KEY_PATTERN, 'must be a quarter such as 2026-Q3');

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The quarter of a year (1–4); years 0001–9999. */
export function quarterFor(year: number, quarter: number): Quarter {
  if (!(Number.isInteger(year) && year >= 1 && year <= 9999)) throw new RangeError(`Year out of range: ${year}`);
  if (!(quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4)) {
    throw new RangeError(`A quarter is 1–4: ${quarter}`);
  }
  const firstMonth = (quarter - 1) * 3 + 1;
  const firstDay = `${pad(year, 4)}-${pad(firstMonth, 2)}-01`;
  // The day before the next quarter's first day: no month-length table needed.
  const next = quarter === 4 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(firstMonth + 3, 2)}-01`;
  const nextDay = dateToDayNumber(next);
  const lastDay = nextDay === undefined ? `${pad(year, 4)}-12-31` : dayNumberToDate(nextDay - 1);
  return { key: `${pad(year, 4)}-Q${quarter}`, year, quarter, firstDay, lastDay };
}

/** The quarter a calendar date (`YYYY-MM-DD`) falls in. Throws a RangeError for anything else. */
export function quarterOfDate(date: string): Quarter {
  if (dateToDayNumber(date) === undefined) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  const month = Number(date.slice(5, 7));
  return quarterFor(Number(date.slice(0, 4)), Math.floor((month - 1) / 3) + 1);
}

/** The quarter that contains `now` on the user's calendar (in `timeZone`). */
export function currentQuarter(now: Date | string | number, timeZone: string): Quarter {
  return quarterOfDate(localDateOf(now, timeZone));
}

/** The quarter `n` quarters after `quarter` (before, when negative). */
export function shiftQuarter(quarter: Pick<Quarter, 'year' | 'quarter'>, n: number): Quarter {
  if (!Number.isInteger(n)) throw new RangeError(`Whole quarters only: ${n}`);
  const index = quarter.year * 4 + (quarter.quarter - 1) + n;
  return quarterFor(Math.floor(index / 4), (index % 4) + 1);
}

/** The quarter a key names (`2026-Q3`), or undefined for anything else. */
export function parseQuarterKey(key: unknown): Quarter | undefined {
  const parsed = quarterKeySchema.safeParse(key);
  if (!parsed.success) return undefined;
  const [, year, quarter] = KEY_PATTERN.exec(parsed.data)!;
  const yearNumber = Number(year);
  return yearNumber >= 1 ? quarterFor(yearNumber, Number(quarter)) : undefined;
}

/** The quarters to choose from, newest first: the current one (the default) and the `PAST_QUARTERS` before it. */
export function quarterChoices(now: Date | string | number, timeZone: string): Quarter[] {
  const current = currentQuarter(now, timeZone);
  return Array.from({ length: PAST_QUARTERS + 1 }, (_, i) => shiftQuarter(current, -i));
}

/** True when the quarter has not ended yet on the user's calendar: its figures are so far, not final. */
export function isQuarterInProgress(quarter: Quarter, now: Date | string | number, timeZone: string): boolean {
  return localDateOf(now, timeZone) <= quarter.lastDay;
}

/**
 * True when a close date (`YYYY-MM-DD`) is on or between the quarter's first and last day. A close date
 * that is not a real date is in no quarter.
 */
export function isClosedInQuarter(closeDate: string, quarter: Pick<Quarter, 'firstDay' | 'lastDay'>): boolean {
  // Real `YYYY-MM-DD` dates compare as strings in calendar order.
  return dateToDayNumber(closeDate) !== undefined && closeDate >= quarter.firstDay && closeDate <= quarter.lastDay;
}

/** "Q3 2026". */
export function formatQuarterLabel(quarter: Pick<Quarter, 'year' | 'quarter'>): string {
  return `Q${quarter.quarter} ${quarter.year}`;
}

/** The quarter's days as the locale writes a range: "1 Jul – 30 Sep 2026" (en-GB). */
export function formatQuarterRange(quarter: Pick<Quarter, 'firstDay' | 'lastDay'>, locale?: string): string {
  const first = dateToDayNumber(quarter.firstDay);
  const last = dateToDayNumber(quarter.lastDay);
  if (first === undefined || last === undefined) return `${quarter.firstDay} – ${quarter.lastDay}`;
  // Calendar days carry no time zone: format them as UTC dates so no offset can shift a day.
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).formatRange(
    new Date(first * MS_PER_DAY),
    new Date(last * MS_PER_DAY),
  );
}
