/**
 * Between a stored snapshot row and the summary's snapshot shapes. Pure; freezing and comparing are the
 * core's (lib/attribution/snapshot.ts).
 */
import type { SummarySnapshot } from '../../attribution/summary-types';
import type { SummaryRow } from '../../store/db';

export { compareSnapshot, freezeSnapshot } from '../../attribution/snapshot';

/** A stored row without its sync bookkeeping. */
export function snapshotOf(row: SummaryRow): SummarySnapshot {
  return { orgKey: row.orgKey, weekKey: row.weekKey, frozenAt: row.frozenAt, figures: row.figures, byPartner: row.byPartner, deals: row.deals };
}
