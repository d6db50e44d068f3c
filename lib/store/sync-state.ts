import type { PartnerLedgerDb, SyncStateRow } from './db';

/**
 * Changes the sync state row of one org (cursors, usage, stops, backoff), creating it when there is none.
 * The row is read and written whole, so a step that sets one field keeps what the others set. Call it
 * inside a transaction over `syncState`, so two steps cannot interleave their reads and writes.
 */
export async function patchSyncState(
  db: PartnerLedgerDb,
  orgKey: string,
  change: (state: SyncStateRow) => void,
): Promise<void> {
  const state: SyncStateRow = { ...((await db.syncState.get(orgKey)) ?? { orgKey }) };
  change(state);
  await db.syncState.put(state);
}
