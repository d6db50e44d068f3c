// Records pulled from the org are checked with the same schemas as local input and backups: whatever a
// teammate, an integration or a sandbox copy writes into Partner_Attribution__c, a record that would not pass
// as a local row is kept out of the store, listed in the sync state with its field and reason, and never
// stops a sync. The browser's own backup still restores afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { addAttribution, listAttributions } from '../../../lib/store/attributions';
import { createBackup } from '../../../lib/store/backup/create';
import { parseBackup } from '../../../lib/store/backup/format';
import { syncOnce } from '../../../lib/sync/run';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Device } from './helpers';
import { opportunityId as opportunity } from '../../builders';
import { MemoryOrg } from './memory-org';

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

const TOUCH_ID = '44444444-0000-4000-8000-000000000001';

function touchJson(overrides: Record<string, unknown> = {}): string {
  const version = String(overrides.version ?? '');
  return JSON.stringify([
    {
      id: TOUCH_ID,
      type: 'joint_call',
      date: '2026-11-18',
      note: '',
      link: null,
      createdAt: '2026-11-18T10:00:00.000Z',
      deleted: false,
      ...overrides,
      version,
    },
  ]);
}

describe('records from the org are untrusted input', () => {
  it('keeps out oversize notes, invalid dates and overlong authors, lists them, and the backup still restores', async () => {
    const { time, org, a, b } = setup();
    const honest = await addAttribution(
      a.db,
      {
        orgKey: ORG,
        opportunityId: opportunity(1),
        partnerName: 'Initech',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(a, time),
    );
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    const template = org.get(honest.id)!;
    const version = template.Version__c as string;
    const forged = (n: number, fields: Record<string, unknown>) =>
      org.insertRaw(
        { ...template, External_Id__c: `55555555-0000-4000-8000-00000000000${n}`, ...fields },
        'Mallory Teammate',
      );
    forged(1, { Note__c: 'n'.repeat(30_000) });
    forged(2, { Touches__c: touchJson({ note: 'x'.repeat(50_000), version }) });
    forged(3, { Touches__c: touchJson({ createdAt: 'not-a-date', version }) });
    forged(4, { Attributed_By__c: 'A'.repeat(800) });
    forged(5, { Touches__c: touchJson({ by: 'B'.repeat(800), version }) });

    time.advance(60_000);
    const summary = await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    expect(summary.status).toBe('synced');
    expect((await b.db.attributions.toArray()).map((row) => row.id)).toEqual([honest.id]);
    expect(await b.db.touches.count()).toBe(1);

    const refused = (await b.db.syncState.get(ORG))?.refusedRecords ?? {};
    const byExternalId = Object.fromEntries(Object.values(refused).map((entry) => [entry.externalId, entry]));
    expect(Object.keys(byExternalId).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `55555555-0000-4000-8000-00000000000${n}`),
    );
    expect(byExternalId['55555555-0000-4000-8000-000000000001']).toMatchObject({ field: 'Note__c' });
    expect(byExternalId['55555555-0000-4000-8000-000000000002']).toMatchObject({ field: 'Touches__c[0].note' });
    expect(byExternalId['55555555-0000-4000-8000-000000000003']).toMatchObject({ field: 'Touches__c[0].createdAt' });
    expect(byExternalId['55555555-0000-4000-8000-000000000004']).toMatchObject({ field: 'Attributed_By__c' });
    expect(byExternalId['55555555-0000-4000-8000-000000000005']).toMatchObject({ field: 'Touches__c[0].by' });
    for (const entry of Object.values(refused)) {
      expect(entry.remoteId).toMatch(/^a0B/);
      expect(entry.reason).toMatch(/\w/);
    }

    const backup = parseBackup(JSON.stringify(await createBackup(b.db, new Date(time.ms).toISOString())));
    expect(backup.ok).toBe(true);
  });

  it('shows who made a claim as the org records it, not as a teammate typed it into Attributed_By__c', async () => {
    const { time, org, a, b } = setup();
    const view = await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunity(2), partnerName: 'Initech', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    org.edit(view.id, { Attributed_By__c: 'The CEO' }, 'Mallory Teammate');
    time.advance(60_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    const [seen] = await listAttributions(b.db, opportunity(2));
    expect(seen?.createdBy).toBe(a.userName);
    expect(JSON.stringify(await b.db.attributions.toArray())).not.toContain('The CEO');
  });

  it('forgets a refusal once the record reads well again', async () => {
    const { time, org, a, b } = setup();
    const view = await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunity(3), partnerName: 'Initech', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    org.edit(view.id, { Note__c: 'n'.repeat(2_001) }, 'Mallory Teammate');
    time.advance(60_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    expect(Object.keys((await b.db.syncState.get(ORG))?.refusedRecords ?? {})).toHaveLength(1);
    org.edit(view.id, { Note__c: 'fixed' }, 'An admin');
    time.advance(60_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    expect((await b.db.syncState.get(ORG))?.refusedRecords).toBeUndefined();
    expect((await listAttributions(b.db, opportunity(3)))[0]?.note).toBe('fixed');
  });
});
