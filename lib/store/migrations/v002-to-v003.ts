import { formatVersion } from '../../time/hlc';
import type { Actor, OutboxRow } from '../db';

/**
 * Schema v2 → v3: sync arrives. Rows made before it get a version from their last change, so any newer
 * change elsewhere wins over them, and every attribution is queued so the org receives what this browser
 * recorded while it worked alone.
 */
export function initialVersion(row: { updatedAt: string; createdBy: Actor }): string {
  const ms = Date.parse(row.updatedAt);
  // The version's time has 15 digits and no sign: a time that cannot be read, or is before 1970, counts as 0.
  return formatVersion({ wallMs: Number.isNaN(ms) || ms < 0 ? 0 : ms, counter: 0 }, row.createdBy.deviceId);
}

/**
 * The outbox entry that sends an attribution to the org as it is now. Queued when it was last changed,
 * unless the caller queues it at another time (a restore queues everything when it happens).
 */
export function outboxEntryFor(
  row: { orgKey: string; id: string; version: string; updatedAt: string },
  queuedAt: string = row.updatedAt,
): OutboxRow {
  return { orgKey: row.orgKey, attributionId: row.id, version: row.version, queuedAt };
}
