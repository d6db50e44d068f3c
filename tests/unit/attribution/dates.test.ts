import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween, isCalendarDate, utcInstant } from '../../../lib/attribution/dates';
import { calendarDate, RUN } from './arbitraries';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    for (const good of ['2026-03-02', '2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31']) {
      expect(isCalendarDate(good), good).toBe(true);
    }
    for (const bad of [
      '2026-02-30',
      '2026-02-29', // not a leap year
      '1900-02-29', // century, not a leap year
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-3-2',
      '26-03-02',
      '2026/03/02',
      ' 2026-03-02',
      '2026-03-02T00:00',
      '２０２６-03-02',
      '',
    ]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-02', 30)).toBe('2026-04-01');
    expect(addDays('2026-03-02', -2)).toBe('2026-02-28');
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('handles the first century (where Date.UTC would read the year as 19xx)', () => {
    expect(addDays('0050-02-28', 1)).toBe('0050-03-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
  });

  it('counts days between dates, signed', () => {
    expect(daysBetween('2026-03-02', '2026-04-01')).toBe(30);
    expect(daysBetween('2026-04-01', '2026-03-02')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('compares dates', () => {
    expect(compareDates('2026-03-02', '2026-03-10')).toBe(-1);
    expect(compareDates('2026-03-10', '2026-03-02')).toBe(1);
    expect(compareDates('2026-03-02', '2026-03-02')).toBe(0);
    expect(['2026-03-10', '2025-12-31', '2026-03-02'].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-03-02',
      '2026-03-10',
    ]);
  });

  it('refuses to compute with something that is not a date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => daysBetween('2026-03-02', 'tomorrow')).toThrow(RangeError);
    expect(() => compareDates('', '2026-03-02')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('property: every generated calendar date is accepted, and the next day of the month past its end is not', () => {
    fc.assert(
      fc.property(calendarDate, (date) => {
        expect(isCalendarDate(date)).toBe(true);
        const next = addDays(date, 1);
        if (next.slice(5, 7) !== date.slice(5, 7)) {
          const pastEnd = `${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, '0')}`;
          expect(isCalendarDate(pastEnd), pastEnd).toBe(false);
        }
      }),
      RUN,
    );
  });

  it('property: addDays and daysBetween are inverse, and agree with compareDates', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -4000, max: 4000 }), (date, days) => {
        const moved = addDays(date, days);
        expect(isCalendarDate(moved)).toBe(true);
        expect(addDays(moved, -days)).toBe(date);
        expect(daysBetween(date, moved)).toBe(days);
        expect(compareDates(moved, date)).toBe(Math.sign(days));
        // String order is calendar order for real dates: credit relies on it.
        expect(Math.sign(moved.localeCompare(date, 'en'))).toBe(Math.sign(days));
      }),
      RUN,
    );
  });

  it('property: agrees with the JavaScript calendar', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: -400, max: 400 }), (date, days) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, days)).toBe(expected);
      }),
      RUN,
    );
  });
});

describe('utcInstant', () => {
  it('reads Salesforce date-times as ISO instants in UTC', () => {
    expect(utcInstant('2026-11-20T10:00:00.000+0000')).toBe('2026-11-20T10:00:00.000Z');
    expect(utcInstant('2026-11-20T11:00:00.000+01:00')).toBe('2026-11-20T10:00:00.000Z');
    expect(utcInstant('2026-11-20T10:00Z')).toBe('2026-11-20T10:00:00.000Z');
  });

  it('refuses what is not a date-time, or names a day or hour that does not exist', () => {
    expect(utcInstant('2026-11-20')).toBeUndefined();
    expect(utcInstant('yesterday')).toBeUndefined();
    expect(utcInstant('2026-02-30T10:00:00.000Z')).toBeUndefined();
    expect(utcInstant('2026-11-20T24:00:00.000Z')).toBeUndefined();
  });
});
