/**
 * The push: sends this browser's queued changes to the org, and records what the org did with each one.
 * It exists apart from the pull because it owns the outbox and the backoff of each record the org refused
 * (`pushFailures` in the sync state), which nothing else writes.
 *
 * The MV3 worker can die at any await: no API call is made inside a transaction, and what a call achieved
 * is recorded in ONE transaction after it answers. A push killed before that transaction is simply done
 * again: an upsert by external id twice is one record.
 */
import { opportunityOf } from '../store/opportunities';
import { DEFAULT_RULES } from '../attribution/model';
import { checkFields, isPermanentRefusal } from '../crm/salesforce/field-check';
import { MAX_COLLECTION_RECORDS } from '../crm/salesforce/limits';
import { enqueue } from '../store/attributions';
import type { AttributionRow, OutboxRow, PartnerLedgerDb, PartnerRow, SyncStateRow, TouchRow } from '../store/db';
import { patchSyncState } from '../store/sync-state';
import { nextRetryDelay } from './backoff';
import { compareClockVersions, newestClockVersion } from '../time/hlc';
import { sameState, type SyncAttribution } from './merge';
import { ATTRIBUTION_EXTERNAL_ID, ATTRIBUTION_OBJECT } from '../crm/salesforce/org-objects';
import { creditedAmountsOf, creditShareOf, toOrgRecord, toSyncAttribution } from './records';
import type { OrgAttributionBody, SyncContext, UpsertResult } from './types';

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

/**
 * The records of an org that the org refused, by attribution id, kept in its sync state: a record the org
 * keeps refusing is retried with its own backoff, not in every call.
 */
type PushFailures = NonNullable<SyncStateRow['pushFailures']>;

/** What the sync state says when records were refused: how many, and the org's words for the first. */
export function refusalMessage(failures: readonly { error: string }[]): string | undefined {
  if (failures.length === 0) return undefined;
  const what = failures.length === 1 ? 'a change' : `${failures.length} changes`;
  return `Salesforce refused ${what}: ${failures[0]!.error}`;
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
  const [touches, partner] = await Promise.all([
    db.touches.where({ attributionId: row.id }).toArray(),
    db.partners.get(row.partnerId),
  ]);
  return toSyncAttribution(row, touches, partner);
}

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

/** The attributions to send next: oldest first, each once, those still backing off left out. */
function pickQueued(
  queued: readonly OutboxRow[],
  failures: Readonly<PushFailures>,
  nowMs: number,
): { ids: string[]; deferred: number } {
  const newest = new Map<string, string>();
  for (const row of queued) {
    const seen = newest.get(row.attributionId);
    if (seen === undefined || compareClockVersions(row.version, seen) > 0) newest.set(row.attributionId, row.version);
  }
  // One that failed at its current version waits out its backoff; a newer local change lifts the wait.
  const ids: string[] = [];
  const considered = new Set<string>();
  let deferred = 0;
  for (const row of queued) {
    if (ids.length >= MAX_COLLECTION_RECORDS) break;
    if (considered.has(row.attributionId)) continue;
    considered.add(row.attributionId);
    const failure = failures[row.attributionId];
    // A record refused for good is parked: only a newer local change sends it again.
    const waiting = failure !== undefined && (failure.permanent === true || Date.parse(failure.retryAt) > nowMs);
    if (waiting && compareClockVersions(newest.get(row.attributionId)!, failure.version) <= 0) {
      deferred++;
      continue;
    }
    ids.push(row.attributionId);
  }
  return { ids, deferred };
}

