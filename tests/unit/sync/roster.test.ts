// The team's roster in the org: the pure decisions, and whole cycles of two browsers through the real REST client
// against the fake org (lib/sync/roster.ts, docs/roster.md).
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgPartner } from '../../../lib/crm/salesforce/queries/partners';
import { addAttribution } from '../../../lib/store/attributions';
import { addPartner, importPartners, updatePartner } from '../../../lib/store/partners';
import {
  decidePull,
  inBatches,
  joinRoster,
  planRosterMerge,
  previewRosterMerge,
  rosterMergePending,
  syncRoster,
} from '../../../lib/sync/roster';
import { keepRosterWith, rosterOrgOf } from '../../../lib/sync/roster-org';
import { syncOnce } from '../../../lib/sync/run';
import type { SyncApi } from '../../../lib/sync/types';
import { partnerRow } from '../../builders';
import { changeOn, clock, device, ORG, syncContext, TOUCH, type Clock, type Device } from './helpers';
import { createRestOrg, type RestOrgRun } from './rest-org';

const NOW = '2026-11-20T10:00:00.000Z';
const ORG_ID = '99999999-9999-4999-8999-999999999999';

function orgPartner(over: Partial<OrgPartner> & { name: string }): OrgPartner {
  return {
    id: ORG_ID,
    normalizedName: over.name.toLowerCase(),
    type: null,
    tier: null,
    accountId: null,
    active: true,
    systemModstamp: '2026-11-20T09:00:00.000Z',
    ...over,
  };
}

describe('decidePull', () => {
  it('creates a partner new to this browser, already agreeing with the org', () => {
    const decision = decidePull(orgPartner({ name: 'Globex' }), undefined, undefined, NOW);
    expect(decision).toMatchObject({ kind: 'write', row: { id: ORG_ID, name: 'Globex', normalizedName: 'globex' } });
    if (decision.kind === 'write') expect(decision.row.orgSyncedAt).toBe(decision.row.updatedAt);
  });

  it('takes a rename, a tier and a deactivation made in the org', () => {
    const local = partnerRow({
      id: ORG_ID,
      name: 'Globex',
      orgSyncedAt: '2026-11-19T00:00:00.000Z',
      updatedAt: '2026-11-19T00:00:00.000Z',
    });
    const decision = decidePull(
      orgPartner({ name: 'Globex Corp', tier: 'Gold', active: false }),
      local,
      undefined,
      NOW,
    );
    expect(decision).toMatchObject({
      kind: 'write',
      before: local,
      row: { name: 'Globex Corp', normalizedName: 'globex corp', tier: 'Gold', active: false },
    });
  });

  it('keeps a local change not sent yet that is newer than the org’s', () => {
    const local = partnerRow({ id: ORG_ID, name: 'Globex Intl', updatedAt: '2026-11-20T09:30:00.000Z' });
    expect(decidePull(orgPartner({ name: 'Globex' }), local, undefined, NOW)).toEqual({ kind: 'keep' });
  });

  it('lets the org’s id win over a local partner of the same name', () => {
    const local = partnerRow({ id: '11111111-1111-4111-8111-111111111111', name: 'GLOBEX' });
    const decision = decidePull(orgPartner({ name: 'Globex' }), undefined, local, NOW);
    expect(decision).toMatchObject({ kind: 'write', replaced: local, row: { id: ORG_ID, name: 'Globex' } });
  });

  it('writes nothing when the org says what this browser already has', () => {
    const local = partnerRow({
      id: ORG_ID,
      name: 'Globex',
      orgSyncedAt: '2026-11-19T00:00:00.000Z',
      updatedAt: '2026-11-19T00:00:00.000Z',
    });
    expect(decidePull(orgPartner({ name: 'Globex' }), local, local, NOW)).toEqual({ kind: 'keep' });
  });
});

