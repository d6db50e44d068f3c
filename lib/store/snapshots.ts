/**
 * Frozen weekly snapshots: what was reported for a week, kept as it was. A snapshot is written once and
 * never overwritten; only its sync bookkeeping changes afterwards.
 */
import type { WeeklySummary } from '../attribution/summary-types';
import { freezeSnapshot } from '../attribution/snapshot';
import type { SummaryScope } from '../attribution/summary-scope';
import type { PartnerLedgerDb, SnapshotRow } from './db';

/**
 * Freezes a week's summary unless that week is frozen already (checked and written in one transaction,
 * so two freezes racing leave the first). Resolves the new row, or undefined when one existed.
 */
export async function freezeOnce(
  db: PartnerLedgerDb,
  orgKey: string,
  summary: WeeklySummary,
  frozenAt: string,
  userId?: string,
  scope: SummaryScope = 'team',
): Promise<SnapshotRow | undefined> {
  return db.transaction('rw', db.summaries, async () => {
    if (await db.summaries.get([orgKey, summary.week.key])) return undefined;
    const row: SnapshotRow = {
      ...freezeSnapshot(summary, orgKey, frozenAt, scope),
      ...(userId ? { userId } : {}),
      synced: 0,
    };
    await db.summaries.add(row);
    return row;
  });
}

/**
 * Team snapshots of an org the org does not have yet, oldest week first. The org's summary records are the
 * team's number as reported to leadership: a snapshot of the user's own number stays in this browser
 * (docs/weekly-summary.md). A row without a scope was frozen before the choice existed, and is the team's.
 */
export async function unsyncedSnapshots(db: PartnerLedgerDb, orgKey: string): Promise<SnapshotRow[]> {
  const rows = await db.summaries.where('synced').equals(0).toArray();
  return rows
    .filter((row) => row.orgKey === orgKey && (row.scope ?? 'team') === 'team')
    .sort((a, b) => a.weekKey.localeCompare(b.weekKey));
}
