import {
  DEFAULT_RULES,
  INFLUENCE_MODELS,
  TOUCH_TYPES,
  type AttributionRules,
  type TouchType,
} from '../attribution/model';
import { summaryScopeSchema } from '../attribution/summary-scope';
import { DEFAULT_SUMMARY_SETTINGS, summarySettingsSchema, type SummarySettings } from '../attribution/summary-settings';
import type { CurrencyRates } from '../attribution/summary-types';
import { DEFAULT_WARMTH_RULES } from '../attribution/warmth';
import { teamRulesSchema } from '../attribution/rules-team';
import { ruleChangeEntrySchema } from '../crm/salesforce/queries/team-rules';
import { z } from '../zod';
import { ledgerKeyIn, orgIdMapSchema } from './org-id-map';
import type { Actor, PartnerLedgerDb } from './db';
import { actorSchema, clockSchema, DATA_TABLE_NAMES, timestampSchema } from './rows';

/**
 * The settings table holds one row per key, `{ key, value }`, so the extension needs no `storage`
 * permission. Every key is listed here with the schema of its value: `readSetting` checks a value when it
 * is read, so an older or damaged one gives undefined (or, field by field, the defaults) instead of
 * reaching the code as something it is not.
 */

// The user's settings ---------------------------------------------------------------------------------

const ROLES = ['partner_manager', 'account_executive'] as const;

/** What the user mainly does: it decides what Partner Ledger shows by default. */
export type Role = (typeof ROLES)[number];

/** Whole days from 0 to `most`. */
const days = (most: number) => z.int().min(0).max(most);

// Each field falls back to its default on its own, so one damaged field does not cost the others.
const uiSettingsSchema = z.object({
  /** The attribution panel opens collapsed (the last state the user chose, or the role's default). */
  panelCollapsed: z.boolean().catch(false),
  role: z.enum(ROLES).optional().catch(undefined),
  /** Each on-page feature can be switched off. */
  showPanel: z.boolean().catch(true),
  /** The warmth badge next to an opportunity's name on its own page (Lightning and Classic). */
  recordBadge: z.boolean().catch(true),
  /** Badges on the rows of opportunity list views and related lists. */
  listBadges: z.boolean().catch(true),
  /** Badges on the cards of the pipeline board (Kanban). */
  boardBadges: z.boolean().catch(true),
  /** When a badge says Hot, Warm or Cool. */
  warmth: z
    .object({
      hotTouchDays: days(365).catch(DEFAULT_WARMTH_RULES.hotTouchDays),
      warmTouchDays: days(730).catch(DEFAULT_WARMTH_RULES.warmTouchDays),
    })
    .catch(() => ({ ...DEFAULT_WARMTH_RULES })),
});

export type UiSettings = z.infer<typeof uiSettingsSchema>;

export const DEFAULT_UI: UiSettings = uiSettingsSchema.parse({});

/** A weight per touch type, each with its own default. */
const touchWeightsSchema = z
  .object(
    Object.fromEntries(
      TOUCH_TYPES.map((type) => [type, z.number().min(0).max(100).catch(DEFAULT_RULES.touchWeights[type])]),
    ) as Record<TouchType, z.ZodCatch<z.ZodNumber>>,
  )
  .catch(() => ({ ...DEFAULT_RULES.touchWeights }));

const rulesSchema = z.object({
  influenceModel: z.enum(INFLUENCE_MODELS).catch(DEFAULT_RULES.influenceModel),
  touchWeights: touchWeightsSchema,
  sourcedWindowDays: days(365).catch(DEFAULT_RULES.sourcedWindowDays),
  lockAfterDays: days(730).catch(DEFAULT_RULES.lockAfterDays),
}) satisfies z.ZodType<AttributionRules>;

const storedSummarySettingsSchema = z.object({
  firstDayOfWeek: summarySettingsSchema.shape.firstDayOfWeek.catch(DEFAULT_SUMMARY_SETTINGS.firstDayOfWeek),
  notifications: summarySettingsSchema.shape.notifications.catch(() => ({ ...DEFAULT_SUMMARY_SETTINGS.notifications })),
  webhookUrl: summarySettingsSchema.shape.webhookUrl.catch(undefined),
  /** The week (key) whose notification was shown: a week is never announced twice. */
  lastNotifiedWeekKey: z.iso.date().optional().catch(undefined),
});

/** The weekly summary's settings as stored: what options saves, plus the last week notified about. */
export type StoredSummarySettings = z.infer<typeof storedSummarySettingsSchema>;

