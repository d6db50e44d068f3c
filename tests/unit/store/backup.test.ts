import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import {
  BACKUP_FORMAT,
  backupFileName,
  checkBackupSize,
  createBackup,
  findJsonError,
  MAX_BACKUP_BYTES,
  parseBackup,
  restoreBackup,
  summarizeBackup,
  type BackupFile,
  type BackupTables,
} from '../../../lib/store/backup';
import { nextVersion } from '../../../lib/store/clock';
import { SCHEMA_VERSION, type PartnerLedgerDb } from '../../../lib/store/db';
import { formatVersion } from '../../../lib/time/hlc';
import { freshDb } from '../helpers';
import { v1 } from './migrations/fixtures/v1';
import { v2 } from './migrations/fixtures/v2';

const NOW = '2026-11-20T10:00:00.000Z';
const DEVICE = '6f1c2b7e-4d3a-4e8f-9a21-3c5d7e9f0b14';
const OTHER_DEVICE = '2d1e0f9a-8b7c-4d6e-9f5a-4b3c2d1e0f9a';
const OPP_1 = '006Ak00000Rn4sYIAR';
const OPP_2 = '006Ak00000Rn4tBIAR';
const ACCOUNT = '001Ak00000Lw3PqIAJ';
const NORTHWIND = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const GLOBEX = '9a7b330a-a736-4d51-9b6e-a0b1c2d3e4f5';
const SOURCED = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const INFLUENCED = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const REMOVED = 'a8098c1a-f86e-41da-9d74-3c8f2b9e0c55';
const me = { deviceId: DEVICE };
const stamps = { createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-02T09:30:00.000Z' };
const CHANGED_MS = Date.parse(stamps.updatedAt);
/** The version of a change made at `stamps.updatedAt`. */
const at = (counter: number, device = DEVICE) => formatVersion({ wallMs: CHANGED_MS, counter }, device);
const REMOTE_SOURCED = 'a0BAk000001XyZaMAK';
const REMOTE_INFLUENCED = 'a0BAk000001XyZbMAK';

/** A current-schema database content that uses every field and every table. */
function sampleTables(): BackupTables {
  return {
    partners: [
      { id: NORTHWIND, name: 'Northwind Systems', normalizedName: 'northwind systems', type: 'system_integrator', tier: 'Gold', accountId: ACCOUNT, active: true, ...stamps },
      { id: GLOBEX, name: 'Globex Café', normalizedName: 'globex cafe', type: null, tier: null, accountId: null, active: false, ...stamps },
    ],
    attributions: [
      { id: SOURCED, orgKey: 'acme', opportunityId: OPP_1, partnerId: NORTHWIND, kind: 'sourced', note: 'Registered deal.', windowOverrideReason: 'Intro happened at the partner summit before the opportunity existed.', createdBy: me, ...stamps, deleted: 0, version: at(0), remoteId: REMOTE_SOURCED },
      { id: INFLUENCED, orgKey: 'acme', opportunityId: OPP_1, partnerId: GLOBEX, kind: 'influenced', note: '', createdBy: { deviceId: DEVICE, userId: '005Ak00000Ab1CdIAJ', userName: 'Dana Whitfield' }, ...stamps, deleted: 0, version: at(2, OTHER_DEVICE), remoteId: REMOTE_INFLUENCED, lastModifiedByName: 'Priya Raman' },
      { id: REMOVED, orgKey: 'acme', opportunityId: OPP_2, partnerId: GLOBEX, kind: 'sourced', note: 'Tagged by mistake.', createdBy: me, ...stamps, deleted: 1, version: at(1) },
    ],
    touches: [
      { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', attributionId: SOURCED, opportunityId: OPP_1, type: 'deal_registration', date: '2026-09-28', note: 'Reg #4411', link: 'https://partners.example.com/deals/4411?ref=pl', createdBy: me, ...stamps, deleted: 0, version: at(0) },
      { id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60', attributionId: INFLUENCED, opportunityId: OPP_1, type: 'joint_call', date: '2026-10-01', note: '', link: null, createdBy: me, ...stamps, deleted: 0, version: at(2, OTHER_DEVICE) },
      { id: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071', attributionId: REMOVED, opportunityId: OPP_2, type: 'other', date: '2024-02-29', note: '', link: null, createdBy: me, ...stamps, deleted: 1, version: at(1) },
    ],
    opportunities: [
      {
        id: OPP_1, orgKey: 'acme', name: 'Acme — 2027 renewal', createdDate: '2026-09-30', source: 'api', seenAt: NOW,
        amount: 125000.5, currency: 'EUR', stage: 'Negotiation/Review', closeDate: '2026-12-15', probability: 80, forecastCategory: 'Commit',
        isClosed: false, isWon: false, ownerId: '005Ak00000Ab1CdIAJ', ownerName: 'Dana Whitfield', fetchedAt: NOW, attributionsPulledAt: NOW,
      },
      { id: OPP_2, orgKey: 'acme', name: 'Acme expansion', source: 'api', seenAt: NOW, amount: null, currency: null, probability: null, forecastCategory: null },
    ],
    audit: [
      { seq: 1, at: NOW, actor: me, entity: 'partner', entityId: NORTHWIND, action: 'create', before: null, after: { name: 'Northwind Systems' } },
      { seq: 2, at: NOW, actor: me, entity: 'attribution', entityId: SOURCED, opportunityId: OPP_1, action: 'create', before: null, after: { kind: 'sourced' }, reason: 'Outside the window, see note.' },
      { seq: 7, at: NOW, actor: me, entity: 'touch', entityId: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071', opportunityId: OPP_2, action: 'delete', before: { deleted: 0 }, after: { deleted: 1 } },
    ],
    settings: [
      { key: 'deviceId', value: DEVICE },
      { key: 'ui', value: { panelCollapsed: true } },
      { key: 'clock', value: { wallMs: CHANGED_MS, counter: 2 } },
    ],
    summaries: [
      {
        orgKey: 'acme',
        weekKey: '2026-09-28',
        frozenAt: '2026-10-05T00:00:00.000Z',
        figures: {
          weekKey: '2026-09-28',
          byCurrency: [
            {
              currency: 'EUR', sourcedPipelineCents: 12500050, sourcedOpportunities: 1, influencedPipelineCents: 12500050, influencedOpportunities: 1,
              sourcedWonCents: 0, sourcedWonOpportunities: 0, influencedWonCents: 0, influencedWonOpportunities: 0, newPipelineCents: 50000000, sourcedShare: 0.250001,
            },
          ],
        },
        byPartner: [
          { partnerId: NORTHWIND, partnerName: 'Northwind Systems', currency: 'EUR', sourcedPipelineCents: 12500050, sourcedOpportunities: 1, influencedPipelineCents: 0, influencedOpportunities: 0, sourcedWonCents: 0, influencedWonCents: 0 },
        ],
        deals: [{ opportunityId: OPP_1, name: 'Acme — 2027 renewal', amountCents: 12500050, currency: 'EUR', kinds: ['sourced', 'influenced'], partnerNames: ['Globex Café', 'Northwind Systems'], stage: 'Negotiation/Review' }],
        userId: '005Ak00000Ab1CdIAJ',
        synced: 1,
        remoteIds: { EUR: 'a0CAk000001XyZaMAK' },
      },
    ],
  };
}

function backupText(tables: unknown = sampleTables(), overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: NOW, tables, ...overrides });
}

/** A backup whose tables are the sample with some rows changed. */
function withTables(change: (tables: BackupTables) => void): string {
  const tables = sampleTables();
  change(tables);
  return backupText(tables);
}

function problemsOf(text: string): string[] {
  const result = parseBackup(text);
  if (result.ok) throw new Error('The backup was accepted');
  return result.problems;
}

async function fill(db: PartnerLedgerDb, tables: BackupTables): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const [name, rows] of Object.entries(tables)) await db.table(name).bulkAdd(rows);
  });
}

