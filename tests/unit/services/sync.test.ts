import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../lib/crm/salesforce/rest-client';
import { addAttribution } from '../../../lib/store/attributions';
import { getLocalActor } from '../../../lib/store/settings';
import { readWarmth } from '../../../lib/store/warmth';
import { DEFAULT_WARMTH_RULES } from '../../../lib/attribution/warmth';
import { syncOnce } from '../../../lib/sync/run';
import { createConnectionService } from '../../../lib/services/connection';
import { createSyncService } from '../../../lib/services/sync';
import type { SyncApi } from '../../../lib/sync/types';
import { createSeedData, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const LIST_PAGE = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';

function setup(extraOpportunities = 0) {
  const state = createSeedData(new Date('2026-11-20T12:00:00Z'), { extraOpportunities });
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  const sid = api.createSession(USER_IDS.danaReyes);
  const session = extensionSessionFor(sid, API_HOST);
  const db = freshDb();
  const scheduled: string[] = [];
  const findSession = async () => ({ ok: true as const, session });
  const connection = createConnectionService({ db, fetch: inProcessFetch(api), findSession });
  const service = createSyncService({ db, connection, schedule: (orgKey) => scheduled.push(orgKey) });
  return { state, api, db, connection, service, scheduled };
}

describe('opportunities shown on a list view', () => {
  it.each([
    [1, 1],
    [200, 1],
    [201, 2],
    [450, 3],
  ])(
    'fetches %i never-seen opportunities in %i calls (ceil(n / 200)), none when shown again',
    async (rows, calls) => {
      const { state, api, connection, service } = setup(500);
      const ids = state.opportunities.slice(0, rows).map((o) => o.Id);
      await connection.rememberPage(LIST_PAGE);
      await connection.check('acme'); // connecting is counted elsewhere
      api.resetCalls();
      await service.fetchOpportunities(LIST_PAGE, ids);
      expect(api.countCalls('/query')).toBe(calls);
      api.resetCalls();
      await service.fetchOpportunities(LIST_PAGE, ids);
      expect(api.countCalls()).toBe(0);
    },
    60_000,
  );

  it('brings a teammate’s tags into this browser, so the badge can show them', async () => {
    const { state, api, db, service } = setup();
    // A partner manager's browser tags the third opportunity and syncs it to the org.
    const teammate = freshDb();
    const actor = { ...(await getLocalActor(teammate, () => crypto.randomUUID())), userName: 'Jordan Kim' };
    const target = state.opportunities[2]!.Id;
    await addAttribution(
      teammate,
      {
        orgKey: 'acme',
        opportunityId: target,
        partnerName: 'Globex Systems',
        kind: 'sourced',
        note: '',
        touch: { type: 'intro_referral', date: '2026-11-18', note: '' },
      },
      { actor, now: '2026-11-18T09:00:00.000Z', newId: () => crypto.randomUUID() },
    );
    const sessionId = api.createSession(USER_IDS.jordanKim);
    const pmClient = createRestClient({ apiHost: API_HOST, sessionId, fetch: inProcessFetch(api) });
    const newId = () => crypto.randomUUID();
    await syncOnce({ db: teammate, api: pmClient as unknown as SyncApi, now: () => Date.now(), newId }, 'acme');

    const options = { today: '2026-11-20', rules: DEFAULT_WARMTH_RULES };
    expect(await readWarmth(db, [target], options)).toEqual({});
    await service.fetchOpportunities(
      LIST_PAGE,
      state.opportunities.slice(0, 10).map((o) => o.Id),
    );
    const warmth = await readWarmth(db, [target], options);
    expect(warmth[target]?.level).toBe('hot');
    expect(warmth[target]?.summary).toBe('Sourced by Globex Systems · last touch 2 days ago');
  });

  it('asks for a pull when the last one is over a minute old, and fetches nothing without a connection', async () => {
    const { state, api, db, connection, service, scheduled } = setup();
    await service.fetchOpportunities(LIST_PAGE, [state.opportunities[0]!.Id]);
    expect(scheduled).toEqual(['acme']);
    // Connected: the org's sync state is kept under its org id from now on.
    const orgKey = await connection.ledgerKey('acme');
    expect(orgKey).toBe(state.org.Id);
    await db.syncState.put({ orgKey, lastPullAt: new Date().toISOString() });
    await service.fetchOpportunities(LIST_PAGE, [state.opportunities[1]!.Id]);
    expect(scheduled).toEqual(['acme']);

    const offlineDb = freshDb();
    const noSession = async () => ({ ok: false as const, reason: 'no_session' as const, message: 'Open Salesforce' });
    const offlineConnection = createConnectionService({
      db: offlineDb,
      fetch: inProcessFetch(api),
      findSession: noSession,
    });
    const offline = createSyncService({ db: offlineDb, connection: offlineConnection });
    api.resetCalls();
    expect(await offline.fetchOpportunities(LIST_PAGE, [state.opportunities[0]!.Id])).toBe(0);
    expect(api.countCalls()).toBe(0);
  });
});
