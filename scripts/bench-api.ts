/**
 * How many Salesforce API calls Partner Ledger spends, measured by running the real REST client, sync engine
 * and background services against the fake org's REST API in-process (fake-indexeddb for the store). A benchmark
 * of calls, not of time: the figures are exact counts, and the daily estimate multiplies them out.
 *
 *   npx tsx scripts/bench-api.ts        prints a table
 *   import { benchApiCalls } from './bench-api'   (used by scripts/bench.ts)
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { createRestClient } from '../lib/crm/salesforce/rest-client';
import { addAttribution } from '../lib/store/attributions';
import { createDb } from '../lib/store/db';
import { getLocalActor } from '../lib/store/settings';
import { syncOnce } from '../lib/sync/run';
import { createConnectionService } from '../lib/services/connection';
import { createOrgFigures } from '../lib/services/summary/org-figures';
import { createSyncService } from '../lib/services/sync';
import type { PartnerLedgerDb } from '../lib/store/db';
import type { SyncApi } from '../lib/sync/types';
import { createSeedData, USER_IDS } from '../tests/fake-org/data';
import { createRestApi } from '../tests/fake-org/rest/api';
import { extensionSessionFor } from '../tests/fake-org/rest/extension-session';
import { inProcessFetch } from '../tests/fake-org/rest/in-process-fetch';

const API_HOST = 'acme.my.salesforce.com';
const PAGE = 'https://acme.lightning.force.com/lightning/r/Opportunity';

/** The background's connection, sync and summary figures, talking to the fake org in-process. */
function backgroundServices(
  db: PartnerLedgerDb,
  api: ReturnType<typeof createRestApi>,
  session: ReturnType<typeof extensionSessionFor>,
  now?: () => number,
) {
  const connection = createConnectionService({
    db,
    fetch: inProcessFetch(api),
    findSession: async () => ({ ok: true, session }),
    ...(now ? { now } : {}),
  });
  const sync = createSyncService({ db, connection, ...(now ? { now } : {}) });
  return { connection, sync, figures: createOrgFigures({ db, connection, ...(now ? { now } : {}) }) };
}

export interface ApiCallFigure {
  label: string;
  calls: number;
  /** What the issue's budget allows, when it sets one. */
  budget?: number;
}

let dbCount = 0;

function setup() {
  const state = createSeedData();
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  const sid = api.createSession(USER_IDS.jordanKim);
  const client = createRestClient({ apiHost: API_HOST, sessionId: sid, fetch: inProcessFetch(api) });
  const db = createDb(`bench-api-${++dbCount}-${Date.now()}`);
  return { state, api, sid, client, db };
}

/** Pushing N local changes: the sObject Collections calls one sync makes. */
async function pushCalls(n: number): Promise<number> {
  const { state, api, client, db } = setup();
  const actor = await getLocalActor(db, () => crypto.randomUUID());
  const opportunities = state.opportunities.map((o) => o.Id);
  for (let i = 0; i < n; i++) {
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId: opportunities[i % opportunities.length]!,
        partnerName: `Bench Partner ${i}`,
        kind: 'influenced',
        note: '',
        touch: { type: 'joint_call', date: new Date().toISOString().slice(0, 10), note: '' },
      },
      { actor, now: new Date().toISOString(), newId: () => crypto.randomUUID() },
    );
  }
  api.resetCalls();
  await syncOnce(
    { db, api: client as unknown as SyncApi, now: () => Date.now(), newId: () => crypto.randomUUID() },
    'acme',
  );
  const calls = api.countCalls('/composite/sobjects');
  await db.delete();
  return calls;
}

/** Opening a record page: once stale (one query for facts and attributions), then while fresh. */
async function pageOpenCalls(): Promise<{ connect: number; first: number; fresh: number }> {
  const { state, api, sid, db } = setup();
  const session = extensionSessionFor(sid, API_HOST);
  const { connection, sync: service } = backgroundServices(db, api, session);
  const id = state.opportunities[0]!.Id;
  await connection.rememberPage(`${PAGE}/${id}/view`);
  api.resetCalls();
  await connection.check('acme');
  const connect = api.countCalls();
  api.resetCalls();
  await service.refreshOpportunity(`${PAGE}/${id}/view`, id);
  const first = api.countCalls();
  api.resetCalls();
  await service.refreshOpportunity(`${PAGE}/${id}/view`, id);
  const fresh = api.countCalls();
  await db.delete();
  return { connect, first, fresh };
}

/**
 * A list view or board of R rows never seen before: the badges' fetch of those opportunities with their
 * attributions (200 per call), then the same rows shown again (nothing fetched).
 */
async function listViewCalls(rows: number): Promise<{ first: number; again: number }> {
  const state = createSeedData(new Date(), { extraOpportunities: Math.max(0, rows - 44) });
  const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
  const sid = api.createSession(USER_IDS.danaReyes);
  const session = extensionSessionFor(sid, API_HOST);
  const db = createDb(`bench-api-${++dbCount}-${Date.now()}`);
  const { connection, sync: service } = backgroundServices(db, api, session);
  const listPage = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';
  const ids = state.opportunities.slice(0, rows).map((o) => o.Id);
  await connection.rememberPage(listPage);
  await connection.check('acme');
  api.resetCalls();
  await service.fetchOpportunities(listPage, ids);
  const first = api.countCalls('/query');
  api.resetCalls();
  await service.fetchOpportunities(listPage, ids);
  const again = api.countCalls();
  await db.delete();
  return { first, again };
}

