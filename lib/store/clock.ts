import { formatVersion, receive, tick, type Clock } from '../time/hlc';
import type { PartnerLedgerDb } from './db';
import { readSetting, writeSetting } from './settings';

/**
 * This browser's hybrid logical clock, kept in settings so versions keep rising across worker restarts.
 * Call inside a transaction that includes `db.settings`.
 */
async function readClock(db: PartnerLedgerDb): Promise<Clock> {
  return (await readSetting(db, 'clock')) ?? { wallMs: 0, counter: 0 };
}

/** The version of a local change made now. */
export async function nextVersion(db: PartnerLedgerDb, deviceId: string, nowMs: number): Promise<string> {
  const clock = tick(await readClock(db), nowMs);
  await writeSetting(db, 'clock', clock);
  return formatVersion(clock, deviceId);
}

/** Moves the clock past a version received from the org, so later local changes sort after it. */
export async function observeVersion(db: PartnerLedgerDb, remoteVersion: string, nowMs: number): Promise<void> {
  await writeSetting(db, 'clock', receive(await readClock(db), remoteVersion, nowMs));
}
