import { afterEach, describe, expect, it } from 'vitest';
import { addAttribution } from '../../../lib/store/attributions';
import { LIMIT_RETRY_MS, nextRetryDelay, RETRY_BASE_MS } from '../../../lib/sync/backoff';
import { resumeSync, syncOnce } from '../../../lib/sync/run';
import { SyncError, type SyncApi } from '../../../lib/sync/types';
import { withFaults } from './faults';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Clock, type Device } from './helpers';
import { MemoryOrg } from './memory-org';
import { opportunityId } from '../../builders';

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

function setup() {
  const time = clock();
  const org = new MemoryOrg({ now: () => time.ms });
  const a = device(1, time);
  const b = device(2, time);
  devices.push(a, b);
  return { time, org, a, b };
}

async function tag(d: Device, time: Clock, n: number) {
  const input = { orgKey: ORG, opportunityId: opportunityId(n), partnerName: `Partner ${n}`, note: '', touch: TOUCH };
  return addAttribution(d.db, { ...input, kind: 'influenced' }, changeOn(d, time));
}

function failing(error: SyncError): SyncApi {
  const fail = () => Promise.reject(error);
  return { query: fail, queryMore: fail, upsertCollection: fail };
}

describe('syncOnce', () => {
  it('pulls, then pushes, and reports what it did', async () => {
    const { time, org, a, b } = setup();
    await tag(a, time, 1);
    expect(await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG)).toEqual({
      status: 'synced',
      pushed: 1,
      pulled: 0,
      merged: 0,
      skipped: 0,
      calls: 2,
      failedRecords: 0,
    });
    await tag(b, time, 2);
    const summary = await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    expect(summary).toMatchObject({ status: 'synced', pushed: 1, pulled: 1, merged: 1, calls: 2 });
    const state = await b.db.syncState.get(ORG);
    expect(state).toMatchObject({ failures: 0, usage: { used: 4, limit: 15_000 } });
    expect(state?.lastError).toBeUndefined();
  });

  it('stops on an expired session and says why, until the user asks again', async () => {
    const { time, org, a } = setup();
    await tag(a, time, 1);
    const expired = await syncOnce(syncContext(a, time, withFaults(org.connect(), [{ kind: 'session' }])), ORG);
    expect(expired).toMatchObject({
      status: 'stopped',
      reason: 'session_expired',
      message: expect.stringMatching(/session/),
    });
    expect(await a.db.syncState.get(ORG)).toMatchObject({ stoppedReason: 'session_expired' });

    time.advance(24 * 60 * 60_000);
    const background = await syncOnce(syncContext(a, time, org.connect()), ORG);
    expect(background).toMatchObject({ status: 'stopped', reason: 'session_expired', calls: 0 });
    expect(org.calls).toBe(0);

    const asked = await syncOnce(syncContext(a, time, org.connect()), ORG, { userTriggered: true });
    expect(asked).toMatchObject({ status: 'synced', pushed: 1 });
    expect((await a.db.syncState.get(ORG))?.stoppedReason).toBeUndefined();
  });

  it('lifts a stop with resumeSync', async () => {
    const { time, org, a } = setup();
    const disabled = failing(new SyncError('api_disabled', 'API_DISABLED_FOR_ORG', false, 403));
    await syncOnce(syncContext(a, time, disabled), ORG);
    await resumeSync(a.db, ORG);
    expect(await syncOnce(syncContext(a, time, org.connect()), ORG)).toMatchObject({ status: 'synced' });
  });

  it('backs off after a server or network error, longer each time, and then tries again', async () => {
    const { time, org, a } = setup();
    await tag(a, time, 1);
    const random = () => 0.999;
    const down = failing(new SyncError('server', 'HTTP 503', true, 503));
    const first = await syncOnce(syncContext(a, time, down, { random }), ORG);
    expect(first).toMatchObject({ status: 'waiting', reason: 'server' });
    expect(Date.parse(first.retryAt!) - time.ms).toBe(nextRetryDelay(1, random));

    expect(await syncOnce(syncContext(a, time, org.connect()), ORG)).toMatchObject({ status: 'waiting', calls: 0 });
    time.advance(RETRY_BASE_MS);
    const second = await syncOnce(syncContext(a, time, down, { random }), ORG);
    expect(Date.parse(second.retryAt!) - time.ms).toBe(nextRetryDelay(2, random));
    expect((await a.db.syncState.get(ORG))?.failures).toBe(2);

    time.advance(2 * RETRY_BASE_MS);
    expect(await syncOnce(syncContext(a, time, org.connect()), ORG)).toMatchObject({ status: 'synced', pushed: 1 });
    expect(await a.db.syncState.get(ORG)).toMatchObject({ failures: 0 });
    expect((await a.db.syncState.get(ORG))?.retryAt).toBeUndefined();
  });

  it('waits an hour when the org’s daily API allocation is used up, then resumes by itself', async () => {
    const { time, org, a } = setup();
    const usedUp = failing(new SyncError('limit_exceeded', 'REQUEST_LIMIT_EXCEEDED', true, 403));
    const limited = await syncOnce(syncContext(a, time, usedUp), ORG);
    expect(limited).toMatchObject({ status: 'stopped', reason: 'limit_exceeded' });
    expect(Date.parse(limited.retryAt!) - time.ms).toBe(LIMIT_RETRY_MS);
    expect(await syncOnce(syncContext(a, time, org.connect()), ORG)).toMatchObject({ status: 'stopped', calls: 0 });
    time.advance(LIMIT_RETRY_MS);
    expect(await syncOnce(syncContext(a, time, org.connect()), ORG)).toMatchObject({ status: 'synced' });
  });

  it('pauses background sync above the budget; "Sync now" overrides it', async () => {
    const { time, a } = setup();
    const busy = new MemoryOrg({ now: () => time.ms, dailyLimit: 10 });
    await tag(a, time, 1);
    busy.calls = 8; // 80 % of the allocation used
    // The first sync learns the usage with its first call, and stops before the next one.
    const first = await syncOnce(syncContext(a, time, busy.connect()), ORG);
    expect(first).toMatchObject({ status: 'paused', reason: 'budget', calls: 1 });
    expect(await a.db.outbox.count()).toBe(1);

    const paused = await syncOnce(syncContext(a, time, busy.connect()), ORG);
    expect(paused).toMatchObject({ status: 'paused', calls: 0 });

    const asked = await syncOnce(syncContext(a, time, busy.connect()), ORG, { userTriggered: true });
    expect(asked).toMatchObject({ status: 'synced', pushed: 1 });

    // Usage an hour old no longer pauses: only a call can tell whether the day's usage went down.
    time.advance(61 * 60_000);
    expect(await syncOnce(syncContext(a, time, busy.connect()), ORG)).toMatchObject({ status: 'paused', calls: 1 });
  });

  it('rethrows what is not an API error, after backing off', async () => {
    const { time, a } = setup();
    const boom = () => Promise.reject(new TypeError('boom'));
    const broken: SyncApi = { query: boom, queryMore: boom, upsertCollection: boom };
    await expect(syncOnce(syncContext(a, time, broken), ORG)).rejects.toThrow('boom');
    expect(await a.db.syncState.get(ORG)).toMatchObject({ failures: 1, lastError: 'boom' });
  });

  it('runs one sync at a time per database and org', async () => {
    const { time, org, a } = setup();
    await tag(a, time, 1);
    const ctx = syncContext(a, time, org.connect());
    const [one, two] = await Promise.all([syncOnce(ctx, ORG), syncOnce(ctx, ORG)]);
    expect(one.pushed + two.pushed).toBe(1);
    expect(org.upsertCalls).toBe(1);
  });
});
