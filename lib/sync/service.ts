import { SalesforceApiError } from '../crm/salesforce/api-errors';
import { connect, type OrgConnection } from '../crm/salesforce/connection';
import { getOrgKey } from '../crm/salesforce/hosts';
import { opportunitiesWithAttributionsQueries, opportunityFactFields, opportunityWithAttributionsQuery } from '../crm/salesforce/soql';
import { opportunityWithAttributionsSchema, toOpportunityFacts } from '../crm/salesforce/opportunity-facts';
import { createRestClient, type FetchLike, type RestClient } from '../crm/salesforce/rest-client';
import type { FindSessionResult } from '../crm/salesforce/session';
import type { PartnerLedgerDb } from '../store/db';
import { getRules } from '../store/settings';
import type { WeekRange } from '../attribution/summary-types';
import { DEFAULT_PAUSE_ABOVE_SHARE, shouldPauseForUsage } from './backoff';
import { pullOpportunity, resumeSync, syncOnce, type SyncSummary } from './engine';
import { rawAttributionRecordSchema } from './records';
import { orgCurrency, refreshAttributedFacts, weekNewPipeline, type SummaryDataContext } from './summary-data';
import type { SyncApi } from './types';

/** What the options page shows about the connection (see components/options/connection-section.tsx). */
export type ConnectionStatus =
  | 'connected'
  | 'no_session'
  | 'session_expired'
  | 'api_disabled'
  | 'objects_missing'
  | 'org_mismatch'
  | 'error'
  | 'checking';

export interface ConnectionState {
  status: ConnectionStatus;
  orgKey?: string;
  orgId?: string;
  orgName?: string;
  userName?: string;
  apiHost?: string;
  apiVersion?: string;
  message?: string;
}

/** Whether the summary's org-wide figures could be brought up to date, and in words why not. */
export interface SummaryDataStatus {
  /** True when the org answered: facts are fresh and the weeks' totals are known. */
  fromOrg: boolean;
  /** Why the org's figures are missing or older: for the popup ("Open Salesforce in a tab to connect."). */
  reason?: string;
  /** Queries made. */
  calls: number;
}

export interface SyncServiceDeps {
  db: PartnerLedgerDb;
  fetch: FetchLike;
  /** Finds the user's session for a Salesforce page (reads cookies; see lib/crm/salesforce/session.ts). */
  findSession: (pageUrl: string) => Promise<FindSessionResult>;
  now?: () => number;
  newId?: () => string;
  /** Schedules a sync soon; the background uses a timer plus an alarm in case the worker sleeps. */
  schedule?: (orgKey: string, delayMs: number) => void;
}

/** A record page's facts and attributions are this fresh or they are fetched again (one call). */
export const PAGE_FRESH_MS = 5 * 60_000;
/** A list view or board opened later than this after the last pull brings teammates' changes first. */
export const LIST_PULL_AFTER_MS = 60_000;
/** After a list view could not connect, later batches of rows wait this long before trying again. */
export const LIST_RETRY_CONNECT_MS = 30_000;
/** A local change reaches the org this soon. */
export const SYNC_DELAY_MS = 3_000;

interface Live {
  client: RestClient;
  info: OrgConnection;
  apiHost: string;
  /** Requests made with this connection, for budgets in tests and benchmarks. */
  calls: { count: number };
}

function callCount(live: Live): number {
  return live.calls.count;
}

/**
 * The background's sync service: finds the session of the Salesforce tab, keeps the connection in memory
 * only (never stored, never logged), and runs the engine. Without a session, API access or the org-side
 * objects, everything keeps working locally and the state says why.
 */
