// Over 400 lines because the org record's schema and both directions of its mapping (pull and push) must agree
// field by field; splitting them would hide a disagreement.
/**
 * `Partner_Attribution__c` records: reading them as the REST API returns them, and writing them as the
 * upsert sends them. Pure.
 *
 * Reading is forgiving per record and strict per field: a record we cannot read (bad JSON in Touches__c,
 * an unknown kind, no version) is reported as unreadable and skipped, so it never stops a pull and never
 * touches local data. Fields that are only shown (note, link, names) are cleaned rather than refused.
 */
import { z } from '../zod';
import { allocateCents, splitCredit, type CreditRules } from '../attribution/credit';
import { isCalendarDate, utcInstant } from '../attribution/dates';
import { ATTRIBUTION_KINDS, TOUCH_TYPES, type PartnerType, type TouchType } from '../attribution/model';
import { cleanPartnerName, normalizePartnerName } from '../attribution/names';
import { isIdOf, isLeadId, toId18, toLeadId, toOpportunityId } from '../record-id';
import { isPartnerType } from '../roster/partner-input';
import type { AttributionRow, PartnerRow, TouchRow } from '../store/db';
import { parseVersion } from '../time/hlc';
import type { SyncAttribution, SyncTouch } from './merge';
import { mergeTouches } from './merge';
import { ATTRIBUTION_OBJECT, ATTRIBUTION_SELECT } from '../crm/salesforce/org-objects';
import { toOrgTouch, touchesFieldValue } from '../crm/salesforce/touches-field';
import type { OrgAttributionBody } from './types';
import { compareStrings } from '../intl';

// ---------------------------------------------------------------------------------------------------------
// Values as Salesforce writes them

const dateTime = z.string().transform((value, ctx) => {
  const iso = utcInstant(value);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is not a date-time' });
    return z.NEVER;
  }
  return iso;
});

const version = z.string().refine((value) => parseVersion(value) !== undefined, 'is not a Partner Ledger version');

/** Our ids are UUIDs; the field is case-insensitive in the org, so compare in lower case. */
const externalId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a Partner Ledger id')
  .transform((id) => id.toLowerCase());

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));

function isHttpLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A touch inside Touches__c. A type from a newer version of the extension is read as `other`. */
export const orgTouchSchema = z.object({
  id: z.string().min(1).max(64),
  type: z
    .string()
    .transform(
      (type): TouchType => ((TOUCH_TYPES as readonly string[]).includes(type) ? (type as TouchType) : 'other'),
    ),
  date: z.string().refine(isCalendarDate, 'is not a YYYY-MM-DD date'),
  note: text,
  link: z
    .string()
    .nullish()
    .transform((link) => (link && isHttpLink(link) ? link : null)),
  createdAt: z.string(),
  version,
  deleted: z.boolean(),
  by: z.string().optional(),
  deviceId: z.string().optional(),
});

