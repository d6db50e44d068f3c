// Over 400 lines because every table's row schema is here, so the stored shape is read in one place.
import { z } from '../zod';
import { SUMMARY_SCOPES } from '../attribution/summary-scope';
import { ATTRIBUTION_KINDS, LIMITS, PARTNER_TYPES, TOUCH_TYPES } from '../attribution/model';
import { legacyPartnerKey, normalizePartnerName } from '../attribution/names';
import { FIELD_LIMITS } from '../crm/salesforce/field-limits.generated';
import { isIdOf, KEY_PREFIXES, toId18, type KnownObject } from '../record-id';
import { HIDEABLE_FACT_FIELDS } from '../crm/salesforce/field-access';

/**
 * The rows of the current schema: one Zod schema per table, and the row types inferred from them, so a
 * row's shape is written down once. A backup is checked against these schemas before it may replace
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

/**
 * The record an attribution is made on: an 18-character opportunity id, or a lead id for a claim recorded before
 * the lead was converted (docs/leads.md).
 */
function dealRecordId() {
  const prefixes = `${KEY_PREFIXES.Opportunity} or ${KEY_PREFIXES.Lead}`;
  const message = `must be an 18-character Opportunity or Lead id (starting ${prefixes})`;
  return z
    .string(says(message))
    .refine((id) => (isIdOf('Opportunity', id) || isIdOf('Lead', id)) && toId18(id) === id, message);
}

/** An 18-character Salesforce id of a record of any object (our custom object's prefix differs by org). */
function anySalesforceId() {
  const message = 'must be an 18-character Salesforce record id';
  return z.string(says(message)).refine((id) => id.length === 18 && toId18(id) === id, message);
}

const orgKey = z.string(says('must be text')).regex(/^[a-z0-9-]{1,80}$/i, 'must be a My Domain name or org id');

/** The longest version the org stores (`Version__c`). */
export const MAX_VERSION_LENGTH = FIELD_LIMITS.Partner_Attribution__c.Version__c.length;

const versionMessage =
  `must be a version written <15-digit time>:<5-digit counter>:<device id>, at most ` +
  `${MAX_VERSION_LENGTH} characters`;

/** A hybrid logical clock version (lib/time/hlc.ts): the higher one wins when two copies of a row meet. */
const version = z
  .string(says(versionMessage))
  .regex(/^\d{15}:\d{5}:.+$/, versionMessage)
  .max(MAX_VERSION_LENGTH, versionMessage);

/** How many of something: a whole number from 0. */
const count = z.int(says('must be a whole number')).nonnegative('must be a whole number from 0');

/** Names as the org reports them (a user's full name is up to 121 characters, a picklist value 255). */
const orgText = nonEmptyText(255);

const deleted = z.literal([0, 1], says('must be 0 or 1'));

/** Who made a change: this browser's device id, and the Salesforce user once connected. */
export const actorSchema = z.strictObject(
  {
    deviceId: uuid,
    userId: salesforceId('User').optional(),
    userName: nonEmptyText(LIMITS.userName).optional(),
  },
  says('must be an object with a deviceId'),
);

export type Actor = z.infer<typeof actorSchema>;

export const partnerRowSchema = z
  .strictObject(
    {
      id: uuid,
      name: nonEmptyText(LIMITS.partnerName),
      /** Case-, accent- and space-insensitive form of the name; unique. */
      normalizedName: nonEmptyText(LIMITS.partnerName),
      /** Null for partners created from a free-text tag before the roster existed. */
      type: z.enum(PARTNER_TYPES, says(`must be null or one of ${quoted(PARTNER_TYPES)}`)).nullable(),
      /** Program tier as the team names it ("Gold", "Tier 1"); null when not tiered. */
      tier: nonEmptyText(LIMITS.partnerTier).nullable(),
      /** The partner's Account in Salesforce (18 characters), when known. */
      accountId: salesforceId('Account').nullable(),
      /** Inactive partners keep their attributions but are no longer offered for new ones. */
      active: z.boolean(says('must be true or false')),
      createdAt: timestamp,
      updatedAt: timestamp,
      /**
       * The `updatedAt` the org's roster last agreed with (pushed or pulled): a row whose `updatedAt` differs has
       * a change the org has not seen yet. Absent until the row first reaches the org (docs/roster.md).
       */
      orgSyncedAt: timestamp.optional(),
    },
    says('must be an object'),
  )
  .superRefine((row, ctx) => {
    // The unique index is on normalizedName: a mismatch would let the same partner in twice.
    const expected = normalizePartnerName(row.name);
    // Rows keyed before keys were recomposed (NFC) still pass: recomposing their key gives the current one.
    if (row.normalizedName !== expected && row.normalizedName !== legacyPartnerKey(row.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['normalizedName'],
        message: `must be the normalised form of the name ('${expected}')`,
      });
    }
  });

