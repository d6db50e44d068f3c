/**
 * When to try again, and when to leave the org's API allocation alone: the decisions a sync run makes
 * before it starts and after it fails. Pure: the sync state, time and randomness come in, and what to
 * report and keep comes out, so every rule is tested without a database or an org.
 */
import type { SyncStateRow } from '../store/db';
import type { ApiUsage } from '../crm/salesforce/limits';
import { isSyncError, LIMIT_EXCEEDED } from './types';
import { messageOf } from '../errors';

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 15 * 60_000;

/** After the org's daily allocation ran out, try again after this long (it is a rolling 24 hours). */
export const LIMIT_RETRY_MS = 60 * 60_000;

/**
 * After Salesforce refused a call because too many long-running requests of the org ran at once
 * (`concurrency_limit`), try again after this long plus up to as much again at random: those requests end
 * within seconds, and spreading the retries keeps the browsers of one org from adding to the crowd.
 */
export const CONCURRENCY_RETRY_MS = 30_000;
const CONCURRENCY_LIMIT = 'concurrency_limit';

/** Usage older than this no longer pauses sync: only a call can refresh it. */
export const USAGE_FRESH_MS = 60 * 60_000;

/**
 * How long to wait after the `failures`-th failure in a row (1 for the first): exponential backoff with full
 * jitter, a uniformly random delay in [0, min(cap, base · 2^(failures−1))). Spreading retries over the whole
 * interval keeps many browsers of one org from retrying in step after an outage.
 */
export function nextRetryDelay(failures: number, random: () => number = Math.random): number {
  const attempt = Number.isFinite(failures) ? Math.max(1, Math.floor(failures)) : 1;
  // 2^60 is already far beyond the cap; larger exponents only risk Infinity.
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 60));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(unit * ceiling);
}

/** The share of the daily limit above which background sync pauses, unless the user asks to sync. */
export const DEFAULT_PAUSE_ABOVE_SHARE = 0.8;

/**
 * True when the org has used `pauseAboveShare` or more of its daily API allocation. Without a known
 * usage there is nothing to protect yet, so sync goes on (its first call tells the usage).
 */
export function shouldPauseForUsage(
  usage: ApiUsage | undefined,
  pauseAboveShare: number = DEFAULT_PAUSE_ABOVE_SHARE,
): boolean {
  if (!usage || !(usage.limit > 0) || !Number.isFinite(usage.used)) return false;
  return usage.used / usage.limit >= pauseAboveShare;
}

/** The usage a sync state recorded, while it is recent enough to say anything about today. */
export function freshUsage(state: SyncStateRow | undefined, nowMs: number): ApiUsage | undefined {
  const usage = state?.usage;
  if (!usage) return undefined;
  const at = Date.parse(usage.at);
  return Number.isNaN(at) || nowMs - at > USAGE_FRESH_MS ? undefined : usage;
}

/** Why a sync does not run, or how a failed one ended: what its summary reports. */
export interface Hold {
  status: 'stopped' | 'waiting' | 'paused';
  /** The stop's reason or the error kind (`session_expired`, `network`, …), `backoff` or `budget`. */
  reason: string;
  message?: string;
  retryAt?: string;
}

/**
 * Whether a background sync should leave the org alone now, and why: a stop waits for the user (session
 * expired, API disabled, no access, object not installed), except a used-up allocation, which lifts by
 * itself at `retryAt`; a backoff after server and network errors waits until `retryAt`; and a recent usage
 * at or above `pauseAboveShare` pauses. Undefined: go ahead. "Sync now" (`userTriggered`) always goes.
 */
export function holdBeforeRun(
  state: SyncStateRow | undefined,
  nowMs: number,
  options: { userTriggered: boolean; pauseAboveShare: number },
): Hold | undefined {
  if (options.userTriggered) return undefined;
  const message = state?.lastError ? { message: state.lastError } : {};
  const retryAt = state?.retryAt ? Date.parse(state.retryAt) : undefined;
  const waiting = retryAt !== undefined && retryAt > nowMs;
  if (state?.stoppedReason && (state.stoppedReason !== LIMIT_EXCEEDED || waiting)) {
    const until = state.retryAt ? { retryAt: state.retryAt } : {};
    return { status: 'stopped', reason: state.stoppedReason, ...message, ...until };
  }
  if (waiting) return { status: 'waiting', reason: 'backoff', ...message, retryAt: state!.retryAt! };
  if (shouldPauseForUsage(freshUsage(state, nowMs), options.pauseAboveShare)) {
    return { status: 'paused', reason: 'budget' };
  }
  return undefined;
}

/** What a failed run reports, and how the sync state changes for the next one. */
export interface ErrorVerdict {
  /** A stop keeps its reason (and `retryAt` when it lifts by itself); a wait keeps its `retryAt`. */
  hold: Hold & { status: 'stopped' | 'waiting'; message: string };
  /** Failures in a row, this one included, when the error backs off; undefined when it stops sync. */
  failures?: number;
}

/**
 * Maps an error of a sync run to what happens next. The org's allocation used up: stop, and try again in an
 * hour. Too many long-running requests of the org at once: wait half a minute to a minute, not counted as a
 * failure. An API error that no retry can fix (session expired, API disabled, no access): stop until the user
 * acts. Anything else (a server or network error, or a bug): one more failure in a row, and a backoff.
 */
export function verdictOnError(
  error: unknown,
  failuresSoFar: number,
  nowMs: number,
  random: () => number = Math.random,
): ErrorVerdict {
  const message = messageOf(error);
  if (isSyncError(error) && error.kind === LIMIT_EXCEEDED) {
    const retryAt = new Date(nowMs + LIMIT_RETRY_MS).toISOString();
    return { hold: { status: 'stopped', reason: LIMIT_EXCEEDED, message, retryAt } };
  }
  if (isSyncError(error) && error.kind === CONCURRENCY_LIMIT) {
    const unit = Math.min(Math.max(random(), 0), 1 - Number.EPSILON) || 0;
    const retryAt = new Date(nowMs + CONCURRENCY_RETRY_MS + Math.floor(unit * CONCURRENCY_RETRY_MS)).toISOString();
    return { hold: { status: 'waiting', reason: CONCURRENCY_LIMIT, message, retryAt }, failures: failuresSoFar };
  }
  if (isSyncError(error) && !error.retryable) return { hold: { status: 'stopped', reason: error.kind, message } };
  const failures = failuresSoFar + 1;
  const retryAt = new Date(nowMs + nextRetryDelay(failures, random)).toISOString();
  return { hold: { status: 'waiting', reason: isSyncError(error) ? error.kind : 'error', message, retryAt }, failures };
}