/** Touches__c: JSON text; empty means no touches; anything that is not a JSON array of touches is refused. */
const touchesJson = z
  .string()
  .nullish()
  .transform((value, ctx): unknown => {
    if (!value) return [];
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(orgTouchSchema));

/**
 * A Partner_Attribution__c record as `ATTRIBUTION_SELECT` queries it, checked and cleaned. Unknown keys
 * (`attributes`, fields a newer version selects) are ignored.
 */
export const orgAttributionRecordSchema = z
  .looseObject({
    Id: z.string().nullish(),
    External_Id__c: externalId,
    Opportunity__c: z
      .string()
      .nullable()
      .transform((id, ctx) => {
        if (!id) return null;
        const opportunityId = toOpportunityId(id);
        if (!opportunityId) {
          ctx.addIssue({ code: 'custom', message: 'has no opportunity (it may have been deleted)' });
          return z.NEVER;
        }
        return opportunityId;
      }),
    // Absent from records written before leads were supported, and from orgs that have not deployed the field.
    Lead__c: z
      .string()
      .nullish()
      .transform((id) => (id ? (toLeadId(id) ?? null) : null)),
    Partner_Name__c: text,
    Partner_Key__c: text,
    // Absent from records written before the shared roster (and from orgs without the field): the key names those.
    Partner_Id__c: optionalText,
    Partner_Type__c: optionalText,
    Partner_Account__c: optionalText,
    Kind__c: z.enum(ATTRIBUTION_KINDS),
    Credit__c: z.number().nullish(),
    Note__c: text,
    Window_Override_Reason__c: optionalText,
    Touches__c: touchesJson,
    Deleted__c: z.boolean(),
    Version__c: version,
    Device_Id__c: optionalText,
    Attributed_By__c: optionalText,
    Attributed_At__c: dateTime.nullish(),
    SystemModstamp: dateTime.nullish(),
    LastModifiedBy: z.looseObject({ Name: z.string().nullish() }).nullish(),
    CreatedBy: z.looseObject({ Name: z.string().nullish() }).nullish(),
  })
  .superRefine((record, ctx) => {
    // A claim is on an opportunity, or on a lead not converted yet: with neither, there is nothing to show it on.
    if (!record.Opportunity__c && !record.Lead__c) {
      ctx.addIssue({
        code: 'custom',
        path: ['Opportunity__c'],
        message: 'has no opportunity (it may have been deleted)',
      });
    }
  });

export type OrgAttributionRecordParsed = z.output<typeof orgAttributionRecordSchema>;

/**
 * What to pass to `query`/`queryMore` for attribution records: any object. Each record is then read on
 * its own with `readOrgRecord`, so one unreadable record is skipped instead of failing its whole page.
 */
export const rawAttributionRecordSchema = z.looseObject({});

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A record from the org, ready to merge: the shared state plus what only this copy tells. */
export interface RemoteAttribution {
  state: SyncAttribution;
  remoteId?: string;
  /** ISO; absent only for records that were not queried with it. */
  systemModstamp?: string;
  lastModifiedByName?: string;
  /** Who created the record, as the org records it (absent when not queried). */
  createdByName?: string;
  /** The browser that made the record's version. */
  deviceId: string;
  /** The partner's stable id (`Partner_Id__c`), when the writer knew the shared roster. */
  partnerId?: string;
  partnerType: PartnerType | null;
  partnerAccountId: string | null;
  attributedBy: string | null;
  attributedAt: string | null;
  /** Percent, as the writer computed it. */
  credit: number | null;
  /** The lead the claim was recorded on (`Lead__c`), once it is on an opportunity. */
  leadId?: string;
}

export type ReadResult =
  | { ok: true; record: RemoteAttribution }
  | { ok: false; externalId?: string; remoteId?: string; systemModstamp?: string; field: string; reason: string };

function toSyncTouch(touch: z.output<typeof orgTouchSchema>): SyncTouch {
  return {
    id: touch.id,
    type: touch.type,
    date: touch.date,
    note: touch.note,
    link: touch.link,
    createdAt: touch.createdAt,
    version: touch.version,
    deleted: touch.deleted,
    ...(touch.by ? { by: touch.by } : {}),
    ...(touch.deviceId ? { deviceId: touch.deviceId } : {}),
  };
}

/**
 * The partner as the record names it. The key is the identity; a name that does not normalise to the key
 * (a hand edit in Salesforce) gives way to it, so a partner created from the record is always consistent.
 */
function partnerOf(record: OrgAttributionRecordParsed): { key: string; name: string } | undefined {
  const key = normalizePartnerName(record.Partner_Key__c || record.Partner_Name__c);
  if (!key) return undefined;
  const name = cleanPartnerName(record.Partner_Name__c);
  return { key, name: name && normalizePartnerName(name) === key ? name : cleanPartnerName(key) };
}

/** A checked record as the state the merge works on. */
export function fromOrgRecord(record: OrgAttributionRecordParsed): RemoteAttribution {
  const partner = partnerOf(record);
  if (!partner) throw new RangeError(`Record ${record.External_Id__c} names no partner`);
  const account =
    record.Partner_Account__c && isIdOf('Account', record.Partner_Account__c)
      ? toId18(record.Partner_Account__c)
      : undefined;
  const modifiedBy = record.LastModifiedBy?.Name;
  const createdBy = record.CreatedBy?.Name;
  return {
    state: {
      id: record.External_Id__c,
      // The schema refuses a record with neither.
      opportunityId: (record.Opportunity__c ?? record.Lead__c)!,
      partnerKey: partner.key,
      partnerName: partner.name,
      kind: record.Kind__c,
      note: record.Note__c,
      windowOverrideReason: record.Window_Override_Reason__c,
      deleted: record.Deleted__c,
      version: record.Version__c,
      touches: mergeTouches(record.Touches__c.map(toSyncTouch), []),
    },
    ...(record.Id ? { remoteId: record.Id } : {}),
    ...(record.SystemModstamp ? { systemModstamp: record.SystemModstamp } : {}),
    ...(modifiedBy ? { lastModifiedByName: modifiedBy } : {}),
    ...(createdBy ? { createdByName: createdBy } : {}),
    deviceId: record.Device_Id__c ?? parseVersion(record.Version__c)!.deviceId,
    ...(record.Partner_Id__c ? { partnerId: record.Partner_Id__c } : {}),
    partnerType: isPartnerType(record.Partner_Type__c) ? record.Partner_Type__c : null,
    partnerAccountId: account ?? null,
    attributedBy: record.Attributed_By__c,
    attributedAt: record.Attributed_At__c ?? null,
    credit: record.Credit__c ?? null,
    ...(record.Opportunity__c && record.Lead__c ? { leadId: record.Lead__c } : {}),
  };
}

/** The org field of the first issue (`Touches__c[2].date`), and what is wrong with it, as a sentence. */
function describeIssues(error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0]!;
  const [top, ...rest] = issue.path.map(String);
  const field = `${top ?? 'record'}${rest.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('')}`;
  return { field, reason: `${field} ${issue.message}` };
}

