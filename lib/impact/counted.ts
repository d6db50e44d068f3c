/**
 * Deals known only by a count. The org counts the lost deals without partners in one aggregate query rather
 * than sending them one by one: a lost deal adds to a group's closed deals and nothing else (no deal size, no
 * sales cycle, no partner), so a count is all the report needs of it. Pure.
 */
import { UNKNOWN_CURRENCY } from '../attribution/credit';
import type { ImpactDeal } from './groups';

/** `count` lost deals without partners, closed in the period that starts on `closeDate`, for `buildImpactReport`. */
export function countedLostDeals(count: number, closeDate: string): ImpactDeal[] {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`A count must be a whole number ≥ 0: ${count}`);
  return Array.from({ length: count }, (_, i) => ({
    id: `counted-lost-${i + 1}`,
    group: 'none',
    won: false,
    closeDate,
    amountCents: null,
    currency: UNKNOWN_CURRENCY,
    cycleDays: null,
    disputed: false,
    partners: [],
  }));
}
