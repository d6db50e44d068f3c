/**
 * The Salesforce connection, as the background keeps it: the session of the user's Salesforce tab, found
 * from the last page seen for each org, kept in memory only (never stored, never logged), and what the
 * options page shows about it. Sync and the weekly summary open connections here. Without a session, API
 * access or the org-side objects, everything keeps working locally and the state says why.
 */
import { SalesforceApiError } from '../crm/salesforce/api-errors';
import { connect, type OrgConnection } from '../crm/salesforce/connection';
import { hiddenFieldInError } from '../crm/salesforce/field-access';
import { getOrgKey } from '../crm/salesforce/hosts';
import { createRestClient, type FetchLike, type RestClient } from '../crm/salesforce/rest-client';
import type { FindSessionResult } from '../crm/salesforce/session';
import type { PartnerLedgerDb, SyncStateRow } from '../store/db';
import { hostKeyOf, ledgerKeyOf, learnOrgId } from '../store/org-ids';
import { readSetting, writeSetting } from '../store/settings';
import { rulesInForce } from '../store/team-rules';
import { DEFAULT_PAUSE_ABOVE_SHARE } from '../sync/backoff';
import { resumeSync } from '../sync/run';
import { type CookieStoreMemory, cookieStoresInMemory } from './cookie-stores';

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

/** The connection and sync state the options page shows (see components/options/connection-section.tsx). */
export interface ConnectionReport extends ConnectionState {
  /** The org's API calls today, from the last response's `Sforce-Limit-Info`; `at` is when it was read. */
  usage?: { used: number; limit: number; at: string };
  /** Background sync pauses once this share (0..1) of the daily API limit is used; 0.8 unless changed. */
  pauseAboveShare: number;
  paused?: { reason: string; until?: string };
  /** Changes waiting in the outbox. */
  pending: number;
  lastPushAt?: string;
  lastPullAt?: string;
  lastError?: string;
  /** Records from the org that failed the checks local data passes, kept out of this browser. */
  refused?: { recordId: string; field: string; reason: string }[];
  /** Changes Salesforce refused for good, parked until they change again here. */
  parked?: { attributionId: string; error: string }[];
}

/** The refused records and parked changes of a sync state, as the options page lists them. */
function refusalsOf(syncState: SyncStateRow | undefined): Pick<ConnectionReport, 'refused' | 'parked'> {
  const refused = Object.entries(syncState?.refusedRecords ?? {})
    .map(([key, entry]) => ({
      recordId: entry.remoteId ?? entry.externalId ?? key,
      field: entry.field,
      reason: entry.reason,
    }))
    .sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  const parked = Object.entries(syncState?.pushFailures ?? {})
    .filter(([, failure]) => failure.permanent)
    .map(([attributionId, failure]) => ({ attributionId, error: failure.error }));
  return { ...(refused.length ? { refused } : {}), ...(parked.length ? { parked } : {}) };
}

/** An open connection to one org. */
export interface LiveConnection {
  /** The key the org's rows are kept under: its 18-character org id (lib/store/org-ids.ts). */
  orgKey: string;
  client: RestClient;
  info: OrgConnection;
  apiHost: string;
  /** Requests made with this connection, for budgets in tests and benchmarks. */
  calls: { count: number };
}

export interface ConnectionServiceDeps {
  db: PartnerLedgerDb;
  fetch: FetchLike;
  /**
   * Finds the user's session for a Salesforce page in a cookie store (reads cookies; see
   * lib/crm/salesforce/session.ts). `storeId` undefined: the background's own store.
   */
  findSession: (pageUrl: string, storeId?: string) => Promise<FindSessionResult>;
  /**
   * Where the cookie store of the last tab seen for each org is kept, so that background work keeps acting as
   * that tab's user after the worker restarts (the background: session storage; see cookie-stores.ts).
   * Without it, only for as long as this service lives.
   */
  cookieStores?: CookieStoreMemory;
  now?: () => number;
}

