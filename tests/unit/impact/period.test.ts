import { describe, expect, it } from 'vitest';
import {
  PAST_QUARTERS,
  currentQuarter,
  formatQuarterLabel,
  formatQuarterRange,
  isClosedInQuarter,
  isQuarterInProgress,
  parseQuarterKey,
  quarterChoices,
  quarterFor,
  quarterKeySchema,
  quarterOfDate,
  shiftQuarter,
} from '../../../lib/impact/period';

describe('quarters', () => {
  it.each([
    [1, '2026-01-01', '2026-03-31'],
    [2, '2026-04-01', '2026-06-30'],
    [3, '2026-07-01', '2026-09-30'],
    [4, '2026-10-01', '2026-12-31'],
  ])('Q%i 2026 runs from %s to %s', (quarter, firstDay, lastDay) => {
    expect(quarterFor(2026, quarter)).toEqual({ key: `2026-Q${quarter}`, year: 2026, quarter, firstDay, lastDay });
  });

  it('ends Q1 on 29 February in a leap year', () => {
    expect(quarterFor(2028, 1).lastDay).toBe('2028-03-31');
    expect(quarterOfDate('2028-02-29').key).toBe('2028-Q1');
  });

  it('puts each date in its quarter, and refuses what is not a date', () => {
    expect(quarterOfDate('2026-03-31').key).toBe('2026-Q1');
    expect(quarterOfDate('2026-04-01').key).toBe('2026-Q2');
    expect(quarterOfDate('2026-12-31').key).toBe('2026-Q4');
    expect(() => quarterOfDate('2026-02-30')).toThrow(RangeError);
    expect(() => quarterOfDate('2026-2-3')).toThrow(RangeError);
  });

  it('refuses quarters and years out of range', () => {
    expect(() => quarterFor(2026, 5)).toThrow(RangeError);
    expect(() => quarterFor(2026, 0)).toThrow(RangeError);
    expect(() => quarterFor(0, 1)).toThrow(RangeError);
    expect(quarterFor(9999, 4).lastDay).toBe('9999-12-31');
  });

  it('shifts across years both ways', () => {
    expect(shiftQuarter(quarterFor(2026, 1), -1).key).toBe('2025-Q4');
    expect(shiftQuarter(quarterFor(2026, 4), 1).key).toBe('2027-Q1');
    expect(shiftQuarter(quarterFor(2026, 3), -6).key).toBe('2025-Q1');
    expect(() => shiftQuarter(quarterFor(2026, 3), 0.5)).toThrow(RangeError);
  });
});

describe('the current quarter, in the user’s time zone', () => {
  it('is already Q3 in Berlin while UTC still shows 30 June', () => {
    const now = '2026-06-30T23:30:00.000Z'; // 1 July, 01:30 in Berlin (CEST)
    expect(currentQuarter(now, 'Europe/Berlin').key).toBe('2026-Q3');
    expect(currentQuarter(now, 'UTC').key).toBe('2026-Q2');
  });

  it('is still Q4 of the old year in Los Angeles on New Year’s morning in UTC', () => {
    const now = '2027-01-01T05:00:00.000Z'; // 31 Dec, 21:00 in Los Angeles
    expect(currentQuarter(now, 'America/Los_Angeles').key).toBe('2026-Q4');
    expect(currentQuarter(now, 'Asia/Tokyo').key).toBe('2027-Q1');
  });

  it('offers the current quarter first, then the four before it', () => {
    const choices = quarterChoices('2026-08-15T12:00:00.000Z', 'UTC');
    expect(choices.map((q) => q.key)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    expect(choices).toHaveLength(PAST_QUARTERS + 1);
  });

  it('says whether a quarter is still in progress on the user’s calendar', () => {
    const q2 = quarterFor(2026, 2);
    expect(isQuarterInProgress(q2, '2026-06-30T23:30:00.000Z', 'UTC')).toBe(true);
    expect(isQuarterInProgress(q2, '2026-06-30T23:30:00.000Z', 'Europe/Berlin')).toBe(false);
  });
});

describe('closed in the period', () => {
  const q3 = quarterFor(2026, 3);

  it('includes the first and the last day of the quarter', () => {
    expect(isClosedInQuarter('2026-07-01', q3)).toBe(true);
    expect(isClosedInQuarter('2026-09-30', q3)).toBe(true);
    expect(isClosedInQuarter('2026-08-15', q3)).toBe(true);
  });

  it('excludes the day before and the day after, and anything that is not a date', () => {
    expect(isClosedInQuarter('2026-06-30', q3)).toBe(false);
    expect(isClosedInQuarter('2026-10-01', q3)).toBe(false);
    expect(isClosedInQuarter('2026-09-31', q3)).toBe(false);
    expect(isClosedInQuarter('2026-08-15T10:00:00Z', q3)).toBe(false);
  });
});

describe('quarter keys and labels', () => {
  it('reads a key back into its quarter, and nothing else', () => {
    expect(parseQuarterKey('2026-Q3')).toEqual(quarterFor(2026, 3));
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q3', 'Q3 2026', '0000-Q1', 2026, null, undefined]) {
      expect(parseQuarterKey(bad)).toBeUndefined();
    }
    expect(quarterKeySchema.safeParse('2026-q3').success).toBe(false);
  });

  it('labels a quarter "Q3 2026" and writes its days as a range', () => {
    const q3 = quarterFor(2026, 3);
    expect(formatQuarterLabel(q3)).toBe('Q3 2026');
    expect(formatQuarterRange(q3, 'en-GB')).toMatch(/^1 Jul\s?–\s?30 Sept? 2026$/);
    expect(formatQuarterRange(quarterFor(2026, 4), 'en-US')).toMatch(/^Oct 1\s?–\s?Dec 31, 2026$/);
  });
});
