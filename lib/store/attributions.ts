// Over 400 lines because each change writes attribution, touches, audit and outbox in one transaction here.
import { formatCalendarDate } from '../attribution/format';
import { carriedText } from '../attribution/lead-carry';
import { LOCAL_ACTOR_LABEL } from '../attribution/model';
import type {
  AttributionCounts,
  AttributionKind,
  AttributionRules,
  AttributionView,
  TouchType,
  TouchView,
} from '../attribution/model';
import { cleanPartnerName, normalizePartnerName } from '../attribution/names';
import { checkNewAttribution } from '../attribution/rules';
import { checkSourcedWindow, getLockState } from '../attribution/window';
import { TOUCHES_FIELD_LENGTH, touchesFit } from '../crm/salesforce/touches-field';
import { AppError } from '../errors';
import { isIdOf, isLeadId } from '../record-id';
import { nextVersion } from './clock';
import { requeueClaimsOf } from './credited-amounts';
import type { Actor, AttributionRow, PartnerLedgerDb, PartnerRow, TouchRow } from './db';
import { opportunityOf } from './opportunities';
import { addPartner } from './partners';

export interface NewTouch {
  type: TouchType;
  /** `YYYY-MM-DD` */
  date: string;
  note: string;
  link?: string;
}

export interface NewAttribution {
  orgKey: string;
  opportunityId: string;
  opportunityName?: string;
  /** The opportunity's created date (`YYYY-MM-DD`): the org's when known, else the page's, when it could be read. */
  createdDate?: string;
  partnerName: string;
  kind: AttributionKind;
  note: string;
  /** The first piece of evidence: every attribution rests on at least one dated touch. */
  touch: NewTouch;
  /** Why the change is made after the lock, or why a sourced claim stands outside the window. */
  reason?: string;
  /** A second sourced claim, recorded on purpose to dispute the first. */
  competingClaim?: boolean;
}

/** Stamps passed in by the caller, so tests control time, identity and the team's rules. */
export interface ChangeContext {
  actor: Actor;
  /** ISO timestamp of the change. */
  now: string;
  newId: () => string;
  /** The user's calendar date today (`YYYY-MM-DD`), for the window and lock. */
  today?: string;
  rules?: AttributionRules;
}

export function describeActor(actor: Actor): string {
  return actor.userName ?? LOCAL_ACTOR_LABEL;
}

function toTouchView(row: TouchRow): TouchView {
  return {
    id: row.id,
    attributionId: row.attributionId,
    type: row.type,
    date: row.date,
    note: row.note,
    ...(row.link ? { link: row.link } : {}),
    createdBy: describeActor(row.createdBy),
  };
}

function toView(row: AttributionRow, partner: PartnerRow | undefined, touches: TouchRow[]): AttributionView {
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    partnerId: row.partnerId,
    partnerName: partner?.name ?? 'Unknown partner',
    kind: row.kind,
    note: row.note,
    ...(row.windowOverrideReason ? { windowOverrideReason: row.windowOverrideReason } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: describeActor(row.createdBy),
    ...(row.carriedFrom
      ? { carriedFrom: carriedText(row.carriedFrom) }
      : row.leadId
        ? { carriedFrom: 'Carried from a converted lead' }
        : {}),
    ...(row.notCarried ? { notCarried: row.notCarried } : {}),
    touches: touches
      .filter((t) => t.attributionId === row.id)
      .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt))
      .map(toTouchView),
  };
}

/**
 * The live attributions of an opportunity, of one org when it is given: a sandbox copied from production
 * has production's opportunity ids, and its claims are another ledger.
 */
async function liveRows(db: PartnerLedgerDb, opportunityId: string, orgKey?: string): Promise<AttributionRow[]> {
  const rows = await db.attributions.where({ opportunityId, deleted: 0 }).toArray();
  return orgKey === undefined ? rows : rows.filter((row) => row.orgKey === orgKey);
}

async function liveTouches(db: PartnerLedgerDb, opportunityId: string): Promise<TouchRow[]> {
  return db.touches.where({ opportunityId, deleted: 0 }).toArray();
}

/**
 * The live attributions of one opportunity (of one org, when given) with their touches: sourced first,
 * then by creation.
 */