/** A browser that has no way to reach Salesforce: every connection attempt says so, and nothing is sent. */
export const LOCAL_ONLY: Pick<ConnectionServiceDeps, 'fetch' | 'findSession'> = {
  fetch: () => Promise.reject(new TypeError('Partner Ledger works on this computer only here.')),
  findSession: async () => ({ ok: false, reason: 'no_session', message: 'Open Salesforce in a tab to connect.' }),
};

/** Errors about one request, not about the session or the org's access: the connection stays open. */
const KEEPS_CONNECTION = new Set<SalesforceApiError['kind']>(['invalid_request', 'not_found', 'multiple_matches']);

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => Date.now());
  const cookieStores = deps.cookieStores ?? cookieStoresInMemory();
  /**
   * One connection per (cookie store, org): two tabs of one org in different cookie stores (a private
   * window, a Firefox container) may be signed in as different users, and each is answered as its own.
   */
  const live = new Map<string, LiveConnection>();
  const states = new Map<string, ConnectionState>();
  /** The cookie store of the last tab seen for each org: background work (sync) acts as that tab's user. */
  const lastStore = new Map<string, string | undefined>();
  /** The last page seen per (cookie store, org), to find that store's session from. */
  const pages = new Map<string, string>();

  /**
   * The My Domain each org id was last reached through, in this worker. Callers may name an org by either key:
   * the page's host key, or the org id its rows are kept under (lib/store/org-ids.ts); sessions and states are
   * kept by host key.
   */
  const hostOfOrgId = new Map<string, string>();
  const hostOf = (orgKey: string) => hostOfOrgId.get(orgKey) ?? orgKey;
  const keyOf = (orgKey: string, storeId: string | undefined) => `${storeId ?? ''}\u0000${hostOf(orgKey)}`;
  const storeOf = (orgKey: string, storeId?: string) =>
    storeId !== undefined ? storeId : lastStore.get(hostOf(orgKey));

  /** Keeps the page a request came from, and its tab's cookie store: the org's session is found from them. */
  async function rememberPage(pageUrl: string, storeId?: string): Promise<string | undefined> {
    const orgKey = getOrgKey(new URL(pageUrl).hostname);
    if (orgKey) {
      const changed = !lastStore.has(orgKey) || lastStore.get(orgKey) !== storeId;
      lastStore.set(orgKey, storeId);
      if (changed) await cookieStores.remember(orgKey, storeId);
      pages.set(keyOf(orgKey, storeId), pageUrl);
      await writeSetting(db, `page:${orgKey}`, pageUrl);
      await writeSetting(db, 'lastOrg', orgKey);
    }
    return orgKey;
  }

  async function lastPage(orgKey: string, storeId: string | undefined): Promise<string | undefined> {
    return pages.get(keyOf(orgKey, storeId)) ?? readSetting(db, `page:${orgKey}`);
  }

  function setState(key: string, state: Omit<ConnectionState, 'orgKey'>): ConnectionState {
    const orgKey = hostOf(key);
    const full = { orgKey, ...state };
    states.set(orgKey, full);
    return full;
  }

  /**
   * Forgets the connection after a failed call, and says why in the state. A request Salesforce rejected
   * (a field the user cannot read, a record that is gone) says nothing about the session: the connection
   * is kept, and the state too, with the reason in its message.
   */
  function fail(
    orgKey: string,
    error: unknown,
    base: Partial<ConnectionState> = {},
    storeId?: string,
  ): ConnectionState {
    const key = keyOf(orgKey, storeOf(orgKey, storeId));
    if (error instanceof SalesforceApiError && KEEPS_CONNECTION.has(error.kind) && live.has(key)) {
      return { ...(states.get(hostOf(orgKey)) ?? { orgKey, status: 'connected' }), message: error.message };
    }
    live.delete(key);
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
    const message = 'Partner Ledger could not reach your Salesforce org.';
    return setState(orgKey, { ...base, status: 'error', message });
  }

  /**
   * Connects (or reuses the connection) for an org in a cookie store, from the last Salesforce page seen for
   * it. Without `storeId`, the store of the last tab seen for the org.
   */
  async function open(named: string, force = false, storeId?: string): Promise<LiveConnection | undefined> {
    // An org id is reached through the My Domain that last reported it.
    const orgKey = hostOfOrgId.get(named) ?? (await hostKeyOf(db, named)) ?? named;
    // A worker that just started has seen no tab yet: the store remembered from before it stopped.
    if (storeId === undefined && !lastStore.has(orgKey)) {
      const recalled = await cookieStores.recall(orgKey);
      if (!lastStore.has(orgKey)) lastStore.set(orgKey, recalled);
    }
    const store = storeOf(orgKey, storeId);
    const key = keyOf(orgKey, store);
    const cached = live.get(key);
    if (cached && !force) return cached;
    const pageUrl = await lastPage(orgKey, store);
    if (!pageUrl) {
      setState(orgKey, { status: 'no_session', message: 'Open Salesforce in a tab to connect.' });
      return undefined;
    }
    const found = await deps.findSession(pageUrl, store);
    if (!found.ok) {
      const status = found.reason === 'org_mismatch' ? 'org_mismatch' : 'no_session';
      setState(orgKey, { status, message: found.message });
      return undefined;
    }
    const { session } = found;
    const calls = { count: 0 };
    let ledgerKey = await ledgerKeyOf(db, orgKey);
    const client = createRestClient({
      apiHost: session.apiHost,
      sessionId: session.sessionId,
      fetch: (url, init) => {
        calls.count++;
        return deps.fetch(url, init);
      },
      onUsage: (usage) => void recordUsage(ledgerKey, usage),
    });
    try {
      const info = await connect(client);
      if (info.orgId !== session.orgId) {
        const message = 'The session belongs to another org than the page. Nothing was sent.';
        setState(orgKey, { status: 'org_mismatch', message });
        return undefined;
      }
      // The identity URL names the org: its rows are kept under its id from now on, and any kept under the
      // My Domain move there first, in one transaction (lib/store/org-ids.ts).
      await learnOrgId(db, orgKey, info.orgId, new Date(now()).toISOString());
      ledgerKey = await ledgerKeyOf(db, orgKey);
      hostOfOrgId.set(ledgerKey, orgKey);
      const base = {
        orgId: info.orgId,
        userName: info.userName,
        apiHost: session.apiHost,
        apiVersion: info.apiVersion,
      };
      const locale = info.localeSidKey ? { localeSidKey: info.localeSidKey } : {};
      await writeSetting(db, 'user', { userId: info.userId, userName: info.userName, ...locale });
      if (!info.objectsInstalled) {
        setState(orgKey, { ...base, status: 'objects_missing' });
        return undefined;
      }
      const connected: LiveConnection = { orgKey: ledgerKey, client, info, apiHost: session.apiHost, calls };
      live.set(key, connected);
      setState(orgKey, { ...base, status: 'connected' });
      // A new session is a new chance: lift a stop left by an expired one.
      if (force) await resumeSync(db, ledgerKey);
      return connected;
    } catch (error) {
      fail(orgKey, error, {}, store);
      return undefined;
    }
  }

  async function recordUsage(orgKey: string, usage: { used: number; limit: number; at: string }) {
    await db.transaction('rw', db.syncState, async () => {
      const state = (await db.syncState.get(orgKey)) ?? { orgKey };
      await db.syncState.put({ ...state, usage });
    });
  }

  /** The team's threshold once its rules are known (lib/store/team-rules.ts), else this browser's. */
  async function pauseAboveShare(): Promise<number> {
    const inForce = await rulesInForce(db);
    if (inForce.source === 'team') return inForce.rules.pauseAboveShare;
    return (await readSetting(db, 'pauseAboveShare')) ?? DEFAULT_PAUSE_ABOVE_SHARE;
  }

  async function lastOrg(): Promise<string | undefined> {
    return readSetting(db, 'lastOrg');
  }

  /** Checks the connection again (options' "Check again"). */
  async function check(orgKey: string): Promise<ConnectionState> {
    setState(orgKey, { status: 'checking' });
    await open(orgKey, true);
    return states.get(hostOf(orgKey)) ?? { orgKey, status: 'no_session' };
  }

  /** What the options page shows about an org: the connection, and where sync stands with it. */
  async function report(hostKey: string | undefined): Promise<ConnectionReport> {
    const pauseAbove = await pauseAboveShare();
    if (!hostKey) return { status: 'no_session', pauseAboveShare: pauseAbove, pending: await db.outbox.count() };
    // Sync's rows are the org's (under its id once known); the connection's state is the page's My Domain's.
    const ledger = await ledgerKeyOf(db, hostKey);
    const [syncState, pending] = await Promise.all([
      db.syncState.get(ledger),
      db.outbox.where({ orgKey: ledger }).count(),
    ]);
    const orgKey = hostOf(hostKey);
    const state = states.get(orgKey);
    const retryAt = syncState?.retryAt;
    const waiting = 'Salesforce did not answer; trying again later.';
    return {
      status: state?.status ?? 'no_session',
      orgKey,
      ...(state?.orgId ? { orgId: state.orgId } : {}),
      ...(state?.userName ? { userName: state.userName } : {}),
      ...(state?.apiHost ? { apiHost: state.apiHost } : {}),
      ...(state?.apiVersion ? { apiVersion: state.apiVersion } : {}),
      ...(state?.message ? { message: state.message } : {}),
      ...(syncState?.usage ? { usage: syncState.usage } : {}),
      pauseAboveShare: pauseAbove,
      ...(syncState?.stoppedReason
        ? { paused: { reason: syncState.lastError ?? syncState.stoppedReason, ...(retryAt ? { until: retryAt } : {}) } }
        : retryAt && Date.parse(retryAt) > now()
          ? { paused: { reason: syncState?.lastError ?? waiting, until: retryAt } }
          : {}),
      pending,
      ...(syncState?.lastPushAt ? { lastPushAt: syncState.lastPushAt } : {}),
      ...(syncState?.lastPullAt ? { lastPullAt: syncState.lastPullAt } : {}),
      ...(syncState?.lastError ? { lastError: syncState.lastError } : {}),
      ...refusalsOf(syncState),
    };
  }

  /**
   * When a query failed because field access now hides one of the fact fields (field-access.ts), leaves the
   * field out of this connection's queries from now on and answers true: the caller may ask again.
   */
  function noteHiddenField(orgKey: string, error: unknown, storeId?: string): boolean {
    const field = hiddenFieldInError(error);
    const connected = live.get(keyOf(orgKey, storeOf(orgKey, storeId)));
    if (!field || !connected || connected.info.hiddenFields.includes(field)) return false;
    connected.info.hiddenFields = [...connected.info.hiddenFields, field];
    return true;
  }

  return {
    rememberPage,
    open,
    fail,
    noteHiddenField,
    check,
    report,
    pauseAboveShare,
    lastOrg,
    state(orgKey: string): ConnectionState | undefined {
      return states.get(hostOf(orgKey));
    },
    /** True while a connection to the org is kept in the cookie store (without opening one). */
    isOpen(orgKey: string, storeId?: string): boolean {
      return live.has(keyOf(orgKey, storeOf(orgKey, storeId)));
    },
    /** The orgs this browser has seen, for the periodic sync and the weekly freeze. */
    async knownOrgs(): Promise<string[]> {
      const rows = await db.settings.where('key').startsWith('page:').toArray();
      return rows.map((row) => row.key.slice('page:'.length));
    },
    /** The key an org's rows are kept under, for a page's host key: its org id once known (lib/store/org-ids.ts). */
    ledgerKey(hostKey: string): Promise<string> {
      return ledgerKeyOf(db, hostKey);
    },
    /** The options page opened: a worker that just started knows nothing yet, so it connects once first. */
    async current(): Promise<ConnectionReport> {
      const orgKey = await lastOrg();
      if (orgKey && !states.get(orgKey)) await check(orgKey);
      return report(orgKey);
    },
    /** "Check again" on the options page. */
    async checkAgain(): Promise<ConnectionReport> {
      const orgKey = await lastOrg();
      if (orgKey) await check(orgKey);
      return report(orgKey);
    },
    async setPauseAboveShare(share: number): Promise<ConnectionReport> {
      await writeSetting(db, 'pauseAboveShare', share);
      return report(await lastOrg());
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
