/**
 * The two time rules on an opportunity's attribution: a sourced claim must rest on early evidence (the
 * sourced window), and attribution stops changing freely some days after creation (the lock), so the
 * number reported on Friday is not rewritten long after the fact.
 */
import { addDays, isCalendarDate } from './dates';
import type { AttributionRules } from './model';

export type SourcedWindowCheck =
  | { status: 'unknown' }
  | { status: 'inside'; deadline: string }
  | { status: 'outside'; deadline: string };

export type LockState =
  | { status: 'unknown' }
  | { status: 'open'; locksOn: string }
  | { status: 'locked'; lockedOn: string };

/**
 * Whether a sourced claim rests on a touch dated no later than `createdDate + sourcedWindowDays` (the
 * deadline; touches before creation count too: that is where sourcing happens). 'unknown' when the created
 * date is unknown or unreadable, so the panel can say no window check was possible rather than guess.
 * Without a dated touch the claim is 'outside': it rests on no evidence. Touch dates that are not real
 * calendar dates are ignored.
 */
export function checkSourcedWindow(
  input: { createdDate?: string; touchDates: readonly string[] },
  rules: Pick<AttributionRules, 'sourcedWindowDays'>,
): SourcedWindowCheck {
  if (input.createdDate === undefined || !isCalendarDate(input.createdDate)) return { status: 'unknown' };
  const deadline = addDays(input.createdDate, rules.sourcedWindowDays);
  // Real YYYY-MM-DD dates compare as strings in calendar order.
  const inside = input.touchDates.some((date) => isCalendarDate(date) && date <= deadline);
  return { status: inside ? 'inside' : 'outside', deadline };
}

/**
 * Whether attribution is still open: it locks `lockAfterDays` after the opportunity was created (locked
 * from that day on, `today >= createdDate + lockAfterDays`); later changes need a reason. 'unknown' when the
 * created date is unknown or unreadable. `today` is passed in (a calendar date) so this stays pure.
 */
export function getLockState(
  createdDate: string | undefined,
  today: string,
  rules: Pick<AttributionRules, 'lockAfterDays'>,
): LockState {
  if (!isCalendarDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  if (createdDate === undefined || !isCalendarDate(createdDate)) return { status: 'unknown' };
  const locksOn = addDays(createdDate, rules.lockAfterDays);
  return today >= locksOn ? { status: 'locked', lockedOn: locksOn } : { status: 'open', locksOn };
}
