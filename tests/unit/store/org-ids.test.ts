import { describe, expect, it } from 'vitest';
import { toId18 } from '../../../lib/record-id';
import { orgIdMapSchema } from '../../../lib/store/org-id-map';
import { currentLedgerKey, hostKeyOf, isOrgId, learnOrgId, ledgerKeyOf, moveOrgRows } from '../../../lib/store/org-ids';
import { readSetting, writeSetting } from '../../../lib/store/settings';
import { createBackup } from '../../../lib/store/backup/create';
import { parseBackup } from '../../../lib/store/backup/format';
import { restoreBackup } from '../../../lib/store/backup/restore';
import type { PartnerLedgerDb, SnapshotRow } from '../../../lib/store/db';
import { attributionRow, BUILT_AT, freshDbs, opportunityId, partnerRow } from '../../builders';

const database = freshDbs();

const PRODUCTION = toId18('00DAk000001prod')!;
const SANDBOX = toId18('00DAk000002sbox')!;
const LATER = '2026-11-21T10:00:00.000Z';
const VERSION = '001763632800000:00000:device-1';

/** Only the fields the move reads: the key, and when it was frozen to tell two copies apart. */
function snapshot(orgKey: string, weekKey: string, frozenAt: string): SnapshotRow {
  return { orgKey, weekKey, frozenAt, synced: 0 } as unknown as SnapshotRow;
}

/** A browser that used `acme` before ever connecting: a claim, facts, a queued change, cursors, weeks, rules. */
async function usedBeforeConnecting(db: PartnerLedgerDb, hostKey = 'acme') {
  await db.attributions.add(attributionRow({ version: VERSION, orgKey: hostKey }));
  await db.opportunities.add({
    id: opportunityId(1),
    orgKey: hostKey,
    name: 'Acme renewal',
    source: 'page',
    seenAt: BUILT_AT,
  });
  await db.outbox.add({
    orgKey: hostKey,
    attributionId: attributionRow({ version: VERSION }).id,
    version: VERSION,
    queuedAt: BUILT_AT,
  });
  await db.syncState.put({ orgKey: hostKey, lastPushAt: BUILT_AT });
  await db.weekTotals.put({
    orgKey: hostKey,
    weekKey: '2026-11-16',
    byCurrency: {},
    opportunities: 0,
    fetchedAt: BUILT_AT,
    final: false,
  });
  await db.table('summaries').put(snapshot(hostKey, '2026-11-09', BUILT_AT));
  await writeSetting(db, `orgCurrency:${hostKey}`, { currency: 'USD', multiCurrency: false, fetchedAt: BUILT_AT });
}

async function orgKeysOf(db: PartnerLedgerDb) {
  return {
    attributions: (await db.attributions.toArray()).map((row) => row.orgKey),
    opportunities: (await db.opportunities.toArray()).map((row) => row.orgKey),
    outbox: (await db.outbox.toArray()).map((row) => row.orgKey),
    syncState: (await db.syncState.toArray()).map((row) => row.orgKey),
    summaries: (await db.summaries.toArray()).map((row) => row.orgKey),
    weekTotals: (await db.weekTotals.toArray()).map((row) => row.orgKey),
  };
}

