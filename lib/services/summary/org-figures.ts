/**
 * What the weekly summary needs from the org, fetched sparingly: the facts of every attributed opportunity
 * (amount, currency, created, close date, won, stage, name), the new pipeline of a week (one aggregate query
 * per week), and the org's currency and rates. A thin adapter between Dexie and `SyncApi`: the decisions
 * (what is stale, how groups become cents) are pure functions, exported for the tests. `createOrgFigures`
 * brings them up to date over the connection, within sync's stop, backoff and budget.
 *
 * Budget: facts cost ceil(n / chunk) queries for n stale opportunities (a chunk holds 200 ids or more, as
 * many as fit in a request URI: see `opportunityFactsQueries`); a past week's total costs one query ever,
 * the current week's one per five minutes; currency facts one or two queries a day.
 */
import { opportunitiesOf, opportunityOf } from '../../store/opportunities';
import { newPipelineByCurrency } from '../../attribution/new-pipeline';
import type { WeekRange } from '../../attribution/summary-types';
import {
  CURRENCY_TYPES_QUERY,
  currencyTypeSchema,
  newPipelineGroupSchema,
  newPipelineQuery,
  ORG_CURRENCY_QUERY,
  orgCurrencySchema,
  toCurrencyRates,
  toNewPipelineGroup,
} from '../../crm/salesforce/queries/new-pipeline';
import {
  opportunityFactsQueries,
  opportunityRecordSchema,
  toOpportunityFacts,
} from '../../crm/salesforce/queries/opportunity-facts';
import { hiddenFieldNotice, type HideableFactField } from '../../crm/salesforce/field-access';
import { requeueIfAmountChanged } from '../../store/credited-amounts';
import type { OpportunityRow, PartnerLedgerDb, WeekTotalRow } from '../../store/db';
import { readSetting, writeSetting, type OrgCurrency } from '../../store/settings';
import { shouldPauseForUsage } from '../../sync/backoff';
import type { SyncApi } from '../../sync/types';
import type { ConnectionService } from '../connection';

/** Facts older than this are fetched again for the summary. */
export const FACTS_FRESH_MS = 24 * 60 * 60_000;
/** The current week's total is read again after this long. */
export const CURRENT_WEEK_FRESH_MS = 5 * 60_000;
/** The org's currency and rates are read again after this long. */
export const CURRENCY_FRESH_MS = 24 * 60 * 60_000;

export interface SummaryDataContext {
  db: PartnerLedgerDb;
  api: SyncApi;
  now: () => number;
  /** From `connect`: the org has CurrencyIsoCode. */
  multiCurrency: boolean;
  /** For chunking the facts queries by request length. */
  apiHost: string;
  apiVersion: string;
  /** From `connect`: fact fields the user's field access hides, never selected. */
  hiddenFields?: readonly HideableFactField[];
}

/** True when an opportunity's facts are missing, came from the page only, or are older than a day. */
export function needsFacts(row: OpportunityRow | undefined, nowMs: number): boolean {
  if (!row || row.source !== 'api' || !row.createdAt || !row.fetchedAt) return true;
  const fetched = Date.parse(row.fetchedAt);
  return Number.isNaN(fetched) || nowMs - fetched >= FACTS_FRESH_MS;
}

/** True when a cached week total can be used as it is. */
export function isWeekTotalFresh(row: WeekTotalRow | undefined, nowMs: number): boolean {
  if (!row) return false;
  if (row.final) return true;
  const fetched = Date.parse(row.fetchedAt);
  return !Number.isNaN(fetched) && nowMs - fetched < CURRENT_WEEK_FRESH_MS && nowMs >= fetched;
}

/** The opportunities with a live attribution in this org. */
export async function attributedOpportunityIds(db: PartnerLedgerDb, orgKey: string): Promise<string[]> {
  const rows = await db.attributions.where('opportunityId').above('').toArray();
  const live = rows.filter((row) => row.orgKey === orgKey && row.deleted === 0);
  return [...new Set(live.map((row) => row.opportunityId))].sort();
}

/**
 * Fetches the facts of every attributed opportunity whose facts are missing or stale, in as few queries as
 * fit, and stores each answer in one transaction. Opportunities the org no longer returns (deleted, or not
 * visible to this user) keep what was known. Resolves the number of queries made.
 */
