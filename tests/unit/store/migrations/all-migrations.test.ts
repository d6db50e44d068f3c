import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, SCHEMA_VERSION, type PartnerLedgerDb, type SyncStateRow } from '../../../../lib/store/db';
import { rowSchemas, TABLE_NAMES } from '../../../../lib/store/rows';
import { v1 } from './fixtures/v1';
import { v2 } from './fixtures/v2';
import { v3 } from './fixtures/v3';
import { v4, V4_SANDBOX_ATTRIBUTION } from './fixtures/v4';
import { v5 } from './fixtures/v5';
import { TOUCHES_ASIDE } from '../../../../lib/store/migrations/v005-to-v007';

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
  {
    version: 2,
    stores: {
      touches: 'id, attributionId, opportunityId, [opportunityId+deleted], date',
    },
    fixture: v2 as unknown as Content,
  },
  {
    version: 3,
    stores: {
      outbox: '++seq, orgKey, attributionId',
      syncState: 'orgKey',
    },
    fixture: v3 as unknown as Content,
  },
  {
    version: 4,
    stores: {
      summaries: '[orgKey+weekKey], orgKey, synced',
      weekTotals: '[orgKey+weekKey], orgKey',
    },
    fixture: v4 as unknown as Content,
  },
  {
    version: 5,
    stores: {},
    fixture: v5 as unknown as Content,
  },
];

/**
 * Versions no browser can stay at: each is declared together with the next one and both run in the same
 * upgrade (v6 moves touches aside so that v7 can make their table again with another key).
 */
const PASSING_VERSIONS: readonly number[] = [6];

/**
 * What each upgrade must have done, checked on a database that started at `from` or earlier and ran the
 * whole chain. `adds` names the fields the upgrade gives existing rows: the checks of earlier steps read
 * rows without them (`rowsAsOf`), so each step keeps checking exactly what it promised. `moves` picks the
 * rows of a table that the upgrade takes out of it on purpose (their content lives on elsewhere), and
 * `fills` names the tables it may add rows to (its own check says which).
 */
interface Step {
  from: number;
  /** The version it ends at, when it runs through a passing version; else `from + 1`. */
  to?: number;
  adds?: Record<string, readonly string[]>;
  moves?: Record<string, (row: object) => boolean>;
  fills?: readonly string[];
  check: (db: PartnerLedgerDb, fixture: Content) => Promise<void>;
}

const PUSH_FAILURES_V4 = 'sync.pushFailures.';
const isPushFailuresSetting = (row: object) => String(key(row)).startsWith(PUSH_FAILURES_V4);

