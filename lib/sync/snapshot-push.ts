/**
 * Sends frozen weekly snapshots to the org as Partner_Attribution_Summary__c records, inside the sync cycle
 * (run.ts `runSync`), after the attributions: up to 200 records per sObject Collections upsert by
 * external id, only snapshots the org does not have yet. What a call achieved is recorded in one
 * transaction after it answers; a worker killed in between sends the same records again, harmlessly.
 */
import { MAX_COLLECTION_RECORDS } from '../crm/salesforce/limits';
import type { PartnerLedgerDb, SnapshotRow } from '../store/db';
import { readSetting } from '../store/settings';
import { unsyncedSnapshots } from '../store/snapshots';
import { SUMMARY_EXTERNAL_ID, SUMMARY_OBJECT } from '../crm/salesforce/org-objects';
import { toSummaryRecords } from './summary-records';
import { isSyncError, type OrgSummaryBody, type SyncApi, type UpsertResult } from './types';

export interface SummaryPushReport {
  calls: number;
  /** Snapshots now fully in the org. */
  synced: number;
  /** Snapshots the org refused (they stay unsynced, with the reason). */
  failed: number;
  /** Snapshots waiting because the Salesforce user is not known yet. */
  waiting: number;
  /** False when the budget stopped the push before the last snapshot. */
  complete: boolean;
}

interface Planned {
  row: SnapshotRow;
  records: OrgSummaryBody[];
}

/** Error kinds that concern the summary object alone: recorded on the snapshots, and attribution sync goes on. */
const OBJECT_PROBLEMS = new Set(['not_installed', 'not_found', 'invalid_request', 'forbidden']);

function describe(result: UpsertResult | undefined): string {
  if (!result) return 'Salesforce gave no answer for this record.';
  const text = result.errors.map((error) => [error.statusCode, error.message].filter(Boolean).join(': ')).join(' ');
  return text || 'Salesforce refused the record.';
}

/**
 * Pushes unsynced snapshots of an org. Snapshots frozen before the Salesforce user was known get that
 * user now (`userId`), as the records' external ids name the user. `shouldContinue` is sync's budget check.
 */
export async function pushSnapshots(
  ctx: { db: PartnerLedgerDb; api: SyncApi; multiCurrency?: boolean },
  orgKey: string,
  options: { shouldContinue?: () => boolean } = {},
): Promise<SummaryPushReport> {
  const { db } = ctx;
  const report: SummaryPushReport = { calls: 0, synced: 0, failed: 0, waiting: 0, complete: true };
  const user = await readSetting(db, 'user');
  const pending = await unsyncedSnapshots(db, orgKey);
  const planned: Planned[] = [];
  for (const row of pending) {
    const userId = row.userId ?? user?.userId;
    if (!userId) {
      report.waiting++;
      continue;
    }
    const records = toSummaryRecords({ ...row, userId }, { multiCurrency: ctx.multiCurrency ?? false });
    planned.push({ row: { ...row, userId }, records });
  }

  // Whole snapshots per call, so a snapshot is synced or not as a unit.
  while (planned.length) {
    if (options.shouldContinue && !options.shouldContinue()) {
      report.complete = false;
      break;
    }
    const batch: Planned[] = [];
    let size = 0;
    while (planned.length && size + planned[0]!.records.length <= MAX_COLLECTION_RECORDS) {
      const next = planned.shift()!;
      batch.push(next);
      size += next.records.length;
    }
    if (batch.length === 0) batch.push(planned.shift()!); // a snapshot of over 200 currencies cannot happen; never loop
    const records = batch.flatMap((item) => item.records);
    let results: readonly UpsertResult[] = [];
    let refusal: string | undefined;
    try {
      if (records.length) {
        results = await ctx.api.upsertCollection(SUMMARY_OBJECT, SUMMARY_EXTERNAL_ID, records);
        report.calls++;
      }
    } catch (error) {
      if (!isSyncError(error) || !OBJECT_PROBLEMS.has(error.kind)) throw error;
      report.calls++;
      refusal = error.message;
    }
    await db.transaction('rw', db.summaries, async () => {
      let offset = 0;
      for (const item of batch) {
        const answers = results.slice(offset, offset + item.records.length);
        offset += item.records.length;
        const stored = await db.summaries.get([item.row.orgKey, item.row.weekKey]);
        if (!stored) continue;
        const ok =
          refusal === undefined && answers.length === item.records.length && answers.every((answer) => answer.success);
        if (ok) {
          const remoteIds: Record<string, string> = { ...stored.remoteIds };
          item.row.figures.byCurrency.forEach((figures, i) => {
            const id = answers[i]?.id;
            if (id) remoteIds[figures.currency] = id;
          });
          const { lastSyncError: _cleared, ...rest } = stored;
          const ids = Object.keys(remoteIds).length ? { remoteIds } : {};
          await db.summaries.put({ ...rest, userId: item.row.userId!, synced: 1, ...ids });
          report.synced++;
        } else {
          const why = refusal ?? describe(answers.find((answer) => !answer.success));
          await db.summaries.put({ ...stored, userId: item.row.userId!, lastSyncError: why });
          report.failed++;
        }
      }
    });
    // The org refused the object itself: the other snapshots would meet the same answer.
    if (refusal !== undefined) break;
  }
  return report;
}