describe('planRosterMerge', () => {
  it('counts local partners the org has (by id or name), those it lacks, and those new to this browser', () => {
    const local = [
      partnerRow({ id: ORG_ID, name: 'Same Id' }),
      partnerRow({ id: '11111111-1111-4111-8111-111111111111', name: 'Globex' }),
      partnerRow({ id: '22222222-2222-4222-8222-222222222222', name: 'Only Here' }),
    ];
    const org = [
      orgPartner({ name: 'Same Id Renamed' }),
      orgPartner({ id: '33333333-3333-4333-8333-333333333333', name: 'globex' }),
      orgPartner({ id: '44444444-4444-4444-8444-444444444444', name: 'Only There' }),
    ];
    expect(planRosterMerge(local, org)).toEqual({ matching: 2, adding: 1, fromOrg: 1 });
  });
});

describe('inBatches', () => {
  it('cuts 401 items into runs of 200, 200 and 1', () => {
    expect(inBatches(Array.from({ length: 401 }, (_, i) => i)).map((batch) => batch.length)).toEqual([200, 200, 1]);
  });
});

// ---------------------------------------------------------------------------------------------------------

const devices: Device[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.db.delete()));
});

function setup() {
  const time = clock();
  const org = createRestOrg(() => time.ms);
  const a = device(1, time);
  const b = device(2, time);
  devices.push(a, b);
  return { time, org, a, b };
}

/** The API of a browser, counting sObject Collections writes. */
function counted(org: RestOrgRun, userName: string) {
  const api = org.connect(userName);
  const writes: number[] = [];
  const wrapped: SyncApi = {
    query: (soql, schema) => api.query(soql, schema),
    queryMore: (url, schema) => api.queryMore(url, schema),
    upsertCollection: (object, field, records) => {
      writes.push(records.length);
      return api.upsertCollection(object, field, records);
    },
  };
  return { api: wrapped, writes };
}

async function cycle(d: Device, time: Clock, org: RestOrgRun) {
  time.advance(2_000);
  return syncRoster(syncContext(d, time, org.connect(d.userName)), ORG);
}

const rosterOf = async (d: Device) =>
  (await d.db.partners.toArray()).map((p) => [p.id, p.name, p.tier, p.active]).sort();

