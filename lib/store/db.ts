import Dexie, { type EntityTable } from 'dexie';
import type { Table, Transaction } from 'dexie';
import type { AttributionKind, AttributionRules, PartnerType, TouchType } from '../attribution/model';
import type { SummarySnapshot } from '../attribution/summary-types';
import { migratePartnerV1 } from './migrations/v001-to-v002';
import { initialVersion, outboxEntryFor } from './migrations/v002-to-v003';
import { pushFailuresOfV4Setting, V4_PUSH_FAILURES_PREFIX } from './migrations/v004-to-v005';

/** Who made a change: this browser's device id now; the Salesforce user once connected. */
export interface Actor {
  deviceId: string;
  userId?: string;
  userName?: string;
}

export interface PartnerRow {
  id: string;
  name: string;
  /** Case-, accent- and space-insensitive form of the name; unique. */
  normalizedName: string;
  /** Null for partners created from a free-text tag before the roster existed. */
  type: PartnerType | null;
  /** Program tier as the team names it ("Gold", "Tier 1"); null when not tiered. */
  tier: string | null;
  /** The partner's Account in Salesforce (18 characters), when known. */
  accountId: string | null;
  /** Inactive partners keep their attributions but are no longer offered for new ones. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AttributionRow {
  /** UUID; also the external id of the record in Salesforce once synced. */
  id: string;
  /** The org's My Domain name until the org id is known from the API. */
  orgKey: string;
  /** 18-character opportunity id. */
  opportunityId: string;
  partnerId: string;
  kind: AttributionKind;
  note: string;
  /** Why a sourced claim stands although its evidence is outside the attribution window. */
  windowOverrideReason?: string;
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  /** 1 for a tombstone: removed attributions stay until they have synced (IndexedDB cannot index booleans). */
  deleted: 0 | 1;
  /** Hybrid logical clock of the last change (lib/time/hlc.ts): merges keep the higher version. */
  version: string;
  /** The Salesforce record id, once the org has the record. */
  remoteId?: string;
  /** Who last changed it in the org, as the org reports it (teammates' changes). */
  lastModifiedByName?: string;
}

export interface TouchRow {
  id: string;
  attributionId: string;
  opportunityId: string;
  type: TouchType;
  /** Calendar date of the touch, `YYYY-MM-DD`. */
  date: string;
  note: string;
  /** http(s) only; null when there is none. */
  link: string | null;
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  deleted: 0 | 1;
  /** Hybrid logical clock of the touch's last change. */
  version: string;
}

export interface OpportunityRow {
  id: string;
  orgKey: string;
  name: string;
  /** Calendar date the opportunity was created (`YYYY-MM-DD`), when known: the window and lock start there. */
  createdDate?: string;
  /** The instant it was created (the API's CreatedDate, ISO 8601 UTC): weeks are cut by instant, in the user's zone. */
  createdAt?: string;
  /** Where the facts came from: the page, or the org's API (which wins when both are known). */
  source: 'page' | 'api';
  seenAt: string;
  /** Facts from the API, with `fetchedAt` telling their age. */
  amount?: number | null;
  currency?: string | null;
  stage?: string;
  closeDate?: string;
  probability?: number | null;
  forecastCategory?: string | null;
  isClosed?: boolean;
  isWon?: boolean;
  ownerId?: string;
  ownerName?: string;
  fetchedAt?: string;
  /** When this opportunity's attributions were last pulled from the org. */
  attributionsPulledAt?: string;
}

/** A change waiting to be pushed to the org, written in the same transaction as the change itself. */
export interface OutboxRow {
  seq?: number;
  orgKey: string;
  attributionId: string;
  /** The attribution's version when queued: a push acknowledges entries up to the version it sent. */
  version: string;
  queuedAt: string;
}

/** Where sync stands for one org: cursors, usage, pauses. Survives the worker being killed. */
export interface SyncStateRow {
  orgKey: string;
  /** SystemModstamp of the last record applied by the incremental pull. */
  pullCursor?: string;
  lastPullAt?: string;
  lastPushAt?: string;
  usage?: { used: number; limit: number; at: string };
  /** Set after 401/403: sync stops until the user acts (reload Salesforce, fix permissions). */
  stoppedReason?: string;
  /** Backoff after 5xx and network errors. */
  retryAt?: string;
  failures?: number;
  lastError?: string;
  /** Records the org refused, by attribution id: each waits out its own backoff (lib/sync/push.ts). */
  pushFailures?: Record<string, { version: string; attempts: number; retryAt: string; error: string }>;
}

export interface AuditRow {
  seq?: number;
  at: string;
  actor: Actor;
  entity: 'attribution' | 'partner' | 'touch';
  entityId: string;
  opportunityId?: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
  /** The reason the user gave (a late change, a window override, a dispute resolved). */
  reason?: string;
}

/** A week's summary as reported when the week ended (never overwritten), and whether the org has it. */
export interface SummaryRow extends SummarySnapshot {
  /** The Salesforce user the figures were reported for, once known (part of the records' external ids). */
  userId?: string;
  /** 0 until every currency's record is in the org; IndexedDB cannot index booleans. */
  synced: 0 | 1;
  /** The Partner_Attribution_Summary__c record ids by currency, once upserted. */
  remoteIds?: Record<string, string>;
  lastSyncError?: string;
}

/**
 * All new pipeline the org created in one week, per currency (integer cents), from one aggregate query.
 * A week that had ended when it was read never changes again; the current week is read again after a while.
 */
export interface WeekTotalRow {
  orgKey: string;
  weekKey: string;
  byCurrency: Record<string, number>;
  /** Opportunities counted, all currencies together. */
  opportunities: number;
  fetchedAt: string;
  /** True when the week had ended at `fetchedAt`: the figure is final. */
  final: boolean;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type PartnerLedgerDb = Dexie & {
  partners: EntityTable<PartnerRow, 'id'>;
  attributions: EntityTable<AttributionRow, 'id'>;
  touches: EntityTable<TouchRow, 'id'>;
  opportunities: EntityTable<OpportunityRow, 'id'>;
  audit: EntityTable<AuditRow, 'seq'>;
  settings: EntityTable<SettingRow, 'key'>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  syncState: EntityTable<SyncStateRow, 'orgKey'>;
  summaries: Table<SummaryRow, [string, string]>;
  weekTotals: Table<WeekTotalRow, [string, string]>;
};

export type { AttributionRules };

export const DB_NAME = 'partner-ledger';

/** The newest schema version; backups record it. */
export const SCHEMA_VERSION = 5;

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
  // v4: the weekly summary. Existing rows need nothing: see migrations/v003-to-v004.ts.
  db.version(4).stores({
    summaries: '[orgKey+weekKey], orgKey, synced',
    weekTotals: '[orgKey+weekKey], orgKey',
  });
  // v5: no new table; push failures move from settings into the sync state.
  db.version(5).upgrade(upgradeV4ToV5);
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
