/**
 * The team's rules as this browser keeps them: a cache per org of the org's record (read by
 * lib/sync/team-rules.ts), the rules in force (the team's once this browser has read them from the org of the
 * last Salesforce page seen; its own, "This browser only", until then), and the claims a change of rules
 * changes the credit of, queued so the next push refreshes their Credit__c and Credited_Amount__c.
 */
import { currentLedgerKey } from './org-ids';
import { splitCredit, type CreditRules } from '../attribution/credit';
import { DEFAULT_TEAM_RULES, type TeamRules } from '../attribution/rules-team';
import { requeueClaimsOf } from './credited-amounts';
import type { PartnerLedgerDb } from './db';
import {
  getLocalRules,
  getSummarySettings,
  getUiSettings,
  readSetting,
  writeSetting,
  type TeamRulesCache,
} from './settings';

export type { TeamRulesCache } from './settings';

export function readTeamRulesCache(db: PartnerLedgerDb, orgKey: string): Promise<TeamRulesCache | undefined> {
  return readSetting(db, `teamRules:${orgKey}`);
}

export function writeTeamRulesCache(db: PartnerLedgerDb, orgKey: string, cache: TeamRulesCache): Promise<void> {
  return writeSetting(db, `teamRules:${orgKey}`, cache);
}

/** This browser's own rules, gathered from where each is kept (options' sections). */
export async function localTeamRules(db: PartnerLedgerDb): Promise<TeamRules> {
  const [attribution, ui, summary, pause] = await Promise.all([
    getLocalRules(db),
    getUiSettings(db),
    getSummarySettings(db),
    readSetting(db, 'pauseAboveShare'),
  ]);
  return {
    attribution,
    warmth: ui.warmth,
    firstDayOfWeek: summary.firstDayOfWeek,
    pauseAboveShare: pause ?? DEFAULT_TEAM_RULES.pauseAboveShare,
  };
}

export type RulesInForce =
  | { source: 'team'; orgKey: string; rules: TeamRules; cache: TeamRulesCache }
  | { source: 'local'; orgKey?: string; rules: TeamRules; cache?: TeamRulesCache };

/** The rules in force now: the team's of the last org seen when this browser has read them, else its own. */
export async function rulesInForce(db: PartnerLedgerDb): Promise<RulesInForce> {
  // The rules of the last page's org, kept under its ledger key (lib/store/org-ids.ts).
  const orgKey = await currentLedgerKey(db);
  const cache = orgKey ? await readTeamRulesCache(db, orgKey) : undefined;
  if (orgKey && cache?.rules) return { source: 'team', orgKey, rules: cache.rules, cache };
  return {
    source: 'local',
    ...(orgKey ? { orgKey } : {}),
    rules: await localTeamRules(db),
    ...(cache ? { cache } : {}),
  };
}

/**
 * Queues every live claim of the org on an opportunity whose credit split differs between the two rules, so
 * the next push sends Credit__c and Credited_Amount__c as the new rules say (ceil(n / 200) calls). Resolves
 * with the number of claims queued.
 */
export async function requeueForNewRules(
  db: PartnerLedgerDb,
  orgKey: string,
  before: CreditRules,
  after: CreditRules,
  now: string,
): Promise<number> {
  return db.transaction('rw', [db.attributions, db.touches, db.outbox], async () => {
    const live = await db.attributions.filter((row) => row.orgKey === orgKey && !row.deleted).toArray();
    const opportunityIds = [...new Set(live.filter((row) => row.kind === 'influenced').map((r) => r.opportunityId))];
    let queued = 0;
    for (const opportunityId of opportunityIds) {
      const claims = live.filter((row) => row.opportunityId === opportunityId);
      const touches = await db.touches.where({ opportunityId, deleted: 0 }).toArray();
      const input = claims.map((row) => ({
        id: row.id,
        partnerId: row.partnerId,
        kind: row.kind,
        touches: touches.filter((touch) => touch.attributionId === row.id),
      }));
      const was = splitCredit(input, before);
      const is = splitCredit(input, after);
      const moved = was.some((share, index) => Math.abs(share.share - (is[index]?.share ?? 0)) > 1e-9);
      if (moved) queued += await requeueClaimsOf(db, opportunityId, now);
    }
    return queued;
  });
}