export async function listAttributions(
  db: PartnerLedgerDb,
  opportunityId: string,
  orgKey?: string,
): Promise<AttributionView[]> {
  return db.transaction('r', [db.attributions, db.partners, db.touches], async () => {
    const rows = await liveRows(db, opportunityId, orgKey);
    const [partners, touches] = await Promise.all([
      db.partners.bulkGet(rows.map((r) => r.partnerId)),
      liveTouches(db, opportunityId),
    ]);
    return rows
      .map((row, i) => toView(row, partners[i], touches))
      .sort((a, b) => (a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) : a.kind === 'sourced' ? -1 : 1));
  });
}

/**
 * Refuses a change to a locked opportunity that comes without a reason. Returns the reason to record.
 * Without a known created date there is no lock (the panel says so).
 */
function requireReasonIfLocked(
  createdDate: string | undefined,
  reason: string | undefined,
  change: ChangeContext,
): string | undefined {
  if (!change.rules || !change.today) return reason;
  const lock = getLockState(createdDate, change.today, change.rules);
  if (lock.status === 'locked' && !reason) {
    throw new AppError(
      'reason_required',
      `Attribution on this opportunity locked on ${formatCalendarDate(lock.lockedOn)}, ${change.rules.lockAfterDays} ` +
        `days after it was created. Give a reason for this change; it is kept in the history.`,
    );
  }
  return reason;
}

/** The created date we know for an opportunity: the one given (the org's or the page's), else the stored one. */
async function knownCreatedDate(
  db: PartnerLedgerDb,
  opportunityId: string,
  orgKey: string | undefined,
  fromPage?: string,
): Promise<string | undefined> {
  return fromPage ?? (await opportunityOf(db, orgKey, opportunityId))?.createdDate;
}

/**
 * Records a new attribution with its first touch, creating the partner when the name is new, all in one
 * transaction with the audit entries: either everything is written or nothing is.
 */
export async function addAttribution(
  db: PartnerLedgerDb,
  input: NewAttribution,
  change: ChangeContext,
): Promise<AttributionView> {
  const partnerName = cleanPartnerName(input.partnerName);
  const normalizedName = normalizePartnerName(partnerName);
  if (!normalizedName) throw new AppError('invalid_request', 'Enter the partner’s name.');
  const reason = input.reason?.trim() || undefined;

  return db.transaction(
    'rw',
    [db.partners, db.attributions, db.touches, db.opportunities, db.audit, db.settings, db.outbox],
    async () => {
      const createdDate = await knownCreatedDate(db, input.opportunityId, input.orgKey, input.createdDate);
      requireReasonIfLocked(createdDate, reason, change);

      const existingPartner = await db.partners.where({ normalizedName }).first();
      if (existingPartner && !existingPartner.active) {
        throw new AppError(
          'partner_inactive',
          `${existingPartner.name} is inactive in the partner roster. Reactivate it in Partner Ledger’s options to ` +
            `attribute deals to it.`,
        );
      }
      const live = await liveRows(db, input.opportunityId, input.orgKey);
      const livePartners = await db.partners.bulkGet(live.map((r) => r.partnerId));
      const violation = checkNewAttribution(
        live.map((row, i) => ({ partnerId: row.partnerId, partnerName: livePartners[i]?.name ?? '', kind: row.kind })),
        {
          partnerId: existingPartner?.id,
          partnerName: existingPartner?.name ?? partnerName,
          kind: input.kind,
          competingClaim: input.competingClaim,
        },
      );
      if (violation) throw new AppError(violation.code, violation.message);

      let windowOverrideReason: string | undefined;
      if (input.kind === 'sourced' && change.rules) {
        const window = checkSourcedWindow({ createdDate, touchDates: [input.touch.date] }, change.rules);
        if (window.status === 'outside') {
          if (!reason) {
            throw new AppError(
              'reason_required',
              `The evidence is dated after ${formatCalendarDate(window.deadline)}, more than ` +
                `${change.rules.sourcedWindowDays} days after the opportunity was created, so it may not show that ` +
                `the partner sourced it. Give a reason to record the claim anyway.`,
            );
          }
          windowOverrideReason = reason;
        }
      }

      // A name new to the roster is added inline, with the roster's own checks and audit entry.
      const partner =
        existingPartner ??
        (await addPartner(db, { name: partnerName, type: null, tier: null, accountId: null, active: true }, change));
      const audit = { at: change.now, actor: change.actor, opportunityId: input.opportunityId };

      const row: AttributionRow = {
        id: change.newId(),
        orgKey: input.orgKey,
        opportunityId: input.opportunityId,
        partnerId: partner.id,
        kind: input.kind,
        note: input.note.trim(),
        ...(windowOverrideReason ? { windowOverrideReason } : {}),
        createdBy: change.actor,
        createdAt: change.now,
        updatedAt: change.now,
        deleted: 0,
        version: await versionNow(db, change),
      };
      const touch = newTouchRow(row, input.touch, change, row.version);
      await db.attributions.add(row);
      await db.touches.add(touch);
      await enqueue(db, row, change);
      // The siblings' credit changes with a new claim: they are sent again with it.
      if (live.length) await requeueClaimsOf(db, row.opportunityId, change.now, row.id, row.orgKey);
      await rememberOpportunity(db, input, createdDate, change.now);
      await db.audit.add({
        ...audit,
        entity: 'attribution',
        entityId: row.id,
        action: 'create',
        before: null,
        after: row,
        ...(reason ? { reason } : {}),
      });
      await db.audit.add({
        ...audit,
        entity: 'touch',
        entityId: touch.id,
        action: 'create',
        before: null,
        after: touch,
      });
      return toView(row, partner, [touch]);
    },
  );
}

