import type { AttributionCounts, AttributionKind, AttributionView } from '../attribution/model';
import { cleanPartnerName, normalizePartnerName } from '../attribution/names';
import { checkNewAttribution } from '../attribution/rules';
import { AppError } from '../errors';
import type { Actor, AttributionRow, PartnerLedgerDb, PartnerRow } from './db';

export interface NewAttribution {
  orgKey: string;
  opportunityId: string;
  opportunityName?: string;
  partnerName: string;
  kind: AttributionKind;
  note: string;
}

/** Stamps passed in by the caller, so tests control time and identity. */
export interface ChangeContext {
  actor: Actor;
  now: string;
  newId: () => string;
}

function describeActor(actor: Actor): string {
  return actor.userName ?? 'You (this browser)';
}

function toView(row: AttributionRow, partner: PartnerRow | undefined): AttributionView {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    partnerId: row.partnerId,
    partnerName: partner?.name ?? 'Unknown partner',
    kind: row.kind,
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: describeActor(row.createdBy),
    touches: [],
  };
}

async function liveRows(db: PartnerLedgerDb, opportunityId: string): Promise<AttributionRow[]> {
  return db.attributions.where({ opportunityId, deleted: 0 }).toArray();
}

/** The live attributions of one opportunity, sourced first, then by creation. */
export async function listAttributions(db: PartnerLedgerDb, opportunityId: string): Promise<AttributionView[]> {
  return db.transaction('r', db.attributions, db.partners, async () => {
    const rows = await liveRows(db, opportunityId);
    const partners = await db.partners.bulkGet(rows.map((r) => r.partnerId));
    return rows
      .map((row, i) => toView(row, partners[i]))
      .sort((a, b) => (a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) : a.kind === 'sourced' ? -1 : 1));
  });
}

/**
 * Records a new attribution, creating the partner when the name is new, all in one transaction
 * with its audit entry: either everything is written or nothing is.
 */
export async function addAttribution(
  db: PartnerLedgerDb,
  input: NewAttribution,
  change: ChangeContext,
): Promise<AttributionView> {
  const partnerName = cleanPartnerName(input.partnerName);
  const normalizedName = normalizePartnerName(partnerName);
  if (!normalizedName) throw new AppError('invalid_request', 'Enter the partner’s name.');

  return db.transaction('rw', [db.partners, db.attributions, db.opportunities, db.audit], async () => {
    const existingPartner = await db.partners.where({ normalizedName }).first();
    const live = await liveRows(db, input.opportunityId);
    const livePartners = await db.partners.bulkGet(live.map((r) => r.partnerId));
    const violation = checkNewAttribution(
      live.map((row, i) => ({ partnerId: row.partnerId, partnerName: livePartners[i]?.name ?? '', kind: row.kind })),
      { partnerId: existingPartner?.id, partnerName: existingPartner?.name ?? partnerName, kind: input.kind },
    );
    if (violation) throw new AppError(violation.code, violation.message);

    const partner: PartnerRow = existingPartner ?? {
      id: change.newId(),
      name: partnerName,
      normalizedName,
      type: null,
      tier: null,
      accountId: null,
      active: true,
      createdAt: change.now,
      updatedAt: change.now,
    };
    if (!existingPartner) {
      await db.partners.add(partner);
      await db.audit.add({
        at: change.now,
        actor: change.actor,
        entity: 'partner',
        entityId: partner.id,
        action: 'create',
        before: null,
        after: partner,
      });
    }

    const row: AttributionRow = {
      id: change.newId(),
      orgKey: input.orgKey,
      opportunityId: input.opportunityId,
      partnerId: partner.id,
      kind: input.kind,
      note: input.note.trim(),
      createdBy: change.actor,
      createdAt: change.now,
      updatedAt: change.now,
      deleted: 0,
    };
    await db.attributions.add(row);
    if (input.opportunityName) {
      await db.opportunities.put({
        id: input.opportunityId,
        orgKey: input.orgKey,
        name: input.opportunityName,
        source: 'page',
        seenAt: change.now,
      });
    }
    await db.audit.add({
      at: change.now,
      actor: change.actor,
      entity: 'attribution',
      entityId: row.id,
      opportunityId: row.opportunityId,
      action: 'create',
      before: null,
      after: row,
    });
    return toView(row, partner);
  });
}

/** Removes an attribution by turning it into a tombstone (kept until it has synced), with its audit entry. */
export async function removeAttribution(db: PartnerLedgerDb, id: string, change: ChangeContext): Promise<void> {
  await db.transaction('rw', [db.attributions, db.audit], async () => {
    const before = await db.attributions.get(id);
    if (!before || before.deleted) {
      throw new AppError('not_found', 'That attribution no longer exists. It may have been removed already.');
    }
    const after: AttributionRow = { ...before, deleted: 1, updatedAt: change.now };
    await db.attributions.put(after);
    await db.audit.add({
      at: change.now,
      actor: change.actor,
      entity: 'attribution',
      entityId: id,
      opportunityId: before.opportunityId,
      action: 'delete',
      before,
      after,
    });
  });
}

/** Names of active partners already used, for suggestions in the panel, alphabetically. */
export async function listPartnerNames(db: PartnerLedgerDb): Promise<string[]> {
  const partners = await db.partners.toArray();
  return partners
    .filter((p) => p.active)
    .map((p) => p.name)
    .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/** How many opportunities carry live attributions, split by kind. */
export async function countAttributions(db: PartnerLedgerDb): Promise<AttributionCounts> {
  const all = new Set<string>();
  const sourced = new Set<string>();
  const influenced = new Set<string>();
  await db.attributions.each((row) => {
    if (row.deleted) return;
    all.add(row.opportunityId);
    (row.kind === 'sourced' ? sourced : influenced).add(row.opportunityId);
  });
  return { opportunities: all.size, sourced: sourced.size, influenced: influenced.size };
}
