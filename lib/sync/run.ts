/**
 * One sync with an org, start to end: pull, push, then the weekly snapshots, within the org's API budget,
 * one run at a time per database and org. It exists apart from the steps because it alone decides whether
 * to run at all (with backoff.ts), when to stop for the budget, and what the sync state says afterwards.
 */
import type { PartnerLedgerDb, SyncStateRow } from '../store/db';
import { patchSyncState } from '../store/sync-state';
import { DEFAULT_PAUSE_ABOVE_SHARE, holdBeforeRun, shouldPauseForUsage, verdictOnError } from './backoff';
import { carryConvertedLeads } from './lead-conversion';
import { pullChanges } from './pull';
import { pushOutbox, refusalMessage } from './push';
import { syncRoster } from './roster';
import { pushSnapshots } from './snapshot-push';
import { isSyncError, type SyncApi, type SyncContext } from './types';

/** At most this many pushes (of up to 200 attributions each) in one sync. */
const MAX_PUSH_ROUNDS = 500;

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

/** The roster object is missing from the org (or unreadable for this user): attributions still sync by name. */
const ROSTER_MISSING = new Set(['not_installed', 'invalid_request', 'not_found']);

async function syncRosterIfDeployed(ctx: SyncContext, orgKey: string, shouldContinue: () => boolean) {
  try {
    return await syncRoster(ctx, orgKey, { shouldContinue });
  } catch (error) {
    if (isSyncError(error) && ROSTER_MISSING.has(error.kind)) return undefined;
    throw error;
  }
}

/** Lifts a stop (the user reloaded Salesforce, or the admin fixed access): the next sync tries again. */
export async function resumeSync(db: PartnerLedgerDb, orgKey: string): Promise<void> {
  await db.transaction('rw', [db.syncState], async () =>
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
 * Honours `syncState` (see `holdBeforeRun`): a stop, a backoff after server and network errors, and the
 * budget (background sync pauses at `pauseAboveShare` of the daily allocation). `userTriggered` ("Sync
 * now") tries regardless of all three.
 */
export function syncOnce(
  ctx: SyncContext,
  orgKey: string,
  options: { userTriggered?: boolean } = {},
): Promise<SyncSummary> {
  return serialized(ctx.db, orgKey, () => runSync(ctx, orgKey, options.userTriggered ?? false));
}

async function runSync(ctx: SyncContext, orgKey: string, userTriggered: boolean): Promise<SyncSummary> {
  const { db } = ctx;
  const summary: SyncSummary = {
    status: 'synced',
    pushed: 0,
    pulled: 0,
    merged: 0,
    skipped: 0,
    calls: 0,
    failedRecords: 0,
  };
  const pauseAboveShare = ctx.pauseAboveShare ?? DEFAULT_PAUSE_ABOVE_SHARE;
  const state = await db.syncState.get(orgKey);
  const hold = holdBeforeRun(state, ctx.now(), { userTriggered, pauseAboveShare });
  if (hold) return { ...summary, ...hold };

  const api = counting(ctx.api);
  const run: SyncContext = { ...ctx, api: api.api };
  const overBudget = () => !userTriggered && shouldPauseForUsage(api.api.usage?.(), pauseAboveShare);
  const recordUsage = (target: SyncStateRow, nowMs: number) => {
    const usage = api.api.usage?.();
    if (usage) target.usage = { used: usage.used, limit: usage.limit, at: new Date(nowMs).toISOString() };
  };

  try {
    // The roster first: attributions pulled next then find their partners by id, renamed or not.
    const roster = ctx.roster ? await syncRosterIfDeployed(run, orgKey, () => !overBudget()) : undefined;
    const pull = await pullChanges(run, orgKey, { shouldContinue: () => !overBudget() });
    summary.pulled = pull.pulled + (roster?.pulled ?? 0);
    summary.merged = pull.merged;
    summary.skipped = pull.skipped + (roster?.refused.length ?? 0);
    summary.pushed += roster?.pushed ?? 0;
    summary.failedRecords += roster?.failed ?? 0;
    let paused = !pull.complete || Boolean(roster?.paused);
    // Claims on leads converted since: moved to their opportunities before the push sends them.
    if (!paused) await carryConvertedLeads(run, orgKey, { shouldContinue: () => !overBudget() });
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
      const snapshots = await pushSnapshots(run, orgKey, { shouldContinue: () => !overBudget() });
      if (!snapshots.complete) paused = true;
    }
    summary.calls = api.calls();
    const nowMs = ctx.now();
    await db.transaction('rw', [db.syncState], async () => {
      await patchSyncState(db, orgKey, (target) => {
        delete target.stoppedReason;
        delete target.retryAt;
        target.failures = 0;
        const refusal = refusalMessage(Object.values(target.pushFailures ?? {}));
        if (refusal) target.lastError = refusal;
        else delete target.lastError;
        recordUsage(target, nowMs);
      });
    });
    if (paused) return { ...summary, status: 'paused', reason: 'budget' };
    return summary;
  } catch (error) {
    summary.calls = api.calls();
    const nowMs = ctx.now();
    let outcome: SyncSummary = { ...summary };
    await db.transaction('rw', [db.syncState], async () =>
      patchSyncState(db, orgKey, (target) => {
        const verdict = verdictOnError(error, target.failures ?? 0, nowMs, ctx.random ?? Math.random);
        const { hold } = verdict;
        target.lastError = hold.message;
        recordUsage(target, nowMs);
        if (hold.status === 'stopped') target.stoppedReason = hold.reason;
        if (verdict.failures !== undefined) target.failures = verdict.failures;
        if (hold.retryAt) target.retryAt = hold.retryAt;
        else delete target.retryAt;
        outcome = { ...summary, ...hold };
      }),
    );
    // Anything but an API error is a bug: it is recorded (and backed off) above, and still thrown.
    if (!isSyncError(error)) throw error;
    return outcome;
  }
}