/** Reads one queried record; never throws. */
export function readOrgRecord(raw: unknown): ReadResult {
  const parsed = orgAttributionRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const loose = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const modstamp = typeof loose.SystemModstamp === 'string' ? utcInstant(loose.SystemModstamp) : undefined;
    return {
      ok: false,
      ...(typeof loose.External_Id__c === 'string' ? { externalId: loose.External_Id__c } : {}),
      ...(typeof loose.Id === 'string' ? { remoteId: loose.Id } : {}),
      ...(modstamp ? { systemModstamp: modstamp } : {}),
      ...describeIssues(parsed.error),
    };
  }
  if (!partnerOf(parsed.data)) {
    return {
      ok: false,
      externalId: parsed.data.External_Id__c,
      ...(parsed.data.Id ? { remoteId: parsed.data.Id } : {}),
      ...(parsed.data.SystemModstamp ? { systemModstamp: parsed.data.SystemModstamp } : {}),
      field: 'Partner_Key__c',
      reason: 'Partner_Key__c and Partner_Name__c are empty',
    };
  }
  return { ok: true, record: fromOrgRecord(parsed.data) };
}

// ---------------------------------------------------------------------------------------------------------
// Local rows as sync state

/**
 * The external id of a local row in its org (`External_Id__c`): its id, unless another org's row here holds
 * that id (a sandbox copied from production), when the row keeps the record's own in `externalId`.
 */
export function externalIdOf(row: Pick<AttributionRow, 'id' | 'externalId'>): string {
  return row.externalId ?? row.id;
}

