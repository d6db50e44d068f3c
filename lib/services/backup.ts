/** Backups of the whole ledger: written as JSON, and restored only from a file checked in full first. */
import { AppError } from '../errors';
import { createBackup, type BackupOptions } from '../store/backup/create';
import { parseBackup } from '../store/backup/format';
import { restoreBackup } from '../store/backup/restore';
import type { PartnerLedgerDb } from '../store/db';

/** What a restore replaced the data with. */
export interface RestoreResult {
  exportedAt: string;
  counts: Record<string, number>;
}

export interface BackupServiceDeps {
  db: PartnerLedgerDb;
  now: () => Date;
}

export function createBackupService({ db, now }: BackupServiceDeps) {
  return {
    async create(options: BackupOptions = {}): Promise<{ json: string; fileName: string }> {
      const at = now().toISOString();
      const backup = await createBackup(db, at, options);
      return { json: JSON.stringify(backup, null, 2), fileName: `partner-ledger-backup-${at.slice(0, 10)}.json` };
    },
    /** Every problem is listed, and nothing is written, unless the whole file is sound. */
    async restore(text: string): Promise<RestoreResult> {
      const parsed = parseBackup(text);
      if (!parsed.ok) throw new AppError('invalid_request', parsed.problems.join('\n'));
      const counts = await restoreBackup(db, parsed.backup);
      return { exportedAt: parsed.backup.exportedAt, counts };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
