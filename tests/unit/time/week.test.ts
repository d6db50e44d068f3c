import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeekSettings, Weekday } from '../../../lib/attribution/summary-types';
import { formatWeekLabel } from '../../../lib/time/format';
import {
  defaultWeekSettings,
  localDateOf,
  nextOccurrence,
  shiftWeek,
  weekKeyOf,
  weekOf,
  weekOfDate,
} from '../../../lib/time/week';
import { localDateReader, offsetMs } from '../../../lib/time/zone';

/** The properties run in about a second; the limit leaves room for a busy machine, it is not a measurement. */
const TIMEOUT = 60_000;
const HOUR = 3_600_000;
const hours = (week: { start: string; end: string }) => (Date.parse(week.end) - Date.parse(week.start)) / HOUR;
const monday = (timeZone: string): WeekSettings => ({ timeZone, firstDayOfWeek: 1 });

/** The local wall clock of an instant, "YYYY-MM-DD HH:MM", independent of lib/time. */
function wall(instant: string | Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Weekday (0 = Sunday) of a calendar date. */
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('weekOf', () => {
  it('starts an ordinary Berlin week at local midnight on Monday and lasts 168 hours', () => {
    const week = weekOf('2026-11-18T12:00:00Z', monday('Europe/Berlin'));
    expect(week).toEqual({ key: '2026-11-16', start: '2026-11-15T23:00:00.000Z', end: '2026-11-22T23:00:00.000Z' });
    expect(hours(week)).toBe(168);
  });

  it('gives the Berlin spring-forward week 167 hours and the fall-back week 169, both from local midnight', () => {
    const spring = weekOf('2026-03-29T12:00:00Z', monday('Europe/Berlin'));
    expect(spring.key).toBe('2026-03-23');
    expect(hours(spring)).toBe(167);
    expect(wall(spring.start, 'Europe/Berlin')).toBe('2026-03-23 00:00');
    expect(wall(spring.end, 'Europe/Berlin')).toBe('2026-03-30 00:00');
    const autumn = weekOf('2026-10-25T12:00:00Z', monday('Europe/Berlin'));
    expect(autumn.key).toBe('2026-10-19');
    expect(hours(autumn)).toBe(169);
    expect(wall(autumn.end, 'Europe/Berlin')).toBe('2026-10-26 00:00');
  });

  it('follows New York across its own change dates (second Sunday of March, first of November)', () => {
    const settings = monday('America/New_York');
    const spring = weekOf('2026-03-08T12:00:00Z', settings);
    expect(spring).toEqual({ key: '2026-03-02', start: '2026-03-02T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(hours(spring)).toBe(167);
    const autumn = weekOf('2026-11-01T12:00:00Z', settings);
    expect(autumn).toEqual({ key: '2026-10-26', start: '2026-10-26T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
    expect(hours(autumn)).toBe(169);
    // A Sunday-first week starts on the change day itself, at its (single) midnight.
    const sundayFirst = weekOf('2026-03-08T12:00:00Z', { timeZone: 'America/New_York', firstDayOfWeek: 0 });
    expect(sundayFirst).toEqual({
      key: '2026-03-08',
      start: '2026-03-08T05:00:00.000Z',
      end: '2026-03-15T04:00:00.000Z',
    });
  });

  it('uses the local date, not the UTC one, near midnight', () => {
    // 23:30 UTC on Sunday is already Monday 00:30 in Berlin: a new week there, not in New York.
    expect(weekOf('2026-11-22T23:30:00Z', monday('Europe/Berlin')).key).toBe('2026-11-23');
    expect(weekOf('2026-11-22T23:30:00Z', monday('America/New_York')).key).toBe('2026-11-16');
    // One millisecond before a week's start still belongs to the week before.
    const week = weekOf('2026-11-18T12:00:00Z', monday('Europe/Berlin'));
    expect(weekOf(new Date(Date.parse(week.start) - 1), monday('Europe/Berlin')).key).toBe('2026-11-09');
    expect(weekOf(week.start, monday('Europe/Berlin')).key).toBe('2026-11-16');
  });

  it('handles the southern hemisphere (Sydney: clocks go back in April, forward in October)', () => {
    const settings = monday('Australia/Sydney');
    const autumn = weekOf('2026-04-05T00:00:00Z', settings); // Sunday 5 April: AEDT ends at 03:00
    expect(autumn.key).toBe('2026-03-30');
    expect(hours(autumn)).toBe(169);
    expect(autumn.start).toBe('2026-03-29T13:00:00.000Z'); // midnight at +11:00
    const spring = weekOf('2026-10-04T00:00:00Z', settings); // Sunday 4 October: AEDT starts at 02:00
    expect(spring.key).toBe('2026-09-28');
    expect(hours(spring)).toBe(167);
    expect(spring.end).toBe('2026-10-04T13:00:00.000Z'); // the next Monday's midnight at +11:00
  });

  it('handles a half-hour offset without daylight saving (Kolkata, +05:30)', () => {
    const week = weekOf('2026-11-15T18:29:59Z', monday('Asia/Kolkata')); // Sunday 23:59:59 local
    expect(week).toEqual({ key: '2026-11-09', start: '2026-11-08T18:30:00.000Z', end: '2026-11-15T18:30:00.000Z' });
    expect(weekOf('2026-11-15T18:30:00Z', monday('Asia/Kolkata')).key).toBe('2026-11-16');
  });

  it('starts a week at the first instant of its day when the change skips midnight (Santiago, Beirut)', () => {
    // Santiago, Sunday 6 Sept 2026: 00:00 jumps to 01:00. A Sunday-first week starts at 01:00 local.
    const santiago = weekOf('2026-09-08T12:00:00Z', { timeZone: 'America/Santiago', firstDayOfWeek: 0 });
    expect(santiago.key).toBe('2026-09-06');
    expect(santiago.start).toBe('2026-09-06T04:00:00.000Z');
    expect(wall(santiago.start, 'America/Santiago')).toBe('2026-09-06 01:00');
    expect(hours(santiago)).toBe(167);
    // The instant just before is the previous Saturday 23:59 at -04:00, in the week before.
    expect(weekOf('2026-09-06T03:59:59Z', { timeZone: 'America/Santiago', firstDayOfWeek: 0 }).key).toBe('2026-08-30');
    // Beirut, Sunday 29 March 2026: 00:00 jumps to 01:00.
    const beirut = weekOf('2026-03-30T12:00:00Z', { timeZone: 'Asia/Beirut', firstDayOfWeek: 0 });
    expect(beirut.key).toBe('2026-03-29');
    expect(wall(beirut.start, 'Asia/Beirut')).toBe('2026-03-29 01:00');
  });

  it('starts at the first of two midnights when the change repeats midnight (Havana, 1 Nov 2026)', () => {
    const week = weekOf('2026-11-03T12:00:00Z', { timeZone: 'America/Havana', firstDayOfWeek: 0 });
    expect(week.key).toBe('2026-11-01');
    expect(week.start).toBe('2026-11-01T04:00:00.000Z'); // 00:00 at -04:00, before clocks go back to 00:00 at -05:00
    expect(hours(week)).toBe(169);
  });

  it('spans the year end as one week: 28 Dec 2026 – 3 Jan 2027', () => {
    const settings = monday('Europe/Berlin');
    const week = weekOf('2027-01-01T10:00:00Z', settings);
    expect(week).toEqual({ key: '2026-12-28', start: '2026-12-27T23:00:00.000Z', end: '2027-01-03T23:00:00.000Z' });
    expect(weekOf('2026-12-28T00:00:00+01:00', settings).key).toBe('2026-12-28');
    expect(weekOf('2027-01-03T23:59:59+01:00', settings).key).toBe('2026-12-28');
  });

  it('honours Sunday- and Saturday-first weeks', () => {
    const instant = '2026-11-18T12:00:00Z'; // a Wednesday
    expect(weekOf(instant, { timeZone: 'UTC', firstDayOfWeek: 0 }).key).toBe('2026-11-15');
    expect(weekOf(instant, { timeZone: 'UTC', firstDayOfWeek: 6 }).key).toBe('2026-11-14');
    expect(weekOf('2026-11-14T00:00:00Z', { timeZone: 'UTC', firstDayOfWeek: 6 }).key).toBe('2026-11-14');
    expect(weekOf('2026-11-13T23:59:59Z', { timeZone: 'UTC', firstDayOfWeek: 6 }).key).toBe('2026-11-07');
  });

  it('refuses something that is not an instant', () => {
    expect(() => weekOf('next Tuesday', monday('UTC'))).toThrow(RangeError);
  });
});

describe('shiftWeek and weekOfDate', () => {
  it('steps across daylight-saving changes and year ends by calendar weeks', () => {
    const settings = monday('Europe/Berlin');
    const week = weekOf('2026-03-25T12:00:00Z', settings);
    expect(shiftWeek(week, 1, settings)).toEqual({
      key: '2026-03-30',
      start: week.end,
      end: '2026-04-05T22:00:00.000Z',
    });
    expect(shiftWeek(week, -1, settings).end).toBe(week.start);
    expect(shiftWeek(weekOf('2026-12-30T12:00:00Z', settings), 1, settings).key).toBe('2027-01-04');
    expect(shiftWeek(week, 52, settings).key).toBe('2027-03-22');
    expect(shiftWeek(week, 0, settings)).toEqual(week);
  });

  it('rebuilds a week from its key and finds the week of any date', () => {
    const settings = monday('America/New_York');
    const week = weekOf('2026-11-04T12:00:00Z', settings);
    expect(weekOfDate(week.key, settings)).toEqual(week);
    expect(weekOfDate('2026-11-08', settings)).toEqual(week);
    expect(() => weekOfDate('2026-02-30', settings)).toThrow(RangeError);
    expect(() => shiftWeek(week, 0.5, settings)).toThrow(RangeError);
  });
});

describe('weekKeyOf', () => {
  it('puts a calendar date in the week of that local day, whatever the zone', () => {
    expect(weekKeyOf('2026-11-22', monday('Pacific/Kiritimati'))).toBe('2026-11-16');
    expect(weekKeyOf('2026-11-23', monday('Pacific/Pago_Pago'))).toBe('2026-11-23');
    expect(weekKeyOf('2026-11-22', { timeZone: 'UTC', firstDayOfWeek: 0 })).toBe('2026-11-22');
  });

  it('puts an instant in the week of its local date (also with an offset other than Z)', () => {
    expect(weekKeyOf('2026-11-22T23:30:00.000Z', monday('Europe/Berlin'))).toBe('2026-11-23');
    expect(weekKeyOf('2026-11-22T23:30:00.000+0000', monday('Europe/Berlin'))).toBe('2026-11-23');
    expect(weekKeyOf('2026-11-23T00:30:00+01:00', monday('America/Los_Angeles'))).toBe('2026-11-16');
  });
});

describe('localDateOf and localDateReader', () => {
  it('read the local calendar date of instants, also on change days', () => {
    const read = localDateReader('America/Santiago');
    for (const instant of [
      '2026-09-06T03:59:59Z',
      '2026-09-06T04:00:00Z',
      '2026-04-05T02:30:00Z',
      '2026-04-05T03:30:00Z',
      '2026-11-16T02:00:00Z',
    ]) {
      expect(read(Date.parse(instant))).toBe(wall(instant, 'America/Santiago').slice(0, 10));
      expect(localDateOf(instant, 'America/Santiago')).toBe(wall(instant, 'America/Santiago').slice(0, 10));
    }
  });
});

describe('nextOccurrence', () => {
  const berlin = monday('Europe/Berlin');

  it('finds the next Monday 09:00 local, this week or next', () => {
    expect(
      nextOccurrence(new Date('2026-11-18T12:00:00Z'), berlin, { weekday: 1, hour: 9, minute: 0 }).toISOString(),
    ).toBe('2026-11-23T08:00:00.000Z');
    // Monday 08:59 local: later the same day; Monday 09:00 exactly: a week later (strictly after).
    expect(
      nextOccurrence(new Date('2026-11-23T07:59:00Z'), berlin, { weekday: 1, hour: 9, minute: 0 }).toISOString(),
    ).toBe('2026-11-23T08:00:00.000Z');
    expect(
      nextOccurrence(new Date('2026-11-23T08:00:00Z'), berlin, { weekday: 1, hour: 9, minute: 0 }).toISOString(),
    ).toBe('2026-11-30T08:00:00.000Z');
  });

  it('keeps the local time across a change (09:00 stays 09:00, in UTC an hour apart)', () => {
    const before = nextOccurrence(new Date('2026-10-20T12:00:00Z'), berlin, { weekday: 1, hour: 9, minute: 0 });
    expect(before.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(wall(before, 'Europe/Berlin')).toBe('2026-10-26 09:00');
    const spring = nextOccurrence(new Date('2026-03-25T12:00:00Z'), berlin, { weekday: 1, hour: 9, minute: 0 });
    expect(spring.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('moves a time that does not exist forward, and picks the first of a time that happens twice', () => {
    // Berlin, Sunday 29 March 2026: 02:00–03:00 does not exist; 02:30 becomes 03:30 CEST.
    const skipped = nextOccurrence(new Date('2026-03-28T12:00:00Z'), berlin, { weekday: 0, hour: 2, minute: 30 });
    expect(skipped.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wall(skipped, 'Europe/Berlin')).toBe('2026-03-29 03:30');
    // Berlin, Sunday 25 October 2026: 02:30 happens at +02:00 and again at +01:00; the first is 00:30Z.
    const twice = nextOccurrence(new Date('2026-10-24T12:00:00Z'), berlin, { weekday: 0, hour: 2, minute: 30 });
    expect(twice.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // New York, Sunday 8 March 2026: 02:30 becomes 03:30 EDT.
    const newYork = nextOccurrence(new Date('2026-03-07T12:00:00Z'), monday('America/New_York'), {
      weekday: 0,
      hour: 2,
      minute: 30,
    });
    expect(wall(newYork, 'America/New_York')).toBe('2026-03-08 03:30');
  });

  it('refuses times that are not on a clock', () => {
    expect(() => nextOccurrence(new Date(), berlin, { weekday: 1, hour: 24, minute: 0 })).toThrow(RangeError);
    expect(() => nextOccurrence(new Date(), berlin, { weekday: 7 as Weekday, hour: 9, minute: 0 })).toThrow(RangeError);
  });
});

describe('formatWeekLabel', () => {
  // Intl decides spacing around the dash (ICU versions differ), so compare with spaces normalised.
  const normal = (label: string) => label.replace(/\s*[–-]\s*/g, '–').replace(/\s+/g, ' ');

  it('writes a week in one month, across two months and across the year end', () => {
    expect(normal(formatWeekLabel({ key: '2026-11-16' }, 'en-GB'))).toBe('16–22 Nov 2026');
    expect(normal(formatWeekLabel({ key: '2026-11-30' }, 'en-GB'))).toBe('30 Nov–6 Dec 2026');
    expect(normal(formatWeekLabel({ key: '2026-12-28' }, monday('UTC'), 'en-GB'))).toBe('28 Dec 2026–3 Jan 2027');
    expect(formatWeekLabel({ key: '2026-11-16' }, 'en-US')).toContain('Nov');
  });
});

describe('week settings', () => {
  it('defaults to the platform zone and Monday-first weeks', () => {
    const settings = defaultWeekSettings();
    expect(settings.firstDayOfWeek).toBe(1);
    expect(settings.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('week properties', () => {
  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'America/Santiago',
    'Asia/Beirut',
    'America/Havana',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'America/St_Johns',
  ];
  // From 2000: Kiritimati skipped a whole day in 1994 (a 144-hour week), which the length check below excludes.
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
  const settings = fc.record({
    timeZone: fc.constantFrom(...zones),
    firstDayOfWeek: fc.constantFrom<Weekday>(0, 1, 2, 3, 4, 5, 6),
  });

  it(
    'a week holds its instant, the next week starts where it ends, and the key is its first local day',
    () => {
      fc.assert(
        fc.property(instant, settings, (t, s) => {
          const week = weekOf(new Date(t), s);
          expect(Date.parse(week.start)).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(Date.parse(week.end));
          expect(shiftWeek(week, 1, s).start).toBe(week.end);
          expect(shiftWeek(week, -1, s).end).toBe(week.start);
          expect(wall(week.start, s.timeZone).slice(0, 10)).toBe(week.key);
          expect(weekdayOf(week.key)).toBe(s.firstDayOfWeek);
          // The instant just before the start is in the previous local day (midnight or the first instant of the day).
          expect(wall(new Date(Date.parse(week.start) - 1), s.timeZone).slice(0, 10) < week.key).toBe(true);
          // 168 hours, give or take one change of up to an hour (Lord Howe changes by half an hour).
          expect(Math.abs(hours(week) - 168)).toBeLessThanOrEqual(1);
        }),
        { numRuns: 400, seed: 20261122 },
      );
    },
    TIMEOUT,
  );

  it(
    'the reader of local dates agrees with Intl everywhere',
    () => {
      fc.assert(
        fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), fc.constantFrom(...zones), (instants, zone) => {
          const read = localDateReader(zone);
          for (const t of instants) expect(read(t)).toBe(wall(new Date(t), zone).slice(0, 10));
        }),
        { numRuns: 200, seed: 20261122 },
      );
    },
    TIMEOUT,
  );

  it(
    'next occurrence is after the given instant, within a week, and shows the wanted weekday',
    () => {
      fc.assert(
        fc.property(
          instant,
          fc.constantFrom(...zones),
          fc.record({
            weekday: fc.constantFrom<Weekday>(0, 1, 2, 3, 4, 5, 6),
            hour: fc.integer({ min: 0, max: 23 }),
            minute: fc.integer({ min: 0, max: 59 }),
          }),
          (t, zone, time) => {
            const next = nextOccurrence(new Date(t), { timeZone: zone }, time).getTime();
            expect(next).toBeGreaterThan(t);
            expect(next - t).toBeLessThanOrEqual(7 * 24 * HOUR + 2 * HOUR);
            expect(weekdayOf(wall(new Date(next), zone).slice(0, 10))).toBe(time.weekday);
            // Away from changes, the wall clock shows exactly the wanted time.
            if (offsetMs(next - 3 * HOUR, zone) === offsetMs(next + 3 * HOUR, zone)) {
              expect(wall(new Date(next), zone).slice(11)).toBe(
                `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`,
              );
            }
          },
        ),
        { numRuns: 300, seed: 20261122 },
      );
    },
    TIMEOUT,
  );
});
