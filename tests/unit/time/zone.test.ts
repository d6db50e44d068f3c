import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instantMs,
  dateToDayNumber,
  dayNumberToDate,
  instantOfWallClock,
  isTimeZone,
  localDateReader,
  offsetMs,
  weekdayOfDayNumber,
} from '../../../lib/time/zone';

const DAY = 86_400_000;

describe('calendar days', () => {
  it('converts dates and day numbers both ways, leap days and far years included', () => {
    expect(dateToDayNumber('1970-01-01')).toBe(0);
    expect(dateToDayNumber('2026-11-16')).toBe(Date.UTC(2026, 10, 16) / DAY);
    expect(dayNumberToDate(Date.UTC(2024, 1, 29) / DAY)).toBe('2024-02-29');
    expect(dayNumberToDate(-1)).toBe('1969-12-31');
    expect(dateToDayNumber('0099-03-01')).toBe(dateToDayNumber('0099-02-28')! + 1);
    expect(dayNumberToDate(dateToDayNumber('0042-07-04')!)).toBe('0042-07-04');
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const date = dayNumberToDate(day);
        expect(dateToDayNumber(date)).toBe(day);
        if (day >= -25_567) expect(date).toBe(new Date(day * DAY).toISOString().slice(0, 10)); // from 1900 on
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });

  it('refuses what is not a real date', () => {
    for (const value of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      '',
      'soon',
    ]) {
      expect(dateToDayNumber(value)).toBeUndefined();
    }
    expect(dateToDayNumber('2000-02-29')).toBeDefined();
    expect(dateToDayNumber('1900-02-29')).toBeUndefined();
  });

  it('knows the weekday of a day number (0 = Sunday)', () => {
    expect(weekdayOfDayNumber(0)).toBe(4); // 1 Jan 1970, a Thursday
    expect(weekdayOfDayNumber(dateToDayNumber('2026-11-22')!)).toBe(0);
    expect(weekdayOfDayNumber(-1)).toBe(3);
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads offsets, also half-hour ones and on change days', () => {
    expect(offsetMs(Date.UTC(2026, 0, 15), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetMs(Date.UTC(2026, 6, 15), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetMs(Date.UTC(2026, 6, 15), 'Asia/Kolkata')).toBe(19_800_000);
    expect(offsetMs(Date.UTC(2026, 6, 15), 'America/St_Johns')).toBe(-9_000_000);
  });

  it('places wall-clock times: skipped ones move forward, repeated ones are the first', () => {
    const wall = (iso: string) => Date.parse(`${iso}Z`);
    // Berlin 29 Mar 2026: 02:00–03:00 does not exist.
    expect(new Date(instantOfWallClock(wall('2026-03-29T02:30:00'), 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(instantOfWallClock(wall('2026-03-29T01:59:00'), 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T00:59:00.000Z',
    );
    // Berlin 25 Oct 2026: 02:00–03:00 happens twice.
    expect(new Date(instantOfWallClock(wall('2026-10-25T02:30:00'), 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // Santiago 6 Sept 2026: midnight is skipped; the day starts at 01:00.
    expect(new Date(instantOfWallClock(wall('2026-09-06T00:00:00'), 'America/Santiago')).toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('reads local dates of many instants the same as Intl, across a change inside a UTC week', () => {
    const read = localDateReader('Europe/Berlin');
    // 25 Oct 2026 01:00Z is the change; instants either side, on the same UTC day.
    expect(read(Date.parse('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(read(Date.parse('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(read(Date.parse('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(read(Date.parse('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    const sydney = localDateReader('Australia/Sydney');
    expect(sydney(Date.parse('2026-04-04T12:59:59Z'))).toBe('2026-04-04'); // 23:59:59 AEDT
    expect(sydney(Date.parse('2026-04-04T13:00:00Z'))).toBe('2026-04-05');
    expect(sydney(Date.parse('2026-04-05T13:59:59Z'))).toBe('2026-04-05'); // 23:59:59 AEST
    expect(sydney(Date.parse('2026-04-05T14:00:00Z'))).toBe('2026-04-06');
  });
});

describe('instantMs', () => {
  it('reads the stored form digit by digit, exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(instantMs(iso)).toBe(ms);
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });

  it('leaves every other form to Date.parse, and gives NaN for what is no instant', () => {
    expect(instantMs('2026-03-02T09:14:00+01:00')).toBe(Date.UTC(2026, 2, 2, 8, 14));
    expect(instantMs('2026-03-02T09:14:00Z')).toBe(Date.UTC(2026, 2, 2, 9, 14));
    // Whatever Date.parse makes of a day that does not exist, instantMs makes the same.
    expect(instantMs('2026-02-30T09:14:00.000Z')).toBe(Date.parse('2026-02-30T09:14:00.000Z'));
    expect(instantMs('2026-03-02T25:14:00.000Z')).toBeNaN();
    expect(instantMs('2026-03-02Tab:14:00.000Z')).toBeNaN();
    expect(instantMs('not a date')).toBeNaN();
  });
});
