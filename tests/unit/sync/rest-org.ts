/**
 * The convergence scenarios (convergence.ts) through the real REST client against the fake org's REST API,
 * in-process: every pull, push and panel read goes over the wire format the extension speaks (SOQL text
 * parsed by the fake org, sObject Collections upsert by external id with per-record results, SystemModstamp
 * stamped by the org, `Sforce-Limit-Info`, Zod-checked answers).
 *
 * Each run gets a freshly seeded org. Scenario opportunities 1–3 are the org's first three opportunities
 * (Partner_Attribution__c.Opportunity__c must name an existing one). Every user name the runner connects
 * with gets its own seeded user, My Domain session and client, kept for the run.
 *
 * Faults: by default the runner's `withFaults` wraps the client (faults.ts), as for the in-memory org. With
 * `faults: 'wire'` the org answers them itself, so the client's own error handling meets them: a dropped
 * connection (before or after the org applied the call), Salesforce's 503 maintenance page, a 401
 * INVALID_SESSION_ID, per-record UNABLE_TO_LOCK_ROW inside the sObject Collections answer. A worker kill and
 * a change made while an answer is on its way are the same either way: they wrap the client.
 *
 * Query batches stay at Salesforce's default 2,000: the client never sends `Sforce-Query-Options`, and the
 * org would not go below 200 anyway, so pulls here never page; the in-memory org (batches of 3) covers paging.
 */
import { createRestClient, type FetchLike, type RestClient } from '../../../lib/crm/salesforce/rest-client';
import {
  opportunityFactFields,
  opportunityWithAttributionsQuery,
  opportunityWithAttributionsSchema,
} from '../../../lib/crm/salesforce/queries/opportunity-facts';
import { rawAttributionRecordSchema } from '../../../lib/sync/records';
import type { SyncApi } from '../../../lib/sync/types';
import { createSeedData, type OrgData } from '../../fake-org/data';
import { createRestApi, type RestApi } from '../../fake-org/rest/api';
import { DroppedConnectionError } from '../../fake-org/rest/faults';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import type { OrgFactory, OrgUnderTest } from './convergence';
import type { CallFault, FaultHooks } from './faults';

export const REST_API_HOST = 'acme.my.salesforce.com';

/** Requests the fake org answered, over all runs of a factory: proof the scenarios really went through REST. */
export interface RestTraffic {
  runs: number;
  requests: number;
  queries: number;
  upserts: number;
  /** Answers other than 2xx (the org refusing a request as a whole), injected faults left out. */
  errors: number;
  /** Requests a fault rule answered or changed. */
  faulted: number;
}

export function emptyTraffic(): RestTraffic {
  return { runs: 0, requests: 0, queries: 0, upserts: 0, errors: 0, faulted: 0 };
}

/** One run's org: the fake org's state and API, for tests that look inside. */
export interface RestOrgRun extends OrgUnderTest {
  state: OrgData;
  api: RestApi;
}

/**
 * A fresh seeded fake org per run, its SystemModstamp and date literals on the run's simulated clock.
 * `traffic`, when given, adds up the requests of every run.
 */
export interface RestOrgOptions {
  /** Where the runner's faults happen: around the client (default) or in the org's answers. */
  faults?: 'wrapper' | 'wire';
  traffic?: RestTraffic;
}

export function restOrgFactory(options: RestOrgOptions = {}): OrgFactory {
  return (now) => createRestOrg(now, options);
}

/** The faults the org answers itself; the rest wrap the client. */
type WireFault = Extract<CallFault, { kind: 'network' | 'server' | 'session' | 'refuse' }>;

function isWireFault(fault: CallFault): fault is WireFault {
  return fault.kind === 'network' || fault.kind === 'server' || fault.kind === 'session' || fault.kind === 'refuse';
}

