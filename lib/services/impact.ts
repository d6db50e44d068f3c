/**
 * "Partner impact" for one quarter: the org's answers (lib/crm/salesforce/queries/partner-impact.ts) or,
 * without API access, what this browser knows, made into the report of lib/impact/. How the data is
 * fetched, kept and labelled is described in docs/partner-impact.md ("Where the figures come from").
 *
 * - Calls for one quarter: one aggregate count, ceil(won deals without partners / 2,000) and
 *   ceil(tags on closed deals / 2,000) batches (at least one each), plus the org's currency facts when they
 *   are older than a day: at most 6 + ceil(records fetched / 2,000).
 * - A quarter that had ended when it was read is kept in the store and never read again, unless the user
 *   asks; the current quarter is read again after five minutes.
 * - Sync's rules hold: a stop, a backoff or an allowance used past the user's share leaves the org alone,
 *   and the page shows the data on this computer, saying why.
 */
import type { CurrencyRates } from '../attribution/summary-types';
import {
  noPartnerCountsQuery,
  noPartnerWonQuery,
  outcomeCountSchema,
  partnerTagSchema,
  partnerTagsQuery,
  toOutcomeCounts,
  wonDealSchema,
} from '../crm/salesforce/queries/partner-impact';
import type { RestClient } from '../crm/salesforce/rest-client';
import type { z } from '../zod';
import { countedLostDeals } from '../impact/counted';
import { groupDeals, readImpactInput, type ImpactDeal } from '../impact/groups';
import {
  currentQuarter,
  formatQuarterLabel,
  formatQuarterRange,
  isClosedInQuarter,
  isQuarterInProgress,
  parseQuarterKey,
  quarterChoices,
  type Quarter,
} from '../impact/period';
import { buildImpactReport, type ImpactReport } from '../impact/report';
import { normalizePartnerName } from '../attribution/names';
import type { PartnerLedgerDb } from '../store/db';
import { readSetting, writeSetting, type FamilyValue, type OrgCurrency } from '../store/settings';
import { holdBeforeRun } from '../sync/backoff';
import type { SyncApi } from '../sync/types';
import type { ConnectionService, LiveConnection } from './connection';
import { orgCurrency, type SummaryDataContext } from './summary/org-figures';

/** The current quarter's answers are read again after this long. */
export const CURRENT_QUARTER_FRESH_MS = 5 * 60_000;

/** Where the figures came from: the org, or this browser's own data. */
export type ImpactSource = 'org' | 'local';

export interface QuarterChoice {
  key: string;
  /** "Q3 2026". */
  label: string;
  /** "1 Jul – 30 Sep 2026". */
  range: string;
}

export interface ImpactAnswer {
  quarter: QuarterChoice;
  /** The current quarter first (the default), then the four before it. */
  choices: QuarterChoice[];
  /** The quarter has not ended: its figures are so far. */
  inProgress: boolean;
  source: ImpactSource;
  /** Why the figures are this computer's own, in plain words (only when `source` is 'local'). */
  localReason?: string;
  /** When the org's answers were read (source 'org'). */
  fetchedAt?: string;
  /** True when the answers came from the store, with no call made now. */
  cached: boolean;
  /** Calls made for this answer, and records the org sent one by one for the figures. */
  calls: number;
  fetched: number;
  /** Rows that could not be read and were left out, said so. */
  leftOut: number;
  report: ImpactReport;
}

export interface ImpactRequest {
  quarterKey?: string;
  locale?: string;
  /** Read the org again even when a closed quarter is kept. */
  refresh?: boolean;
}

export interface ImpactServiceDeps {
  db: PartnerLedgerDb;
  connection: ConnectionService;
  now?: () => number;
  timeZone?: () => string;
}

type ImpactPeriod = FamilyValue<'impact:'>;

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** What the page's queries need of a REST client. */
export type QueryApi = Pick<RestClient, 'query' | 'queryMore'>;

