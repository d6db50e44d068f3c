import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONCURRENCY_RETRY_MS,
  freshUsage,
  holdBeforeRun,
  LIMIT_RETRY_MS,
  nextRetryDelay,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  shouldPauseForUsage,
  USAGE_FRESH_MS,
  verdictOnError,
} from '../../../lib/sync/backoff';
import type { SyncStateRow } from '../../../lib/store/db';
import { SyncError } from '../../../lib/sync/types';
import { classifyResponse } from '../../../lib/crm/salesforce/api-errors';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
const background = { userTriggered: false, pauseAboveShare: 0.8 };
const userAsked = { userTriggered: true, pauseAboveShare: 0.8 };

function state(fields: Partial<SyncStateRow> = {}): SyncStateRow {
  return { orgKey: 'acme', ...fields };
}

describe('nextRetryDelay', () => {
  it('stays within [0, min(15 min, 5 s · 2^(n−1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, r) => {
        const delay = nextRetryDelay(failures, () => r);
        const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (Math.max(1, failures) - 1));
        return Number.isInteger(delay) && delay >= 0 && delay < ceiling;
      }),
      { seed: 20261120, numRuns: 500 },
    );
  });

  it('doubles its ceiling up to the cap', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 8, 9, 10, 100].map((n) => nextRetryDelay(n, top))).toEqual([
      4_999,
      9_999,
      19_999,
      39_999,
      640_000 - 1,
      RETRY_CAP_MS - 1,
      RETRY_CAP_MS - 1,
      RETRY_CAP_MS - 1,
    ]);
    expect(nextRetryDelay(3, () => 0)).toBe(0);
    expect(nextRetryDelay(3, () => Number.NaN)).toBe(0);
  });
});

describe('shouldPauseForUsage', () => {
  it('pauses at or above the share, never without a usage', () => {
    expect(shouldPauseForUsage({ used: 79, limit: 100 })).toBe(false);
    expect(shouldPauseForUsage({ used: 80, limit: 100 })).toBe(true);
    expect(shouldPauseForUsage({ used: 50, limit: 100 }, 0.5)).toBe(true);
    expect(shouldPauseForUsage({ used: 99, limit: 100 }, 1)).toBe(false);
    expect(shouldPauseForUsage(undefined)).toBe(false);
    expect(shouldPauseForUsage({ used: 5, limit: 0 })).toBe(false);
  });
});

describe('freshUsage', () => {
  it('gives the recorded usage while it is at most an hour old', () => {
    const usage = { used: 10, limit: 100, at: at(NOW - USAGE_FRESH_MS) };
    expect(freshUsage(state({ usage }), NOW)).toBe(usage);
    expect(freshUsage(state({ usage }), NOW + 1)).toBeUndefined();
  });

  it('gives nothing without a usage, or with one whose time cannot be read', () => {
    expect(freshUsage(undefined, NOW)).toBeUndefined();
    expect(freshUsage(state(), NOW)).toBeUndefined();
    expect(freshUsage(state({ usage: { used: 10, limit: 100, at: 'yesterday' } }), NOW)).toBeUndefined();
  });
});

