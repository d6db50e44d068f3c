/**
 * Merges records from the org into the store: each record against the local copy of its attribution
 * (merge.ts decides), the winner written over the local rows with history entries in the name of whoever
 * changed it in the org, and anything the org lacks queued for the push. It exists apart from the pull so
 * that the pull only reads pages and moves its cursor, and both the incremental pull and the pull of one
 * opportunity apply records the same way. Everything here runs inside the caller's transaction.
 */
import { enqueue } from '../store/attributions';
import { observeVersion } from '../store/clock';
import type { Actor, AttributionRow, AuditRow, PartnerLedgerDb, PartnerRow, TouchRow } from '../store/db';
import { isLeadId } from '../record-id';
import { newestClockVersion } from '../time/hlc';
import { boundRemoteVersions } from './bound-versions';
import { teammateName, versionTime } from './check-remote';
import { mergeAttribution, type SyncAttribution, type SyncTouch } from './merge';
import { externalIdOf, toSyncAttribution, type RemoteAttribution } from './records';
import type { SyncContext } from './types';

export interface ApplyCounts {
  /** Records that changed something here. */
  merged: number;
  /** Attributions queued because the org was behind this browser. */
  enqueued: number;
}

/** The tables applying records writes: a caller's transaction must cover them all. */
export function applyTables(db: PartnerLedgerDb) {
  return [db.attributions, db.touches, db.partners, db.audit, db.settings, db.outbox, db.syncState, db.opportunities];
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
  // The record's Partner_Id__c is the partner's id in every browser of the team (docs/roster.md).
  const idTaken = !remote.partnerId || !fromRecord || (await db.partners.get(remote.partnerId)) !== undefined;
  const partner: PartnerRow = {
    id: idTaken ? ctx.newId() : remote.partnerId!,
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
  // A tombstone travels without its note and link: the local one keeps them, for its history.
  if (row.deleted === 1 && touch.deleted && row.version === touch.version && row.opportunityId === opportunityId) {
    return true;
  }
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

/**
 * The local row of an org's record, by its external id. Full and partial-copy sandboxes keep production's
 * external ids: a row of another org with that id is not this record's, and this org's copy, if any, is the row
 * that keeps the id in `externalId`. Undefined when this org has no row for it yet.
 */
export async function rowOfRecord(
  db: PartnerLedgerDb,
  orgKey: string,
  externalId: string,
): Promise<AttributionRow | undefined> {
  const row = await db.attributions.get(externalId);
  if (row && row.orgKey === orgKey && externalIdOf(row) === externalId) return row;
  return db.attributions
    .where('externalId')
    .equals(externalId)
    .filter((other) => other.orgKey === orgKey)
    .first();
}

/**
 * The id a new row gets for an org's record: the record's external id, unless another org's row here holds it
 * (a sandbox copy of production), when the row gets an id of its own and keeps the external id beside it.
 */
async function newRowId(ctx: SyncContext, externalId: string): Promise<string> {
  return (await ctx.db.attributions.get(externalId)) ? ctx.newId() : externalId;
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
  const teammate: Actor = {
    deviceId: remote.deviceId,
    userName: teammateName(remote),
  };
  const id = before?.id ?? (await newRowId(ctx, merged.id));
  const after: AttributionRow = {
    ...(before ?? {}),
    id,
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
  if (id !== merged.id) after.externalId = merged.id;
  if (merged.windowOverrideReason) after.windowOverrideReason = merged.windowOverrideReason;
  else delete after.windowOverrideReason;
  const remoteId = remote.remoteId ?? before?.remoteId;
  if (remoteId) after.remoteId = remoteId;
  // A claim carried from a lead keeps its lead (Lead__c), so this browser's later pushes keep it too.
  if (remote.leadId) after.leadId = remote.leadId;
  if (!isLeadId(after.opportunityId)) delete after.notCarried;
  const modifiedBy = remote.lastModifiedByName ?? before?.lastModifiedByName;
  if (modifiedBy) after.lastModifiedByName = modifiedBy;
  await db.attributions.put(after);

  // A touch is stored under its claim (the table's key is `[attributionId+id]`): a record that reuses another
  // claim's touch id writes a touch of its own, and never moves nor overwrites the other claim's evidence.
  const touchesById = new Map(beforeTouches.map((touch) => [touch.id, touch]));
  const changedTouches: TouchRow[] = [];
  const audit: AuditRow[] = [];
  for (const touch of merged.touches) {
    const old = touchesById.get(touch.id);
    if (old && sameTouchRow(old, touch, merged.opportunityId)) continue;
    const row: TouchRow = {
      ...(old ?? {}),
      id: touch.id,
      attributionId: id,
      opportunityId: merged.opportunityId,
      type: touch.type,
      date: touch.date,
      note: touch.note,
      link: touch.link,
      createdBy: old?.createdBy ?? {
        deviceId: touch.deviceId ?? remote.deviceId,
        userName: touch.by ?? teammate.userName!,
      },
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
      const action = removal ? 'delete' : 'create';
      audit.push(auditEntry(now, actor, 'touch', row.id, action, old ?? null, row, row.opportunityId));
    }
  }
  if (changedTouches.length) await db.touches.bulkPut(changedTouches);

  const removed = merged.deleted && (!before || before.deleted === 0);
  const action: AuditRow['action'] = removed ? 'delete' : before ? 'update' : 'create';
  // A new touch also gives the claim a new version; like a local change, only the touch gets a history entry.
  const claimChanged = !before || !sameClaim(merged, toSyncAttribution(before, [], beforePartner));
  if (claimChanged) {
    audit.unshift(auditEntry(now, actor, 'attribution', after.id, action, before ?? null, after, after.opportunityId));
  }
  if (audit.length) await db.audit.bulkAdd(audit);
  return after;
}

/**
 * The record with its partner named as this browser's roster names it, when `Partner_Id__c` is a partner here:
 * the stable id wins over the key and name the writer knew, so a partner renamed since (in any browser) stays
 * one partner. Records without it (older browsers), or naming a partner unknown here, keep their key.
 */
export async function withRosterPartner(db: SyncContext['db'], pulled: RemoteAttribution): Promise<RemoteAttribution> {
  if (!pulled.partnerId) return pulled;
  const partner = await db.partners.get(pulled.partnerId);
  if (!partner) return pulled;
  if (partner.normalizedName === pulled.state.partnerKey && partner.name === pulled.state.partnerName) return pulled;
  return { ...pulled, state: { ...pulled.state, partnerKey: partner.normalizedName, partnerName: partner.name } };
}

/** Merges one record from the org into the local rows. Call inside a transaction over `applyTables`. */
async function applyRemote(
  ctx: SyncContext,
  orgKey: string,
  record: RemoteAttribution,
  now: string,
): Promise<ApplyCounts> {
  const { db } = ctx;
  const pulled = await withRosterPartner(db, record);
  // Full and partial-copy sandboxes keep production's external ids: a record of one org never merges into,
  // nor is queued as, the row of another, even when the ids match; it has a row of its own.
  const row = await rowOfRecord(db, orgKey, pulled.state.id);
  const remote = boundRemoteVersions(pulled, Date.parse(now), row?.version);
  const [touches, partner] = row
    ? await Promise.all([db.touches.where({ attributionId: row.id }).toArray(), db.partners.get(row.partnerId)])
    : [[], undefined];
  const local = row ? toSyncAttribution(row, touches, partner) : undefined;
  const { merged, writeLocal, pushRemote } = mergeAttribution(local, remote.state);
  const actor: Actor = {
    deviceId: remote.deviceId,
    ...(remote.lastModifiedByName ? { userName: remote.lastModifiedByName } : {}),
  };

  let current = row;
  if (writeLocal) {
    current = await writeMerged(ctx, orgKey, row, partner, touches, merged, remote, actor, now);
  } else if (row) {
    const metadata: Partial<AttributionRow> = {};
    if (remote.remoteId && row.remoteId !== remote.remoteId) metadata.remoteId = remote.remoteId;
    if (remote.lastModifiedByName && row.lastModifiedByName !== remote.lastModifiedByName) {
      metadata.lastModifiedByName = remote.lastModifiedByName;
    }
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

/**
 * Applies readable records from the org and moves this browser's clock past every version they carry, so
 * the next local change is newer than anything seen. Call inside a transaction over `applyTables`.
 */
export async function applyRemoteRecords(
  ctx: SyncContext,
  orgKey: string,
  records: readonly RemoteAttribution[],
  nowMs: number,
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { merged: 0, enqueued: 0 };
  const now = new Date(nowMs).toISOString();
  for (const remote of records) {
    const applied = await applyRemote(ctx, orgKey, remote, now);
    counts.merged += applied.merged;
    counts.enqueued += applied.enqueued;
  }
  const versions = records
    .map((remote) => boundRemoteVersions(remote, nowMs))
    .flatMap((remote) => [remote.state.version, ...remote.state.touches.map((t) => t.version)]);
  const newest = newestClockVersion(versions);
  if (newest) await observeVersion(ctx.db, newest, nowMs);
  return counts;
}