export type PartnerRow = z.infer<typeof partnerRowSchema>;

export const attributionRowSchema = z.strictObject(
  {
    /** UUID; also the external id of the record in Salesforce once synced. */
    id: uuid,
    /** The org's My Domain name: the key of its ledger in this browser. */
    orgKey,
    /** 18-character id of the opportunity, or of the lead while the claim is on a lead not yet converted. */
    opportunityId: dealRecordId(),
    partnerId: uuid,
    kind: z.enum(ATTRIBUTION_KINDS, says(`must be ${quoted(ATTRIBUTION_KINDS)}`)),
    note: text(LIMITS.note),
    /** Why a sourced claim stands although its evidence is outside the attribution window. */
    windowOverrideReason: nonEmptyText(LIMITS.reason).optional(),
    createdBy: actorSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
    /** 1 for a tombstone: a removed attribution stays, so the removal reaches the org (IndexedDB has no booleans). */
    deleted,
    /** Hybrid logical clock of the last change (lib/time/hlc.ts): merges keep the higher version. */
    version,
    /** The Salesforce record id, once the org has the record. */
    remoteId: anySalesforceId().optional(),
    /**
     * The record's External_Id__c when it is not `id`: the row of a sandbox copy whose production row (same
     * external id, copied with the sandbox) this browser already holds. Each org's claim is its own row.
     */
    externalId: uuid.optional(),
    /** Who last changed it in the org, as the org reports it (teammates' changes). */
    lastModifiedByName: orgText.optional(),
    /** The lead the claim was recorded on, once it is carried to the opportunity (`Lead__c` in the org). */
    leadId: salesforceId('Lead').optional(),
    /** How the claim came from its lead, as this browser saw the conversion: for the panel and the history. */
    carriedFrom: z
      .strictObject(
        {
          leadName: nonEmptyText(255),
          /** `YYYY-MM-DD`, the lead's ConvertedDate. */
          convertedDate: calendarDate,
          convertedBy: orgText.optional(),
          /** The lead's created date: the sourced window of a carried claim counts from it (docs/leads.md). */
          leadCreatedDate: calendarDate.optional(),
        },
        says('must be an object with leadName and convertedDate'),
      )
      .optional(),
    /** Why a claim on a converted lead was not carried (the lead was converted without an opportunity). */
    notCarried: nonEmptyText(LIMITS.reason).optional(),
  },
  says('must be an object'),
);

export type AttributionRow = z.infer<typeof attributionRowSchema>;

const httpLink = z
  .url({ protocol: /^https?$/, ...says('must be an http or https address') })
  .max(LIMITS.link, `must be at most ${LIMITS.link.toLocaleString('en-US')} characters`);

export const touchRowSchema = z.strictObject(
  {
    id: uuid,
    attributionId: uuid,
    opportunityId: dealRecordId(),
    type: z.enum(TOUCH_TYPES, says(`must be one of ${quoted(TOUCH_TYPES)}`)),
    /** Calendar date of the touch, `YYYY-MM-DD`. */
    date: calendarDate,
    note: text(LIMITS.note),
    /** http(s) only; null when there is none. */
    link: httpLink.nullable(),
    createdBy: actorSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
    deleted,
    /** Hybrid logical clock of the touch's last change. */
    version,
  },
  says('must be an object'),
);

export type TouchRow = z.infer<typeof touchRowSchema>;

const currencyMessage = 'must be a three-letter currency code such as USD, or null';
const probabilityMessage = 'must be a number from 0 to 100, or null';