describe('syncRoster against the fake org', () => {
  it('brings a partner, then its rename, tier and deactivation, from one browser to the other', async () => {
    const { time, org, a, b } = setup();
    // A browser without partners joins the org's roster at once.
    expect(await cycle(a, time, org)).toMatchObject({ pending: false, pulled: 0, pushed: 0 });
    const globex = await addPartner(
      a.db,
      { name: 'Globex', type: 'reseller_channel', tier: null, accountId: null, active: true },
      changeOn(a, time),
    );
    expect(await cycle(a, time, org)).toMatchObject({ pending: false, pushed: 1 });
    expect(await cycle(b, time, org)).toMatchObject({ pending: false, pulled: 1 });
    expect(await rosterOf(b)).toEqual([[globex.id, 'Globex', null, true]]);

    time.advance(5_000);
    await updatePartner(a.db, globex.id, { name: 'Globex Corp', tier: 'Gold', active: false }, changeOn(a, time));
    expect(await cycle(a, time, org)).toMatchObject({ pushed: 1 });
    expect(await cycle(b, time, org)).toMatchObject({ pulled: 1, pushed: 0 });
    expect(await rosterOf(b)).toEqual([[globex.id, 'Globex Corp', 'Gold', false]]);
    // Nothing changed since: a cycle writes nothing.
    expect(await cycle(b, time, org)).toMatchObject({ pulled: 0, pushed: 0 });
  });

  it('refuses an unreadable partner of the org and takes the others', async () => {
    const { time, org, b } = setup();
    const records = org.state.customObjects.Partner_Ledger_Partner__c.records;
    const stamp = new Date(time.ms).toISOString();
    const base = { Partner_Key__c: null, Tier__c: null, Account__c: null, Active__c: true, SystemModstamp: stamp };
    records.push(
      { ...base, Id: 'a0P000000000001AAA', External_Id__c: 'not-a-uuid', Name: 'Broken', Type__c: null },
      { ...base, Id: 'a0P000000000002AAA', External_Id__c: ORG_ID, Name: 'Initech', Type__c: 'oem_embedded' },
    );
    const outcome = await cycle(b, time, org);
    expect(outcome.refused).toEqual([
      {
        externalId: 'not-a-uuid',
        remoteId: 'a0P000000000001AAA',
        field: 'External_Id__c',
        reason: 'External_Id__c must be a Partner Ledger id (a UUID)',
      },
    ]);
    expect(await rosterOf(b)).toEqual([[ORG_ID, 'Initech', null, true]]);
    // Listed with the refused attributions, for options to show; forgotten once a teammate fixes it.
    const refusedOf = async () => (await b.db.syncState.get(ORG))?.refusedRecords ?? {};
    expect(await refusedOf()).toMatchObject({
      a0P000000000001AAA: { field: 'Partner_Ledger_Partner__c.External_Id__c' },
    });
    records[0]!.External_Id__c = '77777777-7777-4777-8777-777777777777';
    records[0]!.SystemModstamp = new Date(time.ms + 1_000).toISOString();
    await cycle(b, time, org);
    expect(await refusedOf()).toEqual({});
    expect((await rosterOf(b)).map(([, name]) => name)).toEqual(['Broken', 'Initech']);
  });

  it('waits for the merge preview when this browser has partners, then merges by name with the org’s id', async () => {
    const { time, org, a, b } = setup();
    await cycle(a, time, org);
    const teamGlobex = await addPartner(
      a.db,
      { name: 'Globex', type: null, tier: 'Gold', accountId: null, active: true },
      changeOn(a, time),
    );
    await cycle(a, time, org);

    const mine = await addPartner(
      b.db,
      { name: 'globex', type: null, tier: null, accountId: null, active: true },
      changeOn(b, time),
    );
    await addPartner(b.db, { name: 'Hooli', type: null, tier: null, accountId: null, active: true }, changeOn(b, time));
    const claim = await addAttribution(
      b.db,
      {
        orgKey: ORG,
        opportunityId: org.opportunityId!(1),
        partnerName: 'globex',
        kind: 'sourced',
        note: '',
        touch: TOUCH,
      },
      changeOn(b, time),
    );
    expect(claim.partnerId).toBe(mine.id);
    const before = org.state.customObjects.Partner_Ledger_Partner__c.records.length;

    const { api, writes } = counted(org, b.userName);
    expect(await syncRoster(syncContext(b, time, api), ORG)).toMatchObject({ pending: true, pulled: 0, pushed: 0 });
    expect(await previewRosterMerge(syncContext(b, time, api))).toEqual({
      matching: 1,
      adding: 1,
      fromOrg: 0,
      refused: 0,
    });
    expect(writes).toEqual([]);
    expect(org.state.customObjects.Partner_Ledger_Partner__c.records).toHaveLength(before);

    time.advance(2_000);
    await joinRoster(syncContext(b, time, api), ORG);
    expect(writes).toEqual([1]);
    const partners = await b.db.partners.toArray();
    expect(partners.map((p) => p.name).sort()).toEqual(['Globex', 'Hooli']);
    expect(await b.db.partners.get(mine.id)).toBeUndefined();
    expect((await b.db.attributions.get(claim.id))?.partnerId).toBe(teamGlobex.id);
  });

  it('adopts the org’s partner when another browser created the same name first (DUPLICATE_VALUE)', async () => {
    const { time, org, a, b } = setup();
    // Both join while empty, then each adds "Globex" before seeing the other's.
    await cycle(a, time, org);
    await cycle(b, time, org);
    const first = await addPartner(
      a.db,
      { name: 'Globex', type: null, tier: null, accountId: null, active: true },
      changeOn(a, time),
    );
    const second = await addPartner(
      b.db,
      { name: 'GLOBEX', type: null, tier: null, accountId: null, active: true },
      changeOn(b, time),
    );
    await cycle(a, time, org);
    time.advance(120_000);
    const outcome = await cycle(b, time, org);
    expect(outcome.failed).toBe(0);
    expect((await b.db.partners.toArray()).map((p) => p.id)).toEqual([first.id]);
    expect(await b.db.partners.get(second.id)).toBeUndefined();
  });

  it('writes an imported roster in ceil(n / 200) calls', async () => {
    const { time, org, a } = setup();
    await cycle(a, time, org);
    const rows = Array.from({ length: 1_001 }, (_, i) => ({
      name: `Partner ${i}`,
      type: null,
      tier: null,
      accountId: null,
      active: true,
    }));
    await importPartners(a.db, rows, changeOn(a, time));
    const { api, writes } = counted(org, a.userName);
    time.advance(2_000);
    expect(await syncRoster(syncContext(a, time, api), ORG)).toMatchObject({ pushed: 1_001, failed: 0 });
    expect(writes).toEqual([200, 200, 200, 200, 200, 1]);
    expect(org.state.customObjects.Partner_Ledger_Partner__c.records).toHaveLength(1_001);
  });
});

