/**
 * The sync engine: the thin adapter between the Dexie store and the org's REST API (`SyncApi`). The
 * decisions are pure (merge.ts, records.ts, backoff.ts); this file reads and writes rows around them.
 *
 * The MV3 worker can die at any await. Every step therefore keeps its progress in IndexedDB and can be
 * repeated: no API call is made inside a transaction, and what a call achieved is recorded in ONE
 * transaction after it answers. A step killed before that transaction is simply done again: an upsert by
 * external id twice is one record, and merging a record twice changes nothing.
 */
import type { CreditRules } from '../attribution/credit';
import { DEFAULT_RULES } from '../attribution/model';
import { MAX_COLLECTION_RECORDS } from '../crm/salesforce/limits';
import { toOpportunityId } from '../crm/salesforce/record-id';
import { enqueue } from '../store/attributions';
import { observeVersion } from '../store/clock';
import type { Actor, AttributionRow, AuditRow, PartnerLedgerDb, PartnerRow, SyncStateRow, TouchRow } from '../store/db';
import { DEFAULT_PAUSE_ABOVE_SHARE, nextRetryDelay, shouldPauseForUsage } from './backoff';
import { compareClockVersions, parseVersion } from './hlc';
import { mergeAttribution, sameState, type SyncAttribution, type SyncTouch } from './merge';
import { ATTRIBUTION_EXTERNAL_ID, ATTRIBUTION_OBJECT } from './org-schema';
import {
  creditShareOf,
  rawAttributionRecordSchema,
  readOrgRecord,
  toOrgRecord,
  toSyncAttribution,
  pullQuery,
  type RemoteAttribution,
} from './records';
import { pushSummaries } from './summary-push';
import { isSyncError, LIMIT_EXCEEDED, type ApiUsage, type OrgAttributionBody, type SyncApi, type UpsertResult } from './types';

/** After the org's daily allocation ran out, try again after this long (it is a rolling 24 hours). */
export const LIMIT_RETRY_MS = 60 * 60_000;

/** At most this many pushes (of up to 200 attributions each) in one sync. */
const MAX_PUSH_ROUNDS = 500;

/** Usage older than this no longer pauses sync: only a call can refresh it. */
export const USAGE_FRESH_MS = 60 * 60_000;

/** Shown for a teammate whose name the org did not give. */
const UNNAMED = 'A teammate';

export interface SyncContext {
  db: PartnerLedgerDb;
  api: SyncApi;
  /** Milliseconds since the epoch; injected so tests control time. */
  now: () => number;
  /** New local ids (partners created from the org). */
  newId: () => string;
  random?: () => number;
  /** The team's rules, for Credit__c. */
  rules?: CreditRules;
  /** Background sync pauses at or above this share of the org's daily API allocation (default 0.8). */
  pauseAboveShare?: number;
  /** The org has CurrencyIsoCode: summary records then carry their currency in it. */
  multiCurrency?: boolean;
}

export interface UnreadableRecord {
  externalId?: string;
  remoteId?: string;
  reason: string;
}