export const opportunityRowSchema = z.strictObject(
  {
    id: salesforceId('Opportunity'),
    orgKey,
    name: nonEmptyText(LIMITS.opportunityName),
    /** Calendar date the opportunity was created (`YYYY-MM-DD`), when known: the window and lock start there. */
    createdDate: calendarDate.optional(),
    /** The instant it was created (the API's CreatedDate, in UTC): weeks are cut by instant, in the user's zone. */
    createdAt: timestamp.optional(),
    /** Where the facts came from: the page, or the org's API (which wins when both are known). */
    source: z.enum(['page', 'api'], says(`must be ${quoted(['page', 'api'])}`)),
    seenAt: timestamp,
    // Facts from the API, down to `fetchedAt`, which tells their age.
    amount: z.number(says('must be a number, or null')).nullable().optional(),
    currency: z
      .string(says(currencyMessage))
      .regex(/^[A-Z]{3}$/, currencyMessage)
      .nullable()
      .optional(),
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
    /** Fact fields the user's Salesforce field access hides (lib/crm/salesforce/field-access.ts). */
    hiddenFields: z.array(z.enum(HIDEABLE_FACT_FIELDS, says(`must be ${quoted(HIDEABLE_FACT_FIELDS)}`))).optional(),
    fetchedAt: timestamp.optional(),
    /** When this opportunity's attributions were last pulled from the org. */
    attributionsPulledAt: timestamp.optional(),
  },
  says('must be an object'),
);

export type OpportunityRow = z.infer<typeof opportunityRowSchema>;

/** Any value, but there must be one: `null` says "none", an absent field says the row is incomplete. */
const present = z.unknown().refine((value): boolean => value !== undefined, 'is missing');

export const auditRowSchema = z.strictObject(
  {
    /** Given by IndexedDB when the entry is added: a stored entry always has its number. */
    seq: z.int(says('must be a whole number')).positive('must be a whole number from 1'),
    at: timestamp,
    actor: actorSchema,
    entity: z.enum(['attribution', 'partner', 'touch'], says(`must be ${quoted(['attribution', 'partner', 'touch'])}`)),
    entityId: uuid,
    opportunityId: dealRecordId().optional(),
    action: z.enum(['create', 'update', 'delete'], says(`must be ${quoted(['create', 'update', 'delete'])}`)),
    /** The entity before and after the change; `before` is null for a creation. */
    before: present,
    after: present,
    /** The reason the user gave (a late change, a window override, a dispute resolved). */
    reason: nonEmptyText(LIMITS.reason).optional(),
  },
  says('must be an object'),
);

/** An audit entry as stored, with its number. */
export type StoredAuditRow = z.infer<typeof auditRowSchema>;

/** An audit entry as written: IndexedDB numbers it when it is added. */
export type AuditRow = WithOptionalSeq<StoredAuditRow>;

/** The `clock` setting (lib/store/clock.ts): what the versions written here start from. */
export const clockSchema = z.strictObject({
  wallMs: z.int().nonnegative().max(999_999_999_999_999),
  counter: z.int().nonnegative().max(99_999),
});

/** One setting: lib/store/settings.ts knows each key and the shape of its value. */
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

export type SettingRow = z.infer<typeof settingRowSchema>;

/** A change waiting to be pushed to the org, written in the same transaction as the change itself. */
export const outboxRowSchema = z.strictObject(
  {
    /** Given by IndexedDB when the entry is added: a stored entry always has its number. */
    seq: z.int(says('must be a whole number')).positive('must be a whole number from 1'),
    orgKey,
    attributionId: uuid,
    /** The attribution's version when queued: a push acknowledges entries up to the version it sent. */
    version,
    queuedAt: timestamp,
  },
  says('must be an object'),
);

/** An outbox entry as stored, with its number. */
export type StoredOutboxRow = z.infer<typeof outboxRowSchema>;

/** An outbox entry as written: IndexedDB numbers it when it is added. */
export type OutboxRow = WithOptionalSeq<StoredOutboxRow>;