const STEPS: Step[] = [
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
      expect(await rowsAsOf(db, 'attributions', 1)).toEqual(sortById(fixture['attributions']!));
      expect(await db.opportunities.orderBy('id').toArray()).toEqual(sortById(fixture['opportunities']!));
      expect(await db.audit.toArray()).toEqual(fixture['audit']);
      expect(await db.settings.orderBy('key').toArray()).toEqual(
        [...fixture['settings']!].sort((a, b) => String(key(a)).localeCompare(String(key(b)))),
      );
    },
  },
  {
    from: 2,
    adds: { attributions: ['version'], touches: ['version'] },
    async check(db, fixture) {
      // Every attribution and touch gets the version of its last change, stamped with its author's device.
      const attributions = sortById(fixture['attributions'] as Record<string, unknown>[]).map(
        (a): Record<string, unknown> & { version: string } => ({ ...a, version: versionOf(a) }),
      );
      expect(await rowsAsOf(db, 'attributions', 2)).toEqual(attributions);
      expect(await rowsAsOf(db, 'touches', 2)).toEqual(
        sortById(fixture['touches'] ?? []).map((t) => ({ ...t, version: versionOf(t) })),
      );
      // Every attribution, removed ones included, is queued once for the org, as it is now.
      const outbox = await db.outbox.toArray();
      expect(sortBy(outbox, 'attributionId')).toEqual(
        sortBy(
          attributions.map((a) => ({
            seq: expect.any(Number),
            orgKey: a['orgKey'],
            attributionId: a['id'],
            version: a.version,
            queuedAt: a['updatedAt'],
          })),
          'attributionId',
        ),
      );
      expect(new Set(outbox.map((entry) => entry.seq)).size).toBe(outbox.length);
      // Nothing has been synced yet.
      expect(await db.syncState.count()).toBe(0);
      // Opportunities, audit and settings come through untouched, and partners keep what they had.
      expect(await db.opportunities.orderBy('id').toArray()).toEqual(sortById(fixture['opportunities']!));
      expect(await db.audit.toArray()).toEqual(fixture['audit']);
      expect(await db.settings.orderBy('key').toArray()).toEqual(sortBy(fixture['settings']!, 'key'));
      expect(await db.partners.orderBy('id').toArray()).toMatchObject(sortById(fixture['partners']!));
    },
  },
  {
    from: 3,
    async check(db, fixture) {
      // The weekly summary's tables arrive empty: nothing was reported before v4.
      expect(await db.summaries.count()).toBe(0);
      expect(await db.weekTotals.count()).toBe(0);
      // Every existing row comes through untouched; facts without an instant are refetched when a summary needs them.
      expect(await db.opportunities.orderBy('id').toArray()).toEqual(sortById(fixture['opportunities']!));
      expect(await db.settings.orderBy('key').toArray()).toEqual(sortBy(fixture['settings']!, 'key'));
      if (fixture['outbox']) expect(sortBy(await db.outbox.toArray(), 'seq')).toEqual(sortBy(fixture['outbox'], 'seq'));
      if (fixture['syncState']) expect(await db.syncState.toArray()).toEqual(fixture['syncState']);
      // Snapshots are stored and found by org and week.
      await db.summaries.add({
        orgKey: 'acme',
        weekKey: '2026-11-16',
        frozenAt: '2026-11-23T00:00:00.000Z',
        figures: { weekKey: '2026-11-16', byCurrency: [] },
        byPartner: [],
        deals: [],
        synced: 0,
      });
      expect(await db.summaries.get(['acme', '2026-11-16'])).toMatchObject({ weekKey: '2026-11-16' });
      expect(await db.summaries.where({ synced: 0 }).count()).toBe(1);
    },
  },
  {
    from: 4,
    moves: { settings: isPushFailuresSetting },
    fills: ['syncState'],
    async check(db, fixture) {
      // Push failures leave settings; every other setting stays as it was.
      const settings = fixture['settings']!;
      expect(await db.settings.orderBy('key').toArray()).toEqual(
        sortBy(
          settings.filter((row) => !isPushFailuresSetting(row)),
          'key',
        ),
      );
      const before = (fixture['syncState'] ?? []) as SyncStateRow[];
      if (!settings.some(isPushFailuresSetting)) {
        expect(await db.syncState.orderBy('orgKey').toArray()).toEqual(sortBy(before, 'orgKey'));
        return;
      }
      // Each org's sync state gains its failures, retry times as timestamps; its cursor stays. An org that
      // had no sync state gets one with only its failures; an entry that names no attribution and a
      // setting that cannot be read leave nothing behind.
      const acme = settingValue(settings, `${PUSH_FAILURES_V4}acme`);
      const [twice, once] = [v3.attributions[0]!.id, v3.attributions[1]!.id];
      expect(await db.syncState.orderBy('orgKey').toArray()).toEqual([
        {
          ...before.find((row) => row.orgKey === 'acme'),
          pushFailures: {
            [twice]: { ...acme[twice], retryAt: '2026-11-02T08:00:07.412Z' },
            [once]: { ...acme[once], retryAt: '2026-11-02T08:00:02.005Z' },
          },
        },
        {
          orgKey: 'acme--uat',
          pushFailures: {
            [V4_SANDBOX_ATTRIBUTION]: {
              ...settingValue(settings, `${PUSH_FAILURES_V4}acme--uat`)[V4_SANDBOX_ATTRIBUTION],
              retryAt: '2026-11-02T09:30:00.000Z',
            },
          },
        },
      ]);
      // The queue and the weekly summary's rows come through untouched.
      expect(sortBy(await db.outbox.toArray(), 'seq')).toEqual(sortBy(fixture['outbox']!, 'seq'));
      expect(await db.summaries.toArray()).toEqual(fixture['summaries']);
      expect(await db.weekTotals.toArray()).toEqual(fixture['weekTotals']);
    },
  },
  {
    from: 5,
    to: 7,
    async check(db, fixture) {
      // Every touch comes back, with all it had, now keyed by its claim and its id.
      const touches = (fixture['touches'] ?? []) as { id: string; attributionId: string }[];
      expect(await db.touches.count()).toBe(touches.length);
      expect(db.touches.schema.primKey.keyPath).toEqual(['attributionId', 'id']);
      expect(db.tables.map((t) => t.name)).not.toContain(TOUCHES_ASIDE);
      for (const touch of touches) expect(await db.touches.get([touch.attributionId, touch.id])).toMatchObject(touch);
      // The same touch id on another claim is another touch: neither replaces the other.
      const [first] = await db.touches.toArray();
      if (first) {
        const other = (await db.attributions.toArray()).find((a) => a.id !== first.attributionId)!;
        await db.touches.add({ ...first, attributionId: other.id });
        expect(await db.touches.where('id').equals(first.id).count()).toBe(2);
        expect(await db.touches.get([first.attributionId, first.id])).toEqual(first);
      }
      // The queue comes through untouched.
      if (fixture['outbox']) expect(sortBy(await db.outbox.toArray(), 'seq')).toEqual(sortBy(fixture['outbox'], 'seq'));
    },
  },
];

function settingValue(settings: readonly object[], name: string): Record<string, object> {
  return (settings.find((row) => key(row) === name) as { value: Record<string, object> }).value;
}

/**
 * The version a row made before sync gets, written out here rather than computed by the code under test:
 * the time of its last change in 15 digits, counter 0, and its author's device.
 */
