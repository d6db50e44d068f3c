/**
 * The team's rules as the background serves them: read from the org before each sync and whenever options
 * opens (lib/sync/team-rules.ts), saved to the org by those who may change them, and this browser's own
 * rules ("This browser only") while it knows no org's. Listeners hear when the rules in force change, so
 * panels, badges and the weekly summary are made again with them.
 */
import { SalesforceApiError } from '../crm/salesforce/api-errors';
import { rulesVersion, type RuleChangeEntry } from '../crm/salesforce/queries/team-rules';
import type { TeamRules } from '../attribution/rules-team';
import type { PartnerLedgerDb } from '../store/db';
import { readSetting, saveRules } from '../store/settings';
import { rulesInForce } from '../store/team-rules';
import { NOT_ALLOWED, pullTeamRules, pushTeamRules, TeamRulesError, type PullOutcome } from '../sync/team-rules';
import type { ConnectionService, LiveConnection } from './connection';

/** What options → "Attribution rules" shows. */
export interface TeamRulesView {
  source: 'team' | 'local';
  orgKey?: string;
  orgName?: string;
  /** The rules in force. */
  rules: TeamRules;
  changedBy?: string;
  changedAt?: string;
  /** What a save from this view is checked against: a teammate's newer save is never overwritten. */
  version: string;
  /** Whether the controls are enabled. */
  canChange: boolean;
  /** Why they are not, in plain words. */
  reason?: string;
  /** What was wrong with the org's record, when the last good rules stay. */
  problem?: string;
  /** The last changes, newest first. */
  log: RuleChangeEntry[];
}

export interface TeamRulesServiceDeps {
  db: PartnerLedgerDb;
  connection: ConnectionService;
  now?: () => number;
  /** Asks for a sync soon: claims queued for their new credit then reach the org. */
  schedule?: (orgKey: string, delayMs: number) => void;
}

/** The rules object is not in the org (or not readable for this user): this browser's rules apply. */
const NOT_DEPLOYED_KINDS = new Set<SalesforceApiError['kind']>(['not_installed', 'invalid_request', 'not_found']);

export function createTeamRulesService({ db, connection, now = () => Date.now(), schedule }: TeamRulesServiceDeps) {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const contextOf = (connected: LiveConnection) => ({ db, api: connected.client, now });

  /** Reads the org's rules over an open connection; problems of the read are noted, never thrown. */
  async function pull(orgKey: string, connected: LiveConnection, describeAgain = false): Promise<PullOutcome> {
    try {
      const outcome = await pullTeamRules(contextOf(connected), orgKey, { describeAgain });
      if (outcome.changed) notify();
      return outcome;
    } catch (error) {
      if (error instanceof SalesforceApiError && NOT_DEPLOYED_KINDS.has(error.kind)) {
        return { changed: false, queued: 0, problem: 'The org has no team rules object yet.' };
      }
      // Session and network trouble: the sync that follows meets it too and says so.
      return { changed: false, queued: 0 };
    }
  }

  async function view(): Promise<TeamRulesView> {
    const inForce = await rulesInForce(db);
    const cache = inForce.cache;
    const common = {
      ...(inForce.orgKey ? { orgKey: inForce.orgKey } : {}),
      ...(cache?.orgName ? { orgName: cache.orgName } : {}),
      ...(cache?.problem ? { problem: cache.problem } : {}),
      log: cache?.log ?? [],
      version: inForce.source === 'team' ? rulesVersion(cache?.changedAt, cache?.log ?? []) : '',
    };
    if (inForce.source === 'local') return { source: 'local', rules: inForce.rules, canChange: true, ...common };
    return {
      source: 'team',
      rules: inForce.rules,
      ...(cache?.changedBy ? { changedBy: cache.changedBy } : {}),
      ...(cache?.changedAt ? { changedAt: cache.changedAt } : {}),
      canChange: inForce.cache.canChange,
      ...(inForce.cache.canChange ? {} : { reason: `${NOT_ALLOWED} Ask one of them to change them.` }),
      ...common,
    };
  }

  return {
    /** Before a sync: the rules of the org, read again (one query). */
    pull,
    /** Options opened: the org's rules and who may change them, read again, then what options shows. */
    async refreshAndView(): Promise<TeamRulesView> {
      const orgKey = await connection.lastOrg();
      const connected = orgKey ? await connection.open(orgKey) : undefined;
      // The rules are kept under the org's id once connecting has learnt it (lib/store/org-ids.ts).
      if (connected) await pull(connected.orgKey, connected, true);
      return view();
    },
    view,
    /**
     * Saves the rules: to the org while its team rules apply (refused unless this user may change them),
     * else as this browser's own.
     */
    async save(rules: TeamRules, basedOn?: string): Promise<TeamRulesView> {
      const inForce = await rulesInForce(db);
      const orgKey = inForce.orgKey;
      // Without word from the page, the rules it changed are those in force before this save.
      const shown =
        basedOn ?? (inForce.source === 'team' ? rulesVersion(inForce.cache.changedAt, inForce.cache.log) : '');
      const connected = orgKey ? await connection.open(orgKey) : undefined;
      if (inForce.source === 'team' && !connected) {
        throw new TeamRulesError('Partner Ledger is not connected to Salesforce: the team rules were not changed.');
      }
      if (orgKey && connected) {
        const ledger = connected.orgKey;
        // What the org holds now, and whether this user may change it, decide where the rules go.
        await pull(ledger, connected, true);
        const now = await rulesInForce(db);
        if (now.source === 'team' && !now.cache.canChange) throw new TeamRulesError(NOT_ALLOWED);
        // An admin connected to an org without team rules yet makes these the team's.
        if (now.source === 'team' || now.cache?.canChange) {
          const by = (await readSetting(db, 'user'))?.userName ?? connected.info.userName;
          const outcome = await pushTeamRules(contextOf(connected), ledger, rules, by, shown);
          if (outcome.queued > 0) schedule?.(ledger, 0);
          notify();
          return view();
        }
      }
      await saveRules(db, rules.attribution);
      notify();
      return view();
    },
    /** Calls `listener` when the rules in force change. Returns a function that stops listening. */
    onChanged(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type TeamRulesService = ReturnType<typeof createTeamRulesService>;
