/**
 * The pull: reads what changed in the org, page by page, and hands the records it can read to
 * apply-remote.ts. It exists apart from the push because it owns the incremental cursor (`pullCursor`)
 * and the reading of untrusted records: one the schemas refuse is skipped and reported, never stored,
 * and never allowed to stop a sync.
 *
 * The MV3 worker can die at any await: no API call is made inside a transaction, and each page is applied
 * in ONE transaction that also moves the cursor. Records read twice merge to no change.
 */
import { opportunityOf } from '../store/opportunities';
import { toOpportunityId } from '../record-id';
import type { SyncStateRow } from '../store/db';
import { patchSyncState } from '../store/sync-state';
import { enqueue } from '../store/attributions';
import { checkRemote } from './check-remote';
import { applyRemoteRecords, applyTables, rowOfRecord } from './apply-remote';
import { pullQuery, rawAttributionRecordSchema, readOrgRecord, type RemoteAttribution } from './records';
import type { SyncContext } from './types';

export interface UnreadableRecord {
  externalId?: string;
  remoteId?: string;
  /** The org field at fault (`Note__c`, `Touches__c[2].createdAt`). */
  field: string;
  reason: string;
}

export interface PullReport {
  pulled: number;
  /** Records that changed something here. */
  merged: number;
  skipped: number;
  /** Attributions queued because the org was behind this browser. */
  enqueued: number;
  calls: number;
  unreadable: UnreadableRecord[];
  /** False when the pull stopped before the last page (budget); the cursor keeps its place. */
  complete: boolean;
}

function emptyReport(): PullReport {
  return { pulled: 0, merged: 0, skipped: 0, enqueued: 0, calls: 0, unreadable: [], complete: true };
}

interface ReadRecords {
  readable: RemoteAttribution[];
  unreadable: UnreadableRecord[];
  /** Latest SystemModstamp among all records, readable or not. */
  newestModstamp?: string;
}

/**
 * Reads and checks each record on its own: one the record schema or the store's row schemas refuse
 * (check-remote.ts) is set aside with its field and reason, and the others go on.
 */
function readRecords(raws: readonly unknown[], orgKey: string, nowMs: number): ReadRecords {
  const out: ReadRecords = { readable: [], unreadable: [] };
  const now = new Date(nowMs).toISOString();
  for (const raw of raws) {
    const result = readOrgRecord(raw);
    const modstamp = result.ok ? result.record.systemModstamp : result.systemModstamp;
    if (modstamp && (out.newestModstamp === undefined || modstamp > out.newestModstamp)) out.newestModstamp = modstamp;
    if (!result.ok) {
      out.unreadable.push({
        ...(result.externalId ? { externalId: result.externalId } : {}),
        ...(result.remoteId ? { remoteId: result.remoteId } : {}),
        field: result.field,
        reason: result.reason,
      });
      continue;
    }
    const refusal = checkRemote(result.record, orgKey, now);
    if (refusal) {
      out.unreadable.push({
        externalId: result.record.state.id,
        ...(result.record.remoteId ? { remoteId: result.record.remoteId } : {}),
        field: refusal.field,
        reason: `${refusal.field} ${refusal.reason}`,
      });
      continue;
    }
    out.readable.push(result.record);
  }
  return out;
}

/**
 * A refused record that stands for an attribution this browser has: the org's copy is broken (a teammate or
 * a tool wrote what no browser can read), so this browser's valid copy is queued to write over it. Call
 * inside the page's transaction.
 */
async function repairRefused(ctx: SyncContext, orgKey: string, read: ReadRecords, now: string): Promise<number> {
  const { db } = ctx;
  let queued = 0;
  for (const record of read.unreadable) {
    const id = record.externalId?.toLowerCase();
    if (!id) continue;
    const row = await rowOfRecord(db, orgKey, id);
    if (!row) continue;
    const covered = await db.outbox
      .where('attributionId')
      .equals(row.id)
      .filter((entry) => entry.orgKey === orgKey)
      .count();
    if (covered) continue;
    await enqueue(db, row, { now });
    queued++;
  }
  return queued;
}

/** The most refused records the sync state lists; the oldest give way. */
export const MAX_REFUSED_RECORDS = 200;

/** The key of a refused record in the sync state: its record id, else its external id. */
function refusalKey(record: { remoteId?: string; externalId?: string }): string | undefined {
  return (record.remoteId ?? record.externalId)?.slice(0, 40) || undefined;
}

/**
 * Lists this page's refused records in the sync state and forgets earlier refusals of records that now read
 * well (a teammate fixed them). Call inside the page's transaction.
 */
export function noteRefusals(state: SyncStateRow, read: ReadRecords, now: string): void {
  const refused = { ...state.refusedRecords };
  for (const record of read.readable) {
    for (const key of [record.remoteId, record.state.id]) if (key) delete refused[key];
    for (const [key, entry] of Object.entries(refused)) if (entry.externalId === record.state.id) delete refused[key];
  }
  for (const record of read.unreadable) {
    const key = refusalKey(record);
    if (!key) continue;
    refused[key] = {
      ...(record.externalId ? { externalId: record.externalId.slice(0, 255) } : {}),
      ...(record.remoteId ? { remoteId: record.remoteId.slice(0, 40) } : {}),
      field: record.field.slice(0, 200),
      reason: record.reason.slice(0, 1_000),
      at: now,
    };
  }
  const keys = Object.keys(refused);
  if (keys.length > MAX_REFUSED_RECORDS) {
    keys
      .sort((a, b) => (refused[a]!.at < refused[b]!.at ? -1 : refused[a]!.at > refused[b]!.at ? 1 : 0))
      .slice(0, keys.length - MAX_REFUSED_RECORDS)
      .forEach((key) => {
        delete refused[key];
      });
  }
  if (Object.keys(refused).length) state.refusedRecords = refused;
  else delete state.refusedRecords;
}