async function contentOf(db: PartnerLedgerDb): Promise<BackupTables> {
  return (await createBackup(db, NOW)).tables;
}

const dbs: PartnerLedgerDb[] = [];
function newDb(): PartnerLedgerDb {
  const db = freshDb();
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('createBackup', () => {
  it('exports every row of every table with the format, schema version and time', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    const backup = await createBackup(db, NOW);
    expect(backup.format).toBe('partner-ledger-backup');
    expect(backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(backup.exportedAt).toBe(NOW);
    const expected = sampleTables();
    for (const name of Object.keys(expected) as (keyof BackupTables)[]) {
      expect(new Set<unknown>(backup.tables[name]), name).toEqual(new Set<unknown>(expected[name]));
    }
    expect(backup.tables.audit.map((a) => a.seq)).toEqual([1, 2, 7]);
  });

  it('leaves out the sync machinery: the outbox and the sync state, push failures included', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    await db.outbox.add({ orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: NOW });
    const refused = { version: at(0), attempts: 2, retryAt: NOW, error: 'UNABLE_TO_LOCK_ROW: record locked' };
    await db.syncState.add({
      orgKey: 'acme',
      pullCursor: '2026-11-20T09:59:00.000+0000',
      lastPullAt: NOW,
      pushFailures: { [SOURCED]: refused },
    });
    const backup = await createBackup(db, NOW);
    const tables = ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings', 'summaries'];
    expect(Object.keys(backup.tables)).toEqual(tables);
    expect(JSON.stringify(backup)).not.toContain('UNABLE_TO_LOCK_ROW');
    expect(JSON.stringify(backup)).not.toContain('pushFailures');
    expect(parseBackup(JSON.stringify(backup)).ok).toBe(true);
  });

  it('is a consistent snapshot: a change made meanwhile is in it whole or not at all', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    const partner = { ...sampleTables().partners[0]!, id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', name: 'Initech', normalizedName: 'initech' };
    const attribution = { ...sampleTables().attributions[1]!, id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', partnerId: partner.id, opportunityId: OPP_2 };
    const [backup] = await Promise.all([
      createBackup(db, NOW),
      db.transaction('rw', db.partners, db.attributions, async () => {
        await db.partners.add(partner);
        await db.attributions.add(attribution);
      }),
    ]);
    const hasPartner = backup.tables.partners.some((p) => p.id === partner.id);
    const hasAttribution = backup.tables.attributions.some((a) => a.id === attribution.id);
    expect(hasPartner).toBe(hasAttribution);
  });

  it('names the file after the export date', () => {
    expect(backupFileName(NOW)).toBe('partner-ledger-backup-2026-11-20.json');
  });
});

describe('round trip', () => {
  it('restores exactly what was backed up into a fresh database', async () => {
    const source = newDb();
    await fill(source, sampleTables());
    const text = JSON.stringify(await createBackup(source, NOW));

    const parsed = parseBackup(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    const target = newDb();
    const counts = await restoreBackup(target, parsed.backup, { now: '2026-11-21T08:00:00.000Z' });
    expect(counts).toEqual({ partners: 2, attributions: 3, touches: 3, opportunities: 2, audit: 3, settings: 3, summaries: 1 });

    const restored = await contentOf(target);
    const original = await contentOf(source);
    expect(restored.settings.find((s) => s.key === 'lastRestore')).toBeDefined();
    expect({ ...restored, settings: restored.settings.filter((s) => s.key !== 'lastRestore') }).toEqual(original);
  });

  it('summarises a backup as the user sees it, without removed attributions and touches', () => {
    const parsed = parseBackup(backupText());
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(summarizeBackup(parsed.backup)).toEqual({
      exportedAt: NOW,
      partners: 2,
      attributions: 2,
      touches: 2,
      opportunities: 2,
      auditEntries: 3,
    });
  });
});

describe('restoreBackup', () => {
  async function parsedSample(): Promise<BackupFile> {
    const parsed = parseBackup(backupText());
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    return parsed.backup;
  }

  it('replaces what was there, keeps this browser’s device id and records the restore in settings', async () => {
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await db.partners.add({ ...sampleTables().partners[0]!, id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', name: 'Old', normalizedName: 'old' });
    await db.audit.add({ at: NOW, actor: me, entity: 'partner', entityId: NORTHWIND, action: 'create', before: null, after: null });

    const counts = await restoreBackup(db, await parsedSample(), { now: '2026-11-21T08:00:00.000Z', actor: { deviceId: OTHER_DEVICE } });

    expect((await db.partners.toArray()).map((p) => p.name).sort()).toEqual(['Globex Café', 'Northwind Systems']);
    expect((await db.audit.toArray()).map((a) => a.seq)).toEqual([1, 2, 7]);
    expect(await db.settings.get('deviceId')).toEqual({ key: 'deviceId', value: OTHER_DEVICE });
    expect(await db.settings.get('ui')).toEqual({ key: 'ui', value: { panelCollapsed: true } });
    expect(await db.settings.get('lastRestore')).toEqual({
      key: 'lastRestore',
      value: { at: '2026-11-21T08:00:00.000Z', fileExportedAt: NOW, counts, by: { deviceId: OTHER_DEVICE } },
    });
  });

  it('numbers new audit entries after the restored ones', async () => {
    const db = newDb();
    await restoreBackup(db, await parsedSample(), { now: NOW });
    const seq = await db.audit.add({ at: NOW, actor: me, entity: 'partner', entityId: GLOBEX, action: 'update', before: null, after: null });
    expect(seq).toBe(8);
  });

  it('changes nothing when a write fails midway', async () => {
    const db = newDb();
    const before = sampleTables();
    await fill(db, before);
    const snapshot = await contentOf(db);

    // Two attributions with one id, as if validation had missed it: the attributions bulkAdd fails after
    // partners were cleared and rewritten.
    await db.outbox.add({ orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: NOW });
    await db.syncState.add({ orgKey: 'acme', lastPullAt: NOW });
    const outbox = await db.outbox.toArray();
    const bad = await parsedSample();
    bad.tables.partners = [{ ...bad.tables.partners[0]!, name: 'Northwind Renamed', normalizedName: 'northwind renamed' }];
    bad.tables.attributions = [bad.tables.attributions[0]!, { ...bad.tables.attributions[1]!, id: SOURCED }];

    const error = await restoreBackup(db, bad, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^The backup could not be restored, so nothing was changed \(.+\)\.$/);
    expect(await contentOf(db)).toEqual(snapshot);
    expect(await db.settings.get('lastRestore')).toBeUndefined();
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await db.syncState.toArray()).toEqual([{ orgKey: 'acme', lastPullAt: NOW }]);
  });

  it('starts sync over: clears the outbox and sync state and queues every restored attribution for the org', async () => {
    const db = newDb();
    await db.outbox.bulkAdd([
      { orgKey: 'acme', attributionId: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', version: at(5), queuedAt: NOW },
      { orgKey: 'acme', attributionId: SOURCED, version: at(4), queuedAt: NOW },
    ]);
    await db.syncState.add({ orgKey: 'acme', pullCursor: '2026-11-20T09:59:00.000+0000', lastPullAt: NOW, failures: 2 });
    const restoredAt = '2026-11-21T08:00:00.000Z';

    await restoreBackup(db, await parsedSample(), { now: restoredAt });

    expect(await db.syncState.count()).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox.map(({ seq: _seq, ...entry }) => entry)).toEqual([
      { orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: restoredAt },
      { orgKey: 'acme', attributionId: INFLUENCED, version: at(2, OTHER_DEVICE), queuedAt: restoredAt },
      { orgKey: 'acme', attributionId: REMOVED, version: at(1), queuedAt: restoredAt },
    ]);
    expect(new Set(outbox.map((entry) => entry.seq)).size).toBe(3);
  });

  it('never moves this browser’s clock back, and dates later changes after everything restored', async () => {
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    const ahead = { wallMs: CHANGED_MS + 60_000, counter: 3 };
    await db.settings.add({ key: 'clock', value: ahead });
    await restoreBackup(db, await parsedSample(), { now: NOW });
    expect(await db.settings.get('clock')).toEqual({ key: 'clock', value: ahead });

    // A browser whose clock is behind the backup moves up to the latest version restored …
    const behind = newDb();
    await behind.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await behind.settings.add({ key: 'clock', value: { wallMs: CHANGED_MS - 60_000, counter: 9 } });
    const backup = await parsedSample();
    backup.tables.settings = backup.tables.settings.filter((s) => s.key !== 'clock');
    backup.tables.touches[0]!.version = at(7, OTHER_DEVICE);
    await restoreBackup(behind, backup, { now: NOW });
    expect(await behind.settings.get('clock')).toEqual({ key: 'clock', value: { wallMs: CHANGED_MS, counter: 7 } });
    // … so a change made here next, even with the wall clock behind, is newer than any restored row.
    const next = await nextVersion(behind, OTHER_DEVICE, CHANGED_MS - 3_600_000);
    expect(next).toBe(formatVersion({ wallMs: CHANGED_MS, counter: 8 }, OTHER_DEVICE));
    const restored = [...(await behind.attributions.toArray()), ...(await behind.touches.toArray())];
    for (const row of restored) expect(next > row.version, row.id).toBe(true);

    // The file's own clock counts too, when it is the latest.
    const fresh = newDb();
    const withClock = await parsedSample();
    withClock.tables.settings.find((s) => s.key === 'clock')!.value = { wallMs: CHANGED_MS + 5, counter: 0 };
    await restoreBackup(fresh, withClock, { now: NOW });
    expect(await fresh.settings.get('clock')).toEqual({ key: 'clock', value: { wallMs: CHANGED_MS + 5, counter: 0 } });
  });

  it('refuses a backup that did not come through parseBackup for this schema', async () => {
    const db = newDb();
    const stale = { ...(await parsedSample()), schemaVersion: 1 };
    await expect(restoreBackup(db, stale)).rejects.toThrow('This backup has not been checked for this version of Partner Ledger.');
  });
});

describe('parseBackup: older schema versions', () => {
  /** The version a row made before sync gets: its last change, counter 0, its author's device. */
  const versioned = <T extends { updatedAt: string; createdBy: { deviceId: string } }>(row: T) => ({
    ...row,
    version: formatVersion({ wallMs: Date.parse(row.updatedAt), counter: 0 }, row.createdBy.deviceId),
  });
  const fileOf = (schemaVersion: number, tables: unknown) => JSON.stringify({ format: BACKUP_FORMAT, schemaVersion, exportedAt: NOW, tables });

  it('upgrades a v1 backup through v2 and v3 and accepts it', () => {
    const result = parseBackup(fileOf(1, v1));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.backup.tables.touches).toEqual([]);
    expect(result.backup.tables.partners).toEqual(v1.partners.map((p) => ({ ...p, type: null, tier: null, accountId: null })));
    expect(result.backup.tables.attributions).toEqual(v1.attributions.map(versioned));
    expect(result.backup.tables.audit).toEqual(v1.audit);
  });

  it('upgrades a v2 backup with the v2 → v3 migration: attributions and touches get their versions', () => {
    const result = parseBackup(fileOf(2, v2));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.backup.tables).toEqual({
      ...v2,
      attributions: v2.attributions.map(versioned),
      touches: v2.touches.map(versioned),
      summaries: [],
    });
  });

  it('restores an upgraded v2 backup and queues every attribution, removed ones included', async () => {
    const result = parseBackup(fileOf(2, v2));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const db = newDb();
    await db.settings.add({ key: 'deviceId', value: OTHER_DEVICE });
    await restoreBackup(db, result.backup, { now: NOW });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => [entry.attributionId, entry.version])).toEqual(
      v2.attributions.map(versioned).map((a) => [a.id, a.version]),
    );
    expect(v2.attributions.some((a) => a.deleted === 1)).toBe(true);
    expect((await db.touches.toArray()).every((t) => /^\d{15}:00000:/.test(t.version))).toBe(true);
    expect(await db.settings.get('deviceId')).toEqual({ key: 'deviceId', value: OTHER_DEVICE });
  });

  it('reports what is wrong with a v2 row, not the version it would have been given', () => {
    const { createdBy: _createdBy, ...withoutAuthor } = v2.attributions[1]!;
    const attributions = [v2.attributions[0], withoutAuthor, ...v2.attributions.slice(2)];
    expect(problemsOf(fileOf(2, { ...v2, attributions }))).toEqual(['attributions[1].createdBy: is missing']);
  });

  it('leaves out the push failures a v4 backup kept in settings, after checking every row where it stands', () => {
    const refused = { [SOURCED]: { version: at(0), attempts: 1, retryAt: CHANGED_MS, error: 'UNABLE_TO_LOCK_ROW' } };
    const [deviceId, ...others] = sampleTables().settings;
    const settings = [deviceId, { key: 'sync.pushFailures.acme', value: refused }, ...others];
    const result = parseBackup(fileOf(4, { ...sampleTables(), settings }));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.tables.settings).toEqual(sampleTables().settings);

    const broken = [...settings, { key: '', value: 1 }];
    const problems = problemsOf(fileOf(4, { ...sampleTables(), settings: broken }));
    expect(problems).toEqual(['settings[4].key: must not be empty']);
  });

  it('refuses a touches table in a v1 backup: v1 had none', () => {
    expect(problemsOf(fileOf(1, { ...v1, touches: [] }))).toEqual(['touches: is not a table of schema 1']);
  });

  it('refuses sync tables in any backup: they are never written to one', () => {
    expect(problemsOf(fileOf(2, { ...v2, outbox: [] }))).toEqual(['outbox: is not a table of schema 2']);
    expect(problemsOf(backupText({ ...sampleTables(), outbox: [], syncState: [] }))).toEqual([
      'outbox: is not a table of schema 5',
      'syncState: is not a table of schema 5',
    ]);
  });
});

