/**
 * The team's partner roster, kept in the org (docs/roster.md). Each sync cycle pulls the partners changed in the
 * org since the last cursor into the local roster (renames, deactivations, tiers and types reach every browser),
 * then pushes the local partners the org has not seen, 200 per sObject Collections call. A partner is one partner
 * by its stable id; the same normalised name under another id is the same partner too, and the org's id wins:
 * the local one's attributions are re-pointed to it. A browser that already has partners joins the org's roster
 * only when its user confirms the merge preview; until then nothing of its roster is read into it or written.
 */
import { normalizePartnerName } from '../attribution/names';
import {
  isDuplicateValue,
  PARTNER_BATCH,
  PARTNER_EXTERNAL_ID,
  PARTNER_NAME_LENGTH,
  PARTNER_OBJECT,
  partnersByKeyQuery,
  rawPartnerRecordSchema,
  readPartnerRecord,
  rosterPullQuery,
  toPartnerRecord,
  type OrgPartner,
  type OrgPartnerBody,
} from '../crm/salesforce/queries/partners';
import { enqueue } from '../store/attributions';
import type { Actor, AuditRow, PartnerLedgerDb, PartnerRow, SyncStateRow } from '../store/db';
import { writeSetting } from '../store/settings';
import { patchSyncState } from '../store/sync-state';
import { markRosterJoined, rosterOrgOf } from './roster-org';
import type { QueryResult, SyncContext } from './types';

// ---------------------------------------------------------------------------------------------------------
// Pure decisions

/** A local change the org has not seen: the row changed since the org's roster last agreed with it. */
export function isUnsent(row: PartnerRow): boolean {
  return row.orgSyncedAt !== row.updatedAt;
}

function sameFields(a: Omit<PartnerRow, 'createdAt' | 'updatedAt'>, b: Omit<PartnerRow, 'createdAt' | 'updatedAt'>) {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.type === b.type &&
    a.tier === b.tier &&
    a.accountId === b.accountId &&
    a.active === b.active
  );
}

export type PullDecision =
  | { kind: 'keep' }
  /** Write `row`; `before` is the row it replaces, `replaced` a local partner of the same name under another id. */
  | { kind: 'write'; row: PartnerRow; before?: PartnerRow; replaced?: PartnerRow };

/**
 * What one partner from the org does to the local roster. `byId` is the local partner with its id, `byKey` the
 * local partner with its normalised name. A local change not sent yet and newer than the org's wins (it is pushed
 * next); otherwise the org's partner is taken. A local partner of the same name under another id is replaced by
 * the org's (its attributions follow), since names are unique in both rosters.
 */
export function decidePull(
  org: OrgPartner,
  byId: PartnerRow | undefined,
  byKey: PartnerRow | undefined,
  now: string,
): PullDecision {
  if (byId && isUnsent(byId) && Date.parse(byId.updatedAt) > Date.parse(org.systemModstamp)) return { kind: 'keep' };
  const local = byId ?? byKey;
  // Name holds 80 characters: a longer local name that the org's starts is kept whole.
  const name =
    local &&
    org.name.length === PARTNER_NAME_LENGTH &&
    local.name.length > PARTNER_NAME_LENGTH &&
    local.name.startsWith(org.name)
      ? local.name
      : org.name;
  const fields = {
    id: org.id,
    name,
    normalizedName: normalizePartnerName(name),
    type: org.type,
    tier: org.tier,
    accountId: org.accountId,
    active: org.active,
  };
  const replaced = byKey && byKey.id !== org.id && byKey.normalizedName === fields.normalizedName ? byKey : undefined;
  if (byId && !replaced && sameFields(byId, fields)) {
    return isUnsent(byId)
      ? { kind: 'write', before: byId, row: { ...byId, orgSyncedAt: byId.updatedAt } }
      : { kind: 'keep' };
  }
  const row: PartnerRow = {
    ...fields,
    createdAt: byId?.createdAt ?? replaced?.createdAt ?? now,
    updatedAt: now,
    orgSyncedAt: now,
  };
  return { kind: 'write', row, ...(byId ? { before: byId } : {}), ...(replaced ? { replaced } : {}) };
}

