/**
 * Keeping the database usable in a long-lived background. IndexedDB closes a connection when another
 * context upgrades or deletes the database (a `versionchange` event), when the browser forces it closed
 * (storage pressure, the user clearing site data), or when code closes it; an operation then fails with
 * Dexie's `DatabaseClosedError` (https://dexie.org/docs/DexieErrors/Dexie.DatabaseClosedError), and one
 * caught mid-transaction with `InvalidStateError`. The background reopens the database and tries the
 * operation once more; a second failure is reported as any other.
 */
import type { PartnerLedgerDb } from './db';

const CLOSED_ERRORS = new Set(['DatabaseClosedError', 'InvalidStateError']);

/** Whether an error says the connection to the database was closed (Dexie's, or IndexedDB's own). */
export function isDatabaseClosedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  return (typeof name === 'string' && CLOSED_ERRORS.has(name)) || (inner !== undefined && isDatabaseClosedError(inner));
}

/** Opens the database again when an error says it was closed: true when the caller may try once more. */
export async function reopenIfClosed(db: PartnerLedgerDb, error: unknown): Promise<boolean> {
  if (!isDatabaseClosedError(error)) return false;
  if (!db.isOpen()) await db.open();
  return true;
}

/** Runs `operation`, and runs it once more after reopening the database if it was closed under it. */
export async function withReopen<T>(db: PartnerLedgerDb, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(await reopenIfClosed(db, error))) throw error;
    return operation();
  }
}
