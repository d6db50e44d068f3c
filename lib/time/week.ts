/**
 * Weeks as the user counts them: in their own time zone, starting on their first day of the week (Monday
 * unless they say otherwise), from local midnight to the next week's local midnight. A week across a
 * daylight-saving change is 167 or 169 hours long, and a week whose first midnight is skipped by a change
 * starts at that day's first instant. Pure: only Intl's time-zone data is read.
 */
import {
  MS_PER_DAY,
  dateToDayNumber,
  dayNumberToDate,
  instantOfWallClock,
  isTimeZone,
  localDayNumber,
  startOfLocalDay,
  weekdayOfDayNumber,
} from './zone';

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** How the user counts weeks. */
export interface WeekSettings {
  /** IANA time zone, e.g. "Europe/Berlin"; the browser's own by default. */
  timeZone: string;
  /** Default Monday (1). */
  firstDayOfWeek: Weekday;
}

/** One week in the user's time zone: `[start, end)`. */
export interface WeekRange {
  /** The calendar date (`YYYY-MM-DD`) of the week's first day in the user's zone: the week's key. */
  key: string;
  /** First instant of the week, ISO 8601 in UTC. */
  start: string;
  /** First instant of the next week, ISO 8601 in UTC (weeks across a DST change are 167 or 169 hours). */
  end: string;
}

export const DEFAULT_FIRST_DAY_OF_WEEK: Weekday = 1;

/** The browser's own time zone and Monday-first weeks. */
export function defaultWeekSettings(): WeekSettings {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { timeZone: timeZone && isTimeZone(timeZone) ? timeZone : 'UTC', firstDayOfWeek: DEFAULT_FIRST_DAY_OF_WEEK };
}

function toMs(instant: Date | string | number): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${JSON.stringify(instant)}`);
  return ms;
}

/** The day number of the first day of the week that contains `dayNumber`. */
function firstDayOfWeekContaining(dayNumber: number, firstDayOfWeek: Weekday): number {
  return dayNumber - ((weekdayOfDayNumber(dayNumber) - firstDayOfWeek + 7) % 7);
}

function rangeFromFirstDay(firstDay: number, timeZone: string): WeekRange {
  return {
    key: dayNumberToDate(firstDay),
    start: new Date(startOfLocalDay(firstDay, timeZone)).toISOString(),
    end: new Date(startOfLocalDay(firstDay + 7, timeZone)).toISOString(),
  };
}

/** The week that contains an instant, in the user's zone. */
export function weekOf(instant: Date | string | number, settings: WeekSettings): WeekRange {
  const day = localDayNumber(toMs(instant), settings.timeZone);
  return rangeFromFirstDay(firstDayOfWeekContaining(day, settings.firstDayOfWeek), settings.timeZone);
}

/**
 * The week that contains a calendar date (`YYYY-MM-DD`, a day in the user's zone). With a key that is a
 * week's first day this rebuilds the week from its key. Throws a RangeError for anything else.
 */
export function weekOfDate(date: string, settings: WeekSettings): WeekRange {
  const day = dateToDayNumber(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return rangeFromFirstDay(firstDayOfWeekContaining(day, settings.firstDayOfWeek), settings.timeZone);
}

/** The week `n` weeks after `week` (before, when negative). */
export function shiftWeek(week: WeekRange, n: number, settings: WeekSettings): WeekRange {
  if (!Number.isInteger(n)) throw new RangeError(`Whole weeks only: ${n}`);
  const day = dateToDayNumber(week.key);
  if (day === undefined) throw new RangeError(`Not a week key (YYYY-MM-DD): ${JSON.stringify(week.key)}`);
  return rangeFromFirstDay(firstDayOfWeekContaining(day, settings.firstDayOfWeek) + 7 * n, settings.timeZone);
}

/**
 * The key of the week something was created in. `createdAt` is an ISO instant (from the API) or a calendar
 * date `YYYY-MM-DD` (from the page; it means local midnight of that day, so it belongs to that day's week).
 */
export function weekKeyOf(createdAt: string, settings: WeekSettings): string {
  const day = dateToDayNumber(createdAt);
  if (day !== undefined) return dayNumberToDate(firstDayOfWeekContaining(day, settings.firstDayOfWeek));
  return weekOf(createdAt, settings).key;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in the user's zone. */
export function localDateOf(instant: Date | string | number, timeZone: string): string {
  return dayNumberToDate(localDayNumber(toMs(instant), timeZone));
}

/** A local wall-clock time on a weekday, e.g. Monday 09:00. */
export interface WeeklyTime {
  weekday: Weekday;
  hour: number;
  minute: number;
}

/**
 * The first instant strictly after `after` at which the user's clock shows `time` on its weekday, e.g. the
 * next Monday 09:00 local. On a spring-forward day a time in the skipped hour moves forward by the gap
 * (02:30 → 03:30); on a fall-back day a time that happens twice is the first of the two.
 */
export function nextOccurrence(
  after: Date | string | number,
  settings: Pick<WeekSettings, 'timeZone'>,
  time: WeeklyTime,
): Date {
  const { weekday, hour, minute } = time;
  if (!(Number.isInteger(weekday) && weekday >= 0 && weekday <= 6))
    throw new RangeError(`Weekday must be 0–6: ${weekday}`);
  if (!(Number.isInteger(hour) && hour >= 0 && hour <= 23)) throw new RangeError(`Hour must be 0–23: ${hour}`);
  if (!(Number.isInteger(minute) && minute >= 0 && minute <= 59))
    throw new RangeError(`Minute must be 0–59: ${minute}`);
  const afterMs = toMs(after);
  const today = localDayNumber(afterMs, settings.timeZone);
  let day = today + ((weekday - weekdayOfDayNumber(today) + 7) % 7);
  // Today's (or this week's) occurrence may already be past: then it is the same weekday a week later.
  for (; ; day += 7) {
    const instant = instantOfWallClock(day * MS_PER_DAY + (hour * 60 + minute) * 60_000, settings.timeZone);
    if (instant > afterMs) return new Date(instant);
  }
}