/**
 * Opening the weekly summary with N attributed deals: cold (facts, the org's currency, two weeks' totals),
 * again within five minutes (nothing), and the next day (facts again, the current week's total).
 */
async function summaryOpenCalls(deals: number): Promise<{ cold: number; warm: number; nextDay: number }> {
  const { state, api, sid, db } = setup();
  const session = extensionSessionFor(sid, API_HOST);
  let nowMs = Date.now();
  const { connection, figures } = backgroundServices(db, api, session, () => nowMs);
  await connection.rememberPage(`${PAGE}/${state.opportunities[0]!.Id}/view`);
  await connection.check('acme');
  const actor = await getLocalActor(db, () => crypto.randomUUID());
  const ids = state.opportunities.map((o) => o.Id);
  for (let i = 0; i < deals; i++) {
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId: ids[i % ids.length]!,
        partnerName: `Bench Partner ${i}`,
        kind: 'influenced',
        note: '',
        touch: { type: 'joint_call', date: new Date().toISOString().slice(0, 10), note: '' },
      },
      { actor, now: new Date().toISOString(), newId: () => crypto.randomUUID() },
    );
  }
  const week = {
    key: 'this',
    start: new Date(nowMs - 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    end: new Date(nowMs + 4 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
  };
  const before = {
    key: 'last',
    start: new Date(Date.parse(week.start) - 7 * 86_400_000).toISOString(),
    end: week.start,
  };
  api.resetCalls();
  const cold = (await figures.prepare('acme', [week, before])).calls;
  const warm = (await figures.prepare('acme', [week, before])).calls;
  nowMs += 24 * 60 * 60_000;
  const nextDay = (await figures.prepare('acme', [week, before])).calls;
  await db.delete();
  return { cold, warm, nextDay };
}

/** A working day for one user, in the calls each step was measured to cost. */
const DAY = {
  /** Worker starts (browser restarts, worker eviction) that reconnect: 5 calls each. */
  connects: 4,
  /** Periodic syncs: every 5 minutes over 10 hours, each one incremental pull (1 call when nothing changed). */
  periodicSyncs: 120,
  /** Record pages opened while stale (at most one call each). */
  recordPages: 40,
  /** Bursts of tagging, each pushed in one sync a few seconds later. */
  changeBursts: 15,
  /** List views and boards opened (ceil(new rows / 200) calls, counted as if all 200 rows were new, plus a pull). */
  listViews: 20,
};

export async function benchApiCalls(): Promise<{ figures: ApiCallFigure[]; perUserDay: number; teamDay: number }> {
  const figures: ApiCallFigure[] = [];
  for (const n of [1, 200, 201, 450, 1000]) {
    figures.push({
      label: `push ${n} change${n === 1 ? '' : 's'}: collections calls`,
      calls: await pushCalls(n),
      budget: Math.ceil(n / 200),
    });
  }
  const page = await pageOpenCalls();
  figures.push({ label: 'connect (once per worker start): calls', calls: page.connect });
  figures.push({ label: 'open a record page (stale): calls', calls: page.first, budget: 1 });
  figures.push({ label: 'open a record page (fresh, < 5 min): calls', calls: page.fresh, budget: 0 });
  let listCall = 0;
  for (const rows of [200, 2000]) {
    const list = await listViewCalls(rows);
    if (rows === 200) listCall = list.first;
    figures.push({
      label: `list view of ${rows} new rows (badges): calls`,
      calls: list.first,
      budget: Math.ceil(rows / 200),
    });
    figures.push({ label: `list view of ${rows} rows shown again: calls`, calls: list.again, budget: 0 });
  }
  for (const deals of [40, 450]) {
    const summary = await summaryOpenCalls(deals);
    const factQueries = Math.ceil(Math.min(deals, 44) / 200);
    figures.push({
      label: `weekly summary, ${deals} tags (cold): calls`,
      calls: summary.cold,
      budget: factQueries + 1 + 2,
    });
    figures.push({ label: `weekly summary, ${deals} tags (again < 5 min): calls`, calls: summary.warm, budget: 0 });
    figures.push({
      label: `weekly summary, ${deals} tags (next day): calls`,
      calls: summary.nextDay,
      budget: factQueries + 1 + 1,
    });
  }
  // Each list view opened also runs the incremental pull when the last one is over a minute old (1 call).
  const perUserDay =
    DAY.connects * page.connect +
    DAY.periodicSyncs * 1 +
    DAY.recordPages * page.first +
    DAY.changeBursts * 2 +
    DAY.listViews * (listCall + 1);
  return { figures, perUserDay, teamDay: perUserDay * 50 };
}

async function main() {
  const { figures, perUserDay, teamDay } = await benchApiCalls();
  for (const f of figures)
    console.log(
      `${f.label.padEnd(52)} ${String(f.calls).padStart(5)}${f.budget !== undefined ? `   budget ${f.budget}` : ''}`,
    );
  console.log(
    `one user, one working day (estimate): ${perUserDay} calls; a 50-user team: ${teamDay.toLocaleString('en-US')} ` +
      `calls`,
  );
  console.log(
    `(Enterprise Edition allows 100,000 + 1,000 per licence a day: ${(150_000).toLocaleString('en-US')} for 50 ` +
      `licences.)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
