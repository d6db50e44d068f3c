/**
 * The first connection of a browser that already keeps a roster (docs/roster.md, "First connection"): options
 * shows what a merge into the org's roster would do, and nothing of this browser's roster is written to the org
 * until the user confirms it. After that, each sync keeps the two rosters one (lib/sync/roster.ts).
 */
import type { PartnerLedgerDb } from '../store/db';
import { hostKeyOf } from '../store/org-ids';
import { joinRoster, previewRosterMerge, rosterMergePending, type RosterMergePlan } from '../sync/roster';
import { keepRosterWith, rosterOrgOf } from '../sync/roster-org';
import type { SyncApi } from '../sync/types';
import type { ConnectionService, LiveConnection } from './connection';

/** What options → Partners shows while a merge waits; null when there is none to confirm. */
export type RosterMergePreview = (RosterMergePlan & { orgKey: string }) | null;

/**
 * Options → Partners on an org other than the one this browser's roster is kept with: both named by their My
 * Domain (`acme`, `acme--uat.sandbox`). Null when the roster is kept with the org of the last page seen, or
 * with none yet.
 */
export type RosterHome = { keptWith: string; here: string } | null;

export interface RosterServiceDeps {
  db: PartnerLedgerDb;
  connection: ConnectionService;
  now?: () => number;
  newId?: () => string;
  /** Asks for a sync soon, so the merged roster and re-pointed attributions reach the org. */
  schedule?: (orgKey: string, delayMs: number) => void;
}

export function createRosterService({ db, connection, schedule, ...deps }: RosterServiceDeps) {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const contextOf = (connected: LiveConnection) => ({
    db,
    api: connected.client as unknown as SyncApi,
    now,
    newId,
    roster: true,
  });

  /**
   * The org whose roster waits for a merge, named by its ledger key: the page names its My Domain, but once the
   * identity URL named the org, its sync state (and so whether the roster joined) lives under the org id.
   * Checked before connecting, and again after, since a first connection moves the rows under the org id.
   */
  async function pendingOrg(): Promise<{ orgKey: string; connected: LiveConnection } | undefined> {
    const hostKey = await connection.lastOrg();
    if (!hostKey || !(await rosterMergePending(db, await connection.ledgerKey(hostKey)))) return undefined;
    const connected = await connection.open(hostKey);
    if (!connected || !(await rosterMergePending(db, connected.orgKey))) return undefined;
    return { orgKey: connected.orgKey, connected };
  }

  return {
    /** Reads the org's roster (queries only) and counts what a merge would match and add. */
    async preview(): Promise<RosterMergePreview> {
      const pending = await pendingOrg();
      if (!pending) return null;
      const { refused: _refused, ...plan } = await previewRosterMerge(contextOf(pending.connected));
      return { ...plan, orgKey: pending.orgKey };
    },
    /** Whether the roster is kept with another org than the last page's. Local reads only. */
    async home(): Promise<RosterHome> {
      const keptWith = await rosterOrgOf(db);
      const here = await connection.lastOrg();
      if (!keptWith || !here || keptWith === (await connection.ledgerKey(here))) return null;
      return { keptWith: (await hostKeyOf(db, keptWith)) ?? keptWith, here };
    },
    /** The user chose to keep the roster with the last page's org: its merge preview comes next. */
    async keepHere(): Promise<void> {
      const here = await connection.lastOrg();
      if (here) await keepRosterWith(db, await connection.ledgerKey(here));
    },
    /** The user confirmed: the rosters merge now, and a sync follows for the attributions. */
    async merge(): Promise<{ pulled: number; pushed: number }> {
      const pending = await pendingOrg();
      if (!pending) return { pulled: 0, pushed: 0 };
      const outcome = await joinRoster(contextOf(pending.connected), pending.orgKey);
      schedule?.(pending.orgKey, 0);
      return { pulled: outcome.pulled, pushed: outcome.pushed };
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