describe('parseBackup: what is wrong, and where', () => {
  it('refuses text that is not JSON, saying where it breaks', () => {
    const cut = backupText().slice(0, 1234);
    expect(problemsOf(cut)).toEqual(['The file is not valid JSON (unexpected end at position 1234).']);
    expect(problemsOf('{\n  "format": tru\n}')).toEqual([
      'The file is not valid JSON (unexpected "\\n" at position 17, line 2 column 16).',
    ]);
    expect(problemsOf('{"format": "partner-ledger-backup",}')).toEqual([
      'The file is not valid JSON (unexpected "}" at position 35, line 1 column 36).',
    ]);
    expect(problemsOf('')).toEqual(['The file is empty.']);
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${backupText()}`).ok).toBe(true);
  });

  it('refuses anything that is not a Partner Ledger backup', () => {
    for (const text of ['[]', '42', 'null', '{"format":"other-backup","schemaVersion":2}', '{"tables":{}}']) {
      expect(problemsOf(text), text).toEqual(['This is not a Partner Ledger backup.']);
    }
  });

  it('refuses a backup from a newer version and asks for an update', () => {
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: 6 }))).toEqual([
      'This backup was made by a newer version of Partner Ledger (schema 6); update the extension first.',
    ]);
  });

  it('refuses a schema version that is not a known version number', () => {
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: '2' }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 5 (found "2")',
    ]);
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: 0 }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 5 (found 0)',
    ]);
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: undefined }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 5 (found nothing)',
    ]);
  });

  it('names missing, unknown and malformed parts of the file', () => {
    expect(problemsOf(backupText(sampleTables(), { tables: undefined }))).toEqual(['tables: is missing']);
    expect(problemsOf(backupText([]))).toEqual(['tables: must be an object with one list per table']);
    const { touches: _touches, ...withoutTouches } = sampleTables();
    expect(problemsOf(backupText({ ...withoutTouches, settings: {}, notes: [] }, { exportedAt: 'yesterday', comment: 'x' }))).toEqual([
      'comment: is not part of a Partner Ledger backup',
      'exportedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'notes: is not a table of schema 5',
      'touches: is missing',
      'settings: must be a list of rows',
    ]);
  });

  it('names each invalid field with its row', () => {
    const text = withTables((t) => {
      const [northwind, globex] = t.partners as unknown as Record<string, unknown>[];
      Object.assign(northwind!, { colour: 'blue', type: 'distributor', accountId: '001Ak00000Lw3Pq' });
      Object.assign(globex!, { name: 'G'.repeat(121), normalizedName: 'g'.repeat(121), active: 'yes' });
      const [a0, a1] = t.attributions as unknown as Record<string, unknown>[];
      Object.assign(a0!, { opportunityId: '001Ak00000Lw3PqIAJ', createdBy: { deviceId: 'device-1' }, deleted: false });
      delete a0!['note'];
      Object.assign(a1!, { kind: 'partner', updatedAt: '2026-11-20 10:00' });
      const [t0, t1] = t.touches as unknown as Record<string, unknown>[];
      Object.assign(t0!, { link: 'javascript:alert(1)', date: '2026-02-30' });
      Object.assign(t1!, { type: 'lunch', link: undefined });
      const [o0] = t.opportunities as unknown as Record<string, unknown>[];
      Object.assign(o0!, { source: 'csv', createdDate: '30/09/2026' });
      const [e0] = t.audit as unknown as Record<string, unknown>[];
      Object.assign(e0!, { seq: 1.5, entity: 'opportunity' });
      delete e0!['after'];
      t.settings[0]!.value = 'device-1';
      (t.settings as unknown[]).push('ui');
    });
    expect(problemsOf(text)).toEqual([
      "partners[0].type: must be null or one of 'technology_alliance', 'reseller_channel', 'system_integrator', 'oem_embedded', 'strategic_gtm' or 'isv_marketplace'",
      'partners[0].accountId: must be an 18-character Account id (starting 001)',
      "partners[0]: has an unknown field 'colour'",
      'partners[1].name: must be at most 120 characters',
      'partners[1].normalizedName: must be at most 120 characters',
      'partners[1].active: must be true or false',
      'attributions[0].opportunityId: must be an 18-character Opportunity id (starting 006)',
      'attributions[0].note: is missing',
      'attributions[0].createdBy.deviceId: must be a UUID',
      'attributions[0].deleted: must be 0 or 1',
      "attributions[1].kind: must be 'sourced' or 'influenced'",
      'attributions[1].updatedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'touches[0].date: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      'touches[0].link: must be an http or https address',
      "touches[1].type: must be one of 'intro_referral', 'deal_registration', 'joint_call', 'technical_evaluation', 'executive_sponsor', 'marketplace_cosell' or 'other'",
      'touches[1].link: is missing',
      'opportunities[0].createdDate: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      "opportunities[0].source: must be 'page' or 'api'",
      'audit[0].seq: must be a whole number',
      "audit[0].entity: must be 'attribution', 'partner' or 'touch'",
      'audit[0].after: is missing',
      'settings[0].value: must be a UUID (this browser’s device id)',
      'settings[3]: must be an object',
    ]);
  });

  it('names each invalid sync field with its row', () => {
    const text = withTables((t) => {
      const [a0, a1, a2] = t.attributions as unknown as Record<string, unknown>[];
      Object.assign(a0!, { version: '1790933400000:0:device', remoteId: 'a0BAk000001XyZa' });
      Object.assign(a1!, { version: `${at(0)}${'x'.repeat(30)}`, lastModifiedByName: '' });
      delete a2!['version'];
      const [t0] = t.touches as unknown as Record<string, unknown>[];
      Object.assign(t0!, { version: 42 });
      const [o0, o1] = t.opportunities as unknown as Record<string, unknown>[];
      Object.assign(o0!, { amount: '125000', currency: 'eur', probability: 150, closeDate: '2026-12-32', isWon: 'no' });
      Object.assign(o1!, { ownerId: ACCOUNT, fetchedAt: 'today', forecastCategory: '' });
      t.settings[2]!.value = { wallMs: -1, counter: 0 };
    });
    const version = 'must be a version written <15-digit time>:<5-digit counter>:<device id>, at most 60 characters';
    expect(problemsOf(text)).toEqual([
      `attributions[0].version: ${version}`,
      'attributions[0].remoteId: must be an 18-character Salesforce record id',
      `attributions[1].version: ${version}`,
      'attributions[1].lastModifiedByName: must not be empty',
      'attributions[2].version: is missing',
      `touches[0].version: ${version}`,
      'opportunities[0].amount: must be a number, or null',
      'opportunities[0].currency: must be a three-letter currency code such as USD, or null',
      'opportunities[0].closeDate: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      'opportunities[0].probability: must be a number from 0 to 100, or null',
      'opportunities[0].isWon: must be true or false',
      'opportunities[1].forecastCategory: must not be empty',
      'opportunities[1].ownerId: must be an 18-character User id (starting 005)',
      'opportunities[1].fetchedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'settings[2].value: must be this browser’s clock, { wallMs, counter }: whole numbers of at most 15 and 5 digits',
    ]);
  });

  it('refuses two attributions for one record in the org', () => {
    const text = withTables((t) => {
      t.attributions[2]!.remoteId = REMOTE_SOURCED;
    });
    expect(problemsOf(text)).toEqual(['attributions[2].remoteId: is also the remoteId of attributions[0]']);
  });

  it('requires the stored normalised form of each partner name', () => {
    const text = withTables((t) => {
      t.partners[1]!.normalizedName = 'globex café';
    });
    expect(problemsOf(text)).toEqual(["partners[1].normalizedName: must be the normalised form of the name ('globex cafe')"]);
  });

  it('refuses duplicate keys and two partners with one normalised name', () => {
    const text = withTables((t) => {
      t.partners.push({ ...t.partners[1]!, id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', name: 'GLOBEX  cafe', normalizedName: 'globex cafe' });
      t.touches.push({ ...t.touches[0]! });
      t.opportunities.push({ ...t.opportunities[1]! });
      t.audit.push({ ...t.audit[2]! });
      t.settings.push({ key: 'ui', value: {} });
    });
    expect(problemsOf(text)).toEqual([
      'touches[3].id: is also the id of touches[0]',
      'opportunities[2].id: is also the id of opportunities[1]',
      'audit[3].seq: is also the seq of audit[2]',
      'settings[3].key: is also the key of settings[1]',
      "partners[2].normalizedName: 'globex cafe' is already used by partners[1] (Globex Café)",
    ]);
  });

  it('refuses references to rows that are not in the file', () => {
    const text = withTables((t) => {
      t.attributions[1]!.partnerId = '00000000-0000-4000-8000-000000000099';
      t.touches[0]!.attributionId = '00000000-0000-4000-8000-000000000098';
      t.touches[1]!.opportunityId = OPP_2;
      // A new claim, not yet in the org.
      t.attributions.push({ ...t.attributions[0]!, id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', kind: 'influenced', remoteId: undefined });
      t.attributions[0]!.id = t.attributions[2]!.id;
    });
    expect(problemsOf(text)).toEqual([
      'attributions[2].id: is also the id of attributions[0]',
      'attributions[1].partnerId: no partner in this backup has the id 00000000-0000-4000-8000-000000000099',
      `attributions[3].partnerId: this partner is already attributed to opportunity ${OPP_1} by attributions[0]`,
      'touches[0].attributionId: no attribution in this backup has the id 00000000-0000-4000-8000-000000000098',
      `touches[1].opportunityId: must be the opportunity of its attribution, ${OPP_1} (attributions[1])`,
    ]);
  });

  it('allows a partner on an opportunity again once the earlier attribution was removed', () => {
    const text = withTables((t) => {
      t.attributions.push({ ...t.attributions[2]!, id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', deleted: 0 });
    });
    expect(parseBackup(text).ok).toBe(true);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const text = withTables((t) => {
      for (let i = 0; i < 60; i++) t.opportunities.push({ ...t.opportunities[0]!, id: `bad-${i}` });
    });
    const problems = problemsOf(text);
    expect(problems).toHaveLength(51);
    expect(problems[0]).toBe('opportunities[2].id: must be an 18-character Opportunity id (starting 006)');
    expect(problems[50]).toBe('…and 10 more problems.');
  });
});

describe('backup size', () => {
  it('accepts up to 100 MB and explains a larger file', () => {
    expect(MAX_BACKUP_BYTES).toBe(100 * 1024 * 1024);
    expect(checkBackupSize(MAX_BACKUP_BYTES)).toBeUndefined();
    expect(checkBackupSize(120 * 1024 * 1024)).toBe(
      'This file is too large to be a Partner Ledger backup (120 MB; the limit is 100 MB).',
    );
  });

  it('refuses an oversized text before parsing it', () => {
    expect(problemsOf(' '.repeat(MAX_BACKUP_BYTES + 1))).toEqual([
      'This file is too large to be a Partner Ledger backup (101 MB; the limit is 100 MB).',
    ]);
  });
});

describe('findJsonError', () => {
  it('agrees with JSON.parse on valid JSON and on damaged JSON', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '0', '-', '.', 'e', '\n', '\u0001', '{', '['))
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