// What this browser keeps for itself ------------------------------------------------------------------

/** The Salesforce user this browser last connected as: changes made here are signed with it too. */
const userSchema = z.object({
  userId: z.string().min(1),
  userName: z.string().min(1),
  /** The user's Salesforce locale (`User.LocaleSidKey`), read when connecting: page dates are parsed with it. */
  localeSidKey: z
    .string()
    .regex(/^[a-z]{2,3}(?:_[A-Za-z0-9]+)*$/)
    .optional(),
});

/** The org's currency facts (see lib/services/summary/org-figures.ts). */
const orgCurrencySchema = z.object({
  multiCurrency: z.boolean(),
  /** The org's (single) currency, or the corporate one in multi-currency orgs, when known. */
  currency: z.string().min(1).optional(),
  rates: z
    .object({ corporateCurrency: z.string().min(1), rates: z.record(z.string(), z.number()), asOf: z.string() })
    .optional() satisfies z.ZodType<CurrencyRates | undefined>,
  fetchedAt: timestampSchema,
});

export type OrgCurrency = z.infer<typeof orgCurrencySchema>;

// A cache this extension writes for itself: the report's outline is checked (a damaged report, or one of
// another shape, is made again), not every figure in it.
const reportOutlineSchema = z.looseObject({
  summary: z.looseObject({ week: z.looseObject({}), figures: z.looseObject({}), byPartner: z.array(z.unknown()) }),
  currentWeekKey: z.string(),
  previousWeekKey: z.string(),
  changes: z.array(z.unknown()),
  newPipelineKnown: z.boolean(),
});

/** A weekly report made ahead for the popup; `outdated` once the data it was made from changed. */
const readyReportSchema = z.object({
  at: z.number(),
  // Typed by the summary service, which made it: the store knows only its outline.
  report: z.custom<object>((value) => reportOutlineSchema.safeParse(value).success),
  outdated: z.literal(true).optional(),
});

/**
 * What "Partner impact" read from the org for one quarter (lib/services/impact.ts). The deals and tags are
 * checked one by one when a report is made from them (lib/impact/groups.ts, `readImpactInput`).
 */
const impactPeriodSchema = z.object({
  fetchedAt: timestampSchema,
  /** The quarter had ended when it was read: its closed deals no longer change, so it is never read again. */
  final: z.boolean(),
  /** Closed and won deals without partners, counted by the org. */
  noPartner: z.object({ closed: z.int().nonnegative(), won: z.int().nonnegative() }),
  opportunities: z.array(z.unknown()),
  attributions: z.array(z.unknown()),
  /** Records fetched one by one, and the calls it took. */
  fetched: z.int().nonnegative(),
  calls: z.int().nonnegative(),
});

/**
 * The team's rules of one org as this browser last read them (lib/store/team-rules.ts): the last good rules,
 * who changed them and when, the change log, whether this user may change them, and what was wrong with the
 * org's record when it could not be used.
 */
const teamRulesCacheSchema = z.object({
  /** Absent while the org holds no team rules yet. */
  rules: teamRulesSchema.optional(),
  orgName: z.string().optional(),
  changedBy: z.string().optional(),
  /** The record's LastModifiedDate: saves are checked against it. */
  changedAt: z.string().optional(),
  log: z.array(ruleChangeEntrySchema),
  /** From the describe of the rules object for this user (`createable` and `updateable`). */
  canChange: z.boolean(),
  checkedAt: timestampSchema,
  describedAt: timestampSchema.optional(),
  problem: z.string().optional(),
});

export type TeamRulesCache = z.infer<typeof teamRulesCacheSchema>;

/** Stamps of the last restore: the audit log is part of what a restore replaces, so it is noted here. */
const lastRestoreSchema = z.object({
  at: timestampSchema,
  fileExportedAt: timestampSchema,
  counts: z.record(z.enum(DATA_TABLE_NAMES), z.int().nonnegative()),
  by: actorSchema.optional(),
});

// The registry --------------------------------------------------------------------------------------------