/** What an await looks like from a worker that was killed. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

export function createRestOrg(now: () => number, options: RestOrgOptions = {}): RestOrgRun {
  const state = createSeedData(new Date(now()));
  const api = createRestApi({ state, classicOrigin: `https://${REST_API_HOST}` }, { now: () => new Date(now()) });
  const forward = inProcessFetch(api);
  const clients = new Map<string, RestClient>();
  /** Per user name: the fault the next versioned request of that browser meets. */
  const armed = new Map<string, WireFault>();

  /** The browser's fetch: the fake org in-process, meeting an armed fault on the way. */
  const fetchFor =
    (userName: string): FetchLike =>
    async (url, init) => {
      const fault = armed.get(userName);
      // Choosing the API version (`GET /services/data/`) is not one of the engine's calls: it passes.
      if (!fault || !new URL(url).pathname.startsWith('/services/data/v')) return forward(url, init);
      armed.delete(userName);
      switch (fault.kind) {
        case 'network':
          if (!fault.applied) api.faults.add({ dropConnection: true });
          else {
            await forward(url, init);
            throw new DroppedConnectionError();
          }
          break;
        case 'server':
          api.faults.add({ status: 503 });
          break;
        case 'session':
          api.faults.add({ status: 401 });
          break;
        case 'refuse': {
          const isUpsert = init.method === 'PATCH' && url.includes('/composite/sobjects/');
          const records = isUpsert
            ? ((JSON.parse(init.body ?? '{}') as { records?: Record<string, unknown>[] }).records ?? [])
            : [];
          if (records.length === 0) break;
          const externalIds = [
            ...new Set(fault.records.map((i) => String(records[i % records.length]!.External_Id__c))),
          ];
          api.faults.add({ method: 'PATCH', perRecordFailure: { externalIds } });
          break;
        }
      }
      // The rule is taken by this very request: `handle` matches it before its first await.
      return forward(url, init);
    };

  /** The client of this user name's browser: the next seeded user, one My Domain session. */
  const clientFor = (userName: string): RestClient => {
    let client = clients.get(userName);
    if (!client) {
      const user = state.users[clients.size % state.users.length]!;
      client = createRestClient({
        apiHost: REST_API_HOST,
        sessionId: api.createSession(user.Id),
        fetch: fetchFor(userName),
      });
      clients.set(userName, client);
    }
    return client;
  };

  /**
   * Call i of the step meets plan[i]: wire faults in the org's answer, kills and concurrent changes around the client.
   */
  const wireFaults = (
    userName: string,
    plan: readonly CallFault[],
    hooks: FaultHooks,
  ): SyncApi & { calls(): number } => {
    const client = clientFor(userName);
    let index = 0;
    async function around<T>(call: () => Promise<T>): Promise<T> {
      const fault = plan[index++] ?? { kind: 'ok' };
      if (isWireFault(fault)) {
        armed.set(userName, fault);
        try {
          return await call();
        } finally {
          armed.delete(userName);
        }
      }
      switch (fault.kind) {
        case 'kill':
          if (fault.applied) await call();
          hooks.onKill?.();
          return never();
        case 'concurrent': {
          const result = await call();
          await hooks.whileOut?.();
          return result;
        }
        default:
          return call();
      }
    }
    return {
      query: (soql, schema) => around(() => client.query(soql, schema)),
      queryMore: (url, schema) => around(() => client.queryMore(url, schema)),
      upsertCollection: (object, field, records) =>
        around(() => client.upsertCollection(object, field, records as unknown as readonly Record<string, unknown>[])),
      usage: () => client.usage(),
      calls: () => index,
    };
  };

  return {
    state,
    api,
    connect: (userName): SyncApi => clientFor(userName),
    ...(options.faults === 'wire' ? { withFaults: wireFaults } : {}),
    opportunityId: (n) => {
      const opportunity = state.opportunities[n - 1];
      if (!opportunity) throw new RangeError(`The seeded org has no opportunity ${n}`);
      return opportunity.Id;
    },
    readOpportunity: async (userName, opportunityId) => {
      const soql = opportunityWithAttributionsQuery(opportunityId, opportunityFactFields(state.org.IsMultiCurrency));
      const page = await clientFor(userName).query(soql, opportunityWithAttributionsSchema(rawAttributionRecordSchema));
      const record = page.records[0];
      if (!record) throw new Error(`The org returned no opportunity ${opportunityId}`);
      return record;
    },
    storedRecords: () => state.customObjects.Partner_Attribution__c.records,
    dispose: () => {
      const { traffic } = options;
      if (!traffic) return;
      traffic.runs++;
      for (const call of api.calls) {
        traffic.requests++;
        if (/\/(query|queryAll)(\/|$)/.test(call.path)) traffic.queries++;
        if (call.method === 'PATCH' && call.path.includes('/composite/sobjects/')) traffic.upserts++;
        if (call.fault) traffic.faulted++;
        else if (call.status < 200 || call.status >= 300) traffic.errors++;
      }
    },
  };
}