export function createSyncService(deps: SyncServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const live = new Map<string, Live>();
  const states = new Map<string, ConnectionState>();
  const failedListConnect = new Map<string, number>();

  async function rememberPage(pageUrl: string): Promise<string | undefined> {
    const orgKey = getOrgKey(new URL(pageUrl).hostname);
    if (orgKey) {
      await db.settings.put({ key: `page:${orgKey}`, value: pageUrl });
      await db.settings.put({ key: 'lastOrg', value: orgKey });
    }
    return orgKey;
  }

  async function lastPage(orgKey: string): Promise<string | undefined> {
    const value = (await db.settings.get(`page:${orgKey}`))?.value;
    return typeof value === 'string' ? value : undefined;
  }

  function setState(orgKey: string, state: Omit<ConnectionState, 'orgKey'>): ConnectionState {
    const full = { orgKey, ...state };
    states.set(orgKey, full);
    return full;
  }

  function stateForError(orgKey: string, error: unknown, base: Partial<ConnectionState> = {}): ConnectionState {
    live.delete(orgKey);
    if (error instanceof SalesforceApiError) {
      const status: ConnectionStatus =
        error.kind === 'session_expired'
          ? 'session_expired'
          : error.kind === 'api_disabled'
            ? 'api_disabled'
            : error.kind === 'not_installed'
              ? 'objects_missing'
              : 'error';
      return setState(orgKey, { ...base, status, message: error.message });
    }
    return setState(orgKey, { ...base, status: 'error', message: 'Partner Ledger could not reach your Salesforce org.' });
  }

  /** Connects (or reuses the connection) for an org, from the last Salesforce page seen for it. */
  async function connection(orgKey: string, force = false): Promise<Live | undefined> {
    const cached = live.get(orgKey);
    if (cached && !force) return cached;
    const pageUrl = await lastPage(orgKey);
    if (!pageUrl) {
      setState(orgKey, { status: 'no_session', message: 'Open Salesforce in a tab to connect.' });
      return undefined;
    }
    const found = await deps.findSession(pageUrl);
    if (!found.ok) {
      setState(orgKey, { status: found.reason === 'org_mismatch' ? 'org_mismatch' : 'no_session', message: found.message });
      return undefined;
    }
    const { session } = found;
    const calls = { count: 0 };
    const client = createRestClient({
      apiHost: session.apiHost,
      sessionId: session.sessionId,
      fetch: (url, init) => {
        calls.count++;
        return deps.fetch(url, init);
      },
      onUsage: (usage) => void recordUsage(orgKey, usage),
    });
    try {
      const info = await connect(client);
      if (info.orgId !== session.orgId) {
        setState(orgKey, { status: 'org_mismatch', message: 'The session belongs to another org than the page. Nothing was sent.' });
        return undefined;
      }
      const base = { orgId: info.orgId, userName: info.userName, apiHost: session.apiHost, apiVersion: info.apiVersion };
      await db.settings.put({ key: 'user', value: { userId: info.userId, userName: info.userName } });
      if (!info.objectsInstalled) {
        setState(orgKey, { ...base, status: 'objects_missing' });
        return undefined;
      }
      const connected: Live = { client, info, apiHost: session.apiHost, calls };
      live.set(orgKey, connected);
      setState(orgKey, { ...base, status: 'connected' });
      // A new session is a new chance: lift a stop left by an expired one.
      if (force) await resumeSync(db, orgKey);
      return connected;
    } catch (error) {
      stateForError(orgKey, error);
      return undefined;
    }
  }

  async function recordUsage(orgKey: string, usage: { used: number; limit: number; at: string }) {
    await db.transaction('rw', db.syncState, async () => {
      const state = (await db.syncState.get(orgKey)) ?? { orgKey };
      await db.syncState.put({ ...state, usage });
    });
  }

  async function pauseAboveShare(): Promise<number> {
    const value = (await db.settings.get('pauseAboveShare'))?.value;
    return typeof value === 'number' ? value : DEFAULT_PAUSE_ABOVE_SHARE;
  }

  async function context(connected: Live) {
    return {
      db,
      api: connected.client as unknown as SyncApi,
      now,
      newId,
      rules: await getRules(db),
      pauseAboveShare: await pauseAboveShare(),
      multiCurrency: connected.info.multiCurrency,
    };
  }

  /** One sync of an org; `userTriggered` ("Sync now") goes ahead despite a pause or a backoff. */
  async function syncNow(orgKey: string, userTriggered = false): Promise<SyncSummary | undefined> {
    const connected = await connection(orgKey, userTriggered);
    if (!connected) return undefined;
    const summary = await syncOnce(await context(connected), orgKey, { userTriggered });
    if (summary.status === 'stopped' && summary.reason) {
      stateForError(orgKey, new SalesforceApiError(summary.reason as SalesforceApiError['kind'], summary.message ?? ''), {
        orgId: connected.info.orgId,
        userName: connected.info.userName,
      });
    }
    return summary;
  }

  /**
   * A record page opened: fetch its facts and attributions in one call unless they are fresh, so teammates'
   * tags show up. Resolves true when something was fetched (the panel then reloads its data).
   */
  async function refreshOpportunity(pageUrl: string, opportunityId: string): Promise<boolean> {
    const orgKey = await rememberPage(pageUrl);
    if (!orgKey) return false;
    const stored = await db.opportunities.get(opportunityId);
    const pulledAt = stored?.attributionsPulledAt ? Date.parse(stored.attributionsPulledAt) : 0;
    if (stored?.source === 'api' && now() - pulledAt < PAGE_FRESH_MS) return false;
    const connected = await connection(orgKey);
    if (!connected) return false;
    try {
      const soql = opportunityWithAttributionsQuery(opportunityId, opportunityFactFields(connected.info.multiCurrency));
      const page = await connected.client.query(soql, opportunityWithAttributionsSchema(rawAttributionRecordSchema));
      const record = page.records[0];
      if (!record) return false;
      const facts = toOpportunityFacts(record, new Date(now()));
      const previous = await db.opportunities.get(opportunityId);
      await db.opportunities.put({ ...previous, ...facts, orgKey, seenAt: new Date(now()).toISOString() });
      await pullOpportunity(await context(connected), orgKey, opportunityId, record);
      // Push what this browser holds that the org lacks, soon.
      deps.schedule?.(orgKey, SYNC_DELAY_MS);
      return true;
    } catch (error) {
      stateForError(orgKey, error);
      return false;
    }
  }

  /**
   * Brings the weekly summary's data up to date for these weeks: facts of attributed opportunities (missing
   * or older than a day), each week's new pipeline (cached; see summary-data.ts), the org's currency and
   * rates. Honours sync's stop, backoff and budget: then nothing is fetched and the reason is given, and the
   * summary uses what is stored.
   */
  async function prepareSummary(orgKey: string, weeks: readonly WeekRange[]): Promise<SummaryDataStatus> {
    const state = await db.syncState.get(orgKey);
    if (state?.stoppedReason) return { fromOrg: false, reason: state.lastError ?? 'Sync with Salesforce is stopped.', calls: 0 };
    if (state?.retryAt && Date.parse(state.retryAt) > now()) {
      return { fromOrg: false, reason: 'Salesforce did not answer; trying again later.', calls: 0 };
    }
    if (shouldPauseForUsage(state?.usage, await pauseAboveShare())) {
      return { fromOrg: false, reason: 'Paused to save your org’s daily API allowance.', calls: 0 };
    }
    const connected = await connection(orgKey);
    if (!connected) {
      const known = states.get(orgKey);
      return { fromOrg: false, reason: known?.message ?? 'Open Salesforce in a tab to connect.', calls: 0 };
    }
    const ctx: SummaryDataContext = {
      db,
      api: connected.client as unknown as SyncApi,
      now,
      multiCurrency: connected.info.multiCurrency,
      apiHost: connected.apiHost,
      apiVersion: connected.info.apiVersion,
    };
    const before = callCount(connected);
    try {
      await refreshAttributedFacts(ctx, orgKey);
      const currency = await orgCurrency(ctx, orgKey);
      for (const week of weeks) await weekNewPipeline(ctx, orgKey, week, currency);
      return { fromOrg: true, calls: callCount(connected) - before };
    } catch (error) {
      stateForError(orgKey, error);
      return { fromOrg: false, reason: states.get(orgKey)?.message ?? 'Partner Ledger could not reach your Salesforce org.', calls: callCount(connected) - before };
    }
  }

  /**
   * A list view or board shows these opportunities: fetch, with their attributions, those this browser has
   * never fetched (at most 200 a call, so ceil(new ids / 200) calls). Known ones are kept fresh by the
   * incremental sync instead, which brings teammates' changes for every opportunity at once. Skipped
   * while the org is above the API budget. Resolves with the number of calls made.
   */
  async function fetchOpportunities(pageUrl: string, opportunityIds: readonly string[]): Promise<number> {
    const orgKey = await rememberPage(pageUrl);
    if (!orgKey || opportunityIds.length === 0) return 0;
    // A list asks with every batch of rows: without a connection, try again only now and then.
    if (!live.has(orgKey) && now() - (failedListConnect.get(orgKey) ?? -Infinity) < LIST_RETRY_CONNECT_MS) return 0;
    // Teammates' changes to opportunities already known arrive with the incremental pull: run it now
    // rather than at the next periodic sync when it has not run for a while (one call).
    const lastPullAt = (await db.syncState.get(orgKey))?.lastPullAt;
    if (!lastPullAt || now() - Date.parse(lastPullAt) > LIST_PULL_AFTER_MS) deps.schedule?.(orgKey, 0);
    const stored = await db.opportunities.bulkGet([...opportunityIds]);
    const unknown = opportunityIds.filter((_, i) => !stored[i]?.attributionsPulledAt);
    if (unknown.length === 0) return 0;
    const connected = await connection(orgKey);
    if (!connected) {
      failedListConnect.set(orgKey, now());
      return 0;
    }
    failedListConnect.delete(orgKey);
    if (shouldPauseForUsage(connected.client.usage?.(), await pauseAboveShare())) return 0;
    const chunks = opportunitiesWithAttributionsQueries(unknown, opportunityFactFields(connected.info.multiCurrency), {
      apiHost: connected.apiHost,
      version: connected.info.apiVersion,
    });
    const schema = opportunityWithAttributionsSchema(rawAttributionRecordSchema);
    let calls = 0;
    try {
      const ctx = await context(connected);
      for (const chunk of chunks) {
        const page = await connected.client.query(chunk.soql, schema);
        calls++;
        const at = new Date(now());
        for (const record of page.records) {
          const facts = toOpportunityFacts(record, at);
          const previous = await db.opportunities.get(facts.id);
          await db.opportunities.put({ ...previous, ...facts, orgKey, seenAt: at.toISOString() });
          calls += (await pullOpportunity(ctx, orgKey, facts.id, record)).calls;
        }
      }
    } catch (error) {
      stateForError(orgKey, error);
    }
    return calls;
  }

  return {
    rememberPage,
    refreshOpportunity,
    prepareSummary,
    fetchOpportunities,
    syncNow,
    /** Asks for a sync soon after a local change. */
    changed(orgKey: string) {
      deps.schedule?.(orgKey, SYNC_DELAY_MS);
    },
    /** The orgs this browser has seen, for the periodic sync. */
    async knownOrgs(): Promise<string[]> {
      const rows = await db.settings.where('key').startsWith('page:').toArray();
      return rows.map((row) => row.key.slice('page:'.length));
    },
    async lastOrg(): Promise<string | undefined> {
      const value = (await db.settings.get('lastOrg'))?.value;
      return typeof value === 'string' ? value : undefined;
    },
    /** Checks the connection again (options' "Check again"). */
    async check(orgKey: string): Promise<ConnectionState> {
      setState(orgKey, { status: 'checking' });
      await connection(orgKey, true);
      return states.get(orgKey) ?? { orgKey, status: 'no_session' };
    },
    state(orgKey: string): ConnectionState | undefined {
      return states.get(orgKey);
    },
    pauseAboveShare,
    async setPauseAboveShare(share: number) {
      await db.settings.put({ key: 'pauseAboveShare', value: share });
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