export interface PushReport {
  /** Records sent in the call (0: no call was made). */
  sent: number;
  succeeded: number;
  failed: { id: string; error: string }[];
  calls: number;
  /** Outbox rows left for this org. */
  remaining: number;
  /** Attributions left out because their last failure is still backing off. */
  deferred: number;
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

export type SyncStatus = 'synced' | 'paused' | 'waiting' | 'stopped';

export interface SyncSummary {
  status: SyncStatus;
  /** Why sync stopped or waits: the error kind (`session_expired`, `network`, …) or `budget`. */
  reason?: string;
  message?: string;
  retryAt?: string;
  pushed: number;
  pulled: number;
  merged: number;
  skipped: number;
  calls: number;
  /** Records the org refused in this run (they stay queued). */
  failedRecords: number;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** When a version was made, as a timestamp (the writer's clock). */
function versionTime(version: string): string | undefined {
  const parsed = parseVersion(version);
  return parsed ? iso(parsed.wallMs) : undefined;
}

function maxVersion(versions: Iterable<string>): string | undefined {
  let max: string | undefined;
  for (const version of versions) if (max === undefined || compareClockVersions(version, max) > 0) max = version;
  return max;
}

async function patchSyncState(db: PartnerLedgerDb, orgKey: string, change: (state: SyncStateRow) => void): Promise<void> {
  const state: SyncStateRow = { ...((await db.syncState.get(orgKey)) ?? { orgKey }) };
  change(state);
  await db.syncState.put(state);
}

/** Per-record push failures, so a record the org keeps refusing is retried with backoff, not in every call. */
interface PushFailure {
  version: string;
  attempts: number;
  retryAt: number;
  error: string;
}

function failuresKey(orgKey: string): string {
  return `sync.pushFailures.${orgKey}`;
}

async function readFailures(db: PartnerLedgerDb, orgKey: string): Promise<Record<string, PushFailure>> {
  return ((await db.settings.get(failuresKey(orgKey)))?.value as Record<string, PushFailure> | undefined) ?? {};
}

async function writeFailures(db: PartnerLedgerDb, orgKey: string, failures: Record<string, PushFailure>): Promise<void> {
  if (Object.keys(failures).length === 0) await db.settings.delete(failuresKey(orgKey));
  else await db.settings.put({ key: failuresKey(orgKey), value: failures });
}

function describeRecordErrors(result: UpsertResult | undefined): string {
  if (!result) return 'Salesforce gave no answer for this record.';
  const text = result.errors
    .map((error) => [error.statusCode, error.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join(' ');
  return text || 'Salesforce refused the record without saying why.';
}

/** The local state of one attribution as the merge sees it. */
async function localState(db: PartnerLedgerDb, row: AttributionRow): Promise<SyncAttribution> {
  const [touches, partner] = await Promise.all([db.touches.where({ attributionId: row.id }).toArray(), db.partners.get(row.partnerId)]);
  return toSyncAttribution(row, touches, partner);
}

// ---------------------------------------------------------------------------------------------------------
// Push

interface PushItem {
  id: string;
  /** The version sent: outbox rows up to it are acknowledged by a success. */
  version: string;
  /** What was sent, to notice a change made meanwhile without a newer version (a merge from the org). */
  state: SyncAttribution;
  body: OrgAttributionBody;
}

interface PushPlan {
  items: PushItem[];
  /** Outbox entries whose attribution no longer exists here. */
  orphans: string[];
  deferred: number;
}

async function planPush(ctx: SyncContext, orgKey: string, nowMs: number): Promise<PushPlan> {
  const { db } = ctx;
  const queued = await db.outbox.where('orgKey').equals(orgKey).toArray();
  queued.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const failures = await readFailures(db, orgKey);
  const newest = new Map<string, string>();
  for (const row of queued) {
    const seen = newest.get(row.attributionId);
    if (seen === undefined || compareClockVersions(row.version, seen) > 0) newest.set(row.attributionId, row.version);
  }
  // Oldest first, each attribution once; one that failed at its current version waits out its backoff.
  const ids: string[] = [];
  const considered = new Set<string>();
  let deferred = 0;
  for (const row of queued) {
    if (ids.length >= MAX_COLLECTION_RECORDS) break;
    if (considered.has(row.attributionId)) continue;
    considered.add(row.attributionId);
    const failure = failures[row.attributionId];
    if (failure && failure.retryAt > nowMs && compareClockVersions(newest.get(row.attributionId)!, failure.version) <= 0) {
      deferred++;
      continue;
    }
    ids.push(row.attributionId);
  }
  if (ids.length === 0) return { items: [], orphans: [], deferred };

  const rows = await db.attributions.bulkGet(ids);
  const orphans = ids.filter((_, i) => !rows[i]);
  const present = rows.filter((row): row is AttributionRow => row !== undefined);
  const [touches, partners] = await Promise.all([
    db.touches.where('attributionId').anyOf(present.map((row) => row.id)).toArray(),
    db.partners.bulkGet([...new Set(present.map((row) => row.partnerId))]),
  ]);
  const partnerById = new Map(partners.filter((p): p is PartnerRow => p !== undefined).map((p) => [p.id, p]));

  // Credit__c: each claim's share among the live claims of its opportunity, as this browser's rules say.
  const rules = ctx.rules ?? DEFAULT_RULES;
  const liveByOpportunity = new Map<string, { row: AttributionRow; touches: TouchRow[] }[]>();
  for (const opportunityId of new Set(present.map((row) => row.opportunityId))) {
    const [live, liveTouches] = await Promise.all([
      db.attributions.where({ opportunityId, deleted: 0 }).toArray(),
      db.touches.where({ opportunityId, deleted: 0 }).toArray(),
    ]);
    liveByOpportunity.set(
      opportunityId,
      live.map((row) => ({ row, touches: liveTouches.filter((touch) => touch.attributionId === row.id) })),
    );
  }

  const items: PushItem[] = [];
  for (const row of present) {
    const partner = partnerById.get(row.partnerId);
    // Partners in use cannot be deleted (lib/store/partners.ts); without one there is nothing to send yet.
    if (!partner) continue;
    const own = touches.filter((touch) => touch.attributionId === row.id);
    const share = creditShareOf(row, liveByOpportunity.get(row.opportunityId) ?? [], rules);
    items.push({
      id: row.id,
      version: row.version,
      state: toSyncAttribution(row, own, partner),
      body: toOrgRecord(row, own, partner, share),
    });
  }
  return { items, orphans, deferred };
}

/**
 * Sends the oldest queued changes, up to 200 attributions in one sObject Collections upsert by external id,
 * built from the attributions as they are NOW (a claim changed three times is sent once, as it stands).
 *
 * After the answer, in one transaction: a success removes that attribution's outbox rows up to the version
 * sent (a change queued meanwhile stays) and stores the record id; a refused record stays queued, moves
 * behind every other queued change, and waits out its own backoff (a later local change lifts the wait), so
 * one bad record never holds the others back nor costs a call in every sync. Killed after the org saved the
 * records but before that transaction, the next push sends them again: the same records, no duplicates.
 */
export async function pushOutbox(ctx: SyncContext, orgKey: string): Promise<PushReport> {
  const { db } = ctx;
  const plan = await db.transaction('r', [db.outbox, db.attributions, db.touches, db.partners, db.settings], () =>
    planPush(ctx, orgKey, ctx.now()),
  );
  if (plan.orphans.length) {
    await db.transaction('rw', [db.outbox], async () => {
      await db.outbox.where('attributionId').anyOf(plan.orphans).filter((row) => row.orgKey === orgKey).delete();
    });
  }
  if (plan.items.length === 0) {
    const remaining = await db.outbox.where('orgKey').equals(orgKey).count();
    return { sent: 0, succeeded: 0, failed: [], calls: 0, remaining, deferred: plan.deferred };
  }

  const results = await ctx.api.upsertCollection(
    ATTRIBUTION_OBJECT,
    ATTRIBUTION_EXTERNAL_ID,
    plan.items.map((item) => item.body),
  );

  const nowMs = ctx.now();
  const random = ctx.random ?? Math.random;
  return db.transaction('rw', [db.outbox, db.attributions, db.touches, db.partners, db.settings, db.syncState], async () => {
    const failures = await readFailures(db, orgKey);
    const failed: PushReport['failed'] = [];
    let succeeded = 0;
    for (const [i, item] of plan.items.entries()) {
      const result = results[i];
      const upTo = db.outbox
        .where('attributionId')
        .equals(item.id)
        .filter((row) => row.orgKey === orgKey && compareClockVersions(row.version, item.version) <= 0);
      if (result?.success) {
        succeeded++;
        await upTo.delete();
        delete failures[item.id];
        const row = await db.attributions.get(item.id);
        if (!row) continue;
        if (result.id && row.remoteId !== result.id) await db.attributions.update(row.id, { remoteId: result.id });
        // A merge from the org while the call was out changes touches without a newer version: send it again.
        const stillQueued = await db.outbox.where('attributionId').equals(row.id).count();
        if (stillQueued === 0 && !sameState(await localState(db, row), item.state)) {
          await enqueue(db, row, { now: iso(nowMs) });
        }
      } else {
        const error = describeRecordErrors(result);
        failed.push({ id: item.id, error });
        const acknowledged = await upTo.toArray();
        if (acknowledged.length) {
          await db.outbox.bulkDelete(acknowledged.map((row) => row.seq!));
          await db.outbox.add({
            orgKey,
            attributionId: item.id,
            version: maxVersion(acknowledged.map((row) => row.version))!,
            queuedAt: iso(nowMs),
          });
        }
        const previous = failures[item.id];
        const attempts = previous && previous.version === item.version ? previous.attempts + 1 : 1;
        failures[item.id] = { version: item.version, attempts, retryAt: nowMs + nextRetryDelay(attempts, random), error };
      }
    }
    await writeFailures(db, orgKey, failures);
    await patchSyncState(db, orgKey, (state) => {
      if (succeeded > 0) state.lastPushAt = iso(nowMs);
      if (failed.length > 0) state.lastError = `Salesforce refused ${failed.length === 1 ? 'a change' : `${failed.length} changes`}: ${failed[0]!.error}`;
    });
    const remaining = await db.outbox.where('orgKey').equals(orgKey).count();
    return { sent: plan.items.length, succeeded, failed, calls: 1, remaining, deferred: plan.deferred };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Applying records from the org

interface ApplyCounts {
  merged: number;
  enqueued: number;
}

function auditEntry(
  at: string,
  actor: Actor,
  entity: AuditRow['entity'],
  entityId: string,
  action: AuditRow['action'],
  before: unknown,
  after: unknown,
  opportunityId?: string,
): AuditRow {
  return { at, actor, entity, entityId, ...(opportunityId ? { opportunityId } : {}), action, before, after };
}

/** The local partner for a key, created from the record when the roster does not have it yet. */
async function partnerIdFor(
  ctx: SyncContext,
  merged: SyncAttribution,
  remote: RemoteAttribution,
  actor: Actor,
  now: string,
): Promise<string> {
  const { db } = ctx;
  const existing = await db.partners.where({ normalizedName: merged.partnerKey }).first();
  if (existing) return existing.id;
  const fromRecord = remote.state.partnerKey === merged.partnerKey;
  const partner: PartnerRow = {
    id: ctx.newId(),
    name: merged.partnerName || merged.partnerKey,
    normalizedName: merged.partnerKey,
    type: fromRecord ? remote.partnerType : null,
    tier: null,
    accountId: fromRecord ? remote.partnerAccountId : null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  await db.partners.add(partner);
  await db.audit.add(auditEntry(now, actor, 'partner', partner.id, 'create', null, partner));
  return partner.id;
}

function sameTouchRow(row: TouchRow, touch: SyncTouch, opportunityId: string): boolean {
  return (
    row.version === touch.version &&
    (row.deleted === 1) === touch.deleted &&
    row.type === touch.type &&
    row.date === touch.date &&
    row.note === touch.note &&
    row.link === touch.link &&
    row.createdAt === touch.createdAt &&
    row.opportunityId === opportunityId
  );
}

function sameClaim(a: SyncAttribution, b: SyncAttribution): boolean {
  return (
    a.opportunityId === b.opportunityId &&
    a.partnerKey === b.partnerKey &&
    a.kind === b.kind &&
    a.note === b.note &&
    a.windowOverrideReason === b.windowOverrideReason &&
    a.deleted === b.deleted
  );
}

/** Writes a merged state over the local rows, with audit entries in the name of whoever changed it in the org. */
async function writeMerged(
  ctx: SyncContext,
  orgKey: string,
  before: AttributionRow | undefined,
  beforePartner: PartnerRow | undefined,
  beforeTouches: readonly TouchRow[],
  merged: SyncAttribution,
  remote: RemoteAttribution,
  actor: Actor,
  now: string,
): Promise<AttributionRow> {
  const { db } = ctx;
  const partnerId =
    beforePartner && beforePartner.normalizedName === merged.partnerKey
      ? beforePartner.id
      : await partnerIdFor(ctx, merged, remote, actor, now);
  const changedAt = versionTime(merged.version) ?? now;
  const teammate: Actor = { deviceId: remote.deviceId, userName: remote.attributedBy ?? remote.lastModifiedByName ?? UNNAMED };
  const after: AttributionRow = {
    ...(before ?? {}),
    id: merged.id,
    orgKey: before?.orgKey ?? orgKey,
    opportunityId: merged.opportunityId,
    partnerId,
    kind: merged.kind,
    note: merged.note,
    createdBy: before?.createdBy ?? teammate,
    createdAt: before?.createdAt ?? remote.attributedAt ?? changedAt,
    updatedAt: changedAt,
    deleted: merged.deleted ? 1 : 0,
    version: merged.version,
  };
  if (merged.windowOverrideReason) after.windowOverrideReason = merged.windowOverrideReason;
  else delete after.windowOverrideReason;
  const remoteId = remote.remoteId ?? before?.remoteId;
  if (remoteId) after.remoteId = remoteId;
  const modifiedBy = remote.lastModifiedByName ?? before?.lastModifiedByName;
  if (modifiedBy) after.lastModifiedByName = modifiedBy;
  await db.attributions.put(after);

  const touchesById = new Map(beforeTouches.map((touch) => [touch.id, touch]));
  const changedTouches: TouchRow[] = [];
  const audit: AuditRow[] = [];
  for (const touch of merged.touches) {
    const old = touchesById.get(touch.id);
    if (old && sameTouchRow(old, touch, merged.opportunityId)) continue;
    const row: TouchRow = {
      ...(old ?? {}),
      id: touch.id,
      attributionId: merged.id,
      opportunityId: merged.opportunityId,
      type: touch.type,
      date: touch.date,
      note: touch.note,
      link: touch.link,
      createdBy: old?.createdBy ?? { deviceId: touch.deviceId ?? remote.deviceId, userName: touch.by ?? teammate.userName! },
      createdAt: touch.createdAt,
      updatedAt: versionTime(touch.version) ?? now,
      deleted: touch.deleted ? 1 : 0,
      version: touch.version,
    };
    changedTouches.push(row);
    // A removed claim takes its evidence with it: one history entry for the claim says it (as locally).
    const removal = row.deleted === 1 && (!old || old.deleted === 0);
    if (removal && merged.deleted) continue;
    if (old && !removal && old.deleted === row.deleted) {
      audit.push(auditEntry(now, actor, 'touch', row.id, 'update', old, row, row.opportunityId));
    } else {
      audit.push(auditEntry(now, actor, 'touch', row.id, removal ? 'delete' : 'create', old ?? null, row, row.opportunityId));
    }
  }
  if (changedTouches.length) await db.touches.bulkPut(changedTouches);

  const action: AuditRow['action'] = merged.deleted && (!before || before.deleted === 0) ? 'delete' : before ? 'update' : 'create';
  // A new touch also gives the claim a new version; like a local change, only the touch gets a history entry.
  const claimChanged = !before || !sameClaim(merged, toSyncAttribution(before, [], beforePartner));
  if (claimChanged) audit.unshift(auditEntry(now, actor, 'attribution', after.id, action, before ?? null, after, after.opportunityId));
  if (audit.length) await db.audit.bulkAdd(audit);
  return after;
}

/** Merges one record from the org into the local rows. Call inside a transaction over the sync tables. */
async function applyRemote(ctx: SyncContext, orgKey: string, remote: RemoteAttribution, now: string): Promise<ApplyCounts> {
  const { db } = ctx;
  const row = await db.attributions.get(remote.state.id);
  const [touches, partner] = row
    ? await Promise.all([db.touches.where({ attributionId: row.id }).toArray(), db.partners.get(row.partnerId)])
    : [[], undefined];
  const local = row ? toSyncAttribution(row, touches, partner) : undefined;
  const { merged, writeLocal, pushRemote } = mergeAttribution(local, remote.state);
  const actor: Actor = { deviceId: remote.deviceId, ...(remote.lastModifiedByName ? { userName: remote.lastModifiedByName } : {}) };

  let current = row;
  if (writeLocal) {
    current = await writeMerged(ctx, orgKey, row, partner, touches, merged, remote, actor, now);
  } else if (row) {
    const metadata: Partial<AttributionRow> = {};
    if (remote.remoteId && row.remoteId !== remote.remoteId) metadata.remoteId = remote.remoteId;
    if (remote.lastModifiedByName && row.lastModifiedByName !== remote.lastModifiedByName) metadata.lastModifiedByName = remote.lastModifiedByName;
    if (Object.keys(metadata).length) await db.attributions.update(row.id, metadata);
  }

  let enqueued = 0;
  if (pushRemote && current) {
    // Any queued entry will do: a push always sends the attribution as it stands when it goes.
    const orgOf = current.orgKey;
    const covered = await db.outbox
      .where('attributionId')
      .equals(current.id)
      .filter((entry) => entry.orgKey === orgOf)
      .count();
    if (covered === 0) {
      await enqueue(db, current, { now });
      enqueued = 1;
    }
  }
  return { merged: writeLocal ? 1 : 0, enqueued };
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

/** The tables a pull writes. */
function pullTables(db: PartnerLedgerDb) {
  return [db.attributions, db.touches, db.partners, db.audit, db.settings, db.outbox, db.syncState, db.opportunities];
}

/** Applies readable records and moves the clock past every version they carry. Inside a transaction. */
async function applyAll(ctx: SyncContext, orgKey: string, records: readonly RemoteAttribution[], nowMs: number): Promise<ApplyCounts> {
  const counts: ApplyCounts = { merged: 0, enqueued: 0 };
  const now = iso(nowMs);
  for (const remote of records) {
    const applied = await applyRemote(ctx, orgKey, remote, now);
    counts.merged += applied.merged;
    counts.enqueued += applied.enqueued;
  }
  const newest = maxVersion(records.flatMap((remote) => [remote.state.version, ...remote.state.touches.map((touch) => touch.version)]));
  if (newest) await observeVersion(ctx.db, newest, nowMs);
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// Pull

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
  const report: PullReport = { pulled: 0, merged: 0, skipped: 0, enqueued: 0, calls: 0, unreadable: [], complete: true };
  const cursor = (await db.syncState.get(orgKey))?.pullCursor;
  let page = await ctx.api.query(pullQuery(cursor), rawAttributionRecordSchema);
  report.calls++;
  for (;;) {
    const last = page.done || !page.nextRecordsUrl;
    const read = readRecords(page.records);
    const nowMs = ctx.now();
    const counts = await db.transaction('rw', pullTables(db), async () => {
      const counts = await applyAll(ctx, orgKey, read.readable, nowMs);
      await patchSyncState(db, orgKey, (state) => {
        if (read.newestModstamp && (!state.pullCursor || read.newestModstamp > state.pullCursor)) state.pullCursor = read.newestModstamp;
        if (last) state.lastPullAt = iso(nowMs);
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

/** An Opportunity queried with its attributions (`Partner_Attributions__r`), as far as this needs it. */
export interface OpportunityWithAttributions {
  Name?: string | null;
  Partner_Attributions__r?: { totalSize?: number; done: boolean; nextRecordsUrl?: string | null; records: readonly unknown[] } | null;
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
  const report: PullReport = { pulled: 0, merged: 0, skipped: 0, enqueued: 0, calls: 0, unreadable: [], complete: true };
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
  const { db } = ctx;
  const counts = await db.transaction('rw', pullTables(db), async () => {
    const counts = await applyAll(ctx, orgKey, read.readable, nowMs);
    const opportunity = await db.opportunities.get(id);
    if (opportunity) {
      await db.opportunities.update(id, { attributionsPulledAt: iso(nowMs) });
    } else if (record.Name) {
      await db.opportunities.put({ id, orgKey, name: record.Name, source: 'api', seenAt: iso(nowMs), attributionsPulledAt: iso(nowMs) });
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

// ---------------------------------------------------------------------------------------------------------
// One sync

interface CountingApi {
  api: SyncApi;
  calls: () => number;
}

function counting(api: SyncApi): CountingApi {
  let calls = 0;
  return {
    api: {
      query: (soql, schema) => {
        calls++;
        return api.query(soql, schema);
      },
      queryMore: (url, schema) => {
        calls++;
        return api.queryMore(url, schema);
      },
      upsertCollection: (object, field, records) => {
        calls++;
        return api.upsertCollection(object, field, records);
      },
      usage: () => api.usage?.(),
    },
    calls: () => calls,
  };
}

function freshUsage(state: SyncStateRow | undefined, nowMs: number): ApiUsage | undefined {
  const usage = state?.usage;
  if (!usage) return undefined;
  const at = Date.parse(usage.at);
  return Number.isNaN(at) || nowMs - at > USAGE_FRESH_MS ? undefined : usage;
}

/** Runs per database and org, one after another: a second caller waits for the first. */
const running = new WeakMap<PartnerLedgerDb, Map<string, Promise<unknown>>>();

function serialized<T>(db: PartnerLedgerDb, orgKey: string, run: () => Promise<T>): Promise<T> {
  let byOrg = running.get(db);
  if (!byOrg) running.set(db, (byOrg = new Map()));
  const previous = byOrg.get(orgKey) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  byOrg.set(orgKey, settled);
  void settled.then(() => {
    if (byOrg.get(orgKey) === settled) byOrg.delete(orgKey);
  });
  return next;
}

/** Lifts a stop (the user reloaded Salesforce, or the admin fixed access): the next sync tries again. */
export async function resumeSync(db: PartnerLedgerDb, orgKey: string): Promise<void> {
  await db.transaction('rw', [db.syncState], () =>
    patchSyncState(db, orgKey, (state) => {
      delete state.stoppedReason;
      delete state.retryAt;
      state.failures = 0;
    }),
  );
}

/**
 * One sync with the org: pull what changed there, merging it in, then push everything queued (this
 * browser's changes and the merges the org lacks), 200 per call.
 *
 * Pulling first means a claim changed in two browsers is merged here before this browser writes it, so the
 * upsert (which replaces the record) does not overwrite a teammate's newer change it has not seen.
 *
 * Honours `syncState`: a stop (session expired, API disabled, no access, object not installed: sync waits for
 * the user; the API allocation used up: it waits an hour), a backoff after server and network errors
 * (`retryAt`, exponential with full jitter), and the budget (background sync pauses at `pauseAboveShare` of
 * the daily allocation). `userTriggered` ("Sync now") tries regardless of all three.
 */
export function syncOnce(ctx: SyncContext, orgKey: string, options: { userTriggered?: boolean } = {}): Promise<SyncSummary> {
  return serialized(ctx.db, orgKey, () => runSync(ctx, orgKey, options.userTriggered ?? false));
}

async function runSync(ctx: SyncContext, orgKey: string, userTriggered: boolean): Promise<SyncSummary> {
  const { db } = ctx;
  const summary: SyncSummary = { status: 'synced', pushed: 0, pulled: 0, merged: 0, skipped: 0, calls: 0, failedRecords: 0 };
  const startMs = ctx.now();
  const state = await db.syncState.get(orgKey);
  const share = ctx.pauseAboveShare ?? DEFAULT_PAUSE_ABOVE_SHARE;

  if (!userTriggered) {
    const retryAt = state?.retryAt ? Date.parse(state.retryAt) : undefined;
    const waiting = retryAt !== undefined && retryAt > startMs;
    if (state?.stoppedReason && (state.stoppedReason !== LIMIT_EXCEEDED || waiting)) {
      return { ...summary, status: 'stopped', reason: state.stoppedReason, ...(state.lastError ? { message: state.lastError } : {}), ...(state.retryAt ? { retryAt: state.retryAt } : {}) };
    }
    if (waiting) {
      return { ...summary, status: 'waiting', reason: 'backoff', ...(state?.lastError ? { message: state.lastError } : {}), retryAt: state!.retryAt! };
    }
    if (shouldPauseForUsage(freshUsage(state, startMs), share)) return { ...summary, status: 'paused', reason: 'budget' };
  }

  const api = counting(ctx.api);
  const run: SyncContext = { ...ctx, api: api.api };
  const overBudget = () => !userTriggered && shouldPauseForUsage(api.api.usage?.(), share);
  const recordUsage = (target: SyncStateRow, nowMs: number) => {
    const usage = api.api.usage?.();
    if (usage) target.usage = { used: usage.used, limit: usage.limit, at: iso(nowMs) };
  };

  try {
    const pull = await pullChanges(run, orgKey, { shouldContinue: () => !overBudget() });
    summary.pulled = pull.pulled;
    summary.merged = pull.merged;
    summary.skipped = pull.skipped;
    let paused = !pull.complete;
    // Each round either acknowledges its records or sets them aside with a backoff, so this ends; the bound
    // only guards against changes arriving faster than they can be sent.
    for (let round = 0; !paused && round < MAX_PUSH_ROUNDS; round++) {
      if (overBudget()) {
        paused = true;
        break;
      }
      const push = await pushOutbox(run, orgKey);
      summary.pushed += push.succeeded;
      summary.failedRecords += push.failed.length;
      if (push.sent === 0 || push.remaining === 0) break;
    }
    // Frozen weekly snapshots go after the attributions they were computed from, within the same budget.
    if (!paused) {
      const summaries = await pushSummaries(run, orgKey, { shouldContinue: () => !overBudget() });
      if (!summaries.complete) paused = true;
    }
    summary.calls = api.calls();
    const nowMs = ctx.now();
    await db.transaction('rw', [db.syncState, db.settings], async () => {
      const refused = Object.values(await readFailures(db, orgKey));
      await patchSyncState(db, orgKey, (target) => {
        delete target.stoppedReason;
        delete target.retryAt;
        target.failures = 0;
        if (refused.length) target.lastError = `Salesforce refused ${refused.length === 1 ? 'a change' : `${refused.length} changes`}: ${refused[0]!.error}`;
        else delete target.lastError;
        recordUsage(target, nowMs);
      });
    });
    if (paused) return { ...summary, status: 'paused', reason: 'budget' };
    return summary;
  } catch (error) {
    summary.calls = api.calls();
    const nowMs = ctx.now();
    const message = error instanceof Error ? error.message : String(error);
    let outcome: SyncSummary = { ...summary };
    await db.transaction('rw', [db.syncState], () =>
      patchSyncState(db, orgKey, (target) => {
        target.lastError = message;
        recordUsage(target, nowMs);
        if (isSyncError(error) && error.kind === LIMIT_EXCEEDED) {
          target.stoppedReason = LIMIT_EXCEEDED;
          target.retryAt = iso(nowMs + LIMIT_RETRY_MS);
          outcome = { ...summary, status: 'stopped', reason: LIMIT_EXCEEDED, message, retryAt: target.retryAt };
        } else if (isSyncError(error) && !error.retryable) {
          target.stoppedReason = error.kind;
          delete target.retryAt;
          outcome = { ...summary, status: 'stopped', reason: error.kind, message };
        } else {
          target.failures = (target.failures ?? 0) + 1;
          target.retryAt = iso(nowMs + nextRetryDelay(target.failures, ctx.random ?? Math.random));
          outcome = { ...summary, status: 'waiting', reason: isSyncError(error) ? error.kind : 'error', message, retryAt: target.retryAt };
        }
      }),
    );
    // Anything but an API error is a bug: it is recorded (and backed off) above, and still thrown.
    if (!isSyncError(error)) throw error;
    return outcome;
  }
}