/** Settings with one fixed key. */
const SETTINGS = {
  ui: uiSettingsSchema,
  /** The team's attribution rules (influence model, window, lock). */
  rules: rulesSchema,
  summary: storedSummarySettingsSchema,
  /** This browser's stable id: it names the author of changes made here. */
  deviceId: z.string().min(1),
  /** This browser's hybrid logical clock (lib/store/clock.ts). */
  clock: clockSchema,
  user: userSchema,
  /** The org of the last Salesforce page seen: the popup summarises it. */
  lastOrg: z.string().min(1),
  /** Whose number the popup's weekly summary shows: the team's or the user's own (the last choice). */
  summaryScope: summaryScopeSchema,
  /** Sync pauses when the org's API usage passes this share of its daily limit. */
  pauseAboveShare: z.number().min(0.5).max(1),
  lastRestore: lastRestoreSchema,
  /** Each My Domain's org id, as its identity URL told (lib/store/org-ids.ts). */
  orgIds: orgIdMapSchema,
  /** The org (ledger key) this browser's roster is kept with: docs/roster.md, "One org's roster". */
  rosterOrg: z.string().min(1).max(80),
} as const;

/** Settings with one key per org (or per report): the prefix, then what it is for. */
const SETTING_FAMILIES = {
  /** `page:<orgKey>`: the last Salesforce page seen of the org, where a session is looked for. */
  'page:': z.url(),
  /** `orgCurrency:<orgKey>`: the org's currency and rates, read again once a day. */
  'orgCurrency:': orgCurrencySchema,
  /**
   * `summaryReady:<org>:<first day>:<zone>:<week>`: weekly reports computed ahead for the popup
   * (lib/services/summary/service.ts). Derived data, left out of backups.
   */
  'summaryReady:': readyReportSchema,
  /** `impact:<orgKey>:<quarter>`: the org's answers for a quarter of "Partner impact". Derived data. */
  'impact:': impactPeriodSchema,
  /** `teamRules:<orgKey>`: the org's team rules as last read (lib/store/team-rules.ts). */
  'teamRules:': teamRulesCacheSchema,
} as const;

type Settings = typeof SETTINGS;
type Families = typeof SETTING_FAMILIES;
export type SettingFamily = keyof Families;

/** The prefix of the weekly reports computed ahead. */
export const READY_PREFIX = 'summaryReady:' satisfies SettingFamily;
export type ReadyKey = `${typeof READY_PREFIX}${string}`;
/** The prefix of the org's answers kept for "Partner impact": derived data, left out of backups. */
export const IMPACT_PREFIX = 'impact:' satisfies SettingFamily;

export type SettingKey = keyof Settings | `${SettingFamily}${string}`;

/** The family a key belongs to, by its prefix. */
type FamilyOf<K extends string> = { [P in SettingFamily]: K extends `${P}${string}` ? P : never }[SettingFamily];

export type FamilyValue<P extends SettingFamily> = z.infer<Families[P]>;

export type SettingValue<K extends SettingKey> = K extends keyof Settings
  ? z.infer<Settings[K]>
  : FamilyValue<FamilyOf<K>>;

function schemaOf(key: string): z.ZodType | undefined {
  if (Object.hasOwn(SETTINGS, key)) return SETTINGS[key as keyof Settings];
  const family = (Object.keys(SETTING_FAMILIES) as SettingFamily[]).find((prefix) => key.startsWith(prefix));
  return family && SETTING_FAMILIES[family];
}

/**
 * Whether Partner Ledger keeps a setting under this key: one of the fixed keys, or a key of one of the
 * families. A restore takes only these from a file.
 */
export function isKnownSettingKey(key: string): boolean {
  return schemaOf(key) !== undefined;
}

/**
 * A setting's value, checked against its key's schema: undefined when there is none, or when the stored
 * value does not pass (it stays stored; the next write replaces it).
 */
export async function readSetting<K extends SettingKey>(
  db: PartnerLedgerDb,
  key: K,
): Promise<SettingValue<K> | undefined> {
  const row = await db.settings.get(key);
  if (row === undefined) return undefined;
  const parsed = schemaOf(key)?.safeParse(row.value);
  // The schema is the key's own (SettingValue<K> is its output), which TypeScript cannot follow through schemaOf.
  return parsed?.success ? (parsed.data as SettingValue<K>) : undefined;
}

export async function writeSetting<K extends SettingKey>(
  db: PartnerLedgerDb,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  await db.settings.put({ key, value });
}

/** Changes every stored value of a family that passes its schema; others are left as they are. */
export async function updateSettingFamily<P extends SettingFamily>(
  db: PartnerLedgerDb,
  prefix: P,
  change: (value: FamilyValue<P>) => FamilyValue<P>,
): Promise<void> {
  const schema: z.ZodType = SETTING_FAMILIES[prefix];
  await db.settings
    .where('key')
    .startsWith(prefix)
    .modify((row) => {
      const parsed = schema.safeParse(row.value);
      if (parsed.success) row.value = change(parsed.data as FamilyValue<P>);
    });
}

// Reading and saving the user's settings ----------------------------------------------------------------

