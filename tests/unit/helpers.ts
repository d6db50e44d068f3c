import { createDb, type PartnerLedgerDb } from '../../lib/store/db';
import type { ChangeContext } from '../../lib/store/attributions';
import { toId18 } from '../../lib/record-id';

let dbCounter = 0;

/** A fresh, uniquely named database in fake-indexeddb. */
export function freshDb(): PartnerLedgerDb {
  dbCounter += 1;
  return createDb(`partner-ledger-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** Deterministic ids and clock for store tests. */
export function changeContext(overrides: Partial<ChangeContext> = {}): ChangeContext {
  let n = 0;
  return {
    actor: { deviceId: 'device-1' },
    now: '2026-11-20T10:00:00.000Z',
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...overrides,
  };
}

/** A valid 18-character opportunity id built from a number. */
export function opportunityId(n: number): string {
  return toId18(`006Ak0000${String(n).padStart(6, '0')}`)!;
}
