// Over 400 lines because reading the rows for a full index and for the changed deals only share one cache and must stay side by side.
/**
 * The weekly summary in the background: reads the rows, asks the org for its figures (org-figures.ts),
 * computes the summary (pure, lib/attribution/summary.ts), and freezes each week as reported when it ends.
 * A thin adapter: clock, time zone and the org come in, so tests drive it with a fake clock and no network.
 */
import { opportunitiesOf } from '../../store/opportunities';
import { hostKeyOf, ledgerKeyOf } from '../../store/org-ids';
import { indexDeals, tagsOfDeal, type DealIndex } from '../../attribution/deal-index';
import { updateDeals } from '../../attribution/deal-index-update';
import { compareSnapshot } from '../../attribution/snapshot';
import { DEFAULT_SUMMARY_SCOPE, scopeIndex, type Author, type SummaryScope } from '../../attribution/summary-scope';
import { summarizeWeek, SUMMARY_PREVIEW_ITEMS, type SummaryOptions } from '../../attribution/summary';
import type {
  SummaryAttribution,
  SnapshotChange,
  SummarySnapshot,
  SummaryView,
  WeekRange,
  WeekSettings,
  WeeklySummary,
} from '../../attribution/summary-types';
import { getLightningHost } from '../../crm/salesforce/hosts';
import { onRowsChanged, onTablesChanged } from '../../store/changes';
import type { PartnerLedgerDb, SnapshotRow } from '../../store/db';
import { rulesInForce } from '../../store/team-rules';
import {
  getRules,
  READY_PREFIX,
  readSetting,
  updateSettingFamily,
  writeSetting,
  type ReadyKey,
} from '../../store/settings';
import { freezeOnce } from '../../store/snapshots';
import { shiftWeek, weekOf, weekOfDate } from '../../time/week';
import {
  snapshotOf,
  toNewPipeline,
  toSummaryAttributions,
  toSummaryOpportunity,
  unknownOpportunity,
  type KnownOrgCurrency,
} from './input';
import { cachedOrgCurrency, type SummaryDataStatus, type SummaryOrg } from './org-figures';

export interface SummaryServiceDeps {
  db: PartnerLedgerDb;
  /** Absent without the Salesforce connection (and in local-only tests): the summary then uses stored facts. */
  org?: SummaryOrg;
  now?: () => Date;
  /** The user's IANA time zone; the browser's own by default. */
  timeZone?: () => string;
}

/** What the popup gets for one week. */
export interface WeeklySummaryReport {
  summary: SummaryView;
  /** Whose number it is: the team's, or the user's own. */
  scope: SummaryScope;
  /** The week that contains now: the popup offers no week after it. */
  currentWeekKey: string;
  previousWeekKey: string;
  /** Absent for the current week. */
  nextWeekKey?: string;
  /** The week as reported when it ended, and what changed since; absent until it is frozen. */
  snapshot?: Pick<SummarySnapshot, 'frozenAt' | 'figures' | 'scope'>;
  /** What changed since the snapshot: empty when the snapshot is of the other scope (not comparable). */
  changes: SnapshotChange[];
  /** `https://acme.lightning.force.com` for deal links; absent before Salesforce was seen. */
  lightningOrigin?: string;
  /** True when the org's new pipeline for this week is known (the sourced share needs it). */
  newPipelineKnown: boolean;
  /** Why it is not, in words. */
  newPipelineUnknownReason?: string;
  /** What the user's Salesforce field access hides ("Amount hidden by your Salesforce field access"). */
  hiddenFields?: string[];
  /** The data changed since this report was made, and a new one is being made: ask again with `fresh`. */
  updating?: true;
}

