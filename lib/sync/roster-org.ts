/**
 * Which org this browser's roster is kept with (docs/roster.md, "One org's roster"): the setting `rosterOrg`, and
 * the user's choice to move it to another org. lib/sync/roster.ts reads it before each roster cycle.
 */
import type { PartnerLedgerDb } from '../store/db';
import { readSetting, writeSetting } from '../store/settings';
import { patchSyncState } from '../store/sync-state';

/**
 * The org this browser's roster is kept with: the first whose roster it joined. A browser holds one roster, so it
 * reads partners from one org and writes them to that org only: a sandbox copied from production (with
 * production's partner ids) and production itself never overwrite each other's roster through it.
 */
export async function rosterOrgOf(db: PartnerLedgerDb): Promise<string | undefined> {
  return readSetting(db, 'rosterOrg');
}

/**
 * The user chose to keep this browser's roster with another org (options → Partners): that org's roster is
 * merged next, after its preview, and the org it was kept with is neither read nor written from then on. Every
 * partner counts as new to the org until the merge says otherwise, so the preview's count is what is written.
 */
export async function keepRosterWith(db: PartnerLedgerDb, orgKey: string): Promise<void> {
  await db.transaction('rw', [db.syncState, db.settings, db.partners], async () => {
    if ((await rosterOrgOf(db)) === orgKey) return;
    await patchSyncState(db, orgKey, (state) => {
      delete state.rosterJoinedAt;
      delete state.rosterCursor;
    });
    await db.partners.toCollection().modify((partner) => {
      delete partner.orgSyncedAt;
    });
    await writeSetting(db, 'rosterOrg', orgKey);
  });
}

/** This browser's roster joined the org's roster at `at`: that org is the one it is kept with from now on. */
export async function markRosterJoined(db: PartnerLedgerDb, orgKey: string, at: string): Promise<void> {
  await db.transaction('rw', [db.syncState, db.settings], async () => {
    await patchSyncState(db, orgKey, (state) => {
      state.rosterJoinedAt = at;
      delete state.rosterCursor;
    });
    await writeSetting(db, 'rosterOrg', orgKey);
  });
}