export async function refreshAttributedFacts(ctx: SummaryDataContext, orgKey: string): Promise<number> {
  const { db } = ctx;
  const nowMs = ctx.now();
  const ids = await attributedOpportunityIds(db, orgKey);
  const rows = await opportunitiesOf(db, orgKey, ids);
  const stale = ids.filter((_, i) => needsFacts(rows[i], nowMs));
  if (stale.length === 0) return 0;
  const chunks = opportunityFactsQueries(stale, {
    multiCurrency: ctx.multiCurrency,
    apiHost: ctx.apiHost,
    version: ctx.apiVersion,
    ...(ctx.hiddenFields ? { hidden: ctx.hiddenFields } : {}),
  });
  let calls = 0;
  for (const chunk of chunks) {
    const page = await ctx.api.query(chunk.soql, opportunityRecordSchema);
    calls++;
    const fetchedAt = new Date(ctx.now());
    await db.transaction('rw', [db.opportunities, db.attributions, db.outbox], async () => {
      for (const record of page.records) {
        const facts = toOpportunityFacts(record, fetchedAt, ctx.hiddenFields);
        const previous = await opportunityOf(db, orgKey, facts.id);
        const seenAt = previous?.seenAt ?? fetchedAt.toISOString();
        await db.opportunities.put({ ...previous, ...facts, orgKey, seenAt });
        // Credited_Amount__c follows the amount (lib/store/credited-amounts.ts).
        await requeueIfAmountChanged(db, previous, facts, fetchedAt.toISOString(), orgKey);
      }
    });
  }
  return calls;
}

function currencyKey(orgKey: string): `orgCurrency:${string}` {
  return `orgCurrency:${orgKey}`;
}

export async function cachedOrgCurrency(db: PartnerLedgerDb, orgKey: string): Promise<OrgCurrency | undefined> {
  return readSetting(db, currencyKey(orgKey));
}

/**
 * The org's currency (single-currency orgs: `Organization.DefaultCurrencyIsoCode`) and, in multi-currency
 * orgs, its active rates (`CurrencyType`): one query, read again once a day.
 */
export async function orgCurrency(ctx: SummaryDataContext, orgKey: string): Promise<OrgCurrency> {
  const cached = await cachedOrgCurrency(ctx.db, orgKey);
  const nowMs = ctx.now();
  const fresh = cached && nowMs - Date.parse(cached.fetchedAt) < CURRENCY_FRESH_MS;
  if (cached && fresh && cached.multiCurrency === ctx.multiCurrency) return cached;
  const fetchedAt = new Date(nowMs).toISOString();
  let value: OrgCurrency;
  if (ctx.multiCurrency) {
    const page = await ctx.api.query(CURRENCY_TYPES_QUERY, currencyTypeSchema);
    const rates = toCurrencyRates(page.records, fetchedAt);
    value = { multiCurrency: true, ...(rates ? { currency: rates.corporateCurrency, rates } : {}), fetchedAt };
  } else {
    const page = await ctx.api.query(ORG_CURRENCY_QUERY, orgCurrencySchema);
    const currency = page.records[0]?.DefaultCurrencyIsoCode ?? undefined;
    value = { multiCurrency: false, ...(currency ? { currency } : {}), fetchedAt };
  }
  await writeSetting(ctx.db, currencyKey(orgKey), value);
  return value;
}

/**
 * A week's new pipeline per currency: from the cache when final or fresh, else one aggregate query. A week
 * that has ended when read is final and never read again.
 */
