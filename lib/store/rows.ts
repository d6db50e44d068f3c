import { z } from '../zod';
import { ATTRIBUTION_KINDS, LIMITS, PARTNER_TYPES, TOUCH_TYPES } from '../attribution/model';
import { normalizePartnerName } from '../attribution/names';
import { isIdOf, KEY_PREFIXES, toId18, type KnownObject } from '../crm/salesforce/record-id';
import type { Clock } from '../sync/hlc';
import type {
  AttributionRow,
  AuditRow,
  OpportunityRow,
  OutboxRow,
  PartnerRow,
  SettingRow,
  SummaryRow,
  SyncStateRow,
  TouchRow,
  WeekTotalRow,
} from './db';

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

/** An 18-character Salesforce id of a record of any object (our custom object's prefix differs by org). */
function anySalesforceId() {
  const message = 'must be an 18-character Salesforce record id';
  return z.string(says(message)).refine((id) => id.length === 18 && toId18(id) === id, message);
}

const orgKey = z.string(says('must be text')).regex(/^[a-z0-9-]{1,80}$/i, 'must be a My Domain name or org id');

/** The longest version the org stores (`Version__c`). */
export const MAX_VERSION_LENGTH = 60;

const versionMessage = `must be a version written <15-digit time>:<5-digit counter>:<device id>, at most ${MAX_VERSION_LENGTH} characters`;

/** A hybrid logical clock version (lib/sync/hlc.ts): the higher one wins when two copies of a row meet. */
const version = z
  .string(says(versionMessage))
  .regex(/^\d{15}:\d{5}:.+$/, versionMessage)
  .max(MAX_VERSION_LENGTH, versionMessage);

/** How many of something: a whole number from 0. */
const count = z.int(says('must be a whole number')).nonnegative('must be a whole number from 0');

/** Names as the org reports them (a user's full name is up to 121 characters, a picklist value 255). */
const orgText = nonEmptyText(255);

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
    version,
    remoteId: anySalesforceId().optional(),
    lastModifiedByName: orgText.optional(),
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
    version,
  },
  says('must be an object'),
);

const currencyMessage = 'must be a three-letter currency code such as USD, or null';
const probabilityMessage = 'must be a number from 0 to 100, or null';

export const opportunityRowSchema = z.strictObject(
  {
    id: salesforceId('Opportunity'),
    orgKey,
    name: nonEmptyText(LIMITS.opportunityName),
    createdDate: calendarDate.optional(),
    createdAt: timestamp.optional(),
    source: z.enum(['page', 'api'], says(`must be ${quoted(['page', 'api'])}`)),
    seenAt: timestamp,
    amount: z.number(says('must be a number, or null')).nullable().optional(),
    currency: z.string(says(currencyMessage)).regex(/^[A-Z]{3}$/, currencyMessage).nullable().optional(),
    stage: orgText.optional(),
    closeDate: calendarDate.optional(),
    probability: z
      .number(says(probabilityMessage))
      .min(0, probabilityMessage)
      .max(100, probabilityMessage)
      .nullable()
      .optional(),
    forecastCategory: orgText.nullable().optional(),
    isClosed: z.boolean(says('must be true or false')).optional(),
    isWon: z.boolean(says('must be true or false')).optional(),
    ownerId: salesforceId('User').optional(),
    ownerName: orgText.optional(),
    fetchedAt: timestamp.optional(),
    attributionsPulledAt: timestamp.optional(),
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

/** The `clock` setting (lib/store/clock.ts): what the versions written here start from. */
export const clockSchema = z.strictObject({
  wallMs: z.int().nonnegative().max(999_999_999_999_999),
  counter: z.int().nonnegative().max(99_999),
});

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
    // The clock stamps the version of every change made here: a malformed one would stamp malformed versions.
    if (row.key === 'clock' && !clockSchema.safeParse(row.value).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'must be this browser’s clock, { wallMs, counter }: whole numbers of at most 15 and 5 digits',
      });
    }
  });

/** A stored outbox entry: as `OutboxRow`, with its sequence number. */
export type StoredOutboxRow = OutboxRow & { seq: number };

export const outboxRowSchema = z.strictObject(
  {
    /** Required here although optional on `OutboxRow`: a stored entry always has its number. */
    seq: z.int(says('must be a whole number')).positive('must be a whole number from 1'),
    orgKey,
    attributionId: uuid,
    version,
    queuedAt: timestamp,
  },
  says('must be an object'),
);

export const syncStateRowSchema = z.strictObject(
  {
    orgKey,
    /** Opaque to us: the org's own timestamp (`SystemModstamp`), kept as the org wrote it. */
    pullCursor: nonEmptyText(40).optional(),
    lastPullAt: timestamp.optional(),
    lastPushAt: timestamp.optional(),
    usage: z
      .strictObject({ used: count, limit: count, at: timestamp }, says('must be an object with used, limit and at'))
      .optional(),
    stoppedReason: nonEmptyText(LIMITS.reason).optional(),
    retryAt: timestamp.optional(),
    failures: count.optional(),
    // The org's own words, which can run long.
    lastError: nonEmptyText(10_000).optional(),
  },
  says('must be an object'),
);

