/**
 * The team's rules in the org: one `Partner_Ledger_Rules__c` record (salesforce/README.md, "Team rules"),
 * found by its key, read with one query and written with one upsert. Who last changed it, and when, are the
 * org's own `LastModifiedBy` and `LastModifiedDate`; `Change_Log__c` keeps the last changes before and after.
 * Who may change it is the org's object permission, which `describe` tells per user (`createable`,
 * `updateable`): https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
import { z } from '../../../zod';
import { TOUCH_TYPES } from '../../../attribution/model';
import { teamRulesSchema, type RuleChange, type TeamRules } from '../../../attribution/rules-team';
import { FIELD_LIMITS } from '../field-limits.generated';
import type { DescribeResult } from '../rest-client';

export const RULES_OBJECT = 'Partner_Ledger_Rules__c';
/** The external id the one record is found and upserted by. */
export const RULES_EXTERNAL_ID = 'Key__c';
/** The key of the team's record. */
export const TEAM_RULES_KEY = 'team';

export const RULES_FIELDS = {
  influenceModel: 'Influence_Model__c',
  touchWeights: 'Touch_Weights__c',
  windowDays: 'Window_Days__c',
  lockAfterDays: 'Lock_After_Days__c',
  hotTouchDays: 'Hot_Touch_Days__c',
  warmTouchDays: 'Warm_Touch_Days__c',
  firstDayOfWeek: 'First_Day_Of_Week__c',
  pauseAbovePercent: 'Pause_Above_Percent__c',
  changeLog: 'Change_Log__c',
} as const;

/** The changes `Change_Log__c` keeps, newest first. */
export const CHANGE_LOG_LENGTH = 20;

const SELECT = ['Id', RULES_EXTERNAL_ID, ...Object.values(RULES_FIELDS), 'LastModifiedDate', 'LastModifiedBy.Name'];

/** The team's record, if there is one (at most one row). */
export function teamRulesQuery(): string {
  return `SELECT ${SELECT.join(', ')} FROM ${RULES_OBJECT} WHERE ${RULES_EXTERNAL_ID} = '${TEAM_RULES_KEY}' LIMIT 1`;
}

/** The record as the REST API returns it: every value is checked later, field by field, in plain words. */
export const rulesRecordSchema = z.looseObject({
  Id: z.string().optional(),
  LastModifiedDate: z.string(),
  LastModifiedBy: z.looseObject({ Name: z.string().nullish() }).nullish(),
  Influence_Model__c: z.unknown(),
  Touch_Weights__c: z.unknown(),
  Window_Days__c: z.unknown(),
  Lock_After_Days__c: z.unknown(),
  Hot_Touch_Days__c: z.unknown(),
  Warm_Touch_Days__c: z.unknown(),
  First_Day_Of_Week__c: z.unknown(),
  Pause_Above_Percent__c: z.unknown(),
  Change_Log__c: z.unknown(),
});
export type RulesRecord = z.infer<typeof rulesRecordSchema>;

/** The org's name, for "Team rules of <org>". */
export const ORG_NAME_QUERY = 'SELECT Name FROM Organization LIMIT 1';
export const orgNameSchema = z.looseObject({ Name: z.string().max(80).nullish() });

/** One entry of the change log: who changed the rules, when, and each rule before and after. */
export const ruleChangeEntrySchema = z.object({
  by: z.string().min(1).max(121),
  at: z.iso.datetime({ offset: true }),
  changes: z
    .array(z.object({ rule: z.string().max(80), before: z.string().max(120), after: z.string().max(120) }))
    .max(40),
});
export type RuleChangeEntry = z.infer<typeof ruleChangeEntrySchema> & { changes: RuleChange[] };

/** The rules as the org holds them, with who changed them last, when, and the log. */
export interface OrgTeamRules {
  rules: TeamRules;
  changedBy?: string;
  changedAt: string;
  log: RuleChangeEntry[];
}

export type ReadRulesResult = { ok: true; value: OrgTeamRules } | { ok: false; problem: string };

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return Symbol('not JSON');
  }
}

