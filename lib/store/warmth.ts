import { scoreWarmth, type Warmth, type WarmthInput, type WarmthRules } from '../attribution/warmth';
import { describeActor } from './attributions';
import type { Table } from 'dexie';
import type { AttributionRow, PartnerLedgerDb, TouchRow } from './db';

export interface WarmthOptions {
  /** The user's calendar date, `YYYY-MM-DD`. */
  today: string;
  rules: WarmthRules;
  locale?: string;
  /** Only this org's claims count: a sandbox copied from production has production's opportunity ids. */
  orgKey?: string;
}

/**
 * The warmth of many opportunities at once, for a list view or a board: three indexed reads in one
 * transaction, however many ids. Opportunities without live attributions are left out (no badge).
 */
export async function readWarmth(
  db: PartnerLedgerDb,
  opportunityIds: readonly string[],
  { today, rules, locale, orgKey }: WarmthOptions,
): Promise<Record<string, Warmth>> {
  if (opportunityIds.length === 0) return {};
  const wanted = new Set(opportunityIds);
  const keys = [...wanted].map((id) => [id, 0]);
  const { attributions, touches, partnerNames } = await db.transaction(
    'r',
    [db.attributions, db.touches, db.partners],
    async () => {
      const [attributions, touches] = await Promise.all([
        liveRowsOf<AttributionRow>(db.attributions as unknown as Table<AttributionRow, string>, wanted, keys),
        liveRowsOf<TouchRow>(db.touches as unknown as Table<TouchRow, string>, wanted, keys),
      ]);
      const partnerIds = [...new Set(attributions.map((row) => row.partnerId))];
      const partners = await db.partners.bulkGet(partnerIds);
      return {
        attributions,
        touches,
        partnerNames: new Map(partnerIds.map((id, i) => [id, partners[i]?.name ?? 'Unknown partner'])),
      };
    },
  );

  const touchesByAttribution = groupBy(touches, (touch) => touch.attributionId);
  const ofOrg = orgKey === undefined ? attributions : attributions.filter((row) => row.orgKey === orgKey);
  const byOpportunity = groupBy(ofOrg, (row) => row.opportunityId);
  const result: Record<string, Warmth> = {};
  for (const [opportunityId, rows] of byOpportunity) {
    const inputs = rows
      .sort(byCreation)
      .map((row) => toInput(row, partnerNames, touchesByAttribution.get(row.id) ?? []));
    const warmth = scoreWarmth(inputs, today, rules, locale);
    if (warmth) result[opportunityId] = warmth;
  }
  return result;
}

/**
 * The live rows of these opportunities. An index lookup costs a cursor step per id, so when the ids are
 * many next to the table (a board of 2,000 cards), reading the whole table in one go is faster.
 */
async function liveRowsOf<T extends { opportunityId: string; deleted: 0 | 1 }>(
  table: Table<T, string>,
  wanted: ReadonlySet<string>,
  keys: (string | number)[][],
): Promise<T[]> {
  if (wanted.size * SCAN_RATIO < (await table.count()))
    return table.where('[opportunityId+deleted]').anyOf(keys).toArray();
  return (await table.toArray()).filter((row) => row.deleted === 0 && wanted.has(row.opportunityId));
}

/** Read the whole table when asked about at least one opportunity per this many rows. */
const SCAN_RATIO = 4;

/** A list or board gets every opportunity with partners up front when there are at most this many. */
export const PREFETCH_TAGGED_LIMIT = 1_000;

/**
 * The opportunities with live attributions, when there are at most `limit` of them; undefined when more.
 * Reads index keys only, never the rows. (Ids of other orgs can be among them: harmless, they match no row.)
 */
export async function taggedOpportunityIds(db: PartnerLedgerDb, limit: number): Promise<string[] | undefined> {
  const keys = (await db.attributions.orderBy('[opportunityId+deleted]').uniqueKeys()) as unknown as [string, number][];
  const ids = [...new Set(keys.filter(([, deleted]) => deleted === 0).map(([id]) => id))];
  return ids.length <= limit ? ids : undefined;
}

function toInput(row: AttributionRow, partnerNames: Map<string, string>, touches: TouchRow[]): WarmthInput {
  return {
    partnerName: partnerNames.get(row.partnerId) ?? 'Unknown partner',
    kind: row.kind,
    createdBy: describeActor(row.createdBy),
    createdAt: row.createdAt,
    touches: touches
      .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt))
      .map((touch) => ({
        id: touch.id,
        attributionId: touch.attributionId,
        type: touch.type,
        date: touch.date,
        note: touch.note,
        createdBy: describeActor(touch.createdBy),
      })),
  };
}

/** Oldest first, so "the newest attribution" and ties resolve the same way on every device. */
function byCreation(a: AttributionRow, b: AttributionRow): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
