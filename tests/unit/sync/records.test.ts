import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOUCH_TYPES } from '../../../lib/attribution/model';
import type { AttributionRow, PartnerRow, TouchRow } from '../../../lib/store/db';
import { formatVersion } from '../../../lib/time/hlc';
import { ATTRIBUTION_SELECT } from '../../../lib/crm/salesforce/org-objects';
import {
  pullQuery,
  rawAttributionRecordSchema,
  readOrgRecord,
  soqlDateTime,
  toOrgRecord,
  toSyncAttribution,
} from '../../../lib/sync/records';
import { MemoryOrg } from './memory-org';
import { attributionRow, opportunityId, touchRow } from '../../builders';

const DEVICE = 'd0000001-0000-4000-8000-000000000001';
const V1 = formatVersion({ wallMs: Date.UTC(2026, 10, 20, 10), counter: 0 }, DEVICE);
const V2 = formatVersion({ wallMs: Date.UTC(2026, 10, 20, 11), counter: 3 }, DEVICE);

const partner: PartnerRow = {
  id: '11111111-0000-4000-8000-000000000001',
  name: 'Globex Café',
  normalizedName: 'globex cafe',
  type: 'reseller_channel',
  tier: 'Gold',
  accountId: '001Ak00000AbCdEIAV',
  active: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function attribution(overrides: Partial<AttributionRow> = {}): AttributionRow {
  return attributionRow({
    opportunityId: opportunityId(1),
    partnerId: partner.id,
    note: 'Intro at the summit',
    windowOverrideReason: 'Registered late',
    createdBy: { deviceId: DEVICE, userName: 'Dana Partner' },
    createdAt: '2026-11-20T10:00:00.123Z',
    updatedAt: '2026-11-20T11:00:00.000Z',
    version: V2,
    ...overrides,
  });
}

function touch(n: number, overrides: Partial<TouchRow> = {}): TouchRow {
  return touchRow(attribution({ createdBy: { deviceId: DEVICE }, version: V1 }), {
    id: `33333333-0000-4000-8000-00000000000${n}`,
    type: 'deal_registration',
    date: `2026-11-1${n}`,
    note: `touch ${n}`,
    link: n === 1 ? 'https://partners.example.com/reg/1' : null,
    ...overrides,
  });
}

/** A record as the org returns it after saving the body and being queried with ATTRIBUTION_SELECT. */
async function throughOrg(body: ReturnType<typeof toOrgRecord>): Promise<unknown> {
  const org = new MemoryOrg();
  const api = org.connect('Dana Partner');
  const [result] = await api.upsertCollection('Partner_Attribution__c', 'External_Id__c', [body]);
  expect(result).toMatchObject({ success: true, created: true });
  const page = await api.query(pullQuery(undefined), rawAttributionRecordSchema);
  return page.records[0];
}

describe('toOrgRecord', () => {
  it('writes the claim, its partner and every touch (tombstones too), with the reportable summaries', () => {
    const touches = [touch(1), touch(2), touch(3, { deleted: 1, version: V2 })];
    const body = toOrgRecord(attribution(), touches, partner, 1 / 3);
    expect(body).toMatchObject({
      attributes: { type: 'Partner_Attribution__c' },
      External_Id__c: '22222222-0000-4000-8000-000000000001',
      Opportunity__c: opportunityId(1),
      Partner_Name__c: 'Globex Café',
      Partner_Key__c: 'globex cafe',
      Partner_Type__c: 'reseller_channel',
      Partner_Account__c: '001Ak00000AbCdEIAV',
      Kind__c: 'sourced',
      Credit__c: 33.33,
      Note__c: 'Intro at the summit',
      Window_Override_Reason__c: 'Registered late',
      Last_Touch_Date__c: '2026-11-12',
      Touch_Count__c: 2,
      Deleted__c: false,
      Version__c: V2,
      Device_Id__c: DEVICE,
      Attributed_By__c: 'Dana Partner',
      Attributed_At__c: '2026-11-20T10:00:00.123Z',
    });
    expect(JSON.parse(body.Touches__c!)).toHaveLength(3);
    // Only fields the org has, so the upsert is never refused for an unknown column.
    for (const key of Object.keys(body)) expect(['attributes', ...ATTRIBUTION_SELECT]).toContain(key);
  });
});

describe('reading records', () => {
  it('round-trips a claim through the org, whatever Salesforce does to empty text and date-times', async () => {
    const touches = [touch(1), touch(2, { note: '', deleted: 1, version: V2 })];
    const row = attribution({ note: '' });
    delete row.windowOverrideReason;
    const raw = await throughOrg(toOrgRecord(row, touches, partner, 1));
    const read = readOrgRecord(raw);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.record.state).toEqual(toSyncAttribution(row, touches, partner));
    expect(read.record).toMatchObject({
      partnerType: 'reseller_channel',
      partnerAccountId: '001Ak00000AbCdEIAV',
      attributedBy: 'Dana Partner',
      attributedAt: '2026-11-20T10:00:00.000Z', // kept to the second
      lastModifiedByName: 'Dana Partner',
      deviceId: DEVICE,
      credit: 100,
    });
    expect(read.record.remoteId).toMatch(/^a0B/);
    expect(read.record.systemModstamp).toMatch(/Z$/);
  });

  it('round-trips any note, reason and set of touches', async () => {
    const text = fc.string({ maxLength: 40, unit: 'grapheme' });
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
        fc.constantFrom<'sourced' | 'influenced'>('sourced', 'influenced'),
        fc.boolean(),
        fc.array(fc.record({ note: text, deleted: fc.boolean(), type: fc.constantFrom(...TOUCH_TYPES) }), {
          maxLength: 4,
        }),
        async (note, reason, kind, deleted, specs) => {
          const row = attribution({ note, kind, deleted: deleted ? 1 : 0 });
          if (reason) row.windowOverrideReason = reason;
          else delete row.windowOverrideReason;
          const touches = specs.map((spec, i) =>
            touch(i + 1, { note: spec.note, type: spec.type, deleted: spec.deleted ? 1 : 0 }),
          );
          const read = readOrgRecord(await throughOrg(toOrgRecord(row, touches, partner, null)));
          expect(read.ok && read.record.state).toEqual(toSyncAttribution(row, touches, partner));
        },
      ),
      { numRuns: 60, seed: 20261120 },
    );
  });

  const good = () => ({
    attributes: { type: 'Partner_Attribution__c' },
    Id: 'a0B000000000001AAA',
    External_Id__c: '22222222-0000-4000-8000-000000000001',
    Opportunity__c: opportunityId(1),
    Partner_Name__c: 'Globex Café',
    Partner_Key__c: 'globex cafe',
    Partner_Type__c: 'reseller_channel',
    Partner_Account__c: null,
    Kind__c: 'influenced',
    Credit__c: 50,
    Note__c: null,
    Window_Override_Reason__c: null,
    Touches__c: JSON.stringify([
      {
        id: 't1',
        type: 'joint_call',
        date: '2026-11-18',
        note: '',
        link: null,
        createdAt: '2026-11-20T10:00:00.000Z',
        version: V1,
        deleted: false,
      },
    ]),
    Last_Touch_Date__c: '2026-11-18',
    Touch_Count__c: 1,
    Deleted__c: false,
    Version__c: V1,
    Device_Id__c: DEVICE,
    Attributed_By__c: null,
    Attributed_At__c: '2026-11-20T10:00:00.000+0000',
    SystemModstamp: '2026-11-20T10:05:00.000+0000',
    LastModifiedBy: { attributes: { type: 'User' }, Name: 'Sam AE' },
  });

  it.each([
    ['bad JSON in Touches__c', { Touches__c: '[{"id":' }, /Touches__c is not valid JSON/],
    ['Touches__c that is not a list of touches', { Touches__c: '{"id":"t1"}' }, /Touches__c/],
    [
      'a touch without a version',
      {
        Touches__c:
          '[{"id":"t1","type":"other","date":"2026-11-18","note":"","link":null,"createdAt":"x","deleted":false}]',
      },
      /version/,
    ],
    [
      'a touch with an impossible date',
      {
        Touches__c:
          '[{"id":"t1","type":"other","date":"2026-02-30","note":"","link":null,"createdAt":"x","version":"' +
          V1 +
          '","deleted":false}]',
      },
      /date/,
    ],
    ['an unknown kind', { Kind__c: 'co-sold' }, /Kind__c/],
    ['no version', { Version__c: null }, /Version__c/],
    ['a version from elsewhere', { Version__c: '42' }, /Version__c/],
    ['no opportunity (deleted in Salesforce)', { Opportunity__c: null }, /Opportunity__c has no opportunity/],
    ['not our id', { External_Id__c: 'ERP-1234' }, /External_Id__c/],
    [
      'no partner at all',
      { Partner_Key__c: null, Partner_Name__c: '' },
      /Partner_Key__c and Partner_Name__c are empty/,
    ],
  ])('reports a record with %s as unreadable, with its ids', (_, patch, reason) => {
    const read = readOrgRecord({ ...good(), ...patch });
    expect(read).toMatchObject({ ok: false, remoteId: 'a0B000000000001AAA', reason: expect.stringMatching(reason) });
    if (!read.ok) expect(read.systemModstamp).toBe('2026-11-20T10:05:00.000Z');
  });

  it(
    'reads what it can of what only shows: unknown touch types as other, odd links as none, names by their ' + 'key',
    () => {
      const touches = [
        {
          id: 't1',
          type: 'webinar',
          date: '2026-11-18',
          note: null,
          link: 'javascript:alert(1)',
          createdAt: 'x',
          version: V1,
          deleted: false,
        },
      ];
      const read = readOrgRecord({
        ...good(),
        Touches__c: JSON.stringify(touches),
        Partner_Name__c: 'Someone else',
        Partner_Key__c: 'GLOBEX CAFE',
        Partner_Type__c: 'florist',
        Partner_Account__c: '003Ak00000AbCdE',
      });
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.record.state.touches[0]).toMatchObject({ type: 'other', note: '', link: null });
      expect(read.record.state).toMatchObject({ partnerKey: 'globex cafe', partnerName: 'globex cafe' });
      expect(read.record).toMatchObject({ partnerType: null, partnerAccountId: null, attributedBy: null });
    },
  );

  it(
    'takes the 15-character form of an opportunity id and the device from the version when Device_Id__c is ' + 'empty',
    () => {
      const read = readOrgRecord({ ...good(), Opportunity__c: opportunityId(1).slice(0, 15), Device_Id__c: null });
      expect(read.ok && read.record.state.opportunityId).toBe(opportunityId(1));
      expect(read.ok && read.record.deviceId).toBe(DEVICE);
    },
  );
});

describe('queries and date-times', () => {
  it('writes SOQL date-times to the second, never later than the instant', () => {
    expect(soqlDateTime('2026-11-20T10:00:00.999Z')).toBe('2026-11-20T10:00:00Z');
  });

  it('pulls everything the first time, then from a minute before the cursor, oldest change first', () => {
    expect(pullQuery(undefined)).toBe(
      `SELECT ${ATTRIBUTION_SELECT.join(', ')} FROM Partner_Attribution__c ORDER BY SystemModstamp, Id`,
    );
    expect(pullQuery('2026-11-20T10:00:30.000Z')).toMatch(
      / WHERE SystemModstamp >= 2026-11-20T09:59:30Z ORDER BY SystemModstamp, Id$/,
    );
  });
});
