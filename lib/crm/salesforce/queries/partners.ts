/**
 * The team's partner roster in the org: `Partner_Ledger_Partner__c` (salesforce/README.md, "Partner roster"),
 * one record per partner, upserted by `External_Id__c` (the partner's stable id) with sObject Collections, up to
 * 200 records a call (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm),
 * and read incrementally by SystemModstamp like the attributions (docs/sync.md). Everything read is untrusted:
 * each record is checked on its own, and one that fails is refused without stopping the others.
 */
import { z } from '../../../zod';
import { PARTNER_TYPES, type PartnerType } from '../../../attribution/model';
import { utcInstant } from '../../../attribution/dates';
import { cleanPartnerName, normalizePartnerName } from '../../../attribution/names';
import { isIdOf, toId18 } from '../../../record-id';
import { FIELD_LIMITS } from '../field-limits.generated';
import { soqlDateTime, quote } from '../soql';

export const PARTNER_OBJECT = 'Partner_Ledger_Partner__c';
/** The partner's stable id: the local partner id, which attributions carry in Partner_Id__c. */
export const PARTNER_EXTERNAL_ID = 'External_Id__c';

export const PARTNER_FIELDS = {
  name: 'Name',
  key: 'Partner_Key__c',
  type: 'Type__c',
  tier: 'Tier__c',
  active: 'Active__c',
  account: 'Account__c',
} as const;

/** A custom object's Name is a Text(80) field (Salesforce Help, "Custom Object Name Field"). */
export const PARTNER_NAME_LENGTH = 80;
const KEY_LENGTH = FIELD_LIMITS[PARTNER_OBJECT].Partner_Key__c.length;
const TIER_LENGTH = FIELD_LIMITS[PARTNER_OBJECT].Tier__c.length;

/** sObject Collections take at most 200 records a call. */
export const PARTNER_BATCH = 200;

/** Like the attribution pull, each pull reads the last minute again: SystemModstamp is compared to the second. */
export const ROSTER_PULL_OVERLAP_MS = 60_000;

const SELECT = ['Id', PARTNER_EXTERNAL_ID, ...Object.values(PARTNER_FIELDS), 'SystemModstamp'];

const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** Every partner changed since the cursor (less the overlap), oldest change first; the whole roster without one. */
export function rosterPullQuery(cursor: string | undefined): string {
  const since = cursor
    ? ` WHERE SystemModstamp >= ${soqlDateTime(wholeSecond(Date.parse(cursor) - ROSTER_PULL_OVERLAP_MS))}`
    : '';
  return `SELECT ${SELECT.join(', ')} FROM ${PARTNER_OBJECT}${since} ORDER BY SystemModstamp, Id`;
}

/** The org's partners with these keys: who holds a name this browser could not create (DUPLICATE_VALUE). */
export function partnersByKeyQuery(keys: readonly string[]): string {
  return `SELECT ${SELECT.join(', ')} FROM ${PARTNER_OBJECT} WHERE ${PARTNER_FIELDS.key} IN (${keys.map(quote).join(', ')})`;
}

/** What `query` checks a page against: any object; each record is then read on its own. */
export const rawPartnerRecordSchema = z.looseObject({});

const uuid = z.uuid('must be a Partner Ledger id (a UUID)');
const nameText = z.string('must be text').transform(cleanPartnerName).pipe(z.string().min(1, 'is empty'));

/** A record as the REST API returns it, checked field by field. */
export const orgPartnerRecordSchema = z.looseObject({
  Id: z.string().nullish(),
  External_Id__c: uuid,
  Name: nameText.pipe(z.string().max(PARTNER_NAME_LENGTH, `is longer than ${PARTNER_NAME_LENGTH} characters`)),
  Partner_Key__c: z.string().max(KEY_LENGTH).nullish(),
  Type__c: z.enum(PARTNER_TYPES, `must be one of ${PARTNER_TYPES.join(', ')}`).nullish(),
  Tier__c: z.string().max(TIER_LENGTH).nullish(),
  Active__c: z.boolean('must be true or false'),
  Account__c: z
    .string()
    .nullish()
    .refine((id) => !id || isIdOf('Account', id), 'must be an Account id'),
  // The REST API writes date-times as `2026-11-20T10:00:00.000+0000`.
  SystemModstamp: z.string().transform((value, ctx) => {
    const iso = utcInstant(value);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: 'must be a date and time' });
      return z.NEVER;
    }
    return iso;
  }),
});

