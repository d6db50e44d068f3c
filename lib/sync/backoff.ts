/**
 * When to try again, and when to leave the org's API allocation alone. Pure: time and randomness come in.
 */
import type { ApiUsage } from './types';

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 15 * 60_000;

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
export function shouldPauseForUsage(usage: ApiUsage | undefined, pauseAboveShare: number = DEFAULT_PAUSE_ABOVE_SHARE): boolean {
  if (!usage || !(usage.limit > 0) || !Number.isFinite(usage.used)) return false;
  return usage.used / usage.limit >= pauseAboveShare;
}