/** Reads the record into rules; a value that does not pass is named, in plain words, and nothing is taken. */
export function fromRulesRecord(record: RulesRecord): ReadRulesResult {
  const weights = parseJson(record.Touch_Weights__c);
  const candidate = {
    attribution: {
      influenceModel: record.Influence_Model__c,
      touchWeights: weights,
      sourcedWindowDays: record.Window_Days__c,
      lockAfterDays: record.Lock_After_Days__c,
    },
    warmth: { hotTouchDays: record.Hot_Touch_Days__c, warmTouchDays: record.Warm_Touch_Days__c },
    firstDayOfWeek: record.First_Day_Of_Week__c,
    pauseAboveShare: typeof record.Pause_Above_Percent__c === 'number' ? record.Pause_Above_Percent__c / 100 : null,
  };
  const parsed = teamRulesSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    return {
      ok: false,
      problem: `The team rules in Salesforce could not be used (${where}: ${issue.message}). The last good rules stay.`,
    };
  }
  const log = z.array(z.unknown()).safeParse(parseJson(record.Change_Log__c));
  const entries = log.success
    ? log.data.flatMap((entry) => {
        const checked = ruleChangeEntrySchema.safeParse(entry);
        return checked.success ? [checked.data] : [];
      })
    : [];
  return {
    ok: true,
    value: {
      rules: parsed.data,
      ...(record.LastModifiedBy?.Name ? { changedBy: record.LastModifiedBy.Name } : {}),
      changedAt: record.LastModifiedDate,
      log: entries.slice(0, CHANGE_LOG_LENGTH),
    },
  };
}

/** The record to upsert for these rules, with the log (newest first, at most CHANGE_LOG_LENGTH entries). */
export function toRulesRecord(rules: TeamRules, log: readonly RuleChangeEntry[]): Record<string, string | number> {
  const weights = Object.fromEntries(TOUCH_TYPES.map((type) => [type, rules.attribution.touchWeights[type]]));
  return {
    [RULES_EXTERNAL_ID]: TEAM_RULES_KEY,
    [RULES_FIELDS.influenceModel]: rules.attribution.influenceModel,
    [RULES_FIELDS.touchWeights]: JSON.stringify(weights),
    [RULES_FIELDS.windowDays]: rules.attribution.sourcedWindowDays,
    [RULES_FIELDS.lockAfterDays]: rules.attribution.lockAfterDays,
    [RULES_FIELDS.hotTouchDays]: rules.warmth.hotTouchDays,
    [RULES_FIELDS.warmTouchDays]: rules.warmth.warmTouchDays,
    [RULES_FIELDS.firstDayOfWeek]: rules.firstDayOfWeek,
    [RULES_FIELDS.pauseAbovePercent]: Math.round(rules.pauseAboveShare * 100),
    [RULES_FIELDS.changeLog]: fittingLog(log),
  };
}

/** The log as JSON, the oldest entries left out until it fits Change_Log__c. */
function fittingLog(log: readonly RuleChangeEntry[]): string {
  const limit = FIELD_LIMITS[RULES_OBJECT].Change_Log__c.length ?? 32_768;
  let kept = log.slice(0, CHANGE_LOG_LENGTH);
  let json = JSON.stringify(kept);
  while (json.length > limit && kept.length > 0) {
    kept = kept.slice(0, -1);
    json = JSON.stringify(kept);
  }
  return json;
}

/**
 * What a save is checked against: the record's LastModifiedDate (whole seconds) and its newest log entry (to the
 * millisecond), so two saves within one second are told apart. Empty while the org holds no record.
 */
export function rulesVersion(changedAt: string | undefined, log: readonly { at: string }[]): string {
  return changedAt ? `${changedAt}|${log[0]?.at ?? ''}` : '';
}

/** Whether this user may change the team's rules, as the org's object permissions say. */
export function mayChangeRules(describe: Pick<DescribeResult, 'createable' | 'updateable'>): boolean {
  return describe.createable && describe.updateable;
}