// The weekly summary ------------------------------------------------------------------------------------

const cents = z.int(says('must be a whole number of cents'));
const currencyKey = z.string(says('must be a currency code')).regex(/^(?:[A-Z]{3}|unknown)$/, 'must be a three-letter currency code such as USD, or unknown');
const share = z.number(says('must be a share from 0 to 1, or null')).min(0).nullable();

const currencyFiguresSchema = z.strictObject(
  {
    currency: currencyKey,
    sourcedPipelineCents: cents,
    sourcedOpportunities: count,
    influencedPipelineCents: cents,
    influencedOpportunities: count,
    sourcedWonCents: cents,
    sourcedWonOpportunities: count,
    influencedWonCents: cents,
    influencedWonOpportunities: count,
    newPipelineCents: cents.nullable(),
    sourcedShare: share,
  },
  says('must be an object'),
);

const weekFiguresSchema = z.strictObject(
  {
    weekKey: calendarDate,
    byCurrency: z.array(currencyFiguresSchema, says('must be a list')),
    converted: currencyFiguresSchema
      .extend({ ratesAsOf: timestamp, excludedCurrencies: z.array(currencyKey, says('must be a list')) })
      .optional(),
  },
  says('must be an object'),
);

const partnerLineSchema = z.strictObject(
  {
    partnerId: uuid,
    partnerName: nonEmptyText(LIMITS.partnerName),
    currency: currencyKey,
    sourcedPipelineCents: cents,
    sourcedOpportunities: count,
    influencedPipelineCents: cents,
    influencedOpportunities: count,
    sourcedWonCents: cents,
    influencedWonCents: cents,
  },
  says('must be an object'),
);

const dealLineSchema = z.strictObject(
  {
    opportunityId: salesforceId('Opportunity'),
    name: nonEmptyText(LIMITS.opportunityName),
    amountCents: cents.nullable(),
    currency: currencyKey,
    kinds: z.array(z.enum(ATTRIBUTION_KINDS, says(`must be ${quoted(ATTRIBUTION_KINDS)}`)), says('must be a list')),
    partnerNames: z.array(nonEmptyText(LIMITS.partnerName), says('must be a list')),
    disputed: z.literal(true).optional(),
    stage: orgText.optional(),
  },
  says('must be an object'),
);

export const summaryRowSchema = z.strictObject(
  {
    orgKey,
    weekKey: calendarDate,
    frozenAt: timestamp,
    figures: weekFiguresSchema,
    byPartner: z.array(partnerLineSchema, says('must be a list')),
    deals: z.array(dealLineSchema, says('must be a list')),
    userId: salesforceId('User').optional(),
    synced: z.union([z.literal(0), z.literal(1)], says('must be 0 or 1')),
    remoteIds: z.record(currencyKey, nonEmptyText(18)).optional(),
    lastSyncError: nonEmptyText(10_000).optional(),
  },
  says('must be an object'),
);

export const weekTotalRowSchema = z.strictObject(
  {
    orgKey,
    weekKey: calendarDate,
    byCurrency: z.record(currencyKey, cents),
    opportunities: count,
    fetchedAt: timestamp,
    final: z.boolean(says('must be true or false')),
  },
  says('must be an object'),
);

/** The user's data: what a backup holds and a restore replaces. */
export const dataRowSchemas = {
  partners: partnerRowSchema,
  attributions: attributionRowSchema,
  touches: touchRowSchema,
  opportunities: opportunityRowSchema,
  audit: auditRowSchema,
  settings: settingRowSchema,
  summaries: summaryRowSchema,
} as const;

/** Sync machinery: rebuilt from the data (outbox) or from the org (sync state), so never backed up. */
export const syncRowSchemas = {
  outbox: outboxRowSchema,
  syncState: syncStateRowSchema,
  weekTotals: weekTotalRowSchema,
} as const;

/** One schema per table of the current schema version, by table name. */
export const rowSchemas = { ...dataRowSchemas, ...syncRowSchemas } as const;

export type TableName = keyof typeof rowSchemas;
export type DataTableName = keyof typeof dataRowSchemas;

/** Every table of the current schema. */
export const TABLE_NAMES = Object.keys(rowSchemas) as TableName[];

/** The tables of the user's data, in the order backups list them. */
export const DATA_TABLE_NAMES = Object.keys(dataRowSchemas) as DataTableName[];

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
  Expect<Same<z.infer<typeof outboxRowSchema>, StoredOutboxRow>>,
  Expect<Same<z.infer<typeof syncStateRowSchema>, SyncStateRow>>,
  Expect<Same<z.infer<typeof clockSchema>, Clock>>,
  Expect<Same<z.infer<typeof summaryRowSchema>, SummaryRow>>,
  Expect<Same<z.infer<typeof weekTotalRowSchema>, WeekTotalRow>>,
];