/** What the merge preview says before a browser's roster joins the org's. */
export interface RosterMergePlan {
  /** Local partners the org already has, by id or by normalised name: the org's id wins. */
  matching: number;
  /** Local partners the org lacks: created in the org when the merge is confirmed. */
  adding: number;
  /** Partners of the org new to this browser. */
  fromOrg: number;
}

export function planRosterMerge(local: readonly PartnerRow[], org: readonly OrgPartner[]): RosterMergePlan {
  const orgIds = new Set(org.map((partner) => partner.id));
  const orgKeys = new Set(org.map((partner) => partner.normalizedName));
  const matched = local.filter((partner) => orgIds.has(partner.id) || orgKeys.has(partner.normalizedName));
  const localIds = new Set(local.map((partner) => partner.id));
  const localKeys = new Set(local.map((partner) => partner.normalizedName));
  return {
    matching: matched.length,
    adding: local.length - matched.length,
    fromOrg: org.filter((partner) => !localIds.has(partner.id) && !localKeys.has(partner.normalizedName)).length,
  };
}

/** Items in runs of at most `size`. */
export function inBatches<T>(items: readonly T[], size = PARTNER_BATCH): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

// ---------------------------------------------------------------------------------------------------------
// The cycle

type Refused = { externalId?: string; remoteId?: string; field: string; reason: string };

export interface RosterOutcome {
  /** The roster waits for the user to confirm the merge preview: nothing was read or written. */
  pending: boolean;
  /** This browser's roster is kept with another org (its ledger key): nothing was read or written here. */
  keptWith?: string;
  pulled: number;
  pushed: number;
  /** Partners of the org refused as unreadable (they are skipped, never stored; options lists them). */
  refused: Refused[];
  /** Partners the org refused to save (they stay queued). */
  failed: number;
  /** The pull stopped for the API budget. */
  paused: boolean;
}

const ROSTER_ACTOR: Actor = { deviceId: '00000000-0000-4000-8000-000000000000', userName: 'Salesforce' };

function rosterTables(db: PartnerLedgerDb) {
  return [db.partners, db.attributions, db.audit, db.outbox, db.syncState];
}

function audit(now: string, action: AuditRow['action'], before: PartnerRow | null, after: PartnerRow | null): AuditRow {
  return { at: now, actor: ROSTER_ACTOR, entity: 'partner', entityId: (after ?? before)!.id, action, before, after };
}

/** Moves a partner's attributions to the org's partner of the same name, and queues them so the org learns it. */
async function repoint(db: PartnerLedgerDb, from: string, to: string, now: string): Promise<void> {
  const rows = await db.attributions.where('partnerId').equals(from).toArray();
  for (const row of rows) {
    const after = { ...row, partnerId: to };
    await db.attributions.put(after);
    const queued = await db.outbox.where('attributionId').equals(row.id).count();
    if (queued === 0) await enqueue(db, after, { now });
  }
}

/** Applies partners read from the org; call inside a transaction over `rosterTables`. */
async function applyOrgPartners(db: PartnerLedgerDb, partners: readonly OrgPartner[], now: string): Promise<number> {
  let written = 0;
  for (const org of partners) {
    const byId = await db.partners.get(org.id);
    const key = normalizePartnerName(org.name);
    const byKey = await db.partners.where({ normalizedName: key }).first();
    const decision = decidePull(org, byId, byKey, now);
    if (decision.kind === 'keep') continue;
    const { row, before, replaced } = decision;
    if (replaced) {
      await repoint(db, replaced.id, row.id, now);
      await db.partners.delete(replaced.id);
      await db.audit.add(audit(now, 'delete', replaced, null));
    }
    await db.partners.put(row);
    if (!before || !sameFields(before, row))
      await db.audit.add(audit(now, before ? 'update' : 'create', before ?? null, row));
    written++;
  }
  return written;
}

function newestStamp(current: string | undefined, stamp: string | undefined): string | undefined {
  if (!stamp) return current;
  return !current || Date.parse(stamp) > Date.parse(current) ? stamp : current;
}

