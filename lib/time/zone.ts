/**
 * Wall-clock time in an IANA time zone, from the platform's Intl data (no time-zone package: the browser
 * and Node already ship the tz database). Pure and deterministic for a given tz database.
 *
 * Instants are epoch milliseconds; calendar days are "day numbers" (days since 1970-01-01), which make
 * week arithmetic plain integer arithmetic. A local wall time that does not exist (the hour skipped when
 * clocks spring forward) moves forward by the gap; one that happens twice (clocks fall back) is the first.
 */

export const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** One formatter per zone: creating an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which some engines render as "24" at midnight.
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the platform knows `timeZone` as an IANA zone (or "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `ms` in `timeZone`, as if it were UTC: epoch ms of the same Y-M-D h:m:s in UTC. */
export function wallClockMs(ms: number, timeZone: string): number {
  const seconds = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
    }
  }
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  utc.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  return utc.getTime() + (ms - seconds);
}

/** The zone's offset from UTC at `ms`, in milliseconds (e.g. +3,600,000 for Berlin in winter). */
export function offsetMs(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - ms;
}

/** The calendar day (day number) of `ms` in `timeZone`. */
export function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor(wallClockMs(ms, timeZone) / MS_PER_DAY);
}

/**
 * The instant a local wall-clock time (given as if it were UTC) happens in `timeZone`.
 * Nonexistent (spring-forward gap): moved forward by the gap, so 02:30 on a day that skips 02:00–03:00
 * is 03:30. Ambiguous (fall-back overlap): the first of the two. Assumes at most one offset change within
 * a day of the wall time, which holds for every zone in the tz database since 1900.
 */
export function instantOfWallClock(wallMs: number, timeZone: string): number {
  const before = offsetMs(wallMs - MS_PER_DAY, timeZone);
  const after = offsetMs(wallMs + MS_PER_DAY, timeZone);
  const early = wallMs - Math.max(before, after);
  const late = wallMs - Math.min(before, after);
  if (offsetMs(early, timeZone) + early === wallMs) return early;
  if (offsetMs(late, timeZone) + late === wallMs) return late;
  // In a gap: read the wall time with the offset in force before the change, which lands after it.
  return wallMs - before;
}

/** Local midnight at the start of a calendar day (or the day's first instant when midnight is skipped). */
export function startOfLocalDay(dayNumber: number, timeZone: string): number {
  return instantOfWallClock(dayNumber * MS_PER_DAY, timeZone);
}

// ---------------------------------------------------------------------------------------------------------
// Day numbers and `YYYY-MM-DD`

/** `YYYY-MM-DD` of a day number (years 0000–9999). Integer arithmetic only: summaries call it in loops. */
export function dayNumberToDate(dayNumber: number): string {
  // Howard Hinnant's civil_from_days: eras of 400 years, years starting on 1 March.
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function digit(value: string, at: number): number {
  const code = value.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a real `YYYY-MM-DD` date, or undefined (2026-02-30 and 2026-2-3 are not dates). */
export function dateToDayNumber(date: string): number | undefined {
  if (typeof date !== 'string' || date.length !== 10) return undefined;
  return dayNumberAt(date, 0);
}

/** The day number of the real `YYYY-MM-DD` date at `at` in `value`, or undefined. */
function dayNumberAt(value: string, at: number): number | undefined {
  if (value.charCodeAt(at + 4) !== 45 || value.charCodeAt(at + 7) !== 45) return undefined;
  const year = digit(value, at) * 1000 + digit(value, at + 1) * 100 + digit(value, at + 2) * 10 + digit(value, at + 3);
  const month = digit(value, at + 5) * 10 + digit(value, at + 6);
  const day = digit(value, at + 8) * 10 + digit(value, at + 9);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The instant of an ISO date-time, in ms, or NaN. `Date.parse` is slow for many values, so the form the store
 * keeps (`toISOString`: `2026-03-02T09:14:00.000Z`) is read digit by digit; any other form goes to Date.parse.
 */
export function instantMs(value: string): number {
  if (
    value.length === 24 &&
    value.charCodeAt(10) === 84 &&
    value.charCodeAt(23) === 90 &&
    value.charCodeAt(19) === 46
  ) {
    const day = dayNumberAt(value, 0);
    const hours = digit(value, 11) * 10 + digit(value, 12);
    const minutes = digit(value, 14) * 10 + digit(value, 15);
    const seconds = digit(value, 17) * 10 + digit(value, 18);
    const ms = digit(value, 20) * 100 + digit(value, 21) * 10 + digit(value, 22);
    if (
      day !== undefined &&
      value.charCodeAt(13) === 58 &&
      value.charCodeAt(16) === 58 &&
      hours < 24 &&
      minutes < 60 &&
      seconds < 60 &&
      ms >= 0
    ) {
      return day * MS_PER_DAY + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + ms;
    }
  }
  return Date.parse(value);
}

/** 0 = Sunday … 6 = Saturday, for a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------------------
// Local dates of many instants

const MS_PER_WEEK = 7 * MS_PER_DAY;

/** What is known about a zone's offset in one UTC week: constant, or one change at `changeMs`. */
interface WeekOffsets {
  before: number;
  after: number;
  changeMs: number;
}

/** Per zone and UTC week since 1970: offsets read once and kept (a few hundred entries cover decades). */
const weekOffsetsByZone = new Map<string, Map<number, WeekOffsets>>();
const MAX_CACHED_WEEKS = 20_000;

function weekOffsets(timeZone: string, week: number): WeekOffsets {
  let cache = weekOffsetsByZone.get(timeZone);
  if (!cache) weekOffsetsByZone.set(timeZone, (cache = new Map()));
  let known = cache.get(week);
  if (!known) {
    const startMs = week * MS_PER_WEEK;
    const before = offsetMs(startMs, timeZone);
    const after = offsetMs(startMs + MS_PER_WEEK, timeZone);
    let changeMs = startMs + MS_PER_WEEK;
    if (before !== after) {
      // Find the change by bisection: the last instant with the old offset, then the first with the new.
      let low = startMs;
      let high = startMs + MS_PER_WEEK;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetMs(middle, timeZone) === before) low = middle;
        else high = middle;
      }
      changeMs = high;
    }
    known = { before, after, changeMs };
    if (cache.size >= MAX_CACHED_WEEKS) cache.clear();
    cache.set(week, known);
  }
  return known;
}

/**
 * A fast reader of local calendar dates for many instants in one zone. Offsets are read once per UTC week
 * (and kept for later calls); a week with a change is read with the change's exact instant. This assumes
 * at most one offset change within a week, which holds for every zone in the tz database this century.
 */
export function localDateReader(timeZone: string): (ms: number) => string {
  const dayNumber = localDayNumberReader(timeZone);
  return (ms) => dayNumberToDate(dayNumber(ms));
}

/** The same, giving day numbers (see `localDateReader`). */
export function localDayNumberReader(timeZone: string): (ms: number) => number {
  return (ms) => {
    const known = weekOffsets(timeZone, Math.floor(ms / MS_PER_WEEK));
    const offset = ms < known.changeMs ? known.before : known.after;
    return Math.floor((ms + offset) / MS_PER_DAY);
  };
}

export { MS_PER_MINUTE };