/** The version of a change made now by this browser (see lib/time/hlc.ts). */
function versionNow(db: PartnerLedgerDb, change: ChangeContext): Promise<string> {
  return nextVersion(db, change.actor.deviceId, Date.parse(change.now));
}

/** Queues an attribution for the org, in the transaction of the change itself (never half-written). */
export async function enqueue(
  db: PartnerLedgerDb,
  row: AttributionRow,
  change: Pick<ChangeContext, 'now'>,
): Promise<void> {
  await db.outbox.add({ orgKey: row.orgKey, attributionId: row.id, version: row.version, queuedAt: change.now });
}

function newTouchRow(attribution: AttributionRow, touch: NewTouch, change: ChangeContext, version: string): TouchRow {
  return {
    id: change.newId(),
    attributionId: attribution.id,
    opportunityId: attribution.opportunityId,
    type: touch.type,
    date: touch.date,
    note: touch.note.trim(),
    link: touch.link?.trim() || null,
    createdBy: change.actor,
    createdAt: change.now,
    updatedAt: change.now,
    deleted: 0,
    version,
  };
}

async function rememberOpportunity(
  db: PartnerLedgerDb,
  input: Pick<NewAttribution, 'opportunityId' | 'orgKey' | 'opportunityName'>,
  createdDate: string | undefined,
  now: string,
) {
  // A lead is not an opportunity: the facts the summary reads come once it is converted.
  if (isLeadId(input.opportunityId)) return;
  const before = await opportunityOf(db, input.orgKey, input.opportunityId);
  const name = input.opportunityName ?? before?.name;
  if (!name) return;
  // Keep the facts the org gave (amount, stage, created instant…): the weekly summary reads them.
  await db.opportunities.put({
    ...before,
    id: input.opportunityId,
    orgKey: input.orgKey,
    name: before?.source === 'api' ? before.name : name,
    ...(createdDate ? { createdDate } : {}),
    source: before?.source ?? 'page',
    seenAt: now,
  });
}

/** Adds a dated touch to an attribution. Evidence is a record of what happened, so the lock does not apply. */
export async function addTouch(
  db: PartnerLedgerDb,
  input: NewTouch & { attributionId: string },
  change: ChangeContext,
): Promise<TouchView> {
  return db.transaction('rw', [db.attributions, db.touches, db.audit, db.settings, db.outbox], async () => {
    const attribution = await db.attributions.get(input.attributionId);
    if (!attribution || attribution.deleted) {
      throw new AppError('not_found', 'That attribution no longer exists, so the touch was not saved.');
    }
    // Touches travel inside their attribution to the org: the attribution gets the new version too.
    const version = await versionNow(db, change);
    const touch = newTouchRow(attribution, input, change, version);
    const existing = await db.touches.where({ attributionId: attribution.id }).toArray();
    if (!touchesFit([...existing, touch])) {
      throw new AppError(
        'too_large',
        'Salesforce has no room for this touch: the evidence of one claim can take up to ' +
          `${TOUCHES_FIELD_LENGTH.toLocaleString('en-US')} characters, and this claim's touches already fill it. ` +
          'Shorten the note or the link, or record the evidence on a new claim. Nothing was saved.',
      );
    }
    const changed: AttributionRow = { ...attribution, version, updatedAt: change.now };
    await db.touches.add(touch);
    await db.attributions.put(changed);
    await enqueue(db, changed, change);
    // Evidence moves influence credit under the first-touch, last-touch, position and custom models.
    await requeueClaimsOf(db, changed.opportunityId, change.now, changed.id, changed.orgKey);
    await db.audit.add({
      at: change.now,
      actor: change.actor,
      entity: 'touch',
      entityId: touch.id,
      opportunityId: attribution.opportunityId,
      action: 'create',
      before: null,
      after: touch,
    });
    return toTouchView(touch);
  });
}

