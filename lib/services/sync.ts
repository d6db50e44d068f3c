/**
 * Sync as the background runs it: the engine (lib/sync) over an open connection, a few seconds after a
 * local change, when the user asks, and for the opportunities a page shows (a record page, a list view or
 * a board), so teammates' tags show up where the user looks.
 */
import { SalesforceApiError } from '../crm/salesforce/api-errors';
import {
  opportunitiesWithAttributionsQueries,
  opportunityFactFields,
  opportunityWithAttributionsQuery,
  opportunityWithAttributionsSchema,
  toOpportunityFacts,
} from '../crm/salesforce/queries/opportunity-facts';
import { requeueIfAmountChanged } from '../store/credited-amounts';
import type { PartnerLedgerDb } from '../store/db';
import { opportunitiesOf, opportunityOf } from '../store/opportunities';
import { getRules } from '../store/settings';
import { shouldPauseForUsage } from '../sync/backoff';
import { pullOpportunity } from '../sync/pull';
import { syncOnce, type SyncSummary } from '../sync/run';
import { rawAttributionRecordSchema } from '../sync/records';
import type { SyncApi } from '../sync/types';
import type { ConnectionReport, ConnectionService, LiveConnection } from './connection';
import type { TeamRulesService } from './team-rules';

export interface SyncServiceDeps {
  db: PartnerLedgerDb;
  connection: ConnectionService;
  /** The team's rules are read before each sync, so its pushes follow the latest. */
  teamRules?: Pick<TeamRulesService, 'pull'>;
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

export function createSyncService(deps: SyncServiceDeps) {
  const { db, connection } = deps;
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const failedListConnect = new Map<string, number>();

  async function context(connected: LiveConnection) {
    return {
      db,
      api: connected.client as unknown as SyncApi,
      now,
      newId,
      rules: await getRules(db),
      pauseAboveShare: await connection.pauseAboveShare(),
      multiCurrency: connected.info.multiCurrency,
      roster: true,
    };
  }

  /** One sync of an org; `userTriggered` ("Sync now") goes ahead despite a pause or a backoff. */
  async function syncNow(orgKey: string, userTriggered = false): Promise<SyncSummary | undefined> {
    const connected = await connection.open(orgKey, userTriggered);
    if (!connected) return undefined;
    // The org's rows are kept under its id (lib/store/org-ids.ts), whichever key named it here.
    const ledger = connected.orgKey;
    if (userTriggered || !shouldPauseForUsage(connected.client.usage?.(), await connection.pauseAboveShare())) {
      await deps.teamRules?.pull(ledger, connected);
    }
    const summary = await syncOnce(await context(connected), ledger, { userTriggered });
    if (summary.status === 'stopped' && summary.reason) {
      const error = new SalesforceApiError(summary.reason as SalesforceApiError['kind'], summary.message ?? '');
      connection.fail(orgKey, error, { orgId: connected.info.orgId, userName: connected.info.userName });
    }
    return summary;
  }

  /**
   * A record page opened: fetch its facts and attributions in one call unless they are fresh, so teammates'
   * tags show up. Resolves true when something was fetched (the panel then reloads its data).
   */
  async function refreshOpportunity(pageUrl: string, opportunityId: string, storeId?: string): Promise<boolean> {
    const orgKey = await connection.rememberPage(pageUrl, storeId);
    if (!orgKey) return false;
    // Only this org's facts count as fresh: a sandbox has production's opportunity ids.
    const stored = await opportunityOf(db, await connection.ledgerKey(orgKey), opportunityId);
    const pulledAt = stored?.attributionsPulledAt ? Date.parse(stored.attributionsPulledAt) : 0;
    if (stored?.source === 'api' && now() - pulledAt < PAGE_FRESH_MS) return false;
    const connected = await connection.open(orgKey, false, storeId);
    if (!connected) return false;
    try {
      const schema = opportunityWithAttributionsSchema(rawAttributionRecordSchema);
      const ask = () => {
        const { multiCurrency, hiddenFields } = connected.info;
        const soql = opportunityWithAttributionsQuery(
          opportunityId,
          opportunityFactFields(multiCurrency, hiddenFields),
        );
        return connected.client.query(soql, schema);
      };
      // Field access changed since connecting: the field is left out from now on, and the query asked again.
      const page = await ask().catch((error) =>
        connection.noteHiddenField(orgKey, error, storeId) ? ask() : Promise.reject(error),
      );
      const record = page.records[0];
      if (!record) return false;
      const facts = toOpportunityFacts(record, new Date(now()), connected.info.hiddenFields);
      const ledger = connected.orgKey;
      const previous = await opportunityOf(db, ledger, opportunityId);
      await db.opportunities.put({ ...previous, ...facts, orgKey: ledger, seenAt: new Date(now()).toISOString() });
      await requeueIfAmountChanged(db, previous, facts, new Date(now()).toISOString(), ledger);
      await pullOpportunity(await context(connected), ledger, opportunityId, record);
      // Push what this browser holds that the org lacks, soon.
      deps.schedule?.(orgKey, SYNC_DELAY_MS);
      return true;
    } catch (error) {
      connection.fail(orgKey, error, {}, storeId);
      return false;
    }
  }

  /**
   * A list view or board shows these opportunities: fetch, with their attributions, those this browser has
   * never fetched (at most 200 a call, so ceil(new ids / 200) calls). Known ones are kept fresh by the
   * incremental sync instead, which brings teammates' changes for every opportunity at once. Skipped
   * while the org is above the API budget, and for a request that came from no page. Resolves with the
   * number of calls made.
   */
  async function fetchOpportunities(
    pageUrl: string | undefined,
    opportunityIds: readonly string[],
    storeId?: string,
  ): Promise<number> {
    if (!pageUrl) return 0;
    const orgKey = await connection.rememberPage(pageUrl, storeId);
    if (!orgKey || opportunityIds.length === 0) return 0;
    // A list asks with every batch of rows: without a connection, try again only now and then.
    const failedAt = failedListConnect.get(orgKey) ?? -Infinity;
    if (!connection.isOpen(orgKey, storeId) && now() - failedAt < LIST_RETRY_CONNECT_MS) return 0;
    // Teammates' changes to opportunities already known arrive with the incremental pull: run it now
    // rather than at the next periodic sync when it has not run for a while (one call).
    const known = await connection.ledgerKey(orgKey);
    const lastPullAt = (await db.syncState.get(known))?.lastPullAt;
    if (!lastPullAt || now() - Date.parse(lastPullAt) > LIST_PULL_AFTER_MS) deps.schedule?.(orgKey, 0);
    const stored = await opportunitiesOf(db, known, opportunityIds);
    const unknown = opportunityIds.filter((_, i) => !stored[i]?.attributionsPulledAt);
    if (unknown.length === 0) return 0;
    const connected = await connection.open(orgKey, false, storeId);
    if (!connected) {
      failedListConnect.set(orgKey, now());
      return 0;
    }
    failedListConnect.delete(orgKey);
    if (shouldPauseForUsage(connected.client.usage?.(), await connection.pauseAboveShare())) return 0;
    const fields = opportunityFactFields(connected.info.multiCurrency, connected.info.hiddenFields);
    const chunks = opportunitiesWithAttributionsQueries(unknown, fields, {
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
          const facts = toOpportunityFacts(record, at, connected.info.hiddenFields);
          const ledger = connected.orgKey;
          const previous = await opportunityOf(db, ledger, facts.id);
          await db.opportunities.put({ ...previous, ...facts, orgKey: ledger, seenAt: at.toISOString() });
          await requeueIfAmountChanged(db, previous, facts, at.toISOString(), ledger);
          calls += (await pullOpportunity(ctx, ledger, facts.id, record)).calls;
        }
      }
    } catch (error) {
      // A field hidden since connecting is left out of the next batch of rows.
      if (!connection.noteHiddenField(orgKey, error, storeId)) connection.fail(orgKey, error, {}, storeId);
    }
    return calls;
  }