/** A report kept ready: `pending` while it is being made. */
interface ReadyEntry {
  at: number;
  pending: boolean;
  report: Promise<WeeklySummaryReport>;
  /** Settles once the report is also kept in the settings table (the popup need not wait for that). */
  kept: Promise<void>;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A ready report older than this is still shown, and made again for the next look (the org's totals may move). */
export const READY_FRESH_MS = 5 * 60_000;
/**
 * The current week's report is made again this long after a burst of changes ends. Short: with the deal
 * index updated for the changed deals only, a report takes a few hundred milliseconds at most, so it is
 * started at once and is ready, or nearly, by the time the popup opens. A burst (a pull writing batch after
 * batch) still makes one report, at its end.
 */
export const READY_AFTER_CHANGES_MS = 25;
/** The tables summaries are made of. */
export const SUMMARY_SOURCE_TABLES = [
  'attributions',
  'touches',
  'partners',
  'opportunities',
  'weekTotals',
  'summaries',
] as const;

/** The tables the deal index is made of (week totals and snapshots are read for each summary). */
const INDEX_TABLES = ['attributions', 'touches', 'partners', 'opportunities'] as const;
type IndexTable = (typeof INDEX_TABLES)[number];
/** Primary keys of the rows written since the index was made, by table (touches: their claim's id). */
type IndexChanges = Record<IndexTable, Set<string>>;
/** Above this many changed deals, reading them one by one costs more than reading every row. */
export const MAX_DEALS_UPDATED = 5_000;

interface KeptIndex {
  /** The org, zone and currency facts it is for. */
  key: string;
  index: Promise<DealIndex>;
  /** Written since (or while) `index` was made: applied before it is used again. */
  changed: IndexChanges;
}

/** The index's live tags (it may also hold older versions no deal refers to any more). */
function* liveTags(index: DealIndex): Generator<SummaryAttribution> {
  for (const k of index.order) yield index.tags[k]!;
}

function noChanges(): IndexChanges {
  return { attributions: new Set(), touches: new Set(), partners: new Set(), opportunities: new Set() };
}

export function createSummaryService(deps: SummaryServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const timeZone = deps.timeZone ?? browserTimeZone;

  async function weekSettings(): Promise<WeekSettings> {
    // The team's first day once its rules are known (lib/store/team-rules.ts), else this browser's.
    const { rules } = await rulesInForce(db);
    return { timeZone: timeZone(), firstDayOfWeek: rules.firstDayOfWeek };
  }

  /** The org of the last page seen, as its rows are kept: its org id once known (lib/store/org-ids.ts). */
  async function orgKeyNow(): Promise<string | undefined> {
    const host = deps.org ? await deps.org.lastOrg() : await readSetting(db, 'lastOrg');
    return host ? ledgerKeyOf(db, host) : undefined;
  }

  async function lightningOrigin(orgKey: string): Promise<string | undefined> {
    const domain = await hostKeyOf(db, orgKey);
    const page = domain ? await readSetting(db, `page:${domain}`) : undefined;
    if (page === undefined) return undefined;
    const url = new URL(page);
    const host = getLightningHost(url.hostname);
    return host ? `https://${host}${url.port ? `:${url.port}` : ''}` : undefined;
  }

  // Indexing every partner deal reads and walks all the tags (seconds for 100,000): the index is kept for
  // the org, zone and currency facts it was made for, and follows the data. Every write to its tables, by
  // whoever makes it (a tag, a pull, a facts refresh, another page), is noted at once with the keys of the
  // rows written; the next summary first brings the index up to date for the deals those rows belong to
  // (`updateDeals`), reading only their rows. When the keys are not known (a restore, a bulk write, an
  // upgrade) or a row cannot be traced to its deal, the index is made again from every row. A worker started
  // anew makes it from every row too.
  let keptIndex: KeptIndex | undefined;
  onRowsChanged(db.name, INDEX_TABLES, (changed) => {
    const kept = keptIndex;
    if (!kept) return;
    for (const [table, keys] of changed) {
      if (keys === undefined) {
        keptIndex = undefined;
        return;
      }
      const noted = kept.changed[table as IndexTable];
      for (const key of keys) noted.add(key);
    }
  });

  /** The current user, as the "Mine" summary recognises their changes (summary-scope.ts). */
  async function currentAuthor(): Promise<Author> {
    const [deviceId, user] = await Promise.all([readSetting(db, 'deviceId'), readSetting(db, 'user')]);
    // No device id yet: nothing was changed in this browser, and no row names the empty id.
    return { deviceId: deviceId ?? '', ...(user ? { userId: user.userId, userName: user.userName } : {}) };
  }

  async function dealIndex(orgKey: string | undefined, timeZone: string): Promise<DealIndex> {
    const org = orgKey ? await cachedOrgCurrency(db, orgKey) : undefined;
    const me = await currentAuthor();
    // Tags are marked as the user's when indexed: a new user (connecting) makes the index again.
    const key = JSON.stringify([orgKey ?? null, timeZone, org ?? null, me]);
    let kept = keptIndex;
    if (kept?.key === key) {
      const { changed } = kept;
      if (INDEX_TABLES.some((table) => changed[table].size > 0)) {
        kept.changed = noChanges();
        kept.index = kept.index.then((index) => updateDealIndex(index, changed, orgKey, timeZone, org, me));
      } else {
        return kept.index;
      }
    } else {
      kept = { key, index: readDealIndex(orgKey, timeZone, org, me), changed: noChanges() };
      keptIndex = kept;
    }
    const made = kept;
    made.index.catch(() => {
      if (keptIndex === made) keptIndex = undefined;
    });
    return made.index;
  }

  async function readDealIndex(
    orgKey: string | undefined,
    timeZone: string,
    org: KnownOrgCurrency | undefined,
    me: Author,
  ): Promise<DealIndex> {
    // Grouped by opportunity (the index's order, which indexDeals walks fastest). The org is picked in
    // JavaScript: a Dexie filter would read row by row with a cursor, many times slower than one getAll.
    const [all, touches, partners] = await Promise.all([
      db.attributions.where('opportunityId').above('').toArray(),
      db.touches.toArray(),
      db.partners.toArray(),
    ]);
    const attributions = orgKey ? all.filter((row) => row.orgKey === orgKey) : all;
    const wanted = new Set(attributions.filter((row) => row.deleted === 0).map((row) => row.opportunityId));
    // The org's opportunities in one read (in id order, as the tags are), rather than tens of thousands of gets.
    const stored = orgKey
      ? await db.opportunities.where('orgKey').equals(orgKey).toArray()
      : await db.opportunities.toArray();
    // Facts kept before the org was known moved with it (lib/store/org-ids.ts); another org's facts under the same
    // id (a sandbox copy) are never this org's, so the rest are deals without facts.
    const rows = stored.filter((row) => wanted.delete(row.id));
    const opportunities = rows.map((row) => toSummaryOpportunity(row, org));
    // Tagged opportunities with no stored facts at all are still partner deals: listed under needs review.
    for (const id of wanted) {
      const unknown = unknownOpportunity(id);
      if (unknown) opportunities.push(unknown);
    }
    return indexDeals(opportunities, toSummaryAttributions(attributions, touches, partners, me), timeZone);
  }

  /**
   * The index brought up to date for the deals of the rows written since it was made: the same rows
   * `readDealIndex` reads, for those deals only. Made from every row when a written row cannot be traced to
   * its deal (a claim deleted for good before its touches) or the deals are too many for reading them one by one to pay.
   */
  async function updateDealIndex(
    index: DealIndex,
    changed: IndexChanges,
    orgKey: string | undefined,
    timeZone: string,
    org: KnownOrgCurrency | undefined,
    me: Author,
  ): Promise<DealIndex> {
    const ids = new Set(changed.opportunities);
    if (changed.attributions.size) {
      const keys = [...changed.attributions];
      const rows = await db.attributions.bulkGet(keys);
      const gone = new Set<string>();
      for (let i = 0; i < keys.length; i++) {
        const row = rows[i];
        if (row) ids.add(row.opportunityId);
        else gone.add(keys[i]!);
      }
      // Deleted for good: the index knows which deal it was on.
      if (gone.size) for (const tag of liveTags(index)) if (gone.has(tag.id)) ids.add(tag.opportunityId);
    }
    if (changed.touches.size) {
      // A touch's key is [attributionId, id]: its claim names the deal, even for a touch deleted for good.
      const claims = await db.attributions.bulkGet([...changed.touches]);
      if (claims.some((row) => row === undefined)) return readDealIndex(orgKey, timeZone, org, me);
      for (const row of claims) ids.add(row!.opportunityId);
    }
    // A partner's name is on each of its tags: deals changed only by a partner are renamed in memory.
    const renamed = new Set<string>();
    if (changed.partners.size) {
      for (const tag of liveTags(index))
        if (changed.partners.has(tag.partnerId) && !ids.has(tag.opportunityId)) renamed.add(tag.opportunityId);
    }
    if (ids.size + renamed.size === 0) return index;
    if (ids.size > MAX_DEALS_UPDATED) return readDealIndex(orgKey, timeZone, org, me);
    const opportunityIds = [...ids];
    const [tagRows, opportunityRows] = await Promise.all([
      db.attributions.where('opportunityId').anyOf(opportunityIds).toArray(),
      opportunitiesOf(db, orgKey, opportunityIds),
    ]);
    const attributions = orgKey ? tagRows.filter((row) => row.orgKey === orgKey) : tagRows;
    const live = attributions.filter((row) => row.deleted === 0);
    const [touches, partners, renamedPartners] = await Promise.all([
      db.touches
        .where('attributionId')
        .anyOf(live.map((row) => row.id))
        .toArray(),
      db.partners.bulkGet([...new Set(live.map((row) => row.partnerId))]),
      db.partners.bulkGet([...changed.partners]),
    ]);
    const opportunities = opportunityRows
      .filter((row) => row !== undefined)
      .map((row) => toSummaryOpportunity(row, org))
      .filter((row) => row !== undefined);
    // As in readDealIndex: a tagged deal with no stored facts is still a partner deal, under needs review.
    const withFacts = new Set(opportunities.map((row) => row.id));
    for (const id of new Set(live.map((row) => row.opportunityId))) {
      const unknown = withFacts.has(id) ? undefined : unknownOpportunity(id);
      if (unknown) opportunities.push(unknown);
    }
    const tags = toSummaryAttributions(
      attributions,
      touches,
      partners.filter((row) => row !== undefined),
      me,
    );
    if (renamed.size) {
      // The facts and tags the index holds, with the partners' names as they are now.
      const names = new Map<string, string>();
      for (const [i, id] of [...changed.partners].entries())
        names.set(id, renamedPartners[i]?.name ?? 'Unknown partner');
      for (let d = 0; d < index.deals.length; d++) {
        // A deal's position left without a tag by an earlier update (deal-index-update.ts) is not that deal.
        if (index.offsets[d + 1] === index.offsets[d] || !renamed.has(index.deals[d]!.id)) continue;
        opportunities.push(index.deals[d]!);
        for (const tag of tagsOfDeal(index, d)) {
          const name = names.get(tag.partnerId);
          tags.push(name === undefined ? tag : { ...tag, partnerName: name });
        }
      }
    }
    return updateDeals(index, [...opportunityIds, ...renamed], opportunities, tags);
  }

  /** The summary of one week from what is stored (no network): the team's number unless `scope` says mine. */
  async function compute(
    orgKey: string | undefined,
    week: WeekRange,
    settings: WeekSettings,
    options: SummaryOptions = {},
    scope: SummaryScope = 'team',
  ): Promise<WeeklySummary> {
    const [index, rules, org, weekTotals] = await Promise.all([
      dealIndex(orgKey, settings.timeZone),
      getRules(db),
      orgKey ? cachedOrgCurrency(db, orgKey) : Promise.resolve(undefined),
      orgKey ? db.weekTotals.where('orgKey').equals(orgKey).toArray() : Promise.resolve([]),
    ]);
    const input = {
      week,
      settings,
      now: now().toISOString(),
      rules,
      newPipeline: toNewPipeline(weekTotals),
      ...(org?.rates ? { rates: org.rates } : {}),
    };
    return summarizeWeek(scopeIndex(index, scope), input, options);
  }

  async function prepare(orgKey: string | undefined, weeks: WeekRange[]): Promise<SummaryDataStatus> {
    if (!orgKey) return { fromOrg: false, reason: 'Open Salesforce in a tab to connect.', calls: 0 };
    if (!deps.org) return { fromOrg: false, reason: 'Partner Ledger is not connected to Salesforce.', calls: 0 };
    return deps.org.prepare(orgKey, weeks);
  }

  /** One week's summary for the popup: the current week unless a week key is given. */
  async function report(
    weekKey?: string,
    options: SummaryOptions = {},
    scope: SummaryScope = 'team',
  ): Promise<WeeklySummaryReport> {
    const settings = await weekSettings();
    const current = weekOf(now(), settings);
    const week = weekKey ? weekOfDate(weekKey, settings) : current;
    const previous = shiftWeek(week, -1, settings);
    const status = await prepare(await orgKeyNow(), [week, previous]);
    // Asked again: a first connection while preparing moves the org's rows under its id.
    const orgKey = await orgKeyNow();
    const summary = await compute(orgKey, week, settings, options, scope);
    const snapshot = orgKey ? await db.summaries.get([orgKey, week.key]) : undefined;
    const total = orgKey ? await db.weekTotals.get([orgKey, week.key]) : undefined;
    const origin = orgKey ? await lightningOrigin(orgKey) : undefined;
    const reported = snapshot && snapshotOf(snapshot);
    // The deals behind the figures stay here: they are compared with the snapshot's, and only changes go.
    const { deals: _deals, ...view } = summary;
    // A snapshot of the other scope is another number: shown as reported, not compared deal by deal.
    const comparable = reported?.scope === scope;
    return {
      summary: view,
      scope,
      currentWeekKey: current.key,
      previousWeekKey: previous.key,
      ...(week.key < current.key ? { nextWeekKey: shiftWeek(week, 1, settings).key } : {}),
      ...(reported
        ? { snapshot: { frozenAt: reported.frozenAt, figures: reported.figures, scope: reported.scope } }
        : {}),
      changes: reported && comparable ? compareSnapshot(reported, summary) : [],
      ...(origin ? { lightningOrigin: origin } : {}),
      newPipelineKnown: total !== undefined,
      ...(total === undefined
        ? { newPipelineUnknownReason: status.reason ?? 'Salesforce did not give the total for this week.' }
        : {}),
      ...(status.hidden ? { hiddenFields: status.hidden } : {}),
    };
  }

  /**
   * Freezes the week that ended last, for every org this browser knows, unless it is frozen already: the
   * alarm at each week's start calls this, and so does every worker start (a week that ended while the
   * browser was closed is frozen at the next start, from the data as it is then). A frozen week is never
   * overwritten. Resolves the snapshots frozen now.
   */
  async function freezeEndedWeeks(): Promise<SnapshotRow[]> {
    const settings = await weekSettings();
    const ended = shiftWeek(weekOf(now(), settings), -1, settings);
    // Two My Domains of one org (a rename) are one ledger, frozen once.
    const hosts = deps.org ? await deps.org.knownOrgs() : [];
    const orgs = [...new Set(await Promise.all(hosts.map((host) => ledgerKeyOf(db, host))))];
    const frozen: SnapshotRow[] = [];
    for (const orgKey of orgs) {
      if (await db.summaries.get([orgKey, ended.key])) continue;
      await prepare(orgKey, [ended]);
      // The team's number is what was reported to leadership, and what the org's summary records hold.
      const summary = await compute(orgKey, ended, settings, {}, 'team');
      const user = await readSetting(db, 'user');
      const row = await freezeOnce(db, orgKey, summary, now().toISOString(), user?.userId, 'team');
      if (row) frozen.push(row);
    }
    return frozen;
  }

  /** Brings the org's figures for a week up to date (best effort) and says which org the summary is of. */
  async function prepareWeek(week: WeekRange): Promise<string | undefined> {
    const orgKey = await orgKeyNow();
    await prepare(orgKey, [week]);
    return orgKey;
  }

  /** When the current week ends: the next freeze is due then. */
  async function nextWeekStart(): Promise<Date> {
    const settings = await weekSettings();
    return new Date(weekOf(now(), settings).end);
  }

  // Reading and indexing tens of thousands of tags takes seconds: the popup is answered from the last report
  // while the data it came from is unchanged (kept in memory and in the settings table, so a worker woken by
  // the popup has it too), and the current week's is computed again in the background just after any burst
  // of changes (READY_AFTER_CHANGES_MS), so it is ready, or nearly, when the popup opens.
  const readyInMemory = new Map<string, ReadyEntry>();
  // The last report made for each key, kept after a change (in memory, and in settings marked outdated):
  // a popup opened while the new one is made is answered with it at once, marked as updating.
  const lastMade = new Map<string, WeeklySummaryReport>();

  async function readyKey(weekKey: string | undefined, scope: SummaryScope): Promise<ReadyKey> {
    const settings = await weekSettings();
    const key = weekKey ?? weekOf(now(), settings).key;
    const org = (await orgKeyNow()) ?? '';
    return `${READY_PREFIX}${org}:${settings.firstDayOfWeek}:${settings.timeZone}:${key}:${scope}`;
  }

  /** The scope the user last chose in the popup (remembered per browser), else the team's. */
  async function chosenScope(): Promise<SummaryScope> {
    return (await readSetting(db, 'summaryScope')) ?? DEFAULT_SUMMARY_SCOPE;
  }

  function computeReady(key: ReadyKey, weekKey: string | undefined, scope: SummaryScope): ReadyEntry {
    const at = now().getTime();
    // The popup shows the first few stale deals and review items: thousands more would only slow it.
    const made = report(weekKey, { listLimit: SUMMARY_PREVIEW_ITEMS }, scope).then((fresh) => {
      entry.pending = false;
      lastMade.set(key, fresh);
      return fresh;
    });
    // Kept for a worker woken later, only if nothing changed meanwhile (a change empties the map).
    const kept = made.then(async (fresh) => {
      if (readyInMemory.get(key) === entry) await writeSetting(db, key, { at, report: fresh });
    });
    const entry: ReadyEntry = { at, pending: true, report: made, kept };
    readyInMemory.set(key, entry);
    made.catch(() => {
      if (readyInMemory.get(key) === entry) readyInMemory.delete(key);
    });
    kept.catch(() => {});
    return entry;
  }

  /**
   * The popup's answer: the ready report when the data is unchanged. After a change, while the new one is
   * made, the last one marked `updating` (unless `fresh` is asked for: then it waits for the new one).
   */
  async function readyReport(
    weekKey?: string,
    { fresh = false, scope }: { fresh?: boolean; scope?: SummaryScope } = {},
  ): Promise<WeeklySummaryReport> {
    const chosen = scope ?? (await chosenScope());
    const key = await readyKey(weekKey, chosen);
    const entry = readyInMemory.get(key) ?? (await storedReady(key));
    const before = lastMade.get(key);
    if (!entry) {
      const made = computeReady(key, weekKey, chosen).report;
      return fresh || !before ? made : { ...before, updating: true };
    }
    if (entry.pending && !fresh && before) return { ...before, updating: true };
    // Older than the org's figures may be: answer now, and refresh them for the next look.
    if (now().getTime() - entry.at > READY_FRESH_MS) void computeReady(key, weekKey, chosen).report.catch(() => {});
    return entry.report;
  }

  async function storedReady(key: ReadyKey): Promise<ReadyEntry | undefined> {
    const value = await readSetting(db, key);
    if (!value) return undefined;
    // This service made the report; the store checked its outline, and a report of another shape is made again.
    const report = value.report as WeeklySummaryReport;
    if (!lastMade.has(key)) lastMade.set(key, report);
    if (value.outdated) return undefined;
    const entry: ReadyEntry = {
      at: value.at,
      pending: false,
      report: Promise.resolve(report),
      kept: Promise.resolve(),
    };
    readyInMemory.set(key, entry);
    return entry;
  }

  /** A week's stale deals and review items in full (the popup's "Show all"). */
  async function lists(
    weekKey?: string,
    scope: SummaryScope = 'team',
  ): Promise<Pick<WeeklySummary, 'stale' | 'needsReview'>> {
    const settings = await weekSettings();
    const week = weekKey ? weekOfDate(weekKey, settings) : weekOf(now(), settings);
    const { stale, needsReview } = await compute(await orgKeyNow(), week, settings, {}, scope);
    return { stale, needsReview };
  }

  /** What summaries are made of changed: the ready reports no longer hold (the deal index follows by itself). */
  async function forgetReports(): Promise<void> {
    readyInMemory.clear();
    await updateSettingFamily(db, READY_PREFIX, (ready) => ({ ...ready, outdated: true }));
  }

  /**
   * What summaries are made of changed in ways the service may not have seen (rows written past Dexie): the
   * ready reports no longer hold, and the deal index is made again from every row.
   */
  async function forgetReady(): Promise<void> {
    keptIndex = undefined;
    await forgetReports();
  }

  /** Makes the current week's report ready in the scope the popup opens with (just after a burst of changes). */
  async function prepareReady(): Promise<void> {
    const scope = await chosenScope();
    const key = await readyKey(undefined, scope);
    if (!readyInMemory.has(key)) await computeReady(key, undefined, scope).kept;
  }

  /** Remembers the scope the user chose, so the popup opens with it next time. */
  async function chooseScope(scope: SummaryScope): Promise<SummaryScope> {
    await writeSetting(db, 'summaryScope', scope);
    return scope;
  }

  async function dataChanged(): Promise<void> {
    await forgetReady();
    await prepareReady();
  }

  /**
   * The popup never shows a summary older than the data: a change forgets the ready one at once, and the
   * current week's is made again just after the burst of changes ends. Returns a function that
   * stops watching.
   */
  function keepReady(onError: (what: string, error: unknown) => void): () => void {
    const forget = () => void forgetReports().catch((error) => onError('forgetting the summary failed', error));
    const remake = () => void prepareReady().catch((error) => onError('preparing the summary failed', error));
    const stops = [
      onTablesChanged(db.name, SUMMARY_SOURCE_TABLES, forget, { debounceMs: 0 }),
      onTablesChanged(db.name, SUMMARY_SOURCE_TABLES, remake, { debounceMs: READY_AFTER_CHANGES_MS }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  return {
    report,
    readyReport,
    chooseScope,
    chosenScope,
    lists,
    forgetReady,
    prepareReady,
    dataChanged,
    keepReady,
    freezeEndedWeeks,
    nextWeekStart,
    weekSettings,
    compute,
    prepareWeek,
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;