/** Where sync stands for one org: cursors, usage, pauses. Survives the worker being killed. */
export const syncStateRowSchema = z.strictObject(
  {
    orgKey,
    /**
     * SystemModstamp of the last record applied by the incremental pull. Opaque to us: the org's own
     * timestamp, kept as the org wrote it.
     */
    pullCursor: nonEmptyText(40).optional(),
    /** SystemModstamp of the last partner applied from the org's roster (Partner_Ledger_Partner__c). */
    rosterCursor: nonEmptyText(40).optional(),
    /** When this browser's roster joined the org's (docs/roster.md, "First connection"); absent before. */
    rosterJoinedAt: timestamp.optional(),
    lastPullAt: timestamp.optional(),
    lastPushAt: timestamp.optional(),
    usage: z
      .strictObject({ used: count, limit: count, at: timestamp }, says('must be an object with used, limit and at'))
      .optional(),
    /** Set after 401/403: sync stops until the user acts (reload Salesforce, fix permissions). */
    stoppedReason: nonEmptyText(LIMITS.reason).optional(),
    /** Backoff after 5xx and network errors. */
    retryAt: timestamp.optional(),
    failures: count.optional(),
    // The org's own words, which can run long.
    lastError: nonEmptyText(10_000).optional(),
    pushFailures: z
      .record(
        uuid,
        z.strictObject(
          {
            version,
            attempts: z.int(says('must be a whole number')).positive('must be a whole number from 1'),
            retryAt: timestamp,
            error: nonEmptyText(10_000),
            /** Refused for good (too long, a validation rule, a restricted picklist): parked until changed here. */
            permanent: z.literal(true).optional(),
          },
          says('must be an object with version, attempts, retryAt and error'),
        ),
        says('must be an object of refused records by attribution id'),
      )
      .optional(),
    /**
     * Records pulled from the org that failed the checks local rows pass, by record id (or external id):
     * kept out of the store and listed in the options page until a teammate fixes them.
     */
    refusedRecords: z
      .record(
        nonEmptyText(40),
        z.strictObject(
          {
            externalId: nonEmptyText(255).optional(),
            remoteId: nonEmptyText(40).optional(),
            field: nonEmptyText(200),
            reason: nonEmptyText(1_000),
            at: timestamp,
          },
          says('must be an object with field, reason and at'),
        ),
        says('must be an object of refused records by record id'),
      )
      .optional(),
  },
  says('must be an object'),
);

export type SyncStateRow = z.infer<typeof syncStateRowSchema>;

// The weekly summary ------------------------------------------------------------------------------------

const cents = z.int(says('must be a whole number of cents'));
const currencyKey = z
  .string(says('must be a currency code'))
  .regex(/^(?:[A-Z]{3}|unknown)$/, 'must be a three-letter currency code such as USD, or unknown');
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

/**
 * A week's summary as reported when the week ended (a `SummarySnapshot`, never overwritten), and whether
 * the org has it.
 */
export const snapshotRowSchema = z.strictObject(
  {
    orgKey,
    weekKey: calendarDate,
    /** When it was frozen. */
    frozenAt: timestamp,
    figures: weekFiguresSchema,
    byPartner: z.array(partnerLineSchema, says('must be a list')),
    /** The deals behind the figures, to tell what changed since (id, name, kinds, amount). */
    deals: z.array(dealLineSchema, says('must be a list')),
    /**
     * Whose number it is (lib/attribution/summary-scope.ts). Rows frozen before the user could choose have
     * none: they are the team's. Only a team snapshot goes to the org (docs/weekly-summary.md).
     */
    scope: z.enum(SUMMARY_SCOPES, says(`must be ${quoted(SUMMARY_SCOPES)}`)).default('team'),
    /** The Salesforce user the figures were reported for, once known (part of the records' external ids). */
    userId: salesforceId('User').optional(),
    /** 0 until every currency's record is in the org; IndexedDB cannot index booleans. */
    synced: z.union([z.literal(0), z.literal(1)], says('must be 0 or 1')),
    /** The Partner_Attribution_Summary__c record ids by currency, once upserted. */
    remoteIds: z.record(currencyKey, nonEmptyText(18)).optional(),
    lastSyncError: nonEmptyText(10_000).optional(),
  },
  says('must be an object'),
);

/** A snapshot as stored: one frozen before scopes were recorded has no `scope`, and is the team's. */
export type SnapshotRow = z.input<typeof snapshotRowSchema>;

/**
 * All new pipeline the org created in one week, per currency (integer cents), from one aggregate query.
 * A week that had ended when it was read never changes again; the current week is read again after a while.
 */
export const weekTotalRowSchema = z.strictObject(
  {
    orgKey,
    weekKey: calendarDate,
    byCurrency: z.record(currencyKey, cents),
    /** Opportunities counted, all currencies together. */
    opportunities: count,
    fetchedAt: timestamp,
    /** True when the week had ended at `fetchedAt`: the figure is final. */
    final: z.boolean(says('must be true or false')),
  },
  says('must be an object'),
);

export type WeekTotalRow = z.infer<typeof weekTotalRowSchema>;

/** The user's data: what a backup holds and a restore replaces. */
export const dataRowSchemas = {
  partners: partnerRowSchema,
  attributions: attributionRowSchema,
  touches: touchRowSchema,
  opportunities: opportunityRowSchema,
  audit: auditRowSchema,
  settings: settingRowSchema,
  summaries: snapshotRowSchema,
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

/** A row as written to a table whose numbers IndexedDB gives (`++seq`). */
type WithOptionalSeq<Row extends { seq: number }> = Omit<Row, 'seq'> & { seq?: number };
