import { uuidSequence } from '../../builders';
import type { ChangeContext } from '../../../lib/store/attributions';
import { createDb, type PartnerLedgerDb } from '../../../lib/store/db';
import type { SyncApi, SyncContext } from '../../../lib/sync/types';

let dbCounter = 0;

/** A simulated clock shared by the org and the browsers. */
export interface Clock {
  ms: number;
  advance(ms: number): void;
}

export function clock(start = Date.UTC(2026, 10, 20, 9, 0, 0)): Clock {
  const c: Clock = {
    ms: start,
    advance(ms: number) {
      c.ms += ms;
    },
  };
  return c;
}

/** One browser: its own database, device id and user. */
export interface Device {
  name: string;
  dbName: string;
  db: PartnerLedgerDb;
  deviceId: string;
  userName: string;
  /** Milliseconds this browser's clock is ahead (or behind) of the org's. */
  skewMs: number;
  newId: () => string;
}

export function device(index: number, time: Clock, options: { skewMs?: number; prefix?: string } = {}): Device {
  dbCounter += 1;
  const dbName = `${options.prefix ?? 'sync-test'}-${dbCounter}-${index}`;
  const dev: Device = {
    name: `device ${index}`,
    dbName,
    db: createDb(dbName),
    deviceId: `d${String(index).padStart(7, '0')}-0000-4000-8000-00000000000${index % 10}`,
    userName: `User ${index}`,
    skewMs: options.skewMs ?? 0,
    newId: uuidSequence(0x10000000 * (index + 1) + dbCounter),
  };
  void time;
  return dev;
}

/** The store's stamps for a change made on this device now. */
export function changeOn(dev: Device, time: Clock): ChangeContext {
  return { actor: { deviceId: dev.deviceId }, now: new Date(time.ms + dev.skewMs).toISOString(), newId: dev.newId };
}

/** The engine's context for this device talking to `api`. */
export function syncContext(dev: Device, time: Clock, api: SyncApi, extra: Partial<SyncContext> = {}): SyncContext {
  return {
    db: dev.db,
    api,
    now: () => time.ms + dev.skewMs,
    newId: dev.newId,
    random: () => 0.5,
    ...extra,
  };
}

/** "Restarts the worker": the database is opened afresh, as a new service worker would. */
export function reopen(dev: Device): void {
  dev.db.close();
  dev.db = createDb(dev.dbName);
}

export const ORG = 'acme';
export const TOUCH = { type: 'joint_call' as const, date: '2026-11-18', note: '' };