describe('one org’s roster per browser', () => {
  const SANDBOX = 'acme--uat';
  const globexInput = { name: 'Globex', type: null, tier: null, accountId: null, active: true };

  /** Production's roster with Globex, and a full sandbox copied from it: the same external id, an older name. */
  async function productionAndSandbox() {
    const { time, org, a } = setup();
    await cycle(a, time, org);
    const globex = await addPartner(a.db, globexInput, changeOn(a, time));
    await cycle(a, time, org);
    const sandbox = createRestOrg(() => time.ms);
    const copy = structuredClone(org.state.customObjects.Partner_Ledger_Partner__c.records[0]!);
    sandbox.state.customObjects.Partner_Ledger_Partner__c.records.push({
      ...copy,
      Name: 'Globex (sandbox)',
      Partner_Key__c: 'globex (sandbox)',
      SystemModstamp: new Date(time.ms + 60_000).toISOString(),
    });
    time.advance(120_000);
    return { time, org, a, globex, sandbox };
  }

  it('reads and writes the roster of the org it joined only: a sandbox copy with the same ids is left alone', async () => {
    const { time, org, a, globex, sandbox } = await productionAndSandbox();
    expect(await rosterOrgOf(a.db)).toBe(ORG);
    const { api, writes } = counted(sandbox, a.userName);
    expect(await syncRoster(syncContext(a, time, api), SANDBOX)).toMatchObject({ keptWith: ORG, pulled: 0, pushed: 0 });
    expect((await a.db.partners.get(globex.id))?.name).toBe('Globex');
    expect(await rosterMergePending(a.db, SANDBOX)).toBe(false);

    // A rename reaches production's roster, never the sandbox's.
    await updatePartner(a.db, globex.id, { name: 'Globex Corp' }, changeOn(a, time));
    time.advance(2_000);
    await syncRoster(syncContext(a, time, api), SANDBOX);
    expect(writes).toEqual([]);
    expect(sandbox.state.customObjects.Partner_Ledger_Partner__c.records[0]!.Name).toBe('Globex (sandbox)');
    expect(await cycle(a, time, org)).toMatchObject({ pushed: 1 });
    expect(org.state.customObjects.Partner_Ledger_Partner__c.records[0]!.Name).toBe('Globex Corp');
  });

  it('moves to another org when the user chooses: a merge preview first, then the first org is left alone', async () => {
    const { time, org, a, globex, sandbox } = await productionAndSandbox();
    await keepRosterWith(a.db, SANDBOX);
    expect(await rosterOrgOf(a.db)).toBe(SANDBOX);
    expect(await rosterMergePending(a.db, SANDBOX)).toBe(true);
    const { api, writes } = counted(sandbox, a.userName);
    expect(await syncRoster(syncContext(a, time, api), SANDBOX)).toMatchObject({ pending: true });
    expect(writes).toEqual([]);
    expect(await previewRosterMerge(syncContext(a, time, api))).toMatchObject({ matching: 1, adding: 0 });
    await joinRoster(syncContext(a, time, api), SANDBOX);
    // The sandbox's copy is the newer: this browser now shows the sandbox's name.
    expect((await a.db.partners.get(globex.id))?.name).toBe('Globex (sandbox)');
    // …and production's roster is no longer read or written from here.
    const before = structuredClone(org.state.customObjects.Partner_Ledger_Partner__c.records);
    expect(await cycle(a, time, org)).toMatchObject({ keptWith: SANDBOX, pulled: 0, pushed: 0 });
    expect(org.state.customObjects.Partner_Ledger_Partner__c.records).toEqual(before);
  });

  it('is kept with the org a browser joined before the roster named its org', async () => {
    const { time, org, a } = setup();
    await cycle(a, time, org);
    await a.db.settings.delete('rosterOrg');
    await addPartner(a.db, globexInput, changeOn(a, time));
    expect(await cycle(a, time, org)).toMatchObject({ pending: false, pushed: 1 });
    expect(await rosterOrgOf(a.db)).toBe(ORG);
  });
});