async function planPush(ctx: SyncContext, orgKey: string, nowMs: number): Promise<PushPlan> {
  const { db } = ctx;
  const queued = await db.outbox.where('orgKey').equals(orgKey).toArray();
  queued.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const failures = (await db.syncState.get(orgKey))?.pushFailures ?? {};
  const { ids, deferred } = pickQueued(queued, failures, nowMs);
  if (ids.length === 0) return { items: [], orphans: [], deferred };

  const rows = await db.attributions.bulkGet(ids);
  const orphans = ids.filter((_, i) => !rows[i]);
  const present = rows.filter((row): row is AttributionRow => row !== undefined);
  const [touches, partners] = await Promise.all([
    db.touches
      .where('attributionId')
      .anyOf(present.map((row) => row.id))
      .toArray(),
    db.partners.bulkGet([...new Set(present.map((row) => row.partnerId))]),
  ]);
  const partnerById = new Map(partners.filter((p): p is PartnerRow => p !== undefined).map((p) => [p.id, p]));

  // Credit__c: each claim's share among the live claims of its opportunity, as this browser's rules say.
  const rules = ctx.rules ?? DEFAULT_RULES;
  const liveByOpportunity = new Map<string, { row: AttributionRow; touches: TouchRow[] }[]>();
  // Credited_Amount__c: the opportunity's amount as last fetched, split by those shares (in its currency).
  const creditedByOpportunity = new Map<string, { amounts?: Map<string, number>; currency?: string | null }>();
  for (const opportunityId of new Set(present.map((row) => row.opportunityId))) {
    const [live, liveTouches, opportunity] = await Promise.all([
      // Only this org's claims share its credit: a sandbox copied from production has production's opportunity ids.
      db.attributions
        .where({ opportunityId, deleted: 0 })
        .filter((row) => row.orgKey === orgKey)
        .toArray(),
      db.touches.where({ opportunityId, deleted: 0 }).toArray(),
      opportunityOf(db, orgKey, opportunityId),
    ]);
    const claims = live.map((row) => ({
      row,
      touches: liveTouches.filter((touch) => touch.attributionId === row.id),
    }));
    liveByOpportunity.set(opportunityId, claims);
    const amount = opportunity?.fetchedAt ? opportunity.amount : undefined;
    creditedByOpportunity.set(opportunityId, {
      amounts: creditedAmountsOf(claims, amount, rules),
      currency: opportunity?.currency,
    });
  }

  const items: PushItem[] = [];
  for (const row of present) {
    const partner = partnerById.get(row.partnerId);
    // Partners in use cannot be deleted (lib/store/partners.ts); without one there is nothing to send yet.
    if (!partner) continue;
    const own = touches.filter((touch) => touch.attributionId === row.id);
    const share = creditShareOf(row, liveByOpportunity.get(row.opportunityId) ?? [], rules);
    const credited = creditedByOpportunity.get(row.opportunityId);
    const creditedAmount = credited?.amounts ? (row.deleted ? 0 : (credited.amounts.get(row.id) ?? 0)) : null;
    const body = toOrgRecord(row, own, partner, share, creditedAmount);
    // In a multi-currency org the amount is in the opportunity's currency, so the record must be in it too.
    if (ctx.multiCurrency && creditedAmount !== null && credited?.currency) body.CurrencyIsoCode = credited.currency;
    items.push({ id: row.id, version: row.version, state: toSyncAttribution(row, own, partner), body });
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
  const planTables = [db.outbox, db.attributions, db.touches, db.partners, db.syncState, db.opportunities];
  // An async callback: Dexie keeps its transaction across native awaits only for those (Dexie PR #978).
  const plan = await db.transaction('r', planTables, async () => planPush(ctx, orgKey, ctx.now()));
  if (plan.orphans.length) {
    await db.transaction('rw', [db.outbox], async () => {
      await db.outbox
        .where('attributionId')
        .anyOf(plan.orphans)
        .filter((row) => row.orgKey === orgKey)
        .delete();
    });
  }
  if (plan.items.length === 0) {
    const remaining = await db.outbox.where('orgKey').equals(orgKey).count();
    return { sent: 0, succeeded: 0, failed: [], calls: 0, remaining, deferred: plan.deferred };
  }

  // What the org would refuse whatever the retry is not sent: it is parked below as if the org had answered.
  const checked = plan.items.map((item) => checkFields(ATTRIBUTION_OBJECT, item.body));
  const sendable = plan.items.filter((_, i) => checked[i]!.length === 0);
  const answers = sendable.length
    ? [
        ...(await ctx.api.upsertCollection(
          ATTRIBUTION_OBJECT,
          ATTRIBUTION_EXTERNAL_ID,
          sendable.map((i) => i.body),
        )),
      ]
    : [];
  const results = plan.items.map((_, i): UpsertResult | undefined =>
    checked[i]!.length ? { success: false, errors: checked[i]! } : answers.shift(),
  );

  const nowMs = ctx.now();
  const now = new Date(nowMs).toISOString();
  const random = ctx.random ?? Math.random;
  const tables = [db.outbox, db.attributions, db.touches, db.partners, db.syncState];
  return db.transaction('rw', tables, async () => {
    const failures: PushFailures = { ...(await db.syncState.get(orgKey))?.pushFailures };
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
          await enqueue(db, row, { now });
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
            version: newestClockVersion(acknowledged.map((row) => row.version))!,
            queuedAt: now,
          });
        }
        const previous = failures[item.id];
        const attempts = previous && previous.version === item.version ? previous.attempts + 1 : 1;
        const retryAt = new Date(nowMs + nextRetryDelay(attempts, random)).toISOString();
        const permanent = isPermanentRefusal(result?.errors ?? []);
        failures[item.id] = { version: item.version, attempts, retryAt, error, ...(permanent ? { permanent } : {}) };
      }
    }
    await patchSyncState(db, orgKey, (state) => {
      if (Object.keys(failures).length) state.pushFailures = failures;
      else delete state.pushFailures;
      if (succeeded > 0) state.lastPushAt = now;
      const refused = refusalMessage(failed);
      if (refused) state.lastError = refused;
    });
    const remaining = await db.outbox.where('orgKey').equals(orgKey).count();
    const calls = sendable.length ? 1 : 0;
    return { sent: sendable.length, succeeded, failed, calls, remaining, deferred: plan.deferred };
  });
}
