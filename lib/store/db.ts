import Dexie, { type EntityTable } from 'dexie';
import type { AttributionKind } from '../attribution/model';

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
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  /** 1 for a tombstone: removed attributions stay until they have synced (IndexedDB cannot index booleans). */
  deleted: 0 | 1;
}

export interface OpportunityRow {
  id: string;
  orgKey: string;
  name: string;
  /** Where the facts came from: the page now, the API later. */
  source: 'page' | 'api';
  seenAt: string;
}

export interface AuditRow {
  seq?: number;
  at: string;
  actor: Actor;
  entity: 'attribution' | 'partner';
  entityId: string;
  opportunityId?: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type PartnerLedgerDb = Dexie & {
  partners: EntityTable<PartnerRow, 'id'>;
  attributions: EntityTable<AttributionRow, 'id'>;
  opportunities: EntityTable<OpportunityRow, 'id'>;
  audit: EntityTable<AuditRow, 'seq'>;
  settings: EntityTable<SettingRow, 'key'>;
};

export const DB_NAME = 'partner-ledger';

/**
 * Opens the database. Every schema version stays declared here, oldest first, so a browser that
 * still holds an old version upgrades step by step.
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
  return db;
}