/**
 * What choosing a role sets (each switch can still be changed afterwards). Account executives get the panel
 * collapsed and badges everywhere; partner managers the reverse: the panel open, badges only on the record.
 */
type RolePreset = Pick<UiSettings, 'panelCollapsed' | 'showPanel' | 'recordBadge' | 'listBadges' | 'boardBadges'>;

export const ROLE_PRESETS: Record<Role, RolePreset> = {
  account_executive: { panelCollapsed: true, showPanel: true, recordBadge: true, listBadges: true, boardBadges: true },
  partner_manager: { panelCollapsed: false, showPanel: true, recordBadge: true, listBadges: false, boardBadges: false },
};

export async function getUiSettings(db: PartnerLedgerDb): Promise<UiSettings> {
  return (await readSetting(db, 'ui')) ?? uiSettingsSchema.parse({});
}

/** Applies a role's defaults and remembers the role. */
export async function chooseRole(db: PartnerLedgerDb, role: Role): Promise<UiSettings> {
  return updateUiSettings(db, { ...ROLE_PRESETS[role], role });
}

export async function updateUiSettings(db: PartnerLedgerDb, patch: Partial<UiSettings>): Promise<UiSettings> {
  return db.transaction('rw', db.settings, async () => {
    const next = { ...(await getUiSettings(db)), ...patch };
    await writeSetting(db, 'ui', next);
    return next;
  });
}

/** This browser's stable id, made on first use; it names the author of changes until a Salesforce user is known. */
export async function getLocalActor(db: PartnerLedgerDb, newId: () => string): Promise<Actor> {
  return db.transaction('rw', db.settings, async () => {
    const stored = await readSetting(db, 'deviceId');
    if (stored !== undefined) return { deviceId: stored };
    const deviceId = newId();
    await writeSetting(db, 'deviceId', deviceId);
    return { deviceId };
  });
}

/**
 * The attribution rules in force (influence model, window, lock): the team's, as last read from the org of
 * the last Salesforce page seen (lib/store/team-rules.ts); this browser's own while it knows none.
 */
export async function getRules(db: PartnerLedgerDb): Promise<AttributionRules> {
  // Kept under the org's id once known (lib/store/org-ids.ts reads this module, so the map is read here).
  const host = await readSetting(db, 'lastOrg');
  const orgKey = host ? ledgerKeyIn(await readSetting(db, 'orgIds'), host) : undefined;
  const team = orgKey ? (await readSetting(db, `teamRules:${orgKey}`))?.rules : undefined;
  return team?.attribution ?? getLocalRules(db);
}

/** This browser's own attribution rules ("This browser only"), with defaults for anything never set. */
export async function getLocalRules(db: PartnerLedgerDb): Promise<AttributionRules> {
  return (await readSetting(db, 'rules')) ?? rulesSchema.parse({});
}

export async function saveRules(db: PartnerLedgerDb, rules: AttributionRules): Promise<AttributionRules> {
  await writeSetting(db, 'rules', rules);
  return rules;
}

/**
 * The weekly summary's settings. A stored value that no longer passes the schema (an older or damaged
 * row) gives the defaults rather than a broken popup; what did pass is kept field by field.
 */
export async function getSummarySettings(db: PartnerLedgerDb): Promise<StoredSummarySettings> {
  return (await readSetting(db, 'summary')) ?? storedSummarySettingsSchema.parse({});
}

/** Saves what options chose (already validated), keeping the last week notified about. */
export async function saveSummarySettings(
  db: PartnerLedgerDb,
  settings: SummarySettings,
): Promise<StoredSummarySettings> {
  return db.transaction('rw', db.settings, async () => {
    const { lastNotifiedWeekKey } = await getSummarySettings(db);
    const next: StoredSummarySettings = {
      firstDayOfWeek: settings.firstDayOfWeek,
      notifications: settings.notifications,
      ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
      ...(lastNotifiedWeekKey ? { lastNotifiedWeekKey } : {}),
    };
    await writeSetting(db, 'summary', next);
    return next;
  });
}

/**
 * Records that a week was announced, unless it already was: true when this call claimed it. One
 * transaction, so two alarms firing together cannot both announce the same week.
 */
export async function claimNotification(db: PartnerLedgerDb, weekKey: string): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const current = await getSummarySettings(db);
    if (current.lastNotifiedWeekKey !== undefined && current.lastNotifiedWeekKey >= weekKey) return false;
    await writeSetting(db, 'summary', { ...current, lastNotifiedWeekKey: weekKey });
    return true;
  });
}
