import { afterEach, describe, expect, it } from 'vitest';
import { isDisputed } from '../../../lib/attribution/disputes';
import { addAttribution, addTouch, listAttributions, removeAttribution } from '../../../lib/store/attributions';
import { pullChanges, pullOpportunity } from '../../../lib/sync/pull';
import { pushOutbox } from '../../../lib/sync/push';
import { compareClockVersions } from '../../../lib/time/hlc';
import { ATTRIBUTION_RELATIONSHIP } from '../../../lib/crm/salesforce/org-objects';
import type { SyncApi } from '../../../lib/sync/types';
import { withFaults } from './faults';
import { changeOn, clock, device, ORG, reopen, syncContext, TOUCH, type Clock, type Device } from './helpers';
import { MemoryOrg } from './memory-org';
import { opportunityId } from '../../builders';

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

function setup(options: { batchSize?: number } = {}) {
  const time = clock();
  const org = new MemoryOrg({ now: () => time.ms, ...options });
  const a = device(1, time);
  const b = device(2, time);
  devices.push(a, b);
  return { time, org, a, b };
}

async function tag(
  d: Device,
  time: Clock,
  n: number,
  partnerName = `Partner ${n}`,
  kind: 'sourced' | 'influenced' = 'influenced',
  competingClaim = false,
) {
  return addAttribution(
    d.db,
    {
      orgKey: ORG,
      opportunityId: opportunityId(n),
      partnerName,
      kind,
      note: `about ${n}`,
      touch: TOUCH,
      competingClaim,
    },
    changeOn(d, time),
  );
}

async function push(d: Device, time: Clock, org: MemoryOrg) {
  return pushOutbox(syncContext(d, time, org.connect(d.userName)), ORG);
}

async function pull(d: Device, time: Clock, org: MemoryOrg) {
  return pullChanges(syncContext(d, time, org.connect(d.userName)), ORG);
}

