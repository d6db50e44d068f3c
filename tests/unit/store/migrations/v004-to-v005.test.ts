import { describe, expect, it } from 'vitest';
import { isV4PushFailuresKey, pushFailuresOfV4Setting } from '../../../../lib/store/migrations/v004-to-v005';
import { syncStateRowSchema } from '../../../../lib/store/rows';
import { v3 } from './fixtures/v3';

const attribution = v3.attributions[0]!;
const failure = {
  version: attribution.version,
  attempts: 2,
  retryAt: Date.UTC(2026, 10, 2, 8, 0, 7, 412),
  error: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record',
};

describe('isV4PushFailuresKey', () => {
  it('knows the settings v4 kept push failures in, and nothing else', () => {
    expect(isV4PushFailuresKey('sync.pushFailures.acme')).toBe(true);
    expect(isV4PushFailuresKey('sync.pushFailures.00DAk000001abcDMAQ')).toBe(true);
    for (const key of ['clock', 'deviceId', 'rules', 'summaryReady:acme', 'pushFailures.acme', 42, undefined]) {
      expect(isV4PushFailuresKey(key), String(key)).toBe(false);
    }
  });
});

describe('pushFailuresOfV4Setting', () => {
  it('gives the org and its failures, each retry time as an ISO timestamp', () => {
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value: { [attribution.id]: failure } })).toEqual({
      orgKey: 'acme',
      pushFailures: { [attribution.id]: { ...failure, retryAt: '2026-11-02T08:00:07.412Z' } },
    });
  });

  it('gives failures the sync state row schema accepts', () => {
    const moved = pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value: { [attribution.id]: failure } });
    expect(syncStateRowSchema.safeParse(moved).success).toBe(true);
  });

  it('leaves out the failures it cannot read, and keeps the others', () => {
    const other = v3.attributions[1]!;
    const value = {
      [attribution.id]: failure,
      'not-an-attribution': failure,
      [other.id]: { ...failure, retryAt: 'tomorrow' },
      'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b': { ...failure, attempts: 0 },
      '9a7b330a-a736-4d51-9b6e-a0b1c2d3e4f5': { ...failure, retryAt: 8.64e15 + 1 },
      '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed': { ...failure, version: 'v1' },
      '2d1e0f9a-8b7c-4d6e-9f5a-4b3c2d1e0f9a': { ...failure, error: '' },
      '6f1c2b7e-4d3a-4e8f-9a21-3c5d7e9f0b14': 'refused',
    };
    const moved = pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value });
    expect(Object.keys(moved?.pushFailures ?? {})).toEqual([attribution.id]);
  });

  it('gives nothing for another setting, an org key that is not one, or nothing readable', () => {
    const value = { [attribution.id]: failure };
    expect(pushFailuresOfV4Setting({ key: 'rules', value })).toBeUndefined();
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.', value })).toBeUndefined();
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme corp', value })).toBeUndefined();
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value: 'refused' })).toBeUndefined();
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value: [failure] })).toBeUndefined();
    expect(pushFailuresOfV4Setting({ key: 'sync.pushFailures.acme', value: {} })).toBeUndefined();
  });
});
