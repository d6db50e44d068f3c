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

/** `YYYY-MM-DD` of a day number (years 0000–9999). */
export function dayNumberToDate(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a real `YYYY-MM-DD` date, or undefined. */
export function dateToDayNumber(date: string): number | undefined {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  // Reject dates that roll over (2026-02-30 would become 2 March).
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return undefined;
  return Math.floor(utc.getTime() / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday, for a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * A fast reader of local calendar dates for many instants in one zone: the offset is looked up once per
 * UTC day and reused when it is the same at both ends of that day (a change inside the day is read exactly).
 */
export function localDateReader(timeZone: string): (ms: number) => string {
  const offsetAtDayStart = new Map<number, number>();
  const offsetAt = (utcDay: number) => {
    let offset = offsetAtDayStart.get(utcDay);
    if (offset === undefined) {
      offset = offsetMs(utcDay * MS_PER_DAY, timeZone);
      offsetAtDayStart.set(utcDay, offset);
    }
    return offset;
  };
  return (ms) => {
    const utcDay = Math.floor(ms / MS_PER_DAY);
    const offset = offsetAt(utcDay);
    const exact = offset === offsetAt(utcDay + 1) ? offset : offsetMs(ms, timeZone);
    return dayNumberToDate(Math.floor((ms + exact) / MS_PER_DAY));
  };
}

export { MS_PER_MINUTE };
