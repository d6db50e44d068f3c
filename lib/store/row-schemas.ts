import { z } from 'zod';
import { ATTRIBUTION_KINDS, LIMITS, PARTNER_TYPES, TOUCH_TYPES } from '../attribution/model';
import { normalizePartnerName } from '../attribution/names';
import { isIdOf, KEY_PREFIXES, toId18, type KnownObject } from '../crm/salesforce/record-id';
import type { AttributionRow, AuditRow, OpportunityRow, PartnerRow, SettingRow, TouchRow } from './db';

// Extension pages and the service worker forbid eval by CSP: tell Zod not to probe for it.
z.config({ jitless: true });

/**
 * The rows of the current schema as Zod schemas. A backup is checked against them before it may replace
 * anything, and the migration tests check upgraded rows with them, so a row that passes here is one the
 * rest of the extension can trust. Messages complete a sentence that starts with the row's place
 * ("attributions[12].kind: must be 'sourced' or 'influenced'").
 */

interface IssueInfo {
  code: string;
  input?: unknown;
}

/** The message for a field: "is missing" when absent, else `text`. Unknown keys keep their own wording. */
function says(text: string) {
  return {
    error: (issue: IssueInfo) =>
      issue.input === undefined ? 'is missing' : issue.code === 'unrecognized_keys' ? undefined : text,
  };
}

function quoted(values: readonly string[]): string {
  const items = values.map((v) => `'${v}'`);
  return items.length <= 2 ? items.join(' or ') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const uuid = z.uuid(says('must be a UUID'));

const timestamp = z.iso.datetime(says('must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z'));

/** An ISO timestamp in UTC, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = timestamp;

const calendarDate = z.iso.date(says('must be a calendar date written YYYY-MM-DD, such as 2026-11-20'));

function text(max: number) {
  return z.string(says('must be text')).max(max, `must be at most ${max.toLocaleString('en-US')} characters`);
}

function nonEmptyText(max: number) {
  return text(max).min(1, 'must not be empty');
}

/** An 18-character Salesforce id of one object: the form we always store. */
function salesforceId(object: KnownObject) {
  const message = `must be an 18-character ${object} id (starting ${KEY_PREFIXES[object]})`;
  return z.string(says(message)).refine((id) => isIdOf(object, id) && toId18(id) === id, message);
}

const orgKey = z.string(says('must be text')).regex(/^[a-z0-9-]{1,80}$/i, 'must be a My Domain name or org id');

const deleted = z.literal([0, 1], says('must be 0 or 1'));

const actorSchema = z.strictObject(
  {
    deviceId: uuid,
    userId: salesforceId('User').optional(),
    userName: nonEmptyText(LIMITS.partnerName).optional(),
  },
  says('must be an object with a deviceId'),
);

export const partnerRowSchema = z
  .strictObject(
    {
      id: uuid,
      name: nonEmptyText(LIMITS.partnerName),
      normalizedName: nonEmptyText(LIMITS.partnerName),
      type: z.enum(PARTNER_TYPES, says(`must be null or one of ${quoted(PARTNER_TYPES)}`)).nullable(),
      tier: nonEmptyText(LIMITS.partnerTier).nullable(),
      accountId: salesforceId('Account').nullable(),
      active: z.boolean(says('must be true or false')),
      createdAt: timestamp,
      updatedAt: timestamp,
    },
    says('must be an object'),
  )
  .superRefine((row, ctx) => {
    // The unique index is on normalizedName: a mismatch would let the same partner in twice.
    const expected = normalizePartnerName(row.name);
    if (row.normalizedName !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['normalizedName'],
        message: `must be the normalised form of the name ('${expected}')`,
      });
    }
  });