/** A local attribution with its touches (tombstones included) and its partner, as the merge sees it. */
export function toSyncAttribution(
  attribution: AttributionRow,
  touches: readonly TouchRow[],
  partner: Pick<PartnerRow, 'name' | 'normalizedName'> | undefined,
): SyncAttribution {
  return {
    id: externalIdOf(attribution),
    opportunityId: attribution.opportunityId,
    partnerKey: partner?.normalizedName ?? '',
    partnerName: partner?.name ?? '',
    kind: attribution.kind,
    note: attribution.note,
    windowOverrideReason: attribution.windowOverrideReason || null,
    deleted: attribution.deleted === 1,
    version: attribution.version,
    touches: mergeTouches(touches.filter((touch) => touch.attributionId === attribution.id).map(orgTouch), []),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** A share of 0..1 as the percentage Credit__c holds (two decimals). */
export function toPercent(share: number): number {
  return Math.round(share * 10_000) / 100;
}

/**
 * This attribution's credit share (0..1) among the live attributions of its opportunity, under the team's
 * rules; 0 for a removed one. `live` are the opportunity's live attributions with their live touches.
 */
export function creditShareOf(
  attribution: Pick<AttributionRow, 'id' | 'deleted'>,
  live: readonly {
    row: Pick<AttributionRow, 'id' | 'partnerId' | 'kind'>;
    touches: readonly Pick<TouchRow, 'type' | 'date'>[];
  }[],
  rules: CreditRules,
): number {
  if (attribution.deleted) return 0;
  const shares = splitCredit(
    live.map(({ row, touches }) => ({ id: row.id, partnerId: row.partnerId, kind: row.kind, touches })),
    rules,
  );
  return shares.find((share) => share.attributionId === attribution.id)?.share ?? 0;
}

/**
 * Credited_Amount__c of each live claim of one opportunity, by attribution id: the opportunity's amount split by
 * the claims' credit shares, each kind on its own, in cents that add up exactly to the amount
 * (`allocateCents`). A disputed opportunity's sourced claims get 0 (their share is 0). Undefined when the amount
 * is not known (never fetched, or empty in the org): the field is then left blank.
 */
export function creditedAmountsOf(
  live: readonly {
    row: Pick<AttributionRow, 'id' | 'partnerId' | 'kind'>;
    touches: readonly Pick<TouchRow, 'type' | 'date'>[];
  }[],
  amount: number | null | undefined,
  rules: CreditRules,
): Map<string, number> | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined;
  const totalCents = Math.round(amount * 100);
  if (!Number.isSafeInteger(totalCents)) return undefined;
  const shares = splitCredit(
    live.map(({ row, touches }) => ({ id: row.id, partnerId: row.partnerId, kind: row.kind, touches })),
    rules,
  );
  const amounts = new Map<string, number>();
  for (const kind of ATTRIBUTION_KINDS) {
    const ofKind = shares.filter((share) => live.find(({ row }) => row.id === share.attributionId)?.row.kind === kind);
    if (ofKind.length === 0) continue;
    const parts = ofKind.some((share) => share.share > 0)
      ? allocateCents(
          totalCents,
          ofKind.map((share) => share.share),
        )
      : ofKind.map(() => 0);
    for (const [i, share] of ofKind.entries()) amounts.set(share.attributionId, parts[i]! / 100);
  }
  return amounts;
}

/** A stored touch as it travels in `Touches__c` and takes part in merges. */
function orgTouch(touch: TouchRow): SyncTouch {
  const { type, ...rest } = toOrgTouch(touch);
  return { ...rest, type: touch.type };
}

/**
 * The upsert body for one attribution: the claim, its partner as this browser's roster knows it, and every
 * touch, tombstones included, so removals travel too. `creditShare` (0..1, null when unknown) is written as
 * a percentage. Device_Id__c names the browser that made the version, whoever sends it. A claim on a lead not
 * converted yet has Lead__c and no Opportunity__c; a carried claim keeps its Lead__c beside the opportunity.
 * `creditedAmount` is Amount x Credit in the record's currency (null when the amount is unknown, and on a lead).
 */
export function toOrgRecord(
  attribution: AttributionRow,
  touches: readonly TouchRow[],
  partner: Pick<PartnerRow, 'id' | 'name' | 'normalizedName' | 'type' | 'accountId'>,
  creditShare: number | null,
  creditedAmount: number | null = null,
): OrgAttributionBody {
  const own = touches
    .filter((touch) => touch.attributionId === attribution.id)
    .sort((a, b) => compareStrings(a.id, b.id));
  const live = own.filter((touch) => !touch.deleted);
  const lastTouch = live.reduce<string | null>(
    (last, touch) => (last === null || touch.date > last ? touch.date : last),
    null,
  );
  const onLead = isLeadId(attribution.opportunityId);
  return {
    attributes: { type: ATTRIBUTION_OBJECT },
    External_Id__c: externalIdOf(attribution),
    Opportunity__c: onLead ? null : attribution.opportunityId,
    Lead__c: onLead ? attribution.opportunityId : (attribution.leadId ?? null),
    Partner_Name__c: partner.name,
    Partner_Key__c: partner.normalizedName,
    Partner_Id__c: partner.id,
    Partner_Type__c: partner.type,
    Partner_Account__c: partner.accountId,
    Kind__c: attribution.kind,
    Credit__c: creditShare === null ? null : toPercent(creditShare),
    Credited_Amount__c: onLead ? null : creditedAmount,
    Note__c: attribution.note || null,
    Window_Override_Reason__c: attribution.windowOverrideReason || null,
    Touches__c: touchesFieldValue(own),
    Last_Touch_Date__c: lastTouch,
    Touch_Count__c: live.length,
    Deleted__c: attribution.deleted === 1,
    Version__c: attribution.version,
    Device_Id__c: parseVersion(attribution.version)?.deviceId ?? attribution.createdBy.deviceId,
    Attributed_By__c: attribution.createdBy.userName ?? null,
    Attributed_At__c: attribution.createdAt,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Queries

/**
 * How far before the cursor each incremental pull starts. Salesforce compares SystemModstamp to the second
 * and a record being saved while we query can appear later with an earlier stamp, so each pull reads the last
 * minute again; the merge makes reading a record twice harmless.
 */
export const PULL_OVERLAP_MS = 60_000;

/** A SOQL date-time literal, to the second (`2026-11-20T10:00:00Z`), never later than the instant. */
export function soqlDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: ${iso}`);
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** The incremental pull: every record changed since the cursor (less the overlap), oldest change first. */
export function pullQuery(cursor: string | undefined): string {
  const since = cursor
    ? ` WHERE SystemModstamp >= ${soqlDateTime(new Date(Date.parse(cursor) - PULL_OVERLAP_MS).toISOString())}`
    : '';
  return `SELECT ${ATTRIBUTION_SELECT.join(', ')} FROM ${ATTRIBUTION_OBJECT}${since} ORDER BY SystemModstamp, Id`;
}
