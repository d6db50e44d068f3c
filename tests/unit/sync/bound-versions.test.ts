import { afterEach, describe, expect, it } from 'vitest';
import { addAttribution, listAttributions, removeAttribution } from '../../../lib/store/attributions';
import { readSetting } from '../../../lib/store/settings';
import { boundRemoteVersions } from '../../../lib/sync/bound-versions';
import { pullChanges } from '../../../lib/sync/pull';
import { pushOutbox } from '../../../lib/sync/push';
import type { RemoteAttribution } from '../../../lib/sync/records';
import { formatVersion, MAX_AHEAD_MS, parseVersion } from '../../../lib/time/hlc';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Clock, type Device } from './helpers';
import { opportunityId as opportunity } from '../../builders';
import { MemoryOrg } from './memory-org';

const FORGED = '999999999999999:99999:zzz';

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

const push = (d: Device, time: Clock, org: MemoryOrg) => pushOutbox(syncContext(d, time, org.connect(d.userName)), ORG);
const pull = (d: Device, time: Clock, org: MemoryOrg) =>
  pullChanges(syncContext(d, time, org.connect(d.userName)), ORG);

describe('a forged far-future version in the org', () => {
  it('neither moves a browser’s clock past now nor makes its later changes unreadable to teammates', async () => {
    const time = clock();
    const org = new MemoryOrg({ now: () => time.ms });
    const a = device(1, time);
    const b = device(2, time);
    devices.push(a, b);
    const view = await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunity(1), partnerName: 'Globex', kind: 'influenced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    await push(a, time, org);
    await pull(b, time, org);
    org.edit(view.id, { Version__c: FORGED }, 'A hostile teammate');
    time.advance(60_000);
    await pull(b, time, org);

    const bClock = await b.db.transaction('r', b.db.settings, () => readSetting(b.db, 'clock'));
    // Refused outright (its device id is not the version's) or clamped: either way the clock stays near now.
    expect(bClock?.wallMs ?? time.ms).toBeLessThanOrEqual(time.ms + MAX_AHEAD_MS);

    // Once the forged record's few minutes are over, an honest change wins over it and reaches teammates.
    time.advance(MAX_AHEAD_MS + 60_000);
    await removeAttribution(b.db, view.id, changeOn(b, time));
    const stored = await b.db.attributions.get(view.id);
    expect(parseVersion(stored!.version)).toBeDefined();
    await push(b, time, org);
    expect(org.get(view.id)?.Deleted__c).toBe(true);
    time.advance(60_000);
    const report = await pull(a, time, org);
    expect(report.unreadable).toEqual([]);
    expect(await listAttributions(a.db, opportunity(1))).toEqual([]);
  });
});

describe('boundRemoteVersions', () => {
  const modstamp = Date.UTC(2026, 10, 20, 9, 0, 0);
  const remote = (version: string, touchVersion: string, systemModstamp?: string): RemoteAttribution => ({
    state: {
      id: '00000001-0000-4000-8000-000000000001',
      opportunityId: opportunity(1),
      partnerKey: 'globex',
      partnerName: 'Globex',
      kind: 'influenced',
      note: '',
      windowOverrideReason: null,
      deleted: false,
      version,
      touches: [
        {
          id: 't1',
          type: 'joint_call',
          date: '2026-11-18',
          note: '',
          link: null,
          createdAt: '',
          version: touchVersion,
          deleted: false,
        },
      ],
    },
    ...(systemModstamp ? { systemModstamp } : {}),
    deviceId: 'zzz',
    partnerType: null,
    partnerAccountId: null,
    attributedBy: null,
    attributedAt: null,
    credit: null,
  });

  it('clamps the record’s and its touches’ versions to a few minutes after SystemModstamp', () => {
    const bounded = boundRemoteVersions(remote(FORGED, FORGED, new Date(modstamp).toISOString()), modstamp + 1e9);
    const limit = formatVersion({ wallMs: modstamp + MAX_AHEAD_MS, counter: 99_999 }, 'zzz');
    expect(bounded.state.version).toBe(limit);
    expect(bounded.state.touches[0]!.version).toBe(limit);
  });

  it('uses this browser’s time when the record has no SystemModstamp', () => {
    const bounded = boundRemoteVersions(remote(FORGED, FORGED), modstamp);
    expect(parseVersion(bounded.state.version)!.wallMs).toBe(modstamp + MAX_AHEAD_MS);
  });

  it('returns an honest record unchanged', () => {
    const honest = formatVersion({ wallMs: modstamp - 1000, counter: 0 }, 'zzz');
    const record = remote(honest, honest, new Date(modstamp).toISOString());
    expect(boundRemoteVersions(record, modstamp)).toBe(record);
  });
});

describe('a browser whose clock runs far ahead', () => {
  it('keeps its own record as it is when it reads it back, so nothing is sent back and forth', async () => {
    const time = clock();
    const org = new MemoryOrg({ now: () => time.ms });
    const a = device(1, time, { skewMs: 60 * 60_000 });
    devices.push(a);
    await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunity(1), partnerName: 'Globex', kind: 'influenced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    await push(a, time, org);
    time.advance(60_000);
    const report = await pull(a, time, org);
    expect(report).toMatchObject({ merged: 0, enqueued: 0 });
    expect(await a.db.outbox.count()).toBe(0);
  });
});
