import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COLLECTION_RECORDS } from '../../../lib/crm/salesforce/limits';
import { addAttribution, addTouch } from '../../../lib/store/attributions';
import { createBackup } from '../../../lib/store/backup/create';
import type { AttributionRow, OutboxRow, PartnerRow, TouchRow } from '../../../lib/store/db';
import { pullChanges, pullOpportunity } from '../../../lib/sync/pull';
import { nextRetryDelay } from '../../../lib/sync/backoff';
import { pushOutbox } from '../../../lib/sync/push';
import { formatVersion } from '../../../lib/time/hlc';
import { withFaults } from './faults';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Device } from './helpers';
import { MemoryOrg } from './memory-org';
import { attributionRow, opportunityId, partnerRow, touchRow } from '../../builders';

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

function newDevice(index = 1, time = clock()): Device {
  const d = device(index, time);
  devices.push(d);
  return d;
}

/** `count` attributions written directly (fast), each queued once, on distinct opportunities. */
async function seed(d: Device, count: number, at: number): Promise<AttributionRow[]> {
  const now = new Date(at).toISOString();
  const partner: PartnerRow =
    (await d.db.partners.where({ normalizedName: 'northwind si' }).first()) ??
    partnerRow({ id: d.newId(), name: 'Northwind SI', type: 'system_integrator', createdAt: now, updatedAt: now });
  const rows: AttributionRow[] = [];
  const touches: TouchRow[] = [];
  const outbox: OutboxRow[] = [];
  for (let i = 0; i < count; i++) {
    const version = formatVersion({ wallMs: at, counter: i }, d.deviceId);
    const row = attributionRow({
      id: d.newId(),
      orgKey: ORG,
      opportunityId: opportunityId((at % 1000) + i + 1),
      partnerId: partner.id,
      kind: 'influenced',
      note: `note ${i}`,
      createdBy: { deviceId: d.deviceId },
      createdAt: now,
      updatedAt: now,
      version,
    });
    rows.push(row);
    touches.push(touchRow(row, { id: d.newId(), ...TOUCH, createdAt: now, updatedAt: now }));
    outbox.push({ orgKey: ORG, attributionId: row.id, version, queuedAt: now });
  }
  await d.db.transaction('rw', [d.db.partners, d.db.attributions, d.db.touches, d.db.outbox], async () => {
    await d.db.partners.put(partner);
    await d.db.attributions.bulkAdd(rows);
    await d.db.touches.bulkAdd(touches);
    await d.db.outbox.bulkAdd(outbox);
  });
  return rows;
}