function versionOf(row: object): string {
  const { updatedAt, createdBy } = row as { updatedAt: string; createdBy: { deviceId: string } };
  return `${String(Date.parse(updatedAt)).padStart(15, '0')}:00000:${createdBy.deviceId}`;
}

/** A table's rows sorted by id, without the fields that upgrades after `from` added. */
async function rowsAsOf(db: PartnerLedgerDb, table: string, from: number): Promise<object[]> {
  const later = STEPS.filter((s) => s.from > from).flatMap((s) => s.adds?.[table] ?? []);
  const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
  return sortById(
    rows.map((row) => Object.fromEntries(Object.entries(row).filter(([field]) => !later.includes(field)))),
  );
}

function sortBy<T extends object>(rows: readonly T[], field: string): T[] {
  const value = (row: T) => String((row as Record<string, unknown>)[field]);
  return [...rows].sort((a, b) => value(a).localeCompare(value(b)));
}

function key(row: object): unknown {
  return (row as { key?: unknown }).key;
}

function sortById<T extends object>(rows: readonly T[]): T[] {
  return sortBy(rows, 'id');
}

const primaryKeys: Record<string, string | string[]> = {
  audit: 'seq',
  settings: 'key',
  summaries: ['orgKey', 'weekKey'],
  touches: ['attributionId', 'id'],
  weekTotals: ['orgKey', 'weekKey'],
};

function primaryKeyOf(table: string, row: object): unknown {
  const keyPath = primaryKeys[table] ?? 'id';
  const fields = row as Record<string, unknown>;
  return Array.isArray(keyPath) ? keyPath.map((field) => fields[field]) : fields[keyPath];
}

let counter = 0;
const opened: Dexie[] = [];

/** A database at an old version, declared with only the schemas up to that version, filled with its fixture. */
async function seedOldDatabase(version: number): Promise<string> {
  counter += 1;
  const name = `partner-ledger-migration-${version}-${counter}`;
  const old = new Dexie(name);
  for (const declared of OLD_VERSIONS.filter((v) => v.version <= version))
    old.version(declared.version).stores(declared.stores);
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
    const olderVersions = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1).filter(
      (version) => !PASSING_VERSIONS.includes(version),
    );
    expect(OLD_VERSIONS.map((v) => v.version)).toEqual(olderVersions);
    expect(STEPS.map((s) => s.from)).toEqual(olderVersions);
    expect(STEPS.map((s) => s.to ?? s.from + 1)).toEqual([...olderVersions.slice(1), SCHEMA_VERSION]);
  });

  it('has a row schema for every table of the current schema', async () => {
    const db = createDb(`partner-ledger-migration-tables-${++counter}`);
    opened.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
  });

  describe.each(OLD_VERSIONS)('from schema v$version', ({ version, fixture }) => {
    it('upgrades to the current schema keeping every row that no upgrade moves', async () => {
      const db = await upgrade(await seedOldDatabase(version));
      expect(db.verno).toBe(SCHEMA_VERSION);
      const laterSteps = STEPS.filter((s) => s.from >= version);
      for (const [table, rows] of Object.entries(fixture)) {
        const moved = (row: object) => laterSteps.some((s) => s.moves?.[table]?.(row));
        const kept = rows.filter((row) => !moved(row)).map((row) => primaryKeyOf(table, row));
        const gone = rows.filter(moved).map((row) => primaryKeyOf(table, row));
        const filled = laterSteps.some((s) => s.fills?.includes(table));
        if (!filled) expect(await db.table(table).count(), table).toBe(kept.length);
        expect((await db.table(table).bulkGet(kept as never[])).every(Boolean), table).toBe(true);
        expect((await db.table(table).bulkGet(gone as never[])).some(Boolean), table).toBe(false);
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

      // Queued per org and per attribution, for the push.
      const attributions = await db.attributions.count();
      expect(await db.outbox.where({ orgKey: 'acme' }).count()).toBe(attributions);
      expect(await db.outbox.where({ attributionId: live[0]!.id }).count()).toBe(1);

      const liveTouches = await db.touches.where({ opportunityId, deleted: 0 }).count();
      const removedTouches = await db.touches.where({ opportunityId, deleted: 1 }).count();
      const inSeptember = () => db.touches.where('date').between('2026-09-01', '2026-09-30', true, true).count();
      const septemberTouches = await inSeptember();
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
        version: '001795168800000:00000:6f1c2b7e-4d3a-4e8f-9a21-3c5d7e9f0b14',
      });
      expect(await db.touches.where({ opportunityId, deleted: 0 }).count()).toBe(liveTouches + 1);
      expect(await db.touches.where({ opportunityId, deleted: 1 }).count()).toBe(removedTouches);
      expect(await inSeptember()).toBe(septemberTouches + 1);
    });

    for (const step of STEPS.filter((s) => s.from >= version)) {
      it(`does what the v${step.from} → v${step.to ?? step.from + 1} upgrade promises`, async () => {
        const db = await upgrade(await seedOldDatabase(version));
        await step.check(db, fixture);
      });
    }
  });
});
