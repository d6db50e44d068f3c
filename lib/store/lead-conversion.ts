/**
 * Claims recorded on a lead, and what happens to them when the lead is converted (docs/leads.md).
 *
 * A claim on a lead is an attribution whose `opportunityId` is the lead's id. When the lead is converted into
 * an opportunity, each of its claims MOVES to that opportunity: the same attribution (same id, so the same
 * `External_Id__c` in the org), with its touches and its history, its `leadId` kept. Two browsers that notice
 * the conversion at the same time therefore write the same record: the upsert by external id is idempotent and
 * the org holds one attribution, whichever browser's version wins (both carry the same claim and evidence).
 * A lead converted without an opportunity keeps its claims, each saying why nothing was carried.
 */
import { opportunityOf } from './opportunities';
import { carriedText, notCarriedText } from '../attribution/lead-carry';
import { isLeadId } from '../record-id';
import { enqueue, type ChangeContext } from './attributions';
import { nextVersion } from './clock';
import type { AttributionRow, AuditRow, PartnerLedgerDb } from './db';

/** A lead's conversion as the org reports it (`Lead.IsConverted`, `ConvertedDate`, `ConvertedOpportunityId`). */
export interface LeadConversion {
  /** 18 characters. */
  leadId: string;
  leadName: string;
  /** The lead's created date, `YYYY-MM-DD`, when known. */
  leadCreatedDate?: string;
  /** `YYYY-MM-DD`. */
  convertedDate: string;
  /** Who converted it, when known (the lead's LastModifiedBy at conversion). */
  convertedBy?: string;
  /** Null when the lead was converted without an opportunity. */
  opportunityId: string | null;
  opportunityName?: string;
}

export { carriedText, notCarriedText };

export interface ConversionResult {
  carried: number;
  notCarried: number;
}

/**
 * The leads of an org with live claims still waiting for their conversion (not yet found converted without an
 * opportunity), oldest id first.
 */
export async function pendingLeadIds(db: PartnerLedgerDb, orgKey: string): Promise<string[]> {
  const keys = (await db.attributions.orderBy('[opportunityId+deleted]').uniqueKeys()) as unknown as [string, number][];
  const leads = [...new Set(keys.filter(([id, deleted]) => deleted === 0 && isLeadId(id)).map(([id]) => id))];
  if (leads.length === 0) return [];
  const rows = await db.attributions.where('opportunityId').anyOf(leads).toArray();
  const pending = rows.filter((row) => row.orgKey === orgKey && row.deleted === 0 && !row.notCarried);
  return [...new Set(pending.map((row) => row.opportunityId))].sort();
}

/** The tables `applyLeadConversion` writes. */
export function conversionTables(db: PartnerLedgerDb) {
  return [db.attributions, db.touches, db.audit, db.settings, db.outbox, db.opportunities];
}

/**
 * Moves the live claims of a converted lead to its opportunity (or, without one, says on each why it stays), in
 * one transaction with their history entries. Running it again changes nothing: the claims are no longer on the
 * lead. Claims this browser already knows on the opportunity (another browser carried them first and the pull
 * brought them) are not on the lead either, so they are never carried twice.
 */
export async function applyLeadConversion(
  db: PartnerLedgerDb,
  orgKey: string,
  conversion: LeadConversion,
  change: ChangeContext,
): Promise<ConversionResult> {
  return db.transaction('rw', conversionTables(db), async () => {
    const rows = (await db.attributions.where({ opportunityId: conversion.leadId, deleted: 0 }).toArray()).filter(
      (row) => row.orgKey === orgKey,
    );
    const result: ConversionResult = { carried: 0, notCarried: 0 };
    const audit: AuditRow[] = [];
    const { opportunityId } = conversion;
    if (!opportunityId) {
      const reason = notCarriedText(conversion);
      for (const row of rows) {
        if (row.notCarried === reason) continue;
        // Local only: nothing changes in the org, so the version and the outbox stay as they are.
        const after: AttributionRow = { ...row, notCarried: reason };
        await db.attributions.put(after);
        audit.push(auditOf(change, row, after, conversion.leadId, reason));
        result.notCarried++;
      }
    } else {
      const carriedFrom = {
        leadName: conversion.leadName,
        convertedDate: conversion.convertedDate,
        ...(conversion.convertedBy ? { convertedBy: conversion.convertedBy } : {}),
        ...(conversion.leadCreatedDate ? { leadCreatedDate: conversion.leadCreatedDate } : {}),
      };
      const reason = carriedText(carriedFrom);
      for (const row of rows) {
        const version = await nextVersion(db, change.actor.deviceId, Date.parse(change.now));
        const { notCarried: _dropped, ...rest } = row;
        const after: AttributionRow = {
          ...rest,
          opportunityId,
          leadId: conversion.leadId,
          carriedFrom,
          version,
          updatedAt: change.now,
        };
        await db.attributions.put(after);
        // Touches keep their own versions: evidence merges touch by touch, so nobody's evidence is lost.
        await db.touches.where({ attributionId: row.id }).modify({ opportunityId });
        await enqueue(db, after, change);
        audit.push(auditOf(change, row, after, opportunityId, reason));
        result.carried++;
      }
      if (rows.length) await rememberConvertedOpportunity(db, orgKey, conversion, opportunityId, change.now);
    }
    if (audit.length) await db.audit.bulkAdd(audit);
    return result;
  });
}

function auditOf(
  change: ChangeContext,
  before: AttributionRow,
  after: AttributionRow,
  opportunityId: string,
  reason: string,
): AuditRow {
  return {
    at: change.now,
    actor: change.actor,
    entity: 'attribution',
    entityId: after.id,
    opportunityId,
    action: 'update',
    before,
    after,
    reason,
  };
}

/** The opportunity a conversion made: its name for the summary, its created date (the conversion) for the lock. */
async function rememberConvertedOpportunity(
  db: PartnerLedgerDb,
  orgKey: string,
  conversion: LeadConversion,
  opportunityId: string,
  now: string,
): Promise<void> {
  const before = await opportunityOf(db, orgKey, opportunityId);
  if (before || !conversion.opportunityName) return;
  await db.opportunities.put({
    id: opportunityId,
    orgKey,
    name: conversion.opportunityName,
    createdDate: conversion.convertedDate,
    source: 'page',
    seenAt: now,
  });
}