/** Every page of a query: the first, then each `nextRecordsUrl` (2,000 records a batch). */
async function allRecords<T>(api: QueryApi, soql: string, schema: z.ZodType<T>): Promise<T[]> {
  let page = await api.query(soql, schema);
  const records = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await api.queryMore(page.nextRecordsUrl, schema);
    records.push(...page.records);
  }
  return records;
}

/** The org's answers for a quarter, as the store keeps them. */
export async function fetchImpactPeriod(
  api: QueryApi,
  quarter: Quarter,
  options: { multiCurrency: boolean; currency: string | undefined; now: () => number; timeZone: string },
): Promise<Omit<ImpactPeriod, 'calls'>> {
  const range = { firstDay: quarter.firstDay, lastDay: quarter.lastDay };
  const counts = await allRecords(api, noPartnerCountsQuery(range), outcomeCountSchema);
  const won = await allRecords(api, noPartnerWonQuery(range, options), wonDealSchema);
  const tags = await allRecords(api, partnerTagsQuery(range, options), partnerTagSchema);

  const currencyOf = (code: string | null | undefined) => (options.multiCurrency ? code : options.currency) ?? null;
  const opportunities: Array<Record<string, unknown>> = won.map((record) => ({
    id: record.Id,
    amount: record.Amount,
    currency: currencyOf(record.CurrencyIsoCode),
    createdAt: record.CreatedDate,
    closeDate: record.CloseDate,
    won: true,
  }));
  const seen = new Set<string>();
  const attributions: Array<Record<string, unknown>> = [];
  for (const tag of tags) {
    const deal = tag.Opportunity__r;
    if (!deal) continue;
    if (!seen.has(tag.Opportunity__c)) {
      seen.add(tag.Opportunity__c);
      opportunities.push({
        id: tag.Opportunity__c,
        amount: deal.Amount,
        currency: currencyOf(deal.CurrencyIsoCode),
        createdAt: deal.CreatedDate,
        closeDate: deal.CloseDate,
        won: deal.IsWon,
      });
    }
    const name = tag.Partner_Name__c ?? tag.Partner_Key__c ?? '';
    attributions.push({
      opportunityId: tag.Opportunity__c,
      partnerId: tag.Partner_Key__c || normalizePartnerName(name),
      partnerName: name,
      kind: tag.Kind__c,
      deleted: false,
    });
  }
  const fetchedMs = options.now();
  return {
    fetchedAt: new Date(fetchedMs).toISOString(),
    final: !isQuarterInProgress(quarter, fetchedMs, options.timeZone),
    noPartner: toOutcomeCounts(counts),
    opportunities,
    attributions,
    fetched: won.length + tags.length,
  };
}

/** True when kept answers can be shown as they are: a closed quarter always, the current one for 5 minutes. */
export function isPeriodFresh(period: Pick<ImpactPeriod, 'final' | 'fetchedAt'>, nowMs: number): boolean {
  if (period.final) return true;
  const fetched = Date.parse(period.fetchedAt);
  return nowMs >= fetched && nowMs - fetched < CURRENT_QUARTER_FRESH_MS;
}

function choiceOf(quarter: Quarter, locale: string | undefined): QuarterChoice {
  return { key: quarter.key, label: formatQuarterLabel(quarter), range: formatQuarterRange(quarter, locale) };
}