describe('org ids', () => {
  it('tells an 18-character org id from a My Domain name and from other ids', () => {
    expect(isOrgId(PRODUCTION)).toBe(true);
    expect(isOrgId(PRODUCTION.slice(0, 15))).toBe(false);
    expect(isOrgId('acme--uat')).toBe(false);
    expect(isOrgId(opportunityId(1))).toBe(false);
    expect(isOrgId(`${PRODUCTION.slice(0, 15)}AAA`)).toBe(false);
  });

  it('keeps rows under the host key until the org id is known, then under the org id', async () => {
    const db = database();
    expect(await ledgerKeyOf(db, 'acme')).toBe('acme');
    expect(await hostKeyOf(db, 'acme')).toBe('acme');
    expect(await hostKeyOf(db, PRODUCTION)).toBeUndefined();
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    expect(await ledgerKeyOf(db, 'acme')).toBe(PRODUCTION);
    expect(await ledgerKeyOf(db, PRODUCTION)).toBe(PRODUCTION);
    expect(await hostKeyOf(db, PRODUCTION)).toBe('acme');
    expect(await ledgerKeyOf(db, 'acme--uat')).toBe('acme--uat');
  });

  it('refuses what is not an org id, and stores a map its schema accepts', async () => {
    const db = database();
    expect(await learnOrgId(db, 'acme', '00DAk000001prod', BUILT_AT)).toBeUndefined();
    expect(await learnOrgId(db, 'acme', opportunityId(1), BUILT_AT)).toBeUndefined();
    expect(await readSetting(db, 'orgIds')).toBeUndefined();
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    const stored = (await db.settings.get('orgIds'))?.value;
    expect(orgIdMapSchema.safeParse(stored).success).toBe(true);
    expect(orgIdMapSchema.safeParse({ acme: { orgId: 'acme', at: BUILT_AT } }).success).toBe(false);
  });

  it('moves every row of the host key to the org id in every table, and again moves nothing', async () => {
    const db = database();
    await usedBeforeConnecting(db);
    const first = await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    expect(first?.moved).toEqual({
      attributions: 1,
      opportunities: 1,
      outbox: 1,
      syncState: 1,
      summaries: 1,
      weekTotals: 1,
      settings: 1,
    });
    expect(await orgKeysOf(db)).toEqual({
      attributions: [PRODUCTION],
      opportunities: [PRODUCTION],
      outbox: [PRODUCTION],
      syncState: [PRODUCTION],
      summaries: [PRODUCTION],
      weekTotals: [PRODUCTION],
    });
    expect(await db.summaries.get([PRODUCTION, '2026-11-09'])).toBeDefined();
    expect(await readSetting(db, `orgCurrency:${PRODUCTION}`)).toBeDefined();
    expect(await db.settings.get('orgCurrency:acme')).toBeUndefined();
    const again = await learnOrgId(db, 'acme', PRODUCTION, LATER);
    expect(Object.values(again?.moved ?? {}).every((n) => n === 0)).toBe(true);
    expect(await orgKeysOf(db)).toMatchObject({ attributions: [PRODUCTION], summaries: [PRODUCTION] });
  });

  it('moves nothing of another My Domain, even one whose name starts the same', async () => {
    const db = database();
    await usedBeforeConnecting(db, 'acme--uat');
    await writeSetting(db, 'orgCurrency:acme2', { currency: 'EUR', multiCurrency: false, fetchedAt: BUILT_AT });
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    expect(await orgKeysOf(db)).toMatchObject({ attributions: ['acme--uat'], syncState: ['acme--uat'] });
    expect(await db.settings.get('orgCurrency:acme--uat')).toBeDefined();
    expect(await db.settings.get('orgCurrency:acme2')).toBeDefined();
  });

  it('names the org the roster is kept with by its org id once known, and leaves another org’s alone', async () => {
    const db = database();
    await writeSetting(db, 'rosterOrg', 'acme');
    await learnOrgId(db, 'acme--uat', SANDBOX, BUILT_AT);
    expect(await readSetting(db, 'rosterOrg')).toBe('acme');
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    expect(await readSetting(db, 'rosterOrg')).toBe(PRODUCTION);
  });

  it('joins a renamed My Domain to the same org: its rows move there, and the org keeps its own cursor and weeks', async () => {
    const db = database();
    await usedBeforeConnecting(db);
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    await db.syncState.update(PRODUCTION, { pullCursor: '2026-11-20T09:00:00.000Z' });
    // Renamed to `acme-corp`: a claim and a frozen week made there before connecting.
    await db.attributions.add(
      attributionRow({ version: VERSION, orgKey: 'acme-corp', id: '22222222-0000-4000-8000-000000000002' }),
    );
    await db.syncState.put({ orgKey: 'acme-corp', lastPushAt: LATER });
    await db.table('summaries').put(snapshot('acme-corp', '2026-11-09', LATER));
    await learnOrgId(db, 'acme-corp', PRODUCTION, LATER);
    expect((await db.attributions.toArray()).map((row) => row.orgKey)).toEqual([PRODUCTION, PRODUCTION]);
    expect(await db.syncState.toArray()).toEqual([
      { orgKey: PRODUCTION, lastPushAt: BUILT_AT, pullCursor: '2026-11-20T09:00:00.000Z' },
    ]);
    // The week frozen first is the one reported; the later copy is dropped, not merged.
    expect((await db.summaries.toArray()).map((row) => [row.orgKey, row.frozenAt])).toEqual([[PRODUCTION, BUILT_AT]]);
    expect(await ledgerKeyOf(db, 'acme-corp')).toBe(PRODUCTION);
    expect(await hostKeyOf(db, PRODUCTION)).toBe('acme-corp');
  });

  it('points a refreshed sandbox (same My Domain, new org id) at the new org, leaving the old org its rows', async () => {
    const db = database();
    await usedBeforeConnecting(db, 'acme--uat');
    await learnOrgId(db, 'acme--uat', SANDBOX, BUILT_AT);
    const refreshed = toId18('00DAk000003sbox')!;
    await learnOrgId(db, 'acme--uat', refreshed, LATER);
    expect(await ledgerKeyOf(db, 'acme--uat')).toBe(refreshed);
    expect((await db.attributions.toArray()).map((row) => row.orgKey)).toEqual([SANDBOX]);
  });

  it('writes nothing when one move fails: the map and every row stay as they were', async () => {
    const db = database();
    await usedBeforeConnecting(db);
    db.weekTotals.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(learnOrgId(db, 'acme', PRODUCTION, BUILT_AT)).rejects.toThrow('disk full');
    expect(await readSetting(db, 'orgIds')).toBeUndefined();
    expect(await orgKeysOf(db)).toEqual({
      attributions: ['acme'],
      opportunities: ['acme'],
      outbox: ['acme'],
      syncState: ['acme'],
      summaries: ['acme'],
      weekTotals: ['acme'],
    });
  });

  it('names the ledger of the last page seen', async () => {
    const db = database();
    expect(await currentLedgerKey(db)).toBeUndefined();
    await writeSetting(db, 'lastOrg', 'acme');
    expect(await currentLedgerKey(db)).toBe('acme');
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    expect(await currentLedgerKey(db)).toBe(PRODUCTION);
  });

  it('moves rows inside a caller’s transaction too', async () => {
    const db = database();
    await usedBeforeConnecting(db);
    const moved = await db.transaction(
      'rw',
      [db.settings, db.attributions, db.opportunities, db.outbox, db.syncState, db.summaries, db.weekTotals],
      () => moveOrgRows(db, 'acme', SANDBOX),
    );
    expect(moved.attributions).toBe(1);
    expect((await db.opportunities.toArray()).map((row) => row.orgKey)).toEqual([SANDBOX]);
  });

  it('backs up every org of this browser, each row under its org, with the map; a restore keeps them apart', async () => {
    const db = database();
    await usedBeforeConnecting(db, 'acme');
    await learnOrgId(db, 'acme', PRODUCTION, BUILT_AT);
    await db.attributions.add(
      attributionRow({ version: VERSION, orgKey: 'acme--uat', id: '22222222-0000-4000-8000-000000000002' }),
    );
    await learnOrgId(db, 'acme--uat', SANDBOX, BUILT_AT);
    // The stand-in snapshot above holds only its keys: a backup checks whole rows.
    await db.summaries.clear();
    await db.partners.add(partnerRow({ name: 'Northwind', id: attributionRow({ version: VERSION }).partnerId }));
    const parsed = parseBackup(JSON.stringify(await createBackup(db, LATER)));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const restored = database();
    await restoreBackup(restored, parsed.backup, { now: LATER });
    expect((await restored.attributions.toArray()).map((row) => row.orgKey).sort()).toEqual(
      [PRODUCTION, SANDBOX].sort(),
    );
    expect(await ledgerKeyOf(restored, 'acme--uat')).toBe(SANDBOX);
    expect(await ledgerKeyOf(restored, 'acme')).toBe(PRODUCTION);
  });
});