describe('pullChanges', () => {
  it(
    'brings a teammate’s attribution, its partner (by key, with its type) and touches, with history in their ' + 'name',
    async () => {
      const { time, org, a, b } = setup();
      const view = await tag(a, time, 1, 'Globex Café');
      await a.db.partners.where({ normalizedName: 'globex cafe' }).modify({ type: 'reseller_channel' });
      await push(a, time, org);

      const report = await pull(b, time, org);
      expect(report).toMatchObject({ pulled: 1, merged: 1, skipped: 0, enqueued: 0, calls: 1 });
      const [seen] = await listAttributions(b.db, opportunityId(1));
      expect(seen).toMatchObject({ id: view.id, partnerName: 'Globex Café', kind: 'influenced', note: 'about 1' });
      expect(seen!.touches).toEqual([
        expect.objectContaining({ id: view.touches[0]!.id, type: 'joint_call', date: '2026-11-18' }),
      ]);
      expect(await b.db.partners.toArray()).toEqual([
        expect.objectContaining({ normalizedName: 'globex cafe', type: 'reseller_channel' }),
      ]);
      const row = await b.db.attributions.get(view.id);
      expect(row).toMatchObject({
        remoteId: org.get(view.id)!.Id,
        lastModifiedByName: a.userName,
        version: (await a.db.attributions.get(view.id))!.version,
      });
      const audit = await b.db.audit.toArray();
      expect(audit.map((e) => [e.entity, e.action])).toEqual([
        ['partner', 'create'],
        ['attribution', 'create'],
        ['touch', 'create'],
      ]);
      expect(audit[1]!.actor).toEqual({ deviceId: a.deviceId, userName: a.userName });
      expect(await b.db.outbox.count()).toBe(0);
    },
  );

  it('uses the local partner with the same key, whatever its spelling', async () => {
    const { time, org, a, b } = setup();
    await tag(b, time, 9, 'GLOBEX  CAFE');
    await tag(a, time, 1, 'Globex Café');
    await push(a, time, org);
    await pull(b, time, org);
    expect(await b.db.partners.count()).toBe(1);
    expect((await listAttributions(b.db, opportunityId(1)))[0]!.partnerName).toBe('GLOBEX CAFE');
  });

  it('moves the clock past what it saw, so the next local change wins', async () => {
    const { time, org, a, b } = setup();
    a.skewMs = 4 * 60_000; // A's clock is a few minutes ahead (within MAX_AHEAD_MS of the org's)
    const view = await tag(a, time, 1);
    await push(a, time, org);
    await pull(b, time, org);
    await addTouch(b.db, { attributionId: view.id, ...TOUCH, date: '2026-11-19' }, changeOn(b, time));
    const [remote, local] = [await a.db.attributions.get(view.id), await b.db.attributions.get(view.id)];
    expect(compareClockVersions(local!.version, remote!.version)).toBeGreaterThan(0);
  });

  it('keeps the touches two browsers added at the same time, and tells the org', async () => {
    const { time, org, a, b } = setup();
    const view = await tag(a, time, 1);
    await push(a, time, org);
    await pull(b, time, org);
    const fromA = await addTouch(a.db, { attributionId: view.id, ...TOUCH, note: 'from A' }, changeOn(a, time));
    const fromB = await addTouch(b.db, { attributionId: view.id, ...TOUCH, note: 'from B' }, changeOn(b, time));
    await push(b, time, org);
    const report = await pull(a, time, org); // A merges B's touch; the org lacks A's
    expect(report).toMatchObject({ merged: 1, enqueued: 0 }); // A's own change is queued already
    await push(a, time, org);
    await pull(b, time, org);
    for (const d of [a, b]) {
      const [seen] = await listAttributions(d.db, opportunityId(1));
      expect(seen!.touches.map((t) => t.id).sort()).toEqual([view.touches[0]!.id, fromA.id, fromB.id].sort());
    }
    const inOrg = JSON.parse(org.get(view.id)!.Touches__c as string) as unknown[];
    expect(inOrg).toHaveLength(3);
  });

  it('queues a merge the org lacks when this browser has nothing queued', async () => {
    const { time, org, a, b } = setup();
    const view = await tag(a, time, 1);
    await push(a, time, org);
    await pull(b, time, org);
    await addTouch(b.db, { attributionId: view.id, ...TOUCH, note: 'from B' }, changeOn(b, time));
    await push(b, time, org);
    await addTouch(a.db, { attributionId: view.id, ...TOUCH, note: 'from A' }, changeOn(a, time));
    // A pushes blindly over B's record (its outbox has its own change), then pulls its own record back.
    await push(a, time, org);
    await pull(b, time, org);
    // B merges A's record, which lacks B's touch: B queues the merged attribution for the org.
    expect(await b.db.outbox.count()).toBe(1);
    await push(b, time, org);
    expect(JSON.parse(org.get(view.id)!.Touches__c as string)).toHaveLength(3);
  });

  it('keeps two sourced claims for one opportunity from two browsers: a dispute, nothing overwritten', async () => {
    const { time, org, a, b } = setup();
    const claimA = await tag(a, time, 1, 'Northwind', 'sourced');
    const claimB = await tag(b, time, 1, 'Initech', 'sourced');
    await push(a, time, org);
    await push(b, time, org);
    await pull(a, time, org);
    await pull(b, time, org);
    for (const d of [a, b]) {
      const views = await listAttributions(d.db, opportunityId(1));
      expect(views.map((v) => v.id).sort()).toEqual([claimA.id, claimB.id].sort());
      expect(isDisputed(views)).toBe(true);
    }
  });

  it('carries a removal to the other browser as a tombstone', async () => {
    const { time, org, a, b } = setup();
    const view = await tag(a, time, 1);
    await push(a, time, org);
    await pull(b, time, org);
    await removeAttribution(a.db, view.id, changeOn(a, time));
    await push(a, time, org);
    await pull(b, time, org);
    expect(await listAttributions(b.db, opportunityId(1))).toEqual([]);
    expect(await b.db.attributions.get(view.id)).toMatchObject({ deleted: 1 });
    expect(await b.db.touches.where({ attributionId: view.id }).toArray()).toEqual([
      expect.objectContaining({ deleted: 1 }),
    ]);
    expect(org.get(view.id)).toMatchObject({ Deleted__c: true, Touch_Count__c: 0 });
  });

  it('follows nextRecordsUrl, moving the cursor with each page, and resumes after a kill between pages', async () => {
    const { time, org, a, b } = setup({ batchSize: 2 });
    for (let n = 1; n <= 5; n++) {
      await tag(a, time, n);
      await push(a, time, org);
      time.advance(5 * 60_000); // a different SystemModstamp for each record
    }
    const stamps = org.all().map((r) => r.SystemModstamp);

    // Killed while asking for the second page: the first page stays applied with its cursor.
    let killed = false;
    const dying = withFaults(org.connect(), [{ kind: 'ok' }, { kind: 'kill', applied: true }], {
      onKill: () => (killed = true),
    });
    void pullChanges(syncContext(b, time, dying), ORG);
    await until(() => killed);
    reopen(b);
    expect(await b.db.attributions.count()).toBe(2);
    expect((await b.db.syncState.get(ORG))?.pullCursor).toBe(
      new Date(Date.parse(stamps[1]!.replace('+0000', 'Z'))).toISOString(),
    );

    const queries: string[] = [];
    const api = org.connect();
    const watched: SyncApi = {
      ...api,
      query: (soql, schema) => {
        queries.push(soql);
        return api.query(soql, schema);
      },
    };
    const resumed = await pullChanges(syncContext(b, time, watched), ORG);
    expect(queries[0]).toMatch(/WHERE SystemModstamp >= 2026-11-20T09:04:00Z ORDER BY SystemModstamp, Id$/);
    expect(resumed).toMatchObject({ pulled: 4, calls: 2, merged: 3 }); // the overlap re-reads record 2, harmlessly
    expect(await b.db.attributions.count()).toBe(5);
    expect((await b.db.syncState.get(ORG))?.pullCursor).toBe(
      new Date(Date.parse(stamps[4]!.replace('+0000', 'Z'))).toISOString(),
    );
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('skips and counts an unreadable record, and keeps the local copy', async () => {
    const { time, org, a, b } = setup();
    const good = await tag(a, time, 1);
    const broken = await tag(a, time, 2);
    await push(a, time, org);
    await pull(b, time, org);
    org.edit(broken.id, { Touches__c: '[{"id": "t1", "type": "joint_call", ' }, 'An admin');
    org.edit(good.id, { Note__c: null });
    time.advance(60_000);
    const report = await pull(b, time, org);
    expect(report.skipped).toBe(1);
    expect(report.unreadable).toEqual([
      expect.objectContaining({ externalId: broken.id, reason: expect.stringMatching(/Touches__c.*JSON/) }),
    ]);
    expect(await listAttributions(b.db, opportunityId(2))).toEqual([
      expect.objectContaining({ id: broken.id, note: 'about 2' }),
    ]);
  });
});

describe('pullOpportunity', () => {
  it('applies the attributions of one opportunity and notes when', async () => {
    const { time, org, a, b } = setup();
    const view = await tag(a, time, 1);
    await tag(a, time, 2);
    await push(a, time, org);
    await addAttribution(
      b.db,
      {
        orgKey: ORG,
        opportunityId: opportunityId(1),
        opportunityName: 'Acme renewal',
        partnerName: 'Other',
        kind: 'influenced',
        note: '',
        touch: TOUCH,
      },
      changeOn(b, time),
    );
    const children = org.all().filter((r) => r.Opportunity__c === opportunityId(1));
    const report = await pullOpportunity(syncContext(b, time, org.connect()), ORG, opportunityId(1), {
      Name: 'Acme renewal',
      [ATTRIBUTION_RELATIONSHIP]: { totalSize: children.length, done: true, records: children },
    });
    expect(report).toMatchObject({ pulled: 1, merged: 1, calls: 0 });
    expect((await listAttributions(b.db, opportunityId(1))).map((v) => v.id)).toContain(view.id);
    expect(await b.db.attributions.count()).toBe(2); // the other opportunity was not part of it
    expect((await b.db.opportunities.get(opportunityId(1)))?.attributionsPulledAt).toBe(
      new Date(time.ms).toISOString(),
    );
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('timed out');
}

describe('touch ids reused by another record', () => {
  const ATTACKER = '0a0a0a0a-0000-4000-8000-00000000beef';

  /** Another claim, on another opportunity, whose Touches__c reuses the victim's first touch id. */
  function insertAttacker(org: MemoryOrg, victimId: string): void {
    const record = org.get(victimId)!;
    const touches = JSON.parse(String(record.Touches__c)) as Record<string, unknown>[];
    org.insertRaw(
      {
        ...record,
        External_Id__c: ATTACKER,
        Opportunity__c: opportunityId(2),
        Partner_Name__c: 'Attacker Inc',
        Partner_Key__c: 'attacker inc',
        Touches__c: JSON.stringify([{ ...touches[0], note: 'mine now', version: '000000000000001:00000:zzz' }]),
      },
      'A hostile teammate',
    );
  }

  it('never move or overwrite the evidence of the claim that has them', async () => {
    const { time, org, a, b } = setup();
    const victim = await tag(a, time, 1);
    await push(a, time, org);
    await pull(b, time, org);
    const stolen = victim.touches[0]!;
    insertAttacker(org, victim.id);
    time.advance(60_000);
    for (const d of [a, b]) {
      await pull(d, time, org);
      const row = await d.db.touches.get([victim.id, stolen.id]);
      expect(row, d.name).toMatchObject({ attributionId: victim.id, opportunityId: opportunityId(1), note: '' });
      const [claim] = await listAttributions(d.db, opportunityId(1));
      expect(claim!.touches.map((t) => t.id)).toEqual([stolen.id]);
      // The other claim has a touch of its own under that id: what it wrote stays with it.
      expect(await d.db.touches.get([ATTACKER, stolen.id]), d.name).toMatchObject({
        opportunityId: opportunityId(2),
        note: 'mine now',
      });
    }
  });

  it('give the same evidence whichever record a browser reads first', async () => {
    const { time, org, a, b } = setup();
    const victim = await tag(a, time, 1);
    await push(a, time, org);
    const stolen = victim.touches[0]!;
    // The attacker's record is the only one this browser reads at first (the victim's was refused meanwhile,
    // or is on a page not read yet); the victim's comes later.
    const honest = org.get(victim.id)!;
    insertAttacker(org, victim.id);
    org.insertRaw({ ...honest, Note__c: 'n'.repeat(30_000) }, 'A hostile teammate');
    time.advance(60_000);
    await pull(b, time, org);
    expect(await b.db.attributions.get(victim.id)).toBeUndefined();
    org.insertRaw(honest, a.userName);
    time.advance(60_000);
    await pull(b, time, org);
    const [claim] = await listAttributions(b.db, opportunityId(1));
    expect(claim!.touches.map((t) => [t.id, t.note])).toEqual([[stolen.id, '']]);
    const [other] = await listAttributions(b.db, opportunityId(2));
    expect(other!.touches.map((t) => [t.id, t.note])).toEqual([[stolen.id, 'mine now']]);
    // Reading the records again changes nothing.
    time.advance(60_000);
    const again = await pullChanges(syncContext(b, time, org.connect(b.userName)), ORG);
    expect(again.merged).toBe(0);
  });
});

describe('a sandbox copy of production', () => {
  const UAT = 'acme--uat';

  it('keeps its records as rows of their own, never merged into production’s nor queued for it', async () => {
    const { time, org, a } = setup();
    const production = await tag(a, time, 1);
    await push(a, time, org);
    // The sandbox was copied from production: same external ids, same opportunity ids; then edited there.
    const sandbox = new MemoryOrg({ now: () => time.ms });
    sandbox.insertRaw({
      ...org.get(production.id)!,
      Note__c: 'edited in the sandbox',
      Version__c: '001795168800000:00000:uat',
    });
    time.advance(60_000);
    const pulled = await pullChanges(syncContext(a, time, sandbox.connect(a.userName)), UAT);
    expect(pulled.merged).toBe(1);
    // Two rows: production's as it was, and the sandbox's, which keeps the record's external id beside its own.
    const rows = (await a.db.attributions.toArray()).sort((x, y) => x.orgKey.localeCompare(y.orgKey));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: production.id, orgKey: ORG, note: 'about 1' });
    expect(rows[0]!.externalId).toBeUndefined();
    expect(rows[1]).toMatchObject({ orgKey: UAT, externalId: production.id, note: 'edited in the sandbox' });
    expect(rows[1]!.id).not.toBe(production.id);
    // Each org's evidence stays with its own row.
    expect(await a.db.touches.where('attributionId').equals(rows[1]!.id).count()).toBe(1);
    expect(await a.db.touches.where('attributionId').equals(production.id).count()).toBe(1);
    // Each page shows its own org's claim.
    expect((await listAttributions(a.db, opportunityId(1), ORG)).map((v) => v.note)).toEqual(['about 1']);
    expect((await listAttributions(a.db, opportunityId(1), UAT)).map((v) => v.note)).toEqual(['edited in the sandbox']);
    expect(await a.db.outbox.count()).toBe(0);

    // Reading the sandbox again finds its row: nothing changes, no third row.
    time.advance(60_000);
    expect((await pullChanges(syncContext(a, time, sandbox.connect(a.userName)), UAT)).merged).toBe(0);
    expect(await a.db.attributions.count()).toBe(2);

    // An edit under the sandbox goes to the sandbox, under the record's own external id, and never to production.
    await addTouch(a.db, { attributionId: rows[1]!.id, ...TOUCH, note: 'sandbox call' }, changeOn(a, time));
    expect((await push(a, time, org)).sent).toBe(0);
    expect(org.get(production.id)?.Note__c).toBe('about 1');
    expect(String(org.get(production.id)?.Touches__c)).not.toContain('sandbox call');
    const sent = await pushOutbox(syncContext(a, time, sandbox.connect(a.userName)), UAT);
    expect(sent.succeeded).toBe(1);
    expect(String(sandbox.get(production.id)?.Touches__c)).toContain('sandbox call');
    expect(await a.db.outbox.count()).toBe(0);
  });
});