  /**
   * Claims on leads may need carrying: a lead page opened (`now` false: a sync soon, unless one pulled within
   * the last minute), or the user converted a lead in this browser, or opened an opportunity while claims on
   * leads wait (`now` true: a sync at once). The sync carries them (lib/sync/lead-conversion.ts).
   */
  async function checkLeads(pageUrl: string | undefined, { now: atOnce }: { now: boolean }): Promise<boolean> {
    if (!pageUrl) return false;
    const orgKey = await connection.rememberPage(pageUrl);
    if (!orgKey) return false;
    const lastPullAt = (await db.syncState.get(await connection.ledgerKey(orgKey)))?.lastPullAt;
    if (!atOnce && lastPullAt && now() - Date.parse(lastPullAt) <= LIST_PULL_AFTER_MS) return false;
    deps.schedule?.(orgKey, 0);
    return true;
  }

  return {
    syncNow,
    refreshOpportunity,
    checkLeads,
    fetchOpportunities,
    /** Asks for a sync soon after a local change. */
    changed(orgKey: string) {
      deps.schedule?.(orgKey, SYNC_DELAY_MS);
    },
    /** "Sync now" on the options page: the last org seen, despite a pause or a backoff. */
    async syncNowByUser(): Promise<ConnectionReport> {
      const orgKey = await connection.lastOrg();
      if (orgKey) await syncNow(orgKey, true);
      return connection.report(orgKey);
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
