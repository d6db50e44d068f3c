import { describe, expect, it } from 'vitest';
import { checkRemote, teammateName } from '../../../lib/sync/check-remote';
import type { RemoteAttribution } from '../../../lib/sync/records';
import { toId18 } from '../../../lib/record-id';
import { formatVersion } from '../../../lib/time/hlc';
import { opportunityId as opportunity } from '../../builders';

const DEVICE = 'd0000001-0000-4000-8000-000000000001';
const VERSION = formatVersion({ wallMs: Date.UTC(2026, 10, 20, 10), counter: 0 }, DEVICE);
const NOW = '2026-11-20T11:00:00.000Z';

function remote(overrides: Partial<RemoteAttribution['state']> = {}, extra: Partial<RemoteAttribution> = {}) {
  return {
    state: {
      id: '22222222-0000-4000-8000-000000000001',
      opportunityId: opportunity(1),
      partnerKey: 'initech',
      partnerName: 'Initech',
      kind: 'sourced',
      note: '',
      windowOverrideReason: null,
      deleted: false,
      version: VERSION,
      touches: [],
      ...overrides,
    },
    remoteId: toId18('a0B000000000001')!,
    deviceId: DEVICE,
    partnerType: null,
    partnerAccountId: null,
    attributedBy: null,
    attributedAt: null,
    credit: null,
    ...extra,
  } satisfies RemoteAttribution;
}

const touch = {
  id: '33333333-0000-4000-8000-000000000001',
  type: 'joint_call' as const,
  date: '2026-11-18',
  note: '',
  link: null,
  createdAt: '2026-11-18T10:00:00.000Z',
  version: VERSION,
  deleted: false,
};

describe('checkRemote', () => {
  it('passes a record whose rows the store would take', () => {
    expect(checkRemote(remote({ touches: [touch] }), 'acme', NOW)).toBeUndefined();
  });

  it.each([
    ['a note over the local limit', remote({ note: 'n'.repeat(2_001) }), 'Note__c'],
    [
      'a touch note over the local limit',
      remote({ touches: [{ ...touch, note: 'n'.repeat(2_001) }] }),
      'Touches__c[0].note',
    ],
    [
      'a touch dated "not-a-date"',
      remote({ touches: [{ ...touch, createdAt: 'not-a-date' }] }),
      'Touches__c[0].createdAt',
    ],
    ['an 800-character author', remote({}, { attributedBy: 'a'.repeat(800) }), 'Attributed_By__c'],
    ['a version from the far future', remote({ version: `999999999999999:00000:${DEVICE}` }), 'Version__c'],
    ['a device id that is not one', remote({}, { deviceId: 'nope' }), 'Device_Id__c'],
    ['a partner key over Partner_Key__c', remote({ partnerKey: 'k'.repeat(121), partnerName: '' }), 'Partner_Name__c'],
  ])('refuses %s, naming the field', (_, record, field) => {
    expect(checkRemote(record, 'acme', NOW)).toMatchObject({ field, reason: expect.any(String) });
  });

  it('names the teammate as the org records the creator, before what the record claims', () => {
    expect(teammateName(remote({}, { attributedBy: 'The CEO', createdByName: 'Dana Rep' }))).toBe('Dana Rep');
    expect(teammateName(remote({}, { attributedBy: 'Dana Rep' }))).toBe('Dana Rep');
    expect(teammateName(remote())).toBe('A teammate');
  });
});
