/**
 * The pull: reads what changed in the org, page by page, and hands the records it can read to
 * apply-remote.ts. It exists apart from the push because it owns the incremental cursor (`pullCursor`)
 * and the reading of untrusted records: one the schemas refuse is skipped and reported, never stored,
 * and never allowed to stop a sync.
 *
 * The MV3 worker can die at any await: no API call is made inside a transaction, and each page is applied
 * in ONE transaction that also moves the cursor. Records read twice merge to no change.
 */
import { toOpportunityId } from '../record-id';
import { patchSyncState } from '../store/sync-state';
import { applyRemoteRecords, applyTables } from './apply-remote';
import { pullQuery, rawAttributionRecordSchema, readOrgRecord, type RemoteAttribution } from './records';
import type { SyncContext } from './types';

export interface UnreadableRecord {
  externalId?: string;
  remoteId?: string;
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

function readRecords(raws: readonly unknown[]): ReadRecords {
  const out: ReadRecords = { readable: [], unreadable: [] };
  for (const raw of raws) {
    const result = readOrgRecord(raw);
    const modstamp = result.ok ? result.record.systemModstamp : result.systemModstamp;
    if (modstamp && (out.newestModstamp === undefined || modstamp > out.newestModstamp)) out.newestModstamp = modstamp;
    if (result.ok) out.readable.push(result.record);
    else {
      out.unreadable.push({
        ...(result.externalId ? { externalId: result.externalId } : {}),
        ...(result.remoteId ? { remoteId: result.remoteId } : {}),
        reason: result.reason,
      });
    }
  }
  return out;
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
    const read = readRecords(page.records);
    const nowMs = ctx.now();
    const counts = await db.transaction('rw', applyTables(db), async () => {
      const counts = await applyRemoteRecords(ctx, orgKey, read.readable, nowMs);
      await patchSyncState(db, orgKey, (state) => {
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
  const read = readRecords(raws);
  const nowMs = ctx.now();
  const now = new Date(nowMs).toISOString();
  const { db } = ctx;
  const counts = await db.transaction('rw', applyTables(db), async () => {
    const counts = await applyRemoteRecords(ctx, orgKey, read.readable, nowMs);
    const opportunity = await db.opportunities.get(id);
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