/** Reads every page of a roster query, each record on its own: a bad one is refused, the rest go on. */
async function readPages(
  ctx: SyncContext,
  soql: string,
  onPage: (partners: OrgPartner[], newest: string | undefined, refused: Refused[]) => Promise<void>,
  refused: RosterOutcome['refused'],
  shouldContinue: () => boolean,
): Promise<boolean> {
  let page: QueryResult<Record<string, unknown>> = await ctx.api.query(soql, rawPartnerRecordSchema);
  for (;;) {
    const partners: OrgPartner[] = [];
    const pageRefused: Refused[] = [];
    let newest: string | undefined;
    for (const raw of page.records) {
      const read = readPartnerRecord(raw);
      if (read.ok) {
        partners.push(read.partner);
        newest = newestStamp(newest, read.partner.systemModstamp);
      } else {
        const { ok: _ok, systemModstamp, ...refusal } = read;
        pageRefused.push(refusal);
        newest = newestStamp(newest, systemModstamp);
      }
    }
    refused.push(...pageRefused);
    await onPage(partners, newest, pageRefused);
    if (page.done || !page.nextRecordsUrl) return true;
    if (!shouldContinue()) return false;
    page = await ctx.api.queryMore(page.nextRecordsUrl, rawPartnerRecordSchema);
  }
}

/**
 * Lists refused partners with the refused attributions (options shows them, in the org's words) under their record
 * id, and forgets the refusals of partners that now read well.
 */
function noteRosterRefusals(
  state: SyncStateRow,
  read: readonly OrgPartner[],
  refused: readonly Refused[],
  now: string,
) {
  const list = { ...state.refusedRecords };
  for (const partner of read) if (partner.remoteId) delete list[partner.remoteId];
  for (const record of refused) {
    const key = (record.remoteId ?? record.externalId)?.slice(0, 40);
    if (!key) continue;
    list[key] = {
      ...(record.externalId ? { externalId: record.externalId.slice(0, 255) } : {}),
      ...(record.remoteId ? { remoteId: record.remoteId.slice(0, 40) } : {}),
      field: `${PARTNER_OBJECT}.${record.field}`.slice(0, 200),
      reason: record.reason.slice(0, 1_000),
      at: now,
    };
  }
  if (Object.keys(list).length) state.refusedRecords = list;
  else delete state.refusedRecords;
}

/** Pulls what changed in the org's roster since the cursor. */
async function pullRoster(
  ctx: SyncContext,
  orgKey: string,
  outcome: RosterOutcome,
  shouldContinue: () => boolean,
): Promise<boolean> {
  const { db } = ctx;
  const cursor = (await db.syncState.get(orgKey))?.rosterCursor;
  return readPages(
    ctx,
    rosterPullQuery(cursor),
    async (partners, newest, refused) => {
      const now = new Date(ctx.now()).toISOString();
      await db.transaction('rw', rosterTables(db), async () => {
        outcome.pulled += await applyOrgPartners(db, partners, now);
        await patchSyncState(db, orgKey, (state) => {
          if (newest) state.rosterCursor = newestStamp(state.rosterCursor, newest);
          noteRosterRefusals(state, partners, refused, now);
        });
      });
    },
    outcome.refused,
    shouldContinue,
  );
}

