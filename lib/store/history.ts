import { formatCalendarDate } from '../attribution/format';
import { KIND_LABELS, TOUCH_TYPE_LABELS, type AttributionKind, type TouchType } from '../attribution/model';
import { describeActor } from './attributions';
import type { AuditRow, PartnerLedgerDb } from './db';

/** One line of an opportunity's history, in words. */
export interface HistoryEntry {
  seq: number;
  at: string;
  who: string;
  what: string;
  reason?: string;
}

interface AttributionLike {
  partnerId?: string;
  kind?: AttributionKind;
}
interface TouchLike {
  type?: TouchType;
  date?: string;
  attributionId?: string;
}

/**
 * The audit trail of one opportunity (or lead), newest first: who did what, when, and why. With `orgKey`, only
 * that org's entries: a sandbox copied from production has production's opportunity ids, and the audit keeps
 * the record id only, so each entry is placed by the claim it is about.
 */
export async function listHistory(
  db: PartnerLedgerDb,
  opportunityId: string,
  orgKey?: string,
): Promise<HistoryEntry[]> {
  return db.transaction('r', [db.audit, db.attributions, db.partners], async () => {
    let rows = await db.audit.where({ opportunityId }).toArray();
    // Claims carried from a converted lead bring the lead's history along (lib/store/lead-conversion.ts).
    const carried = (await db.attributions.where({ opportunityId }).toArray()).filter(
      (row) => orgKey === undefined || row.orgKey === orgKey,
    );
    const leadIds = [...new Set(carried.flatMap((row) => (row.leadId ? [row.leadId] : [])))];
    if (leadIds.length) rows.push(...(await db.audit.where('opportunityId').anyOf(leadIds).toArray()));
    const claimOf = (row: AuditRow): string | undefined =>
      row.entity === 'touch' ? ((row.after ?? row.before) as TouchLike)?.attributionId : row.entityId;
    const attributionIds = new Set<string>();
    for (const row of rows) {
      const claim = claimOf(row);
      if (claim && (row.entity !== 'partner' || orgKey === undefined)) attributionIds.add(claim);
    }
    const attributions = await db.attributions.bulkGet([...attributionIds]);
    const orgOfAttribution = new Map(attributions.filter((a) => a).map((a) => [a!.id, a!.orgKey]));
    // An entry whose claim this browser no longer holds belongs to no org it can tell: it is left out of a scoped trail.
    if (orgKey !== undefined) rows = rows.filter((row) => orgOfAttribution.get(claimOf(row) ?? '') === orgKey);
    const partnerOfAttribution = new Map(attributions.filter((a) => a).map((a) => [a!.id, a!.partnerId]));
    const partnerIds = new Set<string>(partnerOfAttribution.values());
    for (const row of rows) {
      const subject = (row.after ?? row.before) as AttributionLike;
      if (row.entity === 'attribution' && subject?.partnerId) partnerIds.add(subject.partnerId);
    }
    const partners = await db.partners.bulkGet([...partnerIds]);
    const partnerName = new Map(partners.filter((p) => p).map((p) => [p!.id, p!.name]));
    const nameFor = (partnerId?: string) => (partnerId && partnerName.get(partnerId)) || 'a partner';

    return rows
      .sort((a, b) => b.seq - a.seq)
      .map((row) => ({
        seq: row.seq,
        at: row.at,
        who: describeActor(row.actor),
        what: describe(row, nameFor, partnerOfAttribution),
        ...(row.reason ? { reason: row.reason } : {}),
      }));
  });
}

function describe(row: AuditRow, nameFor: (id?: string) => string, partnerOfAttribution: Map<string, string>): string {
  if (row.entity === 'touch') {
    const touch = (row.after ?? row.before) as TouchLike;
    const label = touch.type ? TOUCH_TYPE_LABELS[touch.type] : 'Touch';
    const partner = nameFor(touch.attributionId ? partnerOfAttribution.get(touch.attributionId) : undefined);
    const when = touch.date ? ` on ${formatCalendarDate(touch.date)}` : '';
    return row.action === 'delete'
      ? `Removed ${label.toLowerCase()} of ${partner}`
      : `Logged ${label.toLowerCase()}${when} for ${partner}`;
  }
  const attribution = (row.after ?? row.before) as AttributionLike;
  const partner = nameFor(attribution.partnerId);
  const kind = attribution.kind ? KIND_LABELS[attribution.kind].toLowerCase() : 'attributed';
  if (row.action === 'create') return `Added ${partner} as ${kind}`;
  const moved = (row.before as { opportunityId?: string } | null)?.opportunityId;
  if (row.action === 'update' && moved && moved !== (row.after as { opportunityId?: string }).opportunityId) {
    return `Moved ${partner} (${kind}) from the lead to the opportunity`;
  }
  if (row.action === 'delete') return `Removed ${partner} (${kind})`;
  return `Changed ${partner} (${kind})`;
}