describe('pushOutbox', () => {
  it('sends N changes in ceil(N / 200) calls, each attribution once, as it stands now', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    const rows = await seed(d, 401, time.ms);
    // A second queued change of the first attribution: still one record, sent once.
    await d.db.outbox.add({ orgKey: ORG, attributionId: rows[0]!.id, version: rows[0]!.version, queuedAt: 'x' });
    const ctx = syncContext(d, time, org.connect());

    const reports = [];
    for (let report = await pushOutbox(ctx, ORG); report.sent > 0; report = await pushOutbox(ctx, ORG))
      reports.push(report);

    expect(reports.map((r) => r.sent)).toEqual([MAX_COLLECTION_RECORDS, MAX_COLLECTION_RECORDS, 1]);
    expect(org.upsertCalls).toBe(Math.ceil(401 / MAX_COLLECTION_RECORDS));
    expect(org.all()).toHaveLength(401);
    expect(await d.db.outbox.count()).toBe(0);
    const stored = await d.db.attributions.get(rows[7]!.id);
    expect(stored?.remoteId).toBe(org.get(rows[7]!.id)?.Id);
    expect(org.get(rows[7]!.id)).toMatchObject({
      Note__c: 'note 7',
      Touch_Count__c: 1,
      Credit__c: 100,
      Partner_Key__c: 'northwind si',
    });
  });

  it('makes no call when nothing is queued', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    expect(await pushOutbox(syncContext(d, time, org.connect()), ORG)).toMatchObject({ sent: 0, calls: 0 });
    expect(org.calls).toBe(0);
  });

  it('keeps a change made while the push was out, and sends it next', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    const view = await addAttribution(
      d.db,
      { orgKey: ORG, opportunityId: opportunityId(1), partnerName: 'Globex', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(d, time),
    );
    let newTouchId = '';
    const api = withFaults(org.connect(), [{ kind: 'concurrent' }], {
      whileOut: async () => {
        time.advance(1000);
        newTouchId = (
          await addTouch(
            d.db,
            { attributionId: view.id, type: 'technical_evaluation', date: '2026-11-19', note: 'POC' },
            changeOn(d, time),
          )
        ).id;
      },
    });
    const first = await pushOutbox(syncContext(d, time, api), ORG);
    expect(first).toMatchObject({ sent: 1, succeeded: 1, remaining: 1 });
    const queued = await d.db.outbox.toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.version).toBe((await d.db.attributions.get(view.id))!.version);

    await pushOutbox(syncContext(d, time, org.connect()), ORG);
    expect(await d.db.outbox.count()).toBe(0);
    const touches = JSON.parse(org.get(view.id)!.Touches__c as string) as { id: string }[];
    expect(touches.map((t) => t.id)).toContain(newTouchId);
  });

  it('queues again at once when a merge from the org changed the claim while its push was out', async () => {
    const time = clock();
    const a = newDevice(1, time);
    const b = newDevice(2, time);
    const org = new MemoryOrg({ now: () => time.ms });
    const view = await addAttribution(
      a.db,
      { orgKey: ORG, opportunityId: opportunityId(1), partnerName: 'Globex', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(a, time),
    );
    await pushOutbox(syncContext(a, time, org.connect()), ORG);
    await pullChanges(syncContext(b, time, org.connect()), ORG);
    const fromB = await addTouch(b.db, { attributionId: view.id, ...TOUCH, note: 'from B' }, changeOn(b, time));
    await pushOutbox(syncContext(b, time, org.connect()), ORG);
    time.advance(1000);
    await addTouch(a.db, { attributionId: view.id, ...TOUCH, note: 'from A' }, changeOn(a, time));
    // The panel fetched B's record before A's push; it is applied while the push is out.
    const fetched = org.get(view.id)!;
    const api = withFaults(org.connect(), [{ kind: 'concurrent' }], {
      whileOut: async () => {
        await pullOpportunity(syncContext(a, time, org.connect()), ORG, opportunityId(1), {
          Partner_Attributions__r: { done: true, records: [fetched] },
        });
      },
    });
    expect(await pushOutbox(syncContext(a, time, api), ORG)).toMatchObject({ succeeded: 1, remaining: 1 });
    await pushOutbox(syncContext(a, time, org.connect()), ORG);
    const inOrg = JSON.parse(org.get(view.id)!.Touches__c as string) as { id: string }[];
    expect(inOrg.map((t) => t.id)).toContain(fromB.id);
    expect(inOrg).toHaveLength(3);
  });

  it('sends again after the org applied a push whose answer was lost, without a duplicate', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    await seed(d, 3, time.ms);
    await expect(
      pushOutbox(syncContext(d, time, withFaults(org.connect(), [{ kind: 'network', applied: true }])), ORG),
    ).rejects.toMatchObject({
      kind: 'network',
      retryable: true,
    });
    expect(org.all()).toHaveLength(3);
    expect(await d.db.outbox.count()).toBe(3);
    const again = await pushOutbox(syncContext(d, time, org.connect()), ORG);
    expect(again).toMatchObject({ sent: 3, succeeded: 3, remaining: 0 });
    expect(org.all()).toHaveLength(3);
  });

  it('keeps a refused record queued behind the others, records why, and retries it after its backoff', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    const rows = await seed(d, MAX_COLLECTION_RECORDS + 2, time.ms);
    const refusing = withFaults(org.connect(), [{ kind: 'refuse', records: [0] }]);
    const report = await pushOutbox(syncContext(d, time, refusing), ORG);
    expect(report).toMatchObject({ sent: MAX_COLLECTION_RECORDS, succeeded: MAX_COLLECTION_RECORDS - 1, remaining: 3 });
    expect(report.failed).toEqual([{ id: rows[0]!.id, error: expect.stringContaining('UNABLE_TO_LOCK_ROW') }]);
    expect((await d.db.syncState.get(ORG))?.lastError).toMatch(/refused a change: UNABLE_TO_LOCK_ROW/);

    // Its backoff is sync state, kept beside the org's cursor: not a setting, so never in a backup.
    expect((await d.db.syncState.get(ORG))?.pushFailures).toEqual({
      [rows[0]!.id]: {
        version: rows[0]!.version,
        attempts: 1,
        retryAt: new Date(time.ms + nextRetryDelay(1, () => 0.5)).toISOString(),
        error: report.failed[0]!.error,
      },
    });
    expect(await d.db.settings.filter((row) => /pushfailures/i.test(row.key)).count()).toBe(0);
    const backup = JSON.stringify(await createBackup(d.db, new Date(time.ms).toISOString()));
    expect(backup).not.toContain('UNABLE_TO_LOCK_ROW');

    // Behind the changes that were still waiting.
    const order = (await d.db.outbox.orderBy('seq').toArray()).map((row) => row.attributionId);
    expect(order).toEqual([rows[MAX_COLLECTION_RECORDS]!.id, rows[MAX_COLLECTION_RECORDS + 1]!.id, rows[0]!.id]);

    // While its backoff runs it is left out: the others go, and alone it costs no call.
    const calls = org.upsertCalls;
    expect(await pushOutbox(syncContext(d, time, org.connect()), ORG)).toMatchObject({
      sent: 2,
      deferred: 1,
      remaining: 1,
    });
    expect(await pushOutbox(syncContext(d, time, org.connect()), ORG)).toMatchObject({
      sent: 0,
      calls: 0,
      deferred: 1,
    });
    expect(org.upsertCalls).toBe(calls + 1);

    time.advance(16 * 60_000);
    expect(await pushOutbox(syncContext(d, time, org.connect()), ORG)).toMatchObject({
      sent: 1,
      succeeded: 1,
      remaining: 0,
    });
    expect(org.get(rows[0]!.id)).toBeDefined();
    expect((await d.db.syncState.get(ORG))?.pushFailures).toBeUndefined();
  });

  it('lifts the backoff of a refused record as soon as it changes again', async () => {
    const time = clock();
    const d = newDevice(1, time);
    const org = new MemoryOrg({ now: () => time.ms });
    const view = await addAttribution(
      d.db,
      { orgKey: ORG, opportunityId: opportunityId(1), partnerName: 'Globex', kind: 'sourced', note: '', touch: TOUCH },
      changeOn(d, time),
    );
    await pushOutbox(syncContext(d, time, withFaults(org.connect(), [{ kind: 'refuse', records: [0] }])), ORG);
    time.advance(1000);
    await addTouch(d.db, { attributionId: view.id, ...TOUCH, date: '2026-11-19' }, changeOn(d, time));
    expect(await pushOutbox(syncContext(d, time, org.connect()), ORG)).toMatchObject({
      sent: 1,
      succeeded: 1,
      remaining: 0,
    });
  });
});