export function createImpactService(deps: ImpactServiceDeps) {
  const { db, connection } = deps;
  const now = deps.now ?? (() => Date.now());
  const timeZone = deps.timeZone ?? browserTimeZone;

  /**
   * Deals grouped from kept answers, while this worker lives: checking and grouping tens of thousands of
   * rows is most of the time to figures, and the same answers, read in the same zone, group the same way.
   */
  const groupedCache = new Map<string, { deals: ImpactDeal[]; leftOut: number }>();
  function dealsOf(key: string, make: () => { deals: ImpactDeal[]; leftOut: number }) {
    const kept = groupedCache.get(key);
    if (kept) return kept;
    const made = make();
    // A few quarters at most: the page offers five.
    if (groupedCache.size >= 5) groupedCache.delete(groupedCache.keys().next().value!);
    groupedCache.set(key, made);
    return made;
  }

  function periodKey(orgKey: string, quarter: Quarter): `impact:${string}` {
    return `impact:${orgKey}:${quarter.key}`;
  }

  /** Why the org is left alone now, in plain words, or undefined to go ahead (sync's own rules). */
  async function holdReason(orgKey: string): Promise<string | undefined> {
    const state = await db.syncState.get(orgKey);
    const hold = holdBeforeRun(state, now(), {
      userTriggered: false,
      pauseAboveShare: await connection.pauseAboveShare(),
    });
    if (!hold) return undefined;
    if (hold.status === 'paused') return 'Paused to save your org’s daily API allowance.';
    if (hold.status === 'waiting') return 'Salesforce did not answer; trying again later.';
    return hold.message ?? 'Sync with Salesforce is stopped.';
  }

  async function currencyFacts(connected: LiveConnection, orgKey: string): Promise<OrgCurrency> {
    const ctx: SummaryDataContext = {
      db,
      api: connected.client as unknown as SyncApi,
      now,
      multiCurrency: connected.info.multiCurrency,
      apiHost: connected.apiHost,
      apiVersion: connected.info.apiVersion,
    };
    return orgCurrency(ctx, orgKey);
  }

  /** The org's answers for the quarter: kept ones when fresh, else read now. A reason instead when not possible. */
  async function fromOrg(
    orgKey: string,
    quarter: Quarter,
    refresh: boolean,
  ): Promise<
    | { ok: true; period: ImpactPeriod; rates?: CurrencyRates; cached: boolean; calls: number }
    | { ok: false; reason: string; calls: number }
  > {
    const key = periodKey(orgKey, quarter);
    const kept = await readSetting(db, key);
    const keptCurrency = await readSetting(db, `orgCurrency:${orgKey}`);
    if (kept && !refresh && isPeriodFresh(kept, now())) {
      return { ok: true, period: kept, ...ratesOf(keptCurrency), cached: true, calls: 0 };
    }
    const held = await holdReason(orgKey);
    if (held) return { ok: false, reason: held, calls: 0 };
    const connected = await connection.open(orgKey);
    if (!connected) {
      const reason = connection.state(orgKey)?.message ?? 'Open Salesforce in a tab to connect.';
      return { ok: false, reason, calls: 0 };
    }
    const before = connected.calls.count;
    // A first connection learns the org's id and moves its rows there (lib/store/org-ids.ts): keep answers there.
    const ledger = connected.orgKey;
    try {
      const currency = await currencyFacts(connected, ledger);
      const read = await fetchImpactPeriod(connected.client, quarter, {
        multiCurrency: connected.info.multiCurrency,
        currency: currency.currency,
        now,
        timeZone: timeZone(),
      });
      const calls = connected.calls.count - before;
      const period: ImpactPeriod = { ...read, calls };
      await writeSetting(db, periodKey(ledger, quarter), period);
      return { ok: true, period, ...ratesOf(currency), cached: false, calls };
    } catch (error) {
      const reason = connection.fail(orgKey, error).message ?? 'Partner Ledger could not reach your Salesforce org.';
      return { ok: false, reason, calls: connected.calls.count - before };
    }
  }

  function ratesOf(currency: OrgCurrency | undefined): { rates?: CurrencyRates } {
    return currency?.multiCurrency && currency.rates ? { rates: currency.rates } : {};
  }

  /** What this browser knows: the opportunities it has facts of, closed in the quarter, and their tags. */
  async function localInput(orgKey: string | undefined, quarter: Quarter) {
    if (!orgKey) return readImpactInput([], []);
    const rows = await db.opportunities.where('orgKey').equals(orgKey).toArray();
    const fallbackCurrency = (await readSetting(db, `orgCurrency:${orgKey}`))?.currency ?? null;
    const closed = rows.filter(
      (row) => row.isClosed === true && row.closeDate !== undefined && isClosedInQuarter(row.closeDate, quarter),
    );
    const ids = closed.map((row) => row.id);
    const tags = (await db.attributions.where('opportunityId').anyOf(ids).toArray()).filter(
      (row) => row.orgKey === orgKey,
    );
    const partners = await db.partners.bulkGet([...new Set(tags.map((tag) => tag.partnerId))]);
    const names = new Map(partners.flatMap((partner) => (partner ? [[partner.id, partner.name] as const] : [])));
    return readImpactInput(
      closed.map((row) => ({
        id: row.id,
        amount: row.amount ?? null,
        currency: row.currency ?? fallbackCurrency,
        createdAt: row.createdAt ?? row.createdDate,
        closeDate: row.closeDate,
        won: row.isWon ?? false,
      })),
      tags.map((tag) => ({
        opportunityId: tag.opportunityId,
        partnerId: tag.partnerId,
        partnerName: names.get(tag.partnerId) ?? 'Unknown partner',
        kind: tag.kind,
        deleted: tag.deleted,
      })),
    );
  }

  /** The report for a quarter (the current one by default). */
  async function report(request: ImpactRequest = {}): Promise<ImpactAnswer> {
    const zone = timeZone();
    const nowMs = now();
    const quarter = parseQuarterKey(request.quarterKey) ?? currentQuarter(nowMs, zone);
    const { locale } = request;
    const base = {
      quarter: choiceOf(quarter, locale),
      choices: quarterChoices(nowMs, zone).map((choice) => choiceOf(choice, locale)),
      inProgress: isQuarterInProgress(quarter, nowMs, zone),
    };
    const reportOptions = { periodLabel: formatQuarterLabel(quarter), ...(locale ? { locale } : {}) };
    const host = await connection.lastOrg();
    // The org's rows are kept under its id once known (lib/store/org-ids.ts).
    const known = host ? await connection.ledgerKey(host) : undefined;
    const org = known
      ? await fromOrg(known, quarter, request.refresh ?? false)
      : ({ ok: false, reason: 'Open Salesforce in a tab to connect.', calls: 0 } as const);
    // Asked again: connecting for the first time moves the org's rows under its id.
    const orgKey = host ? await connection.ledgerKey(host) : undefined;
    if (org.ok) {
      const { period, rates } = org;
      const { deals, leftOut } = dealsOf(`${periodKey(orgKey!, quarter)}|${period.fetchedAt}|${zone}`, () => {
        const input = readImpactInput(period.opportunities, period.attributions);
        const grouped = groupDeals(input.opportunities, input.attributions, {
          timeZone: zone,
          ...(rates ? { rates } : {}),
        });
        const lost = Math.max(0, period.noPartner.closed - period.noPartner.won);
        grouped.push(...countedLostDeals(lost, quarter.firstDay));
        return { deals: grouped, leftOut: input.problems.length };
      });
      return {
        ...base,
        source: 'org',
        fetchedAt: period.fetchedAt,
        cached: org.cached,
        calls: org.calls,
        fetched: org.cached ? 0 : period.fetched,
        leftOut,
        report: buildImpactReport(deals, { ...reportOptions, ...(rates ? { rates } : {}) }),
      };
    }
    const input = await localInput(orgKey, quarter);
    const deals = groupDeals(input.opportunities, input.attributions, { timeZone: zone });
    return {
      ...base,
      source: 'local',
      localReason: org.reason,
      cached: false,
      calls: org.calls,
      fetched: 0,
      leftOut: input.problems.length,
      report: buildImpactReport(deals, reportOptions),
    };
  }

  /**
   * The weekly summary's line about partner impact: the last complete quarter's headline, when a verdict
   * holds. A complete quarter is read from the org once and kept, so the popup costs no call after that.
   */
  async function headline(locale?: string): Promise<{ quarterKey: string; headline?: string }> {
    const last = quarterChoices(now(), timeZone())[1]!;
    const answer = await report({ quarterKey: last.key, ...(locale ? { locale } : {}) });
    return { quarterKey: last.key, ...(answer.report.headline ? { headline: answer.report.headline } : {}) };
  }

  return { report, headline };
}

export type ImpactService = ReturnType<typeof createImpactService>;