/** Removes an attribution by turning it and its touches into tombstones (kept: removals sync), with audit entries. */
export async function removeAttribution(
  db: PartnerLedgerDb,
  id: string,
  change: ChangeContext,
  options: { reason?: string; createdDate?: string } = {},
): Promise<void> {
  await db.transaction(
    'rw',
    [db.attributions, db.touches, db.opportunities, db.audit, db.settings, db.outbox],
    async () => {
      const before = await db.attributions.get(id);
      if (!before || before.deleted) {
        throw new AppError('not_found', 'That attribution no longer exists. It may have been removed already.');
      }
      const reason = requireReasonIfLocked(
        await knownCreatedDate(db, before.opportunityId, before.orgKey, options.createdDate),
        options.reason?.trim() || undefined,
        change,
      );
      await tombstone(db, before, change, reason);
    },
  );
}

async function tombstone(
  db: PartnerLedgerDb,
  before: AttributionRow,
  change: ChangeContext,
  reason: string | undefined,
) {
  const version = await versionNow(db, change);
  const after: AttributionRow = { ...before, deleted: 1, updatedAt: change.now, version };
  await db.attributions.put(after);
  const touches = await db.touches
    .where({ attributionId: before.id })
    .filter((t) => !t.deleted)
    .toArray();
  await db.touches.bulkPut(touches.map((t) => ({ ...t, deleted: 1 as const, updatedAt: change.now, version })));
  await enqueue(db, after, change);
  await requeueClaimsOf(db, after.opportunityId, change.now, after.id, after.orgKey);
  await db.audit.add({
    at: change.now,
    actor: change.actor,
    entity: 'attribution',
    entityId: before.id,
    opportunityId: before.opportunityId,
    action: 'delete',
    before,
    after,
    ...(reason ? { reason } : {}),
  });
}

/**
 * Settles a dispute: the kept sourced claim stays, the competing ones become tombstones. The audit trail
 * records who decided and why.
 */
export async function resolveDispute(
  db: PartnerLedgerDb,
  input: { opportunityId: string; keepAttributionId: string; reason?: string; createdDate?: string },
  change: ChangeContext,
): Promise<void> {
  await db.transaction(
    'rw',
    [db.attributions, db.touches, db.partners, db.opportunities, db.audit, db.settings, db.outbox],
    async () => {
      // The dispute is within the kept claim's org: another org's claims on the same id are another ledger.
      const orgKey = (await db.attributions.get(input.keepAttributionId))?.orgKey;
      const sourced = orgKey
        ? (await liveRows(db, input.opportunityId, orgKey)).filter((a) => a.kind === 'sourced')
        : [];
      const kept = sourced.find((a) => a.id === input.keepAttributionId);
      if (!kept)
        throw new AppError('not_found', 'That claim no longer exists. Reload the page to see the current claims.');
      if (sourced.length < 2) throw new AppError('not_disputed', 'This opportunity is no longer disputed.');
      const userReason = requireReasonIfLocked(
        await knownCreatedDate(db, input.opportunityId, orgKey, input.createdDate),
        input.reason?.trim() || undefined,
        change,
      );
      const keptPartner = await db.partners.get(kept.partnerId);
      const reason = [
        `Dispute resolved: kept ${keptPartner?.name ?? 'the other claim'} as partner-sourced.`,
        userReason,
      ]
        .filter(Boolean)
        .join(' ');
      for (const loser of sourced.filter((a) => a.id !== kept.id)) await tombstone(db, loser, change, reason);
    },
  );
}

/** How many opportunities carry live attributions, split by kind. */
export async function countAttributions(db: PartnerLedgerDb): Promise<AttributionCounts> {
  const all = new Set<string>();
  const sourced = new Set<string>();
  const influenced = new Set<string>();
  await db.attributions.each((row) => {
    // Claims on leads not converted yet count once they are on an opportunity.
    if (row.deleted || !isIdOf('Opportunity', row.opportunityId)) return;
    // Per org: a sandbox's copy of a production opportunity is another deal in another ledger.
    const deal = `${row.orgKey}|${row.opportunityId}`;
    all.add(deal);
    (row.kind === 'sourced' ? sourced : influenced).add(deal);
  });
  return { opportunities: all.size, sourced: sourced.size, influenced: influenced.size };
}
