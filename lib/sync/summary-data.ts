/**
 * What the weekly summary needs from the org, fetched sparingly: the facts of every attributed opportunity
 * (amount, currency, created, close date, won, stage, name), the new pipeline of a week (one aggregate query
 * per week), and the org's currency and rates. A thin adapter between Dexie and `SyncApi`: the decisions
 * (what is stale, how groups become cents) are pure functions, exported for the tests.
 *
 * Budget: facts cost ceil(n / chunk) queries for n stale opportunities (a chunk holds 200 ids or more, as
 * many as fit in a request URI: see `opportunityFactsQueries`); a past week's total costs one query ever,
 * the current week's one per five minutes; currency facts one or two queries a day.
 */
import type { WeekRange } from '../attribution/summary-types';
import {
  currencyTypeSchema,
  newPipelineByCurrency,
  newPipelineGroupSchema,
  orgCurrencySchema,
  toCurrencyRates,
} from '../attribution/new-pipeline';
import { opportunityRecordSchema, toOpportunityFacts } from '../crm/salesforce/opportunity-facts';
import {
  CURRENCY_TYPES_QUERY,
  newPipelineQuery,
  opportunityFactsQueries,
  ORG_CURRENCY_QUERY,
} from '../crm/salesforce/soql';
import type { OpportunityRow, PartnerLedgerDb, WeekTotalRow } from '../store/db';
import { readSetting, writeSetting, type OrgCurrency } from '../store/settings';
import type { SyncApi } from './types';

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
  return [...new Set(rows.filter((row) => row.orgKey === orgKey && row.deleted === 0).map((row) => row.opportunityId))].sort();
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
  const rows = await db.opportunities.bulkGet(ids);
  const stale = ids.filter((_, i) => needsFacts(rows[i], nowMs));
  if (stale.length === 0) return 0;
  const chunks = opportunityFactsQueries(stale, { multiCurrency: ctx.multiCurrency, apiHost: ctx.apiHost, version: ctx.apiVersion });
  let calls = 0;
  for (const chunk of chunks) {
    const page = await ctx.api.query(chunk.soql, opportunityRecordSchema);
    calls++;
    const fetchedAt = new Date(ctx.now());
    await db.transaction('rw', db.opportunities, async () => {
      for (const record of page.records) {
        const facts = toOpportunityFacts(record, fetchedAt);
        const previous = await db.opportunities.get(facts.id);
        await db.opportunities.put({ ...previous, ...facts, orgKey, seenAt: previous?.seenAt ?? fetchedAt.toISOString() });
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
  if (cached && cached.multiCurrency === ctx.multiCurrency && nowMs - Date.parse(cached.fetchedAt) < CURRENCY_FRESH_MS) return cached;
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
export async function weekNewPipeline(ctx: SummaryDataContext, orgKey: string, week: WeekRange, currency: OrgCurrency): Promise<WeekTotalRow> {
  const cached = await ctx.db.weekTotals.get([orgKey, week.key]);
  const nowMs = ctx.now();
  if (cached && isWeekTotalFresh(cached, nowMs)) return cached;
  const page = await ctx.api.query(newPipelineQuery(week, { multiCurrency: ctx.multiCurrency }), newPipelineGroupSchema);
  const totals = newPipelineByCurrency(page.records, currency);
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