/**
 * Reads every record changed since `syncState.pullCursor` (SystemModstamp, with a minute of overlap),
 * oldest change first, following `nextRecordsUrl`. Each page is applied in ONE transaction that also moves
 * the cursor, so a worker killed between pages resumes after the last page it applied. Records read twice
 * (the overlap, a repeated page) merge to no change. Unreadable records are skipped and reported; local data
 * is never deleted because of them.
 */
export async function pullChanges(
  ctx: SyncContext,
  orgKey: string,
  options: { shouldContinue?: () => boolean } = {},
): Promise<PullReport> {
  const { db } = ctx;
  const report = emptyReport();
  const cursor = (await db.syncState.get(orgKey))?.pullCursor;
  let page = await ctx.api.query(pullQuery(cursor), rawAttributionRecordSchema);
  report.calls++;
  for (;;) {
    const last = page.done || !page.nextRecordsUrl;
    const nowMs = ctx.now();
    const read = readRecords(page.records, orgKey, nowMs);
    const counts = await db.transaction('rw', applyTables(db), async () => {
      const counts = await applyRemoteRecords(ctx, orgKey, read.readable, nowMs);
      counts.enqueued += await repairRefused(ctx, orgKey, read, new Date(nowMs).toISOString());
      await patchSyncState(db, orgKey, (state) => {
        noteRefusals(state, read, new Date(nowMs).toISOString());
        const newest = read.newestModstamp;
        if (newest && (!state.pullCursor || newest > state.pullCursor)) state.pullCursor = newest;
        if (last) state.lastPullAt = new Date(nowMs).toISOString();
      });
      return counts;
    });
    report.pulled += page.records.length;
    report.merged += counts.merged;
    report.enqueued += counts.enqueued;
    report.skipped += read.unreadable.length;
    report.unreadable.push(...read.unreadable);
    if (last) break;
    if (options.shouldContinue && !options.shouldContinue()) {
      report.complete = false;
      break;
    }
    page = await ctx.api.queryMore(page.nextRecordsUrl!, rawAttributionRecordSchema);
    report.calls++;
  }
  return report;
}

/** One page of an opportunity's attributions, as a subquery answers it. */
interface AttributionsPage {
  totalSize?: number;
  done: boolean;
  nextRecordsUrl?: string | null;
  records: readonly unknown[];
}

/** An Opportunity queried with its attributions (`Partner_Attributions__r`), as far as this needs it. */
export interface OpportunityWithAttributions {
  Name?: string | null;
  Partner_Attributions__r?: AttributionsPage | null;
}

/**
 * Applies the attributions of one opportunity from a record the caller fetched with one query
 * (`opportunityWithAttributionsQuery` + `rawAttributionRecordSchema`), and notes when they were pulled.
 * Does not move the incremental cursor: the next incremental pull reads these records again, harmlessly.
 */
export async function pullOpportunity(
  ctx: SyncContext,
  orgKey: string,
  opportunityId: string,
  record: OpportunityWithAttributions,
): Promise<PullReport> {
  const id = toOpportunityId(opportunityId);
  if (!id) throw new RangeError(`Not an opportunity id: ${opportunityId}`);
  const report = emptyReport();
  let children = record.Partner_Attributions__r ?? null;
  const raws: unknown[] = [...(children?.records ?? [])];
  while (children && !children.done && children.nextRecordsUrl) {
    const page = await ctx.api.queryMore(children.nextRecordsUrl, rawAttributionRecordSchema);
    report.calls++;
    raws.push(...page.records);
    children = page;
  }
  const nowMs = ctx.now();
  const now = new Date(nowMs).toISOString();
  const read = readRecords(raws, orgKey, nowMs);
  const { db } = ctx;
  const counts = await db.transaction('rw', applyTables(db), async () => {
    const counts = await applyRemoteRecords(ctx, orgKey, read.readable, nowMs);
    counts.enqueued += await repairRefused(ctx, orgKey, read, now);
    await patchSyncState(db, orgKey, (state) => noteRefusals(state, read, now));
    // Another org's facts under the same id (a sandbox copy) are not this org's: this org's replace them.
    const opportunity = await opportunityOf(db, orgKey, id);
    if (opportunity) {
      await db.opportunities.update(id, { attributionsPulledAt: now });
    } else if (record.Name) {
      const seen = { source: 'api', seenAt: now, attributionsPulledAt: now } as const;
      await db.opportunities.put({ id, orgKey, name: record.Name, ...seen });
    }
    return counts;
  });
  report.pulled = raws.length;
  report.merged = counts.merged;
  report.enqueued = counts.enqueued;
  report.skipped = read.unreadable.length;
  report.unreadable = read.unreadable;
  return report;
}
