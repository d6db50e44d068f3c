import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, SCHEMA_VERSION, type PartnerLedgerDb } from '../../../../lib/store/db';
import { rowSchemas, TABLE_NAMES } from '../../../../lib/store/row-schemas';
import { v1 } from './fixtures/v1';

/**
 * Every schema version a browser may still hold, oldest first: its `stores()` exactly as it was declared
 * (copied, so that an edit of db.ts cannot change what the test starts from) and a fixture of its content.
 * A new schema version adds one entry here (the previous newest version, with its fixture) and one step below.
 */
type Content = Record<string, readonly object[]>;
const OLD_VERSIONS: { version: number; stores: Record<string, string>; fixture: Content }[] = [
  {
    version: 1,
    stores: {
      partners: 'id, &normalizedName',
      attributions: 'id, opportunityId, partnerId, [opportunityId+deleted], updatedAt',
      opportunities: 'id, orgKey',
      audit: '++seq, entityId, opportunityId, at',
      settings: 'key',
    },
    fixture: v1 as unknown as Content,
  },
];

/** What each upgrade must have done, checked on a database that started at `from` or earlier and ran the whole chain. */
const STEPS: { from: number; check: (db: PartnerLedgerDb, fixture: Content) => Promise<void> }[] = [
  {
    from: 1,
    async check(db, fixture) {
      // Partners made from free-text tags get empty roster fields; nothing else about them changes.
      expect(await db.partners.orderBy('id').toArray()).toEqual(
        sortById(fixture['partners']!).map((p) => ({ ...p, type: null, tier: null, accountId: null })),
      );
      // Evidence has its own table, and v1 tags get none invented.
      expect(db.tables.map((t) => t.name)).toContain('touches');
      expect(await db.touches.count()).toBe(0);
      // Attributions, opportunities, audit and settings come through untouched.
      expect(sortById(await db.attributions.toArray())).toEqual(sortById(fixture['attributions']!));
      expect(await db.opportunities.orderBy('id').toArray()).toEqual(sortById(fixture['opportunities']!));
      expect(await db.audit.toArray()).toEqual(fixture['audit']);
      expect(await db.settings.orderBy('key').toArray()).toEqual(
        [...fixture['settings']!].sort((a, b) => String(key(a)).localeCompare(String(key(b)))),
      );
    },
  },
];

function key(row: object): unknown {
  return (row as { key?: unknown }).key;
}

function sortById<T extends object>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => String((a as { id?: unknown }).id).localeCompare(String((b as { id?: unknown }).id)));
}

const primaryKeys: Record<string, string> = { audit: 'seq', settings: 'key' };

let counter = 0;
const opened: Dexie[] = [];

/** A database at an old version, declared with only the schemas up to that version, filled with its fixture. */
async function seedOldDatabase(version: number): Promise<string> {
  counter += 1;
  const name = `partner-ledger-migration-${version}-${counter}`;
  const old = new Dexie(name);
  for (const declared of OLD_VERSIONS.filter((v) => v.version <= version)) old.version(declared.version).stores(declared.stores);
  const fixture = OLD_VERSIONS.find((v) => v.version === version)!.fixture;
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture)) await old.table(table).bulkAdd([...rows]);
  });
  expect(old.verno).toBe(version);
  old.close();
  return name;
}

async function upgrade(name: string): Promise<PartnerLedgerDb> {
  const db = createDb(name);
  opened.push(db);
  await db.open();
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('all migrations', () => {
  it('has a fixture for every old schema version and a step for every upgrade', () => {
    const olderVersions = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);
    expect(OLD_VERSIONS.map((v) => v.version)).toEqual(olderVersions);
    expect(STEPS.map((s) => s.from)).toEqual(olderVersions);
  });

  describe.each(OLD_VERSIONS)('from schema v$version', ({ version, fixture }) => {
    it('upgrades to the current schema keeping every row', async () => {
      const db = await upgrade(await seedOldDatabase(version));
      expect(db.verno).toBe(SCHEMA_VERSION);
      for (const [table, rows] of Object.entries(fixture)) {
        const keyPath = primaryKeys[table] ?? 'id';
        const keys = rows.map((row) => (row as Record<string, unknown>)[keyPath]);
        expect(await db.table(table).count(), table).toBe(rows.length);
        expect((await db.table(table).bulkGet(keys as never[])).every(Boolean), table).toBe(true);
      }
    });

    it('leaves only rows that the current row schemas accept', async () => {
      const db = await upgrade(await seedOldDatabase(version));
      const problems: string[] = [];
      for (const table of TABLE_NAMES) {
        (await db.table(table).toArray()).forEach((row, i) => {
          const result = rowSchemas[table].safeParse(row);
          if (!result.success) problems.push(`${table}[${i}]: ${result.error.message}`);
        });
      }
      expect(problems).toEqual([]);
    });

    it('keeps the indexes the store queries by', async () => {
      const db = await upgrade(await seedOldDatabase(version));
      const opportunityId = '006Ak00000Rn4sYIAR';
      const live = await db.attributions.where({ opportunityId, deleted: 0 }).toArray();
      expect(live.map((a) => a.kind).sort()).toEqual(['influenced', 'sourced']);
      expect(await db.attributions.where({ opportunityId: '006Ak00000Qm9xLIAR', deleted: 1 }).count()).toBe(1);
      expect(await db.partners.where({ normalizedName: 'globex cafe' }).count()).toBe(1);

      await db.touches.add({
        id: '0b6a4d2e-8c1f-4e3a-9d5b-7f2e1a3c4b5d',
        attributionId: live[0]!.id,
        opportunityId,
        type: 'joint_call',
        date: '2026-09-05',
        note: '',
        link: null,
        createdBy: { deviceId: '6f1c2b7e-4d3a-4e8f-9a21-3c5d7e9f0b14' },
        createdAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
        deleted: 0,
      });
      expect(await db.touches.where({ opportunityId, deleted: 0 }).count()).toBe(1);
      expect(await db.touches.where({ opportunityId, deleted: 1 }).count()).toBe(0);
      expect(await db.touches.where('date').between('2026-09-01', '2026-09-30', true, true).count()).toBe(1);
    });

    for (const step of STEPS.filter((s) => s.from >= version)) {
      it(`does what the v${step.from} → v${step.from + 1} upgrade promises`, async () => {
        const db = await upgrade(await seedOldDatabase(version));
        await step.check(db, fixture);
      });
    }
  });
});
