import Dexie, { type EntityTable } from 'dexie';
import type { Table, Transaction } from 'dexie';
import type { AttributionRules } from '../attribution/model';
import { migratePartnerV1 } from './migrations/v001-to-v002';
import { initialVersion, outboxEntryFor } from './migrations/v002-to-v003';
import { pushFailuresOfV4Setting, V4_PUSH_FAILURES_PREFIX } from './migrations/v004-to-v005';
import { ATTRIBUTION_INDEXES_V7, TOUCH_INDEXES_V7, TOUCHES_ASIDE } from './migrations/v005-to-v007';
import type {
  AttributionRow,
  OpportunityRow,
  OutboxRow,
  PartnerRow,
  SettingRow,
  StoredAuditRow,
  StoredOutboxRow,
  SnapshotRow,
  SyncStateRow,
  TouchRow,
  WeekTotalRow,
} from './rows';

// The row types are inferred from their schemas in rows.ts; they are exported here too, beside the tables.
export type {
  Actor,
  AttributionRow,
  AuditRow,
  OpportunityRow,
  OutboxRow,
  PartnerRow,
  SettingRow,
  StoredAuditRow,
  StoredOutboxRow,
  SnapshotRow,
  SyncStateRow,
  TouchRow,
  WeekTotalRow,
} from './rows';

export type PartnerLedgerDb = Dexie & {
  partners: EntityTable<PartnerRow, 'id'>;
  attributions: EntityTable<AttributionRow, 'id'>;
  /**
   * Evidence, keyed by its claim and its own id (`[attributionId+id]`): a touch id is its writer's choice, so the
   * same id on two claims is two touches, and neither can move or overwrite the other.
   */
  touches: Table<TouchRow, [string, string]>;
  opportunities: EntityTable<OpportunityRow, 'id'>;
  audit: EntityTable<StoredAuditRow, 'seq'>;
  settings: EntityTable<SettingRow, 'key'>;
  outbox: EntityTable<StoredOutboxRow, 'seq'>;
  syncState: EntityTable<SyncStateRow, 'orgKey'>;
  /**
   * Frozen weeks: each row a snapshot (`SnapshotRow`) of a week's summary as reported. The table keeps its
   * first name, `summaries`, because renaming an IndexedDB table means a schema version and a copy.
   */
  summaries: Table<SnapshotRow, [string, string]>;
  weekTotals: Table<WeekTotalRow, [string, string]>;
};

export type { AttributionRules };

export const DB_NAME = 'partner-ledger';

/** The newest schema version; backups record it. */
export const SCHEMA_VERSION = 7;

/**
 * Opens the database. Every schema version stays declared here, oldest first, so a browser that
 * still holds an old version upgrades step by step (see `migrations/`).
 */
export function createDb(name = DB_NAME): PartnerLedgerDb {
  const db = new Dexie(name) as PartnerLedgerDb;
  db.version(1).stores({
    partners: 'id, &normalizedName',
    attributions: 'id, opportunityId, partnerId, [opportunityId+deleted], updatedAt',
    opportunities: 'id, orgKey',
    audit: '++seq, entityId, opportunityId, at',
    settings: 'key',
  });
  db.version(2)
    .stores({
      touches: 'id, attributionId, opportunityId, [opportunityId+deleted], date',
    })
    .upgrade(upgradeV1ToV2);
  db.version(3)
    .stores({
      outbox: '++seq, orgKey, attributionId',
      syncState: 'orgKey',
    })
    .upgrade(upgradeV2ToV3);
  // v4: the weekly summary's tables. Existing rows need nothing, so there is no upgrade function.
  db.version(4).stores({
    summaries: '[orgKey+weekKey], orgKey, synced',
    weekTotals: '[orgKey+weekKey], orgKey',
  });
  // v5: no new table; push failures move from settings into the sync state.
  db.version(5).upgrade(upgradeV4ToV5);
  // v6 and v7, always run together: IndexedDB cannot change a table's key, so touches move aside (v6) and come
  // back keyed by their claim (v7). See migrations/v005-to-v007.ts.
  db.version(6)
    .stores({ [TOUCHES_ASIDE]: TOUCH_INDEXES_V7, touches: null })
    .upgrade(upgradeV5ToV6);
  // v7 also indexes attributions by external id, for the rows of an org whose ids another org's rows hold.
  db.version(7)
    .stores({ touches: TOUCH_INDEXES_V7, [TOUCHES_ASIDE]: null, attributions: ATTRIBUTION_INDEXES_V7 })
    .upgrade(upgradeV6ToV7);
  return db;
}

/** v1 → v2: the roster gains type, tier and Salesforce Account; evidence gets its own table. */
// Static import above: awaiting anything but the transaction's own requests would let IndexedDB close it.
async function upgradeV1ToV2(tx: Transaction): Promise<void> {
  await tx
    .table('partners')
    .toCollection()
    .modify((partner: Record<string, unknown>) => {
      Object.assign(partner, migratePartnerV1(partner));
    });
}

/** v2 → v3: every attribution and touch gets a version, and everything local is queued for the org. */
async function upgradeV2ToV3(tx: Transaction): Promise<void> {
  const queued: OutboxRow[] = [];
  await tx
    .table('attributions')
    .toCollection()
    .modify((row: AttributionRow) => {
      row.version ??= initialVersion(row);
      queued.push(outboxEntryFor(row));
    });
  await tx
    .table('touches')
    .toCollection()
    .modify((row: TouchRow) => {
      row.version ??= initialVersion(row);
    });
  if (queued.length) await tx.table('outbox').bulkAdd(queued);
}

/** v4 → v5: each org's push failures leave `settings` for its `syncState` row. */
async function upgradeV4ToV5(tx: Transaction): Promise<void> {
  const settings = tx.table('settings');
  const syncState = tx.table('syncState');
  const moved = (await settings.where('key').startsWith(V4_PUSH_FAILURES_PREFIX).toArray()) as SettingRow[];
  for (const row of moved) {
    const found = pushFailuresOfV4Setting(row);
    if (!found) continue;
    const state = ((await syncState.get(found.orgKey)) as SyncStateRow | undefined) ?? { orgKey: found.orgKey };
    await syncState.put({ ...state, pushFailures: found.pushFailures });
  }
  if (moved.length) await settings.bulkDelete(moved.map((row) => row.key));
}

/** v5 → v6: every touch moves aside, since the `touches` table is made again with another key. */
async function upgradeV5ToV6(tx: Transaction): Promise<void> {
  const rows = await tx.table('touches').toArray();
  if (rows.length) await tx.table(TOUCHES_ASIDE).bulkAdd(rows);
}

/** v6 → v7: the touches come back, keyed by their claim and their id; nothing in them changes. */
async function upgradeV6ToV7(tx: Transaction): Promise<void> {
  const rows = await tx.table(TOUCHES_ASIDE).toArray();
  if (rows.length) await tx.table('touches').bulkAdd(rows);
}