describe('attributions name their partner by id', () => {
  it('create a partner unknown here under the id the record names', async () => {
    const { time, org, a, b } = setup();
    const globex = await addPartner(
      a.db,
      { name: 'Globex', type: null, tier: null, accountId: null, active: true },
      changeOn(a, time),
    );
    await addAttribution(
      a.db,
      {
        orgKey: ORG,
        opportunityId: org.opportunityId!(1),
        partnerName: 'Globex',
        kind: 'sourced',
        note: '',
        touch: TOUCH,
      },
      changeOn(a, time),
    );
    // A browser without the roster object sends attributions only.
    time.advance(2_000);
    await syncOnce(syncContext(a, time, org.connect(a.userName)), ORG);
    time.advance(2_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName)), ORG);
    expect((await b.db.partners.toArray()).map((p) => [p.id, p.name])).toEqual([[globex.id, 'Globex']]);
  });

  it('resolve to the renamed partner, not to a new one of the old name', async () => {
    const { time, org, a, b } = setup();
    await cycle(a, time, org);
    const globex = await addPartner(
      a.db,
      { name: 'Globex', type: null, tier: null, accountId: null, active: true },
      changeOn(a, time),
    );
    const claim = await addAttribution(
      a.db,
      {
        orgKey: ORG,
        opportunityId: org.opportunityId!(1),
        partnerName: 'Globex',
        kind: 'sourced',
        note: '',
        touch: TOUCH,
      },
      changeOn(a, time),
    );
    time.advance(2_000);
    await syncOnce(syncContext(a, time, org.connect(a.userName), { roster: true }), ORG);
    const stored = org.state.customObjects.Partner_Attribution__c.records[0]!;
    expect(stored.Partner_Id__c).toBe(globex.id);

    // B joins and renames the partner; the claim's record in the org still carries the old key.
    time.advance(2_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName), { roster: true }), ORG);
    time.advance(2_000);
    await updatePartner(b.db, globex.id, { name: 'Globex Corporation' }, changeOn(b, time));
    expect((await b.db.outbox.toArray()).map((entry) => entry.attributionId)).toEqual([claim.id]);
    // The record changes in the org (a teammate's note) and is pulled again by B.
    stored.Note__c = 'Joint call done';
    stored.Version__c = '999999999999999999:00000:d0000009-0000-4000-8000-000000000009';
    stored.SystemModstamp = new Date(time.ms).toISOString();
    time.advance(2_000);
    await syncOnce(syncContext(b, time, org.connect(b.userName), { roster: true }), ORG);
    expect((await b.db.partners.toArray()).map((p) => p.name)).toEqual(['Globex Corporation']);
    expect((await b.db.attributions.get(claim.id))?.partnerId).toBe(globex.id);
    // The browser that renamed it sent the claim again: reports in the org group it under the new name.
    expect(stored).toMatchObject({ Partner_Name__c: 'Globex Corporation', Partner_Key__c: 'globex corporation' });
    expect(await b.db.outbox.count()).toBe(0);
  });
});