/** Pushes the local partners the org has not seen, 200 a call; a name the org holds under another id is adopted. */
async function pushRoster(ctx: SyncContext, outcome: RosterOutcome, shouldContinue: () => boolean): Promise<boolean> {
  const { db } = ctx;
  const unsent = (await db.partners.toArray()).filter(isUnsent);
  const taken: string[] = [];
  for (const batch of inBatches(unsent)) {
    if (!shouldContinue()) return false;
    const bodies = batch.map(toPartnerRecord);
    const results = await ctx.api.upsertCollection<OrgPartnerBody>(PARTNER_OBJECT, PARTNER_EXTERNAL_ID, bodies);
    const sent: PartnerRow[] = [];
    batch.forEach((row, index) => {
      const result = results[index];
      if (result?.success) sent.push(row);
      else if (result && isDuplicateValue(result.errors)) taken.push(row.normalizedName);
      else outcome.failed++;
    });
    await db.transaction('rw', [db.partners], async () => {
      const current = await db.partners.bulkGet(sent.map((row) => row.id));
      // A change made while the call was out is still unsent.
      const agreed = current.flatMap((now, i) =>
        now && now.updatedAt === sent[i]!.updatedAt ? [{ ...now, orgSyncedAt: now.updatedAt }] : [],
      );
      if (agreed.length) await db.partners.bulkPut(agreed);
    });
    outcome.pushed += sent.length;
  }
  // Another browser created the same name first: its partner is the team's; ours is merged into it.
  for (const keys of inBatches(taken, 100)) {
    if (!shouldContinue()) return false;
    await readPages(
      ctx,
      partnersByKeyQuery(keys),
      async (partners) => {
        const now = new Date(ctx.now()).toISOString();
        await db.transaction('rw', rosterTables(db), async () => {
          outcome.pulled += await applyOrgPartners(db, partners, now);
        });
      },
      outcome.refused,
      shouldContinue,
    );
  }
  return true;
}

/** Joined, waiting for the merge preview, or kept with another org (named by its ledger key). */
type JoinState = 'joined' | 'pending' | { keptWith: string };

/** Whether this browser's roster has joined the org's. A browser with no partners joins at once. */
async function joinState(ctx: SyncContext, orgKey: string): Promise<JoinState> {
  const { db } = ctx;
  const keptWith = await rosterOrgOf(db);
  if (keptWith && keptWith !== orgKey) return { keptWith };
  if ((await db.syncState.get(orgKey))?.rosterJoinedAt) {
    // Joined before the roster named its org: this org is it.
    if (!keptWith) await writeSetting(db, 'rosterOrg', orgKey);
    return 'joined';
  }
  if ((await db.partners.count()) > 0) return 'pending';
  await markJoined(ctx, orgKey);
  return 'joined';
}

async function markJoined(ctx: SyncContext, orgKey: string): Promise<void> {
  await markRosterJoined(ctx.db, orgKey, new Date(ctx.now()).toISOString());
}

/** One roster cycle: pull, then push. Does nothing while a merge preview waits for the user. */
export async function syncRoster(
  ctx: SyncContext,
  orgKey: string,
  { shouldContinue = () => true }: { shouldContinue?: () => boolean } = {},
): Promise<RosterOutcome> {
  const outcome: RosterOutcome = { pending: false, pulled: 0, pushed: 0, refused: [], failed: 0, paused: false };
  const state = await joinState(ctx, orgKey);
  if (state === 'pending') return { ...outcome, pending: true };
  if (state !== 'joined') return { ...outcome, keptWith: state.keptWith };
  const pulled = await pullRoster(ctx, orgKey, outcome, shouldContinue);
  const pushed = pulled && (await pushRoster(ctx, outcome, shouldContinue));
  return { ...outcome, paused: !pushed };
}

/** The merge preview: the whole org roster (read only) against this browser's. */
export async function previewRosterMerge(ctx: SyncContext): Promise<RosterMergePlan & { refused: number }> {
  const org: OrgPartner[] = [];
  const refused: RosterOutcome['refused'] = [];
  await readPages(
    ctx,
    rosterPullQuery(undefined),
    async (partners) => {
      org.push(...partners);
    },
    refused,
    () => true,
  );
  return { ...planRosterMerge(await ctx.db.partners.toArray(), org), refused: refused.length };
}

/** The user confirmed the merge: this browser's roster joins the org's, and the first cycle runs now. */
export async function joinRoster(ctx: SyncContext, orgKey: string): Promise<RosterOutcome> {
  await markJoined(ctx, orgKey);
  return syncRoster(ctx, orgKey);
}

/** Whether the roster of this org waits for the user's merge confirmation (never while kept with another org). */
export async function rosterMergePending(db: PartnerLedgerDb, orgKey: string): Promise<boolean> {
  const keptWith = await rosterOrgOf(db);
  if (keptWith && keptWith !== orgKey) return false;
  if ((await db.syncState.get(orgKey))?.rosterJoinedAt) return false;
  return (await db.partners.count()) > 0;
}
