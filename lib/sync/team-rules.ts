/**
 * Reading and writing the team's rules (salesforce/README.md, "Team rules"). A read is one query, plus a
 * describe of the rules object at most once a day (or when options asks), which says whether this user may
 * change them. A save checks the record's LastModifiedDate first: when a teammate saved since this browser
 * last read it, the org's rules win, are shown, and nothing is written. After a change that moves credit,
 * the claims whose Credit__c and Credited_Amount__c change are queued for the normal push.
 */
import { changesCredit, diffTeamRules, type TeamRules } from '../attribution/rules-team';
import {
  CHANGE_LOG_LENGTH,
  fromRulesRecord,
  ORG_NAME_QUERY,
  orgNameSchema,
  mayChangeRules,
  RULES_EXTERNAL_ID,
  RULES_OBJECT,
  rulesRecordSchema,
  rulesVersion,
  teamRulesQuery,
  toRulesRecord,
} from '../crm/salesforce/queries/team-rules';
import type { DescribeResult, QueryPage, UpsertResult } from '../crm/salesforce/rest-client';
import type { PartnerLedgerDb } from '../store/db';
import {
  localTeamRules,
  readTeamRulesCache,
  requeueForNewRules,
  writeTeamRulesCache,
  type TeamRulesCache,
} from '../store/team-rules';
import type { z } from '../zod';

/** The describe (who may change the rules) is asked again after this long. */
export const DESCRIBE_AGAIN_MS = 24 * 60 * 60_000;

/** What reading and writing the rules needs from the REST client. */
export interface TeamRulesApi {
  query<T>(soql: string, schema: z.ZodType<T>): Promise<QueryPage<T>>;
  describe(object: string): Promise<Pick<DescribeResult, 'createable' | 'updateable'>>;
  upsertCollection(object: string, field: string, records: readonly Record<string, unknown>[]): Promise<UpsertResult[]>;
}

export interface TeamRulesContext {
  db: PartnerLedgerDb;
  api: TeamRulesApi;
  now: () => number;
  orgName?: string;
}

export interface PullOutcome {
  /** The rules in force changed (the team's differ from what applied before). */
  changed: boolean;
  /** Claims queued for their new credit. */
  queued: number;
  problem?: string;
}

/** Thrown when a save is refused: the message says why, in plain words. */
export class TeamRulesError extends Error {
  override name = 'TeamRulesError';
}

export const NOT_ALLOWED =
  'Only Salesforce admins, or users with the Partner Ledger Admin permission set, can change the team rules.';

/** Reads the org's record into the cache; `describeAgain` asks the describe even when it is fresh. */
export async function pullTeamRules(
  ctx: TeamRulesContext,
  orgKey: string,
  { describeAgain = false } = {},
): Promise<PullOutcome> {
  const { db, api } = ctx;
  const nowMs = ctx.now();
  const at = new Date(nowMs).toISOString();
  const previous = await readTeamRulesCache(db, orgKey);
  let canChange = previous?.canChange ?? false;
  let describedAt = previous?.describedAt;
  if (describeAgain || !describedAt || nowMs - Date.parse(describedAt) > DESCRIBE_AGAIN_MS) {
    canChange = mayChangeRules(await api.describe(RULES_OBJECT));
    describedAt = at;
  }
  // The org's name, once, for "Team rules of <org>".
  let orgName = ctx.orgName ?? previous?.orgName;
  if (!orgName) orgName = (await api.query(ORG_NAME_QUERY, orgNameSchema)).records[0]?.Name ?? undefined;
  const page = await api.query(teamRulesQuery(), rulesRecordSchema);
  const record = page.records[0];
  const base: TeamRulesCache = {
    log: previous?.log ?? [],
    ...(previous?.rules ? { rules: previous.rules } : {}),
    ...(previous?.changedBy ? { changedBy: previous.changedBy } : {}),
    ...(previous?.changedAt ? { changedAt: previous.changedAt } : {}),
    ...(orgName ? { orgName } : {}),
    canChange,
    checkedAt: at,
    ...(describedAt ? { describedAt } : {}),
  };
  if (!record) {
    await writeTeamRulesCache(db, orgKey, base);
    return { changed: false, queued: 0 };
  }
  const read = fromRulesRecord(record);
  if (!read.ok) {
    await writeTeamRulesCache(db, orgKey, { ...base, problem: read.problem });
    return { changed: false, queued: 0, problem: read.problem };
  }
  const before = previous?.rules ?? (await localTeamRules(db));
  const { rules, changedBy, changedAt, log } = read.value;
  await writeTeamRulesCache(db, orgKey, {
    ...base,
    rules,
    ...(changedBy ? { changedBy } : {}),
    changedAt,
    log,
  });
  const changed = !previous?.rules || diffTeamRules(before, rules).length > 0;
  // The org's Credit__c is refreshed by those who may change the rules, and by each browser the first time
  // it learns them (what it pushed before followed its own rules).
  const refresh = changesCredit(before.attribution, rules.attribution) && (canChange || !previous?.rules);
  const queued = refresh ? await requeueForNewRules(db, orgKey, before.attribution, rules.attribution, at) : 0;
  return { changed, queued };
}

/**
 * Saves new team rules to the org as `by`: refused (TeamRulesError) when this user may not change them, or
 * when a teammate saved since this browser last read them (then the org's are read and shown instead).
 */
export async function pushTeamRules(
  ctx: TeamRulesContext,
  orgKey: string,
  rules: TeamRules,
  by: string,
  basedOn?: string,
): Promise<PullOutcome> {
  const { db, api } = ctx;
  const cache = await readTeamRulesCache(db, orgKey);
  if (!cache?.canChange) throw new TeamRulesError(NOT_ALLOWED);
  // The rules the user changed are those the page showed (`basedOn`), or else those this browser last read.
  const current = (await api.query(teamRulesQuery(), rulesRecordSchema)).records[0];
  const read = current ? fromRulesRecord(current) : undefined;
  const currentVersion = current ? rulesVersion(current.LastModifiedDate, read?.ok ? read.value.log : []) : '';
  const expected = basedOn ?? rulesVersion(cache.changedAt, cache.log);
  if (currentVersion !== expected) {
    await pullTeamRules(ctx, orgKey);
    throw new TeamRulesError(
      'A teammate changed the team rules in Salesforce since this page read them. Their rules are shown now; ' +
        'make your change again if it is still needed.',
    );
  }
  const before = cache.rules ?? (await localTeamRules(db));
  const changes = diffTeamRules(before, rules);
  if (changes.length === 0 && cache.rules) return { changed: false, queued: 0 };
  const entry = { by, at: new Date(ctx.now()).toISOString(), changes };
  const [result] = await api.upsertCollection(RULES_OBJECT, RULES_EXTERNAL_ID, [
    toRulesRecord(rules, [entry, ...cache.log].slice(0, CHANGE_LOG_LENGTH)),
  ]);
  if (!result?.success) {
    const refused = result?.errors.some((error) => error.statusCode.startsWith('INSUFFICIENT_ACCESS'));
    if (refused) {
      await writeTeamRulesCache(db, orgKey, { ...cache, canChange: false });
      throw new TeamRulesError(`Salesforce refused the change. ${NOT_ALLOWED}`);
    }
    const detail = result?.errors.map((error) => error.message).join(' ') || 'no reason given';
    throw new TeamRulesError(`Salesforce did not save the team rules: ${detail}`);
  }
  // Read back: who and when are the org's own stamps; the read queues the claims whose credit moved.
  return pullTeamRules(ctx, orgKey);
}
