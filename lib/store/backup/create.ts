import { SCHEMA_VERSION, type PartnerLedgerDb, type SettingRow } from '../db';
import { DATA_TABLE_NAMES } from '../rows';
import { IMPACT_PREFIX, READY_PREFIX } from '../settings';
import { BACKUP_FORMAT, type BackupFile } from './format';

/**
 * Backup of the user's data in this browser: partners, attributions, touches, opportunities, history,
 * settings and the frozen weekly snapshots. A backup file is the way to move to another browser or recover
 * from a reset profile. The sync machinery (the outbox and the sync state) is not in it: a restore
 * rebuilds it.
 */

export interface BackupOptions {
  /**
   * The Slack webhook's address is a secret: whoever has it can post to the channel. It is left out of
   * the file unless the user asks for it.
   */
  includeWebhook?: boolean;
}

/** The summary settings without the webhook's address. */
function withoutWebhook(row: SettingRow): SettingRow {
  if (row.key !== 'summary' || typeof row.value !== 'object' || row.value === null) return row;
  const { webhookUrl: _left, ...rest } = row.value as Record<string, unknown>;
  return { key: row.key, value: rest };
}

/** Every row of every data table, read in one transaction so the file is a consistent snapshot. */
export async function createBackup(db: PartnerLedgerDb, now: string, options: BackupOptions = {}): Promise<BackupFile> {
  const tables = DATA_TABLE_NAMES.map((name) => db.table(name));
  return db.transaction('r', tables, async () => {
    const [partners, attributions, touches, opportunities, audit, settings, summaries] = await Promise.all([
      db.partners.toArray(),
      db.attributions.toArray(),
      db.touches.toArray(),
      db.opportunities.toArray(),
      db.audit.toArray(),
      // Reports computed ahead are derived data: they are made again after a restore.
      db.settings.filter((row) => !row.key.startsWith(READY_PREFIX) && !row.key.startsWith(IMPACT_PREFIX)).toArray(),
      db.summaries.toArray(),
    ]);
    // A snapshot frozen before scopes were recorded is the team's: the file says so (rows.ts).
    const scoped = summaries.map((row) => ({ ...row, scope: row.scope ?? ('team' as const) }));
    return {
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: now,
      tables: {
        partners,
        attributions,
        touches,
        opportunities,
        audit,
        settings: options.includeWebhook ? settings : settings.map(withoutWebhook),
        summaries: scoped,
      },
    };
  });
}

/** The name offered when the backup is downloaded, dated by the export (UTC). */
export function backupFileName(exportedAt: string): string {
  return `partner-ledger-backup-${exportedAt.slice(0, 10)}.json`;
}
