/**
 * Which org a row belongs to. A page only tells its My Domain (the host key, `acme` or `acme--uat`), and a
 * My Domain can be renamed; the org's 18-character id, read from the identity URL once connected
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm), never changes. So rows are
 * kept under the org id once it is known, and under the host key before (a browser that never connected).
 * The map host key → org id is one setting, `orgIds`; docs/org-isolation.md tells the whole story.
 */
import { isIdOf, toId18 } from '../record-id';
import type { PartnerLedgerDb, SnapshotRow, SyncStateRow, WeekTotalRow } from './db';
import { ledgerKeyIn } from './org-id-map';
import { readSetting, writeSetting } from './settings';

/** Settings keyed by org (`<prefix><orgKey>` or `<prefix><orgKey>:…`) that move with the org's rows. */
const ORG_SETTING_PREFIXES = ['teamRules:', 'orgCurrency:', 'impact:'] as const;

/** True for an 18-character org id (`00D…`) with a right checksum: the only key a resolved org has. */
export function isOrgId(value: string): boolean {
  return isIdOf('Organization', value) && toId18(value) === value;
}

/** The key of the ledger a page's host key opens: its org id once known, else the host key itself. */
export async function ledgerKeyOf(db: PartnerLedgerDb, hostKey: string): Promise<string> {
  if (isOrgId(hostKey)) return hostKey;
  return ledgerKeyIn(await readSetting(db, 'orgIds'), hostKey);
}

/**
 * The host key to reach an org through: a ledger key that is an org id is reached through the My Domain that
 * last reported it (a renamed domain replaces the old one); a host key is its own.
 */
export async function hostKeyOf(db: PartnerLedgerDb, ledgerKey: string): Promise<string | undefined> {
  if (!isOrgId(ledgerKey)) return ledgerKey;
  const map = (await readSetting(db, 'orgIds')) ?? {};
  let latest: { host: string; at: string } | undefined;
  for (const [host, entry] of Object.entries(map)) {
    if (entry.orgId === ledgerKey && (!latest || entry.at > latest.at)) latest = { host, at: entry.at };
  }
  return latest?.host;
}

/** The ledger of the last Salesforce page seen: what the popup, the options page and backups are about. */
export async function currentLedgerKey(db: PartnerLedgerDb): Promise<string | undefined> {
  const host = await readSetting(db, 'lastOrg');
  return host ? ledgerKeyOf(db, host) : undefined;
}

/** What learning an org id did: the rows it moved from the host key, table by table. */
export interface LearnedOrgId {
  orgId: string;
  moved: Record<string, number>;
}

/**
 * Records that a host key belongs to an org id (from the identity URL), and moves every row still under the
 * host key to the org id, all in one transaction: either the map and every row change, or nothing does.
 * Learning the same pair again moves nothing. A host key that reports another org id than before (a sandbox
 * refreshed, which gives it a new org) points at the new org from then on; the old org's rows stay its own.
 */
export async function learnOrgId(
  db: PartnerLedgerDb,
  hostKey: string,
  orgId: string,
  at: string,
): Promise<LearnedOrgId | undefined> {
  if (!isOrgId(orgId) || isOrgId(hostKey)) return undefined;
  const tables = [db.settings, db.attributions, db.opportunities, db.outbox, db.syncState, db.summaries, db.weekTotals];
  return db.transaction('rw', tables, async () => {
    const map = (await readSetting(db, 'orgIds')) ?? {};
    await db.settings.put({ key: 'orgIds', value: { ...map, [hostKey]: { orgId, at } } });
    return { orgId, moved: await moveOrgRows(db, hostKey, orgId) };
  });
}

/**
 * Moves every row of one org key to another; call it inside a transaction over the tables it names. Rows keyed
 * by org (sync state, frozen weeks, week totals) that the target already holds stay as the target has them:
 * the target's cursor and first-frozen weeks are the ones reported, and the moved duplicates are dropped.
 */
export async function moveOrgRows(db: PartnerLedgerDb, from: string, to: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  // Attributions have no index on orgKey: moving is a one-time pass per My Domain, so a scan is fine.
  moved.attributions = await db.attributions.filter((row) => row.orgKey === from).modify({ orgKey: to });
  moved.opportunities = await db.opportunities.where('orgKey').equals(from).modify({ orgKey: to });
  moved.outbox = await db.outbox.where('orgKey').equals(from).modify({ orgKey: to });
  moved.syncState = await moveSyncState(db, from, to);
  moved.summaries = await moveWeekRows(db.summaries, from, to);
  moved.weekTotals = await moveWeekRows(db.weekTotals, from, to);
  moved.settings = await moveOrgSettings(db, from, to);
  // The org this browser's roster is kept with is named by its ledger key too (lib/sync/roster.ts).
  if ((await readSetting(db, 'rosterOrg')) === from) await writeSetting(db, 'rosterOrg', to);
  return moved;
}

async function moveSyncState(db: PartnerLedgerDb, from: string, to: string): Promise<number> {
  const state = await db.syncState.get(from);
  if (!state) return 0;
  const kept = await db.syncState.get(to);
  // The target's own state wins field by field; the host key's fills what the target lacks (its usage, failures).
  const merged: SyncStateRow = { ...state, ...kept, orgKey: to };
  await db.syncState.put(merged);
  await db.syncState.delete(from);
  return 1;
}

type WeekTable = PartnerLedgerDb['summaries'] | PartnerLedgerDb['weekTotals'];

async function moveWeekRows(table: WeekTable, from: string, to: string): Promise<number> {
  const rows = (await table.where('orgKey').equals(from).toArray()) as (SnapshotRow | WeekTotalRow)[];
  let moved = 0;
  for (const row of rows) {
    const target = [to, row.weekKey] as [string, string];
    if (!(await table.get(target))) {
      await (table as PartnerLedgerDb['weekTotals']).add({ ...(row as WeekTotalRow), orgKey: to });
      moved++;
    }
    await table.delete([from, row.weekKey]);
  }
  return moved;
}

async function moveOrgSettings(db: PartnerLedgerDb, from: string, to: string): Promise<number> {
  let moved = 0;
  for (const prefix of ORG_SETTING_PREFIXES) {
    const rows = await db.settings.where('key').startsWith(`${prefix}${from}`).toArray();
    for (const row of rows) {
      const rest = row.key.slice(prefix.length + from.length);
      // `impact:acme:…` belongs to acme; `impact:acme2:…` does not.
      if (rest !== '' && !rest.startsWith(':')) continue;
      const key = `${prefix}${to}${rest}`;
      if (!(await db.settings.get(key))) {
        await db.settings.put({ key, value: row.value });
        moved++;
      }
      await db.settings.delete(row.key);
    }
  }
  return moved;
}