describe('holdBeforeRun', () => {
  it('lets a sync run when nothing holds it back', () => {
    expect(holdBeforeRun(undefined, NOW, background)).toBeUndefined();
    expect(holdBeforeRun(state({ failures: 0, lastPullAt: at(NOW - 1000) }), NOW, background)).toBeUndefined();
  });

  it('keeps a stop until the user acts, with the reason and the org’s words', () => {
    const stopped = state({ stoppedReason: 'session_expired', lastError: 'Session expired or invalid' });
    expect(holdBeforeRun(stopped, NOW + 24 * 60 * 60_000, background)).toEqual({
      status: 'stopped',
      reason: 'session_expired',
      message: 'Session expired or invalid',
    });
  });

  it('keeps a used-up allocation stopped until its retry time, then lets the sync run', () => {
    const limited = state({ stoppedReason: 'limit_exceeded', retryAt: at(NOW + LIMIT_RETRY_MS) });
    expect(holdBeforeRun(limited, NOW, background)).toEqual({
      status: 'stopped',
      reason: 'limit_exceeded',
      retryAt: at(NOW + LIMIT_RETRY_MS),
    });
    expect(holdBeforeRun(limited, NOW + LIMIT_RETRY_MS, background)).toBeUndefined();
  });

  it('waits out a backoff, and runs once it is over or cannot be read', () => {
    const backingOff = state({ failures: 2, retryAt: at(NOW + 5_000), lastError: 'HTTP 503' });
    expect(holdBeforeRun(backingOff, NOW, background)).toEqual({
      status: 'waiting',
      reason: 'backoff',
      message: 'HTTP 503',
      retryAt: at(NOW + 5_000),
    });
    expect(holdBeforeRun(backingOff, NOW + 5_000, background)).toBeUndefined();
    expect(holdBeforeRun(state({ retryAt: 'soon' }), NOW, background)).toBeUndefined();
  });

  it('pauses at or above the budget share of a recent usage, and not on an old one', () => {
    const usage = (used: number, ageMs = 0) => state({ usage: { used, limit: 100, at: at(NOW - ageMs) } });
    expect(holdBeforeRun(usage(80), NOW, background)).toEqual({ status: 'paused', reason: 'budget' });
    expect(holdBeforeRun(usage(79), NOW, background)).toBeUndefined();
    expect(holdBeforeRun(usage(50), NOW, { userTriggered: false, pauseAboveShare: 0.5 })).toMatchObject({
      status: 'paused',
    });
    expect(holdBeforeRun(usage(99, USAGE_FRESH_MS + 1), NOW, background)).toBeUndefined();
  });

  it('tells a stop before a backoff, and a backoff before the budget', () => {
    const usage = { used: 99, limit: 100, at: at(NOW) };
    const everything = state({ stoppedReason: 'api_disabled', retryAt: at(NOW + 1000), usage });
    expect(holdBeforeRun(everything, NOW, background)).toMatchObject({ status: 'stopped', reason: 'api_disabled' });
    const { stoppedReason: _stop, ...waiting } = everything;
    expect(holdBeforeRun(waiting, NOW, background)).toMatchObject({ status: 'waiting', reason: 'backoff' });
  });

  it('lets "Sync now" through a stop, a backoff and the budget', () => {
    const usage = { used: 99, limit: 100, at: at(NOW) };
    const everything = state({ stoppedReason: 'session_expired', retryAt: at(NOW + 1000), usage });
    expect(holdBeforeRun(everything, NOW, background)).toBeDefined();
    expect(holdBeforeRun(everything, NOW, userAsked)).toBeUndefined();
  });
});

describe('verdictOnError', () => {
  const random = () => 0.5;

  it('stops for an hour when the org’s daily allocation is used up, without counting a failure', () => {
    const error = new SyncError('limit_exceeded', 'REQUEST_LIMIT_EXCEEDED', true, 403);
    expect(verdictOnError(error, 3, NOW, random)).toEqual({
      hold: {
        status: 'stopped',
        reason: 'limit_exceeded',
        message: 'REQUEST_LIMIT_EXCEEDED',
        retryAt: at(NOW + LIMIT_RETRY_MS),
      },
    });
  });

  it('backs off briefly, without the daily-limit pause, when Salesforce is busy with long requests', () => {
    const error = classifyResponse(
      403,
      JSON.stringify([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }]),
    );
    for (const r of [0, 0.5, 0.999]) {
      const verdict = verdictOnError(error, 2, NOW, () => r);
      expect(verdict.hold.status).toBe('waiting');
      expect(verdict.hold.reason).toBe('concurrency_limit');
      expect(verdict.hold.message).toMatch(/at once/);
      const wait = Date.parse(verdict.hold.retryAt ?? '') - NOW;
      expect(wait).toBeGreaterThanOrEqual(CONCURRENCY_RETRY_MS);
      expect(wait).toBeLessThan(2 * CONCURRENCY_RETRY_MS);
      expect(wait).toBeLessThan(LIMIT_RETRY_MS);
      // Not a failure of the org: the failures in a row stay as they were.
      expect(verdict.failures).toBe(2);
    }
  });

  it('stops until the user acts on an API error no retry can fix', () => {
    const error = new SyncError('session_expired', 'Session expired or invalid', false, 401);
    expect(verdictOnError(error, 3, NOW, random)).toEqual({
      hold: { status: 'stopped', reason: 'session_expired', message: 'Session expired or invalid' },
    });
  });

  it('backs off after a server or network error, one more failure in a row each time', () => {
    const error = new SyncError('server', 'HTTP 503', true, 503);
    expect(verdictOnError(error, 0, NOW, random)).toEqual({
      hold: { status: 'waiting', reason: 'server', message: 'HTTP 503', retryAt: at(NOW + nextRetryDelay(1, random)) },
      failures: 1,
    });
    expect(verdictOnError(error, 4, NOW, random)).toMatchObject({
      hold: { retryAt: at(NOW + nextRetryDelay(5, random)) },
      failures: 5,
    });
  });

  it('backs off after what is not an API error, in its own words', () => {
    expect(verdictOnError(new TypeError('boom'), 1, NOW, random)).toEqual({
      hold: { status: 'waiting', reason: 'error', message: 'boom', retryAt: at(NOW + nextRetryDelay(2, random)) },
      failures: 2,
    });
    expect(verdictOnError('thrown text', 0, NOW, random).hold).toMatchObject({
      reason: 'error',
      message: 'thrown text',
    });
  });
});