export async function weekNewPipeline(
  ctx: SummaryDataContext,
  orgKey: string,
  week: WeekRange,
  currency: OrgCurrency,
): Promise<WeekTotalRow> {
  const cached = await ctx.db.weekTotals.get([orgKey, week.key]);
  const nowMs = ctx.now();
  if (cached && isWeekTotalFresh(cached, nowMs)) return cached;
  const soql = newPipelineQuery(week, { multiCurrency: ctx.multiCurrency });
  const page = await ctx.api.query(soql, newPipelineGroupSchema);
  const totals = newPipelineByCurrency(page.records.map(toNewPipelineGroup), currency);
  const fetchedMs = ctx.now();
  const row: WeekTotalRow = {
    orgKey,
    weekKey: week.key,
    byCurrency: totals.byCurrency,
    opportunities: totals.opportunities,
    fetchedAt: new Date(fetchedMs).toISOString(),
    // Opportunities can still be created with a past CreatedDate only by data loads; a week is final once over.
    final: fetchedMs >= Date.parse(week.end),
  };
  await ctx.db.weekTotals.put(row);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Over the connection

/** Whether the summary's org-wide figures could be brought up to date, and in words why not. */
export interface SummaryDataStatus {
  /** True when the org answered: facts are fresh and the weeks' totals are known. */
  fromOrg: boolean;
  /** Why the org's figures are missing or older: for the popup ("Open Salesforce in a tab to connect."). */
  reason?: string;
  /** Queries made. */
  calls: number;
  /** What the user's field access hides ("Amount hidden by your Salesforce field access"). */
  hidden?: string[];
}

/** The org as the weekly summary sees it: which org, and its figures for some weeks. */
export interface SummaryOrg {
  prepare(orgKey: string, weeks: readonly WeekRange[]): Promise<SummaryDataStatus>;
  lastOrg(): Promise<string | undefined>;
  knownOrgs(): Promise<string[]>;
}

export interface OrgFiguresDeps {
  db: PartnerLedgerDb;
  connection: ConnectionService;
  now?: () => number;
}

export function createOrgFigures(deps: OrgFiguresDeps): SummaryOrg {
  const { db, connection } = deps;
  const now = deps.now ?? (() => Date.now());

  /**
   * Brings the weekly summary's data up to date for these weeks: facts of attributed opportunities (missing
   * or older than a day), each week's new pipeline (cached), the org's currency and rates. Honours sync's
   * stop, backoff and budget: then nothing is fetched and the reason is given, and the summary uses what is
   * stored.
   */
  async function prepare(named: string, weeks: readonly WeekRange[]): Promise<SummaryDataStatus> {
    let orgKey = named;
    const state = await db.syncState.get(orgKey);
    if (state?.stoppedReason) {
      return { fromOrg: false, reason: state.lastError ?? 'Sync with Salesforce is stopped.', calls: 0 };
    }
    if (state?.retryAt && Date.parse(state.retryAt) > now()) {
      return { fromOrg: false, reason: 'Salesforce did not answer; trying again later.', calls: 0 };
    }
    if (shouldPauseForUsage(state?.usage, await connection.pauseAboveShare())) {
      return { fromOrg: false, reason: 'Paused to save your org’s daily API allowance.', calls: 0 };
    }
    const connected = await connection.open(orgKey);
    if (!connected) {
      const known = connection.state(orgKey);
      return { fromOrg: false, reason: known?.message ?? 'Open Salesforce in a tab to connect.', calls: 0 };
    }
    // Connecting may have just learnt the org's id, and moved its rows there (lib/store/org-ids.ts).
    orgKey = connected.orgKey;
    const ctx: SummaryDataContext = {
      db,
      api: connected.client as unknown as SyncApi,
      now,
      multiCurrency: connected.info.multiCurrency,
      apiHost: connected.apiHost,
      apiVersion: connected.info.apiVersion,
      hiddenFields: connected.info.hiddenFields,
    };
    const before = connected.calls.count;
    const hidden = connected.info.hiddenFields;
    const notices = hidden.length > 0 ? { hidden: hidden.map(hiddenFieldNotice) } : {};
    try {
      await refreshAttributedFacts(ctx, orgKey);
      const currency = await orgCurrency(ctx, orgKey);
      // SUM(Amount) fails like selecting Amount when it is hidden: the new pipeline stays unknown, and why.
      if (hidden.includes('Amount')) {
        return {
          fromOrg: true,
          reason: hiddenFieldNotice('Amount'),
          calls: connected.calls.count - before,
          ...notices,
        };
      }
      for (const week of weeks) await weekNewPipeline(ctx, orgKey, week, currency);
      return { fromOrg: true, calls: connected.calls.count - before, ...notices };
    } catch (error) {
      const reason = connection.fail(orgKey, error).message ?? 'Partner Ledger could not reach your Salesforce org.';
      return { fromOrg: false, reason, calls: connected.calls.count - before };
    }
  }

  return { prepare, lastOrg: connection.lastOrg, knownOrgs: connection.knownOrgs };
}
