import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../lib/attribution/dates';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { checkSourcedWindow, getLockState } from '../../../lib/attribution/window';
import { calendarDate, RUN } from './arbitraries';

describe('sourced window', () => {
  const rules = { sourcedWindowDays: 30 };

  it('is inside when a touch is dated on or before created + 30 days', () => {
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates: ['2026-04-01'] }, rules)).toEqual({
      status: 'inside',
      deadline: '2026-04-01',
    });
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates: ['2026-01-15'] }, rules).status).toBe('inside');
  });

  it('is outside when every touch is later than the deadline', () => {
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates: ['2026-04-02', '2026-05-01'] }, rules)).toEqual({
      status: 'outside',
      deadline: '2026-04-01',
    });
  });

  it('is inside as soon as one touch is early enough', () => {
    expect(
      checkSourcedWindow({ createdDate: '2026-03-02', touchDates: ['2026-06-01', '2026-03-01'] }, rules).status,
    ).toBe('inside');
  });

  it('is outside without any (real) touch date', () => {
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates: [] }, rules).status).toBe('outside');
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates: ['2026-02-30', ''] }, rules).status).toBe(
      'outside',
    );
  });

  it('is unknown when the created date is unknown or unreadable', () => {
    expect(checkSourcedWindow({ touchDates: ['2026-03-01'] }, rules)).toEqual({ status: 'unknown' });
    expect(checkSourcedWindow({ createdDate: '3/2/2026', touchDates: ['2026-03-01'] }, rules)).toEqual({
      status: 'unknown',
    });
  });

  it('uses the rules’ window', () => {
    const touchDates = ['2026-03-10'];
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates }, { sourcedWindowDays: 7 }).status).toBe(
      'outside',
    );
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates }, { sourcedWindowDays: 8 }).status).toBe(
      'inside',
    );
    expect(checkSourcedWindow({ createdDate: '2026-03-02', touchDates }, DEFAULT_RULES).status).toBe('inside');
  });

  it('property: inside exactly when some touch is at most sourcedWindowDays after creation', () => {
    fc.assert(
      fc.property(
        calendarDate,
        fc.array(fc.integer({ min: -200, max: 200 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 120 }),
        (createdDate, offsets, sourcedWindowDays) => {
          const touchDates = offsets.map((n) => addDays(createdDate, n));
          const result = checkSourcedWindow({ createdDate, touchDates }, { sourcedWindowDays });
          expect(result).toEqual({
            status: offsets.some((n) => n <= sourcedWindowDays) ? 'inside' : 'outside',
            deadline: addDays(createdDate, sourcedWindowDays),
          });
        },
      ),
      RUN,
    );
  });
});

describe('lock', () => {
  const rules = { lockAfterDays: 14 };

  it('is open until created + 14 days, locked from that day on', () => {
    expect(getLockState('2026-03-02', '2026-03-15', rules)).toEqual({ status: 'open', locksOn: '2026-03-16' });
    expect(getLockState('2026-03-02', '2026-03-16', rules)).toEqual({ status: 'locked', lockedOn: '2026-03-16' });
    expect(getLockState('2026-03-02', '2027-01-01', rules)).toEqual({ status: 'locked', lockedOn: '2026-03-16' });
  });

  it('is open on the day of creation, and before it (a clock behind the record)', () => {
    expect(getLockState('2026-03-02', '2026-03-02', rules).status).toBe('open');
    expect(getLockState('2026-03-02', '2026-02-01', rules).status).toBe('open');
  });

  it('locks at once with a lock of 0 days', () => {
    expect(getLockState('2026-03-02', '2026-03-02', { lockAfterDays: 0 })).toEqual({
      status: 'locked',
      lockedOn: '2026-03-02',
    });
  });

  it('is unknown when the created date is unknown or unreadable', () => {
    expect(getLockState(undefined, '2026-03-02', rules)).toEqual({ status: 'unknown' });
    expect(getLockState('2026-02-30', '2026-03-02', rules)).toEqual({ status: 'unknown' });
  });

  it('refuses a today that is not a date', () => {
    expect(() => getLockState('2026-03-02', 'today', rules)).toThrow(RangeError);
  });

  it('property: locked exactly when lockAfterDays or more have passed since creation', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, fc.integer({ min: 0, max: 365 }), (createdDate, today, lockAfterDays) => {
        const state = getLockState(createdDate, today, { lockAfterDays });
        const locksOn = addDays(createdDate, lockAfterDays);
        expect(state).toEqual(
          daysBetween(createdDate, today) >= lockAfterDays
            ? { status: 'locked', lockedOn: locksOn }
            : { status: 'open', locksOn },
        );
      }),
      RUN,
    );
  });
});
