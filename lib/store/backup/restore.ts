import { AppError, messageOf } from '../../errors';
import { MAX_AHEAD_MS, parseVersion, type Clock } from '../../time/hlc';
import { SCHEMA_VERSION, type Actor, type PartnerLedgerDb } from '../db';
import { outboxEntryFor } from '../migrations/v002-to-v003';
import { clockSchema, DATA_TABLE_NAMES } from '../rows';
import { readSetting, writeSetting, type SettingValue } from '../settings';
import { BACKUP_FORMAT, countBackupRows, type BackupCounts, type BackupFile } from './format';

/** Stored in settings under `lastRestore` by `restoreBackup`. */
export type LastRestore = SettingValue<'lastRestore'>;

/** Stamps of the restore, passed in so tests control time and identity. */
export interface RestoreContext {
  now: string;
  actor?: Actor;
}

/**
 * Replaces everything in the database with a checked backup (from `parseBackup`), in one transaction over
 * every table: if any write fails, the transaction aborts and the database keeps what it had.
 *
 * Four settings are not taken from the file as they are. A file without the Slack webhook (backups leave
 * it out unless asked) keeps this browser's webhook. This browser keeps its own `deviceId`: it names
 * the author of changes made here, and two browsers restored from one file must not pass for the same
 * device. Its `clock` never goes back: it becomes the latest of this browser's clock, the file's and every
 * restored version, so a change made after the restore is newer than what was restored. And the restore is
 * recorded in `lastRestore` rather than in the audit log: the audit log is part of what is being replaced
 * (it comes back exactly as the file has it), and its entries describe changes to one partner,
 * attribution or touch, which a restore is not.
 *
 * The sync machinery starts over: what was waiting in the outbox belonged to the replaced data, and the
 * sync state's cursors describe what the replaced data had seen of the org. Every restored attribution,
 * tombstones included, is queued for the org; the next pull, from the start, brings what the org has,
 * and versions decide which copy of each record stands.
 */
export async function restoreBackup(
  db: PartnerLedgerDb,
  backup: BackupFile,
  change: RestoreContext = { now: new Date().toISOString() },
): Promise<BackupCounts> {
  if (backup.format !== BACKUP_FORMAT || backup.schemaVersion !== SCHEMA_VERSION) {
    throw new AppError('invalid_request', 'This backup has not been checked for this version of Partner Ledger.');
  }
  const counts = countBackupRows(backup);
  const { tables } = backup;
  const replaced = [...DATA_TABLE_NAMES.map((name) => db.table(name)), db.outbox, db.syncState];
  try {
    await db.transaction('rw', replaced, async () => {
      const ownDevice = await db.settings.get('deviceId');
      const ownClock = await readSetting(db, 'clock');
      const ownSummary = await readSetting(db, 'summary');
      await Promise.all(replaced.map((table) => table.clear()));
      await db.partners.bulkAdd(tables.partners);
      await db.attributions.bulkAdd(tables.attributions);
      await db.touches.bulkAdd(tables.touches);
      await db.opportunities.bulkAdd(tables.opportunities);
      await db.audit.bulkAdd(tables.audit);
      // Snapshots come back as reported, with whether the org has them.
      await db.summaries.bulkAdd(tables.summaries);
      await db.settings.bulkAdd(
        tables.settings.filter(
          (row) => row.key !== 'lastRestore' && row.key !== 'clock' && !(ownDevice && row.key === 'deviceId'),
        ),
      );
      // This browser's own row, as it was.
      if (ownDevice) await db.settings.add(ownDevice);
      // A backup leaves the Slack webhook out unless asked: restoring one must not forget this browser's.
      const restoredSummary = await readSetting(db, 'summary');
      if (ownSummary?.webhookUrl && !restoredSummary?.webhookUrl) {
        await writeSetting(db, 'summary', { ...(restoredSummary ?? ownSummary), webhookUrl: ownSummary.webhookUrl });
      }
      const clock = latestClock(Date.parse(change.now), [
        ownClock,
        tables.settings.find((row) => row.key === 'clock')?.value,
        ...tables.attributions.map((row) => row.version),
        ...tables.touches.map((row) => row.version),
      ]);
      if (clock) await writeSetting(db, 'clock', clock);
      await db.outbox.bulkAdd(tables.attributions.map((row) => outboxEntryFor(row, change.now)));
      const lastRestore: LastRestore = {
        at: change.now,
        fileExportedAt: backup.exportedAt,
        counts,
        ...(change.actor ? { by: change.actor } : {}),
      };
      await writeSetting(db, 'lastRestore', lastRestore);
    });
  } catch (error) {
    const detail = messageOf(error);
    throw new AppError('internal', `The backup could not be restored, so nothing was changed (${detail}).`);
  }
  return counts;
}

/**
 * The latest of some clocks (`clock` settings) and versions, or undefined when there are none. A clock
 * that cannot be read is passed over: one from the file was checked, and this browser's own is replaced.
 */
function latestClock(nowMs: number, sources: readonly unknown[]): Clock | undefined {
  let latest: Clock | undefined;
  for (const source of sources) {
    const clock = typeof source === 'string' ? parseVersion(source) : clockSchema.safeParse(source).data;
    // A file can say anything: a clock or version far ahead of now does not move this browser's clock.
    if (!clock || (Number.isFinite(nowMs) && clock.wallMs > nowMs + MAX_AHEAD_MS)) continue;
    const later =
      !latest || clock.wallMs > latest.wallMs || (clock.wallMs === latest.wallMs && clock.counter > latest.counter);
    if (later) latest = { wallMs: clock.wallMs, counter: clock.counter };
  }
  return latest;
}
