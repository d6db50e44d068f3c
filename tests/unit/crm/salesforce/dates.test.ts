import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../../lib/attribution/dates';
import { parseSalesforceDate } from '../../../../lib/crm/salesforce/dates';

const RUN = { numRuns: 200, seed: 20260302 } as const;

describe('parseSalesforceDate', () => {
  it('reads ISO dates and date-times, taking the calendar date as written', () => {
    expect(parseSalesforceDate('2026-03-02')).toBe('2026-03-02');
    expect(parseSalesforceDate('2026-03-02T09:14:00.000Z')).toBe('2026-03-02');
    expect(parseSalesforceDate('2026-03-02T23:59:59.000+0000')).toBe('2026-03-02');
    expect(parseSalesforceDate('2026-03-02T09:14')).toBe('2026-03-02');
    expect(parseSalesforceDate('  2026-03-02 ')).toBe('2026-03-02');
  });

  it('reads en-US dates and date-times with the en_US locale', () => {
    expect(parseSalesforceDate('3/2/2026', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('03/02/2026', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('12/31/2025', 'en_US')).toBe('2025-12-31');
    expect(parseSalesforceDate('3/2/2026, 9:14 AM', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('3/2/2026 9:14 AM', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('3/2/2026, 12:05 pm', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('3/2/2026, 21:14', 'en_US')).toBe('2026-03-02');
  });

  it('reads the date out of "Created By" (name, date, time)', () => {
    expect(parseSalesforceDate('Dana Reyes, 3/2/2026, 9:14 AM', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('Reyes, Dana, 3/2/2026, 9:14 AM', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('Dana Reyes, 3/2/2026', 'en_US')).toBe('2026-03-02');
  });

  it('copes with the no-break and narrow no-break spaces date formatting uses', () => {
    expect(parseSalesforceDate('Dana\u00a0Reyes, 3/2/2026, 9:14\u202fAM', 'en_US')).toBe('2026-03-02');
    expect(parseSalesforceDate('3/2/2026,\u00a09:14\u00a0AM', 'en_US')).toBe('2026-03-02');
  });

  it('rejects impossible dates and times', () => {
    for (const text of [
      '2026-02-30',
      '2/30/2026',
      '13/2/2026',
      '0/2/2026',
      '3/0/2026',
      '2/29/2026',
      '3/2/2026, 13:14 PM',
      '3/2/2026, 24:00',
      '3/2/2026, 9:60 AM',
      '2026-03-02T25:00',
    ]) {
      expect(parseSalesforceDate(text, 'en_US'), text).toBeUndefined();
    }
    expect(parseSalesforceDate('2/29/2024', 'en_US')).toBe('2024-02-29');
  });

  it('gives up on ambiguous or unknown formats instead of guessing', () => {
    for (const text of [
      '02.03.2026', // day-first (de, ru…) or month-first: without the locale, never a guess
      '2.3.2026',
      '02/03/2026',
      '3/2/2026',
      '3/2/2026, 9:14 AM',
      '3/2/26', // two-digit year
      '2 March 2026',
      'Mar 2, 2026',
      'Dana Reyes 3/2/2026', // no comma: not the Created By form
      '3/2/2026 and more',
      'today',
      '',
    ]) {
      expect(parseSalesforceDate(text), text).toBeUndefined();
    }
  });

  it('property: reads back every real date written in ISO and in en-US, with or without name and time', () => {
    const date = fc
      .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
      .map((day) => new Date(day * 86_400_000));
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('AM', 'PM'),
        fc.constantFrom('', 'Dana Reyes, ', 'O’Brien-Smith, Jo, '),
        (instant, hour, minute, meridiem, createdBy) => {
          const iso = instant.toISOString().slice(0, 10);
          const us = `${instant.getUTCMonth() + 1}/${instant.getUTCDate()}/${instant.getUTCFullYear()}`;
          const time = `${hour}:${String(minute).padStart(2, '0')} ${meridiem}`;
          expect(parseSalesforceDate(iso)).toBe(iso);
          expect(parseSalesforceDate(instant.toISOString())).toBe(iso);
          expect(parseSalesforceDate(us, 'en_US')).toBe(iso);
          expect(parseSalesforceDate(`${createdBy}${us}, ${time}`, 'en_US')).toBe(iso);
        },
      ),
      RUN,
    );
  });

  it("reads numeric dates in the order of the user's Salesforce locale", () => {
    expect(parseSalesforceDate('02/03/2026', 'en_GB')).toBe('2026-03-02');
    expect(parseSalesforceDate('02/03/2026', 'en_US')).toBe('2026-02-03');
    expect(parseSalesforceDate('Dana Reyes, 02/03/2026, 09:14', 'en_GB')).toBe('2026-03-02');
    expect(parseSalesforceDate('02.03.2026, 09:14', 'de_DE')).toBe('2026-03-02');
    expect(parseSalesforceDate('2026/03/02 9:14', 'ja_JP')).toBe('2026-03-02');
    expect(parseSalesforceDate('13/02/2026', 'en_US')).toBeUndefined();
    expect(parseSalesforceDate('02/13/2026', 'en_GB')).toBeUndefined();
  });

  it('reads a numeric date without the locale only when it cannot be misread', () => {
    expect(parseSalesforceDate('31/12/2025')).toBe('2025-12-31');
    expect(parseSalesforceDate('12/31/2025')).toBe('2025-12-31');
    expect(parseSalesforceDate('2026-03-02')).toBe('2026-03-02');
    expect(parseSalesforceDate('02/03/2026')).toBeUndefined();
  });

  it('property: any text gives undefined or a real calendar date', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const parsed = parseSalesforceDate(text);
        if (parsed !== undefined) expect(isCalendarDate(parsed)).toBe(true);
      }),
      RUN,
    );
  });
});
