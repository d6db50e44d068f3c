import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../lib/crm/salesforce/rest-client';
import type { SnapshotRow } from '../../../lib/store/db';
import { syncOnce } from '../../../lib/sync/run';
import { pushSnapshots } from '../../../lib/sync/snapshot-push';
import type { SyncApi } from '../../../lib/sync/types';
import { createSeedData, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDbs } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-18T10:00:00.000Z');

const newDb = freshDbs();

function setup() {
  const state = createSeedData(NOW);
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` }, { now: () => NOW });
  const client = createRestClient({
    apiHost: API_HOST,
    sessionId: api.createSession(USER_IDS.jordanKim),
    fetch: inProcessFetch(api),
    apiVersion: '66.0',
  });
  const db = newDb();
  return { state, api, db, client: client as unknown as SyncApi };
}

function snapshot(weekKey: string, currencies: string[]): SnapshotRow {
  return {
    orgKey: 'acme',
    weekKey,
    frozenAt: '2026-11-16T00:00:05.000Z',
    figures: {
      weekKey,
      byCurrency: currencies.map((currency, i) => ({
        currency,
        sourcedPipelineCents: 100_00 * (i + 1),
        sourcedOpportunities: 1,
        influencedPipelineCents: 0,
        influencedOpportunities: 0,
        sourcedWonCents: 0,
        sourcedWonOpportunities: 0,
        influencedWonCents: 0,
        influencedWonOpportunities: 0,
        newPipelineCents: 1_000_00,
        sourcedShare: 0.1 * (i + 1),
      })),
    },
    byPartner: [],
    deals: [],
    synced: 0,
  };
}

describe('pushSnapshots', () => {
  it('upserts unsynced snapshots, one record per currency, once; a second push sends nothing', async () => {
    const { state, api, db, client } = setup();
    await db.settings.put({ key: 'user', value: { userId: USER_IDS.jordanKim, userName: 'Jordan Kim' } });
    await db.summaries.bulkAdd([snapshot('2026-11-02', ['USD']), snapshot('2026-11-09', ['EUR', 'USD'])]);
    api.resetCalls();
    const report = await pushSnapshots({ db, api: client }, 'acme');
    expect(report).toEqual({ calls: 1, synced: 2, failed: 0, waiting: 0, complete: true });
    const records = state.customObjects.Partner_Attribution_Summary__c.records;
    expect(records.map((r) => r['External_Id__c']).sort()).toEqual([
      `${USER_IDS.jordanKim}:2026-11-02:USD`,
      `${USER_IDS.jordanKim}:2026-11-09:EUR`,
      `${USER_IDS.jordanKim}:2026-11-09:USD`,
    ]);
    expect(records.find((r) => r['External_Id__c'] === `${USER_IDS.jordanKim}:2026-11-09:USD`)).toMatchObject({
      Sourced_Pipeline__c: 200,
      Sourced_Share__c: 20,
      Week_Start__c: '2026-11-09',
    });
    const stored = await db.summaries.get(['acme', '2026-11-09']);
    expect(stored).toMatchObject({ synced: 1, userId: USER_IDS.jordanKim });
    expect(Object.keys(stored!.remoteIds!).sort()).toEqual(['EUR', 'USD']);
    expect(await pushSnapshots({ db, api: client }, 'acme')).toEqual({
      calls: 0,
      synced: 0,
      failed: 0,
      waiting: 0,
      complete: true,
    });
    expect(records).toHaveLength(3);
  });

  it('waits for the Salesforce user, whose id names the records', async () => {
    const { api, db, client } = setup();
    await db.summaries.add(snapshot('2026-11-09', ['USD']));
    api.resetCalls();
    expect(await pushSnapshots({ db, api: client }, 'acme')).toMatchObject({ calls: 0, waiting: 1 });
    expect(api.countCalls('/composite')).toBe(0);
  });

  it(
    'keeps snapshots unsynced, with the reason, when the summary object is not installed, and attribution sync goes ' +
      'on',
    async () => {
      const { state, db, client } = setup();
      state.customObjects.Partner_Attribution_Summary__c.installed = false;
      await db.settings.put({ key: 'user', value: { userId: USER_IDS.jordanKim, userName: 'Jordan Kim' } });
      await db.summaries.add(snapshot('2026-11-09', ['USD']));
      const summary = await syncOnce(
        { db, api: client, now: () => NOW.getTime(), newId: () => crypto.randomUUID() },
        'acme',
      );
      expect(summary.status).toBe('synced');
      const stored = await db.summaries.get(['acme', '2026-11-09']);
      expect(stored?.synced).toBe(0);
      expect(stored?.lastSyncError).toBe(
        "Partner Ledger's Partner Attribution object is not installed in this org, is out of date, or your user " +
          'cannot see it. Ask your Salesforce admin to deploy it and give you access; until then Partner Ledger ' +
          'works on this computer only.',
      );
    },
  );

  it('runs inside the sync cycle and stops at the budget', async () => {
    const { state, api, db, client } = setup();
    await db.settings.put({ key: 'user', value: { userId: USER_IDS.jordanKim, userName: 'Jordan Kim' } });
    await db.summaries.add(snapshot('2026-11-09', ['USD']));
    const run = await syncOnce({ db, api: client, now: () => NOW.getTime(), newId: () => crypto.randomUUID() }, 'acme');
    expect(run.status).toBe('synced');
    expect(state.customObjects.Partner_Attribution_Summary__c.records).toHaveLength(1);

    await db.summaries.add(snapshot('2026-11-16', ['USD']));
    state.apiUsage = { used: 14_000, limit: 15_000 };
    api.resetCalls();
    const paused = await syncOnce(
      { db, api: client, now: () => NOW.getTime(), newId: () => crypto.randomUUID(), pauseAboveShare: 0.8 },
      'acme',
    );
    expect(paused.status).toBe('paused');
    expect(api.countCalls('/composite')).toBe(0);
    expect((await db.summaries.get(['acme', '2026-11-16']))?.synced).toBe(0);
  });
});