export const attributionRowSchema = z.strictObject(
  {
    id: uuid,
    orgKey,
    opportunityId: salesforceId('Opportunity'),
    partnerId: uuid,
    kind: z.enum(ATTRIBUTION_KINDS, says(`must be ${quoted(ATTRIBUTION_KINDS)}`)),
    note: text(LIMITS.note),
    windowOverrideReason: nonEmptyText(LIMITS.reason).optional(),
    createdBy: actorSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
    deleted,
  },
  says('must be an object'),
);

const httpLink = z
  .url({ protocol: /^https?$/, ...says('must be an http or https address') })
  .max(LIMITS.link, `must be at most ${LIMITS.link.toLocaleString('en-US')} characters`);

export const touchRowSchema = z.strictObject(
  {
    id: uuid,
    attributionId: uuid,
    opportunityId: salesforceId('Opportunity'),
    type: z.enum(TOUCH_TYPES, says(`must be one of ${quoted(TOUCH_TYPES)}`)),
    date: calendarDate,
    note: text(LIMITS.note),
    link: httpLink.nullable(),
    createdBy: actorSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
    deleted,
  },
  says('must be an object'),
);

export const opportunityRowSchema = z.strictObject(
  {
    id: salesforceId('Opportunity'),
    orgKey,
    name: nonEmptyText(LIMITS.opportunityName),
    createdDate: calendarDate.optional(),
    source: z.enum(['page', 'api'], says(`must be ${quoted(['page', 'api'])}`)),
    seenAt: timestamp,
  },
  says('must be an object'),
);

/** Any value, but there must be one: `null` says "none", an absent field says the row is incomplete. */
const present = z.unknown().refine((value): boolean => value !== undefined, 'is missing');

export const auditRowSchema = z.strictObject(
  {
    /** Required here although optional on `AuditRow`: a stored entry always has its number. */
    seq: z.int(says('must be a whole number')).positive('must be a whole number from 1'),
    at: timestamp,
    actor: actorSchema,
    entity: z.enum(['attribution', 'partner', 'touch'], says(`must be ${quoted(['attribution', 'partner', 'touch'])}`)),
    entityId: uuid,
    opportunityId: salesforceId('Opportunity').optional(),
    action: z.enum(['create', 'update', 'delete'], says(`must be ${quoted(['create', 'update', 'delete'])}`)),
    /** The entity before and after the change; `before` is null for a creation. */
    before: present,
    after: present,
    reason: nonEmptyText(LIMITS.reason).optional(),
  },
  says('must be an object'),
);

export const settingRowSchema = z
  .strictObject(
    {
      key: nonEmptyText(100),
      value: present,
    },
    says('must be an object'),
  )
  .superRefine((row, ctx) => {
    // The device id names the author of every change made in this browser.
    if (row.key === 'deviceId' && !uuid.safeParse(row.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a UUID (this browser’s device id)' });
    }
  });

/** One schema per table of the current schema version, by table name. */
export const rowSchemas = {
  partners: partnerRowSchema,
  attributions: attributionRowSchema,
  touches: touchRowSchema,
  opportunities: opportunityRowSchema,
  audit: auditRowSchema,
  settings: settingRowSchema,
} as const;

export type TableName = keyof typeof rowSchemas;

export const TABLE_NAMES = Object.keys(rowSchemas) as TableName[];

/** A stored audit entry: as `AuditRow`, with its sequence number. */
export type StoredAuditRow = AuditRow & { seq: number };

// The schemas and the row types in db.ts must describe the same rows: any drift is a type error here.
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
type Expect<T extends true> = T;
export type RowSchemasMatchRowTypes = [
  Expect<Same<z.infer<typeof partnerRowSchema>, PartnerRow>>,
  Expect<Same<z.infer<typeof attributionRowSchema>, AttributionRow>>,
  Expect<Same<z.infer<typeof touchRowSchema>, TouchRow>>,
  Expect<Same<z.infer<typeof opportunityRowSchema>, OpportunityRow>>,
  Expect<Same<z.infer<typeof auditRowSchema>, StoredAuditRow>>,
  Expect<Same<z.infer<typeof settingRowSchema>, SettingRow>>,
];
