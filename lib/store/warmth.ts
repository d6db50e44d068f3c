import { scoreWarmth, type Warmth, type WarmthInput, type WarmthRules } from '../attribution/warmth';
import { describeActor } from './attributions';
import type { AttributionRow, PartnerLedgerDb, TouchRow } from './db';

export interface WarmthOptions {
  /** The user's calendar date, `YYYY-MM-DD`. */
  today: string;
  rules: WarmthRules;
  locale?: string;
}

/**
 * The warmth of many opportunities at once, for a list view or a board: three indexed reads in one
 * transaction, however many ids. Opportunities without live attributions are left out (no badge).
 */
export async function readWarmth(
  db: PartnerLedgerDb,
  opportunityIds: readonly string[],
  { today, rules, locale }: WarmthOptions,
): Promise<Record<string, Warmth>> {
  if (opportunityIds.length === 0) return {};
  const keys = [...new Set(opportunityIds)].map((id) => [id, 0]);
  const { attributions, touches, partnerNames } = await db.transaction('r', [db.attributions, db.touches, db.partners], async () => {
    const [attributions, touches] = await Promise.all([
      db.attributions.where('[opportunityId+deleted]').anyOf(keys).toArray(),
      db.touches.where('[opportunityId+deleted]').anyOf(keys).toArray(),
    ]);
    const partnerIds = [...new Set(attributions.map((row) => row.partnerId))];
    const partners = await db.partners.bulkGet(partnerIds);
    return { attributions, touches, partnerNames: new Map(partnerIds.map((id, i) => [id, partners[i]?.name ?? 'Unknown partner'])) };
  });

  const touchesByAttribution = groupBy(touches, (touch) => touch.attributionId);
  const byOpportunity = groupBy(attributions, (row) => row.opportunityId);
  const result: Record<string, Warmth> = {};
  for (const [opportunityId, rows] of byOpportunity) {
    const inputs = rows.sort(byCreation).map((row) => toInput(row, partnerNames, touchesByAttribution.get(row.id) ?? []));
    const warmth = scoreWarmth(inputs, today, rules, locale);
    if (warmth) result[opportunityId] = warmth;
  }
  return result;
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