/** A partner as the org's roster holds it. */
export interface OrgPartner {
  id: string;
  name: string;
  normalizedName: string;
  type: PartnerType | null;
  tier: string | null;
  accountId: string | null;
  active: boolean;
  systemModstamp: string;
  remoteId?: string;
}

export type ReadPartnerResult =
  | { ok: true; partner: OrgPartner }
  | { ok: false; externalId?: string; remoteId?: string; systemModstamp?: string; field: string; reason: string };

/**
 * The key of a record. A rename typed in Salesforce changes Name and leaves Partner_Key__c behind, so the name
 * decides; only a name cut to the 80 characters of Name keeps the longer key it starts.
 */
function keyOf(name: string, storedKey: string | null | undefined): string {
  const fromName = normalizePartnerName(name);
  const stored = storedKey ? normalizePartnerName(storedKey) : '';
  if (stored && name.length === PARTNER_NAME_LENGTH && stored.startsWith(fromName)) return stored;
  return fromName;
}

/** Reads one queried record; never throws. */
export function readPartnerRecord(raw: unknown): ReadPartnerResult {
  const parsed = orgPartnerRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const loose = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'record';
    return {
      ok: false,
      ...(typeof loose.External_Id__c === 'string' ? { externalId: loose.External_Id__c } : {}),
      ...(typeof loose.Id === 'string' ? { remoteId: loose.Id } : {}),
      ...(typeof loose.SystemModstamp === 'string' ? { systemModstamp: loose.SystemModstamp } : {}),
      field,
      reason: `${field} ${issue.message}`,
    };
  }
  const record = parsed.data;
  const tier = record.Tier__c ? cleanPartnerName(record.Tier__c) : '';
  return {
    ok: true,
    partner: {
      id: record.External_Id__c.toLowerCase(),
      name: record.Name,
      normalizedName: keyOf(record.Name, record.Partner_Key__c),
      type: record.Type__c ?? null,
      tier: tier || null,
      accountId: record.Account__c ? (toId18(record.Account__c) ?? null) : null,
      active: record.Active__c,
      systemModstamp: record.SystemModstamp,
      ...(record.Id ? { remoteId: record.Id } : {}),
    },
  };
}

/** The partner fields a record is made of. */
export interface PartnerFields {
  id: string;
  name: string;
  normalizedName: string;
  type: PartnerType | null;
  tier: string | null;
  accountId: string | null;
  active: boolean;
}

/** The upsert body of one partner. Name holds the first 80 characters; the key keeps the whole name. */
export type OrgPartnerBody = {
  attributes: { type: typeof PARTNER_OBJECT };
  External_Id__c: string;
  Name: string;
  Partner_Key__c: string;
  Type__c: PartnerType | null;
  Tier__c: string | null;
  Active__c: boolean;
  Account__c: string | null;
};

export function toPartnerRecord(partner: PartnerFields): OrgPartnerBody {
  return {
    attributes: { type: PARTNER_OBJECT },
    External_Id__c: partner.id,
    Name: partner.name.slice(0, PARTNER_NAME_LENGTH).trimEnd(),
    Partner_Key__c: partner.normalizedName,
    Type__c: partner.type,
    Tier__c: partner.tier,
    Active__c: partner.active,
    Account__c: partner.accountId,
  };
}

/** A write refused because another record holds this unique value (Partner_Key__c): another partner's name. */
export function isDuplicateValue(errors: readonly { statusCode?: string }[]): boolean {
  return errors.some((error) => error.statusCode === 'DUPLICATE_VALUE');
}
