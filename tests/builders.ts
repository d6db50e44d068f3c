// Builders for unit tests: databases, ids, change stamps and store rows, each written once. A builder
// returns a valid row of the current schema (lib/store/rows.ts); a test overrides only what it is about.
import { afterEach } from 'vitest';
import { normalizePartnerName } from '../lib/attribution/names';
import { toId18 } from '../lib/record-id';
import type { ChangeContext } from '../lib/store/attributions';
import { type AttributionRow, createDb, type PartnerLedgerDb, type PartnerRow, type TouchRow } from '../lib/store/db';

/** The instant the builders stamp rows with, unless told otherwise. */
export const BUILT_AT = '2026-11-20T10:00:00.000Z';

/** The device the builders' rows are made on, unless told otherwise. */
export const BUILT_ON = 'd0000001-0000-4000-8000-000000000001';

let dbCounter = 0;

/** A fresh, uniquely named database in fake-indexeddb. The caller deletes it (or see `freshDbs`). */
export function freshDb(): PartnerLedgerDb {
  dbCounter += 1;
  return createDb(`partner-ledger-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/**
 * Call at the top of a test file: returns a `freshDb` whose databases are deleted after each test of that
 * file, so no test sees another's rows.
 */
export function freshDbs(): () => PartnerLedgerDb {
  const made: PartnerLedgerDb[] = [];
  afterEach(async () => {
    for (const db of made.splice(0)) await db.delete();
  });
  return () => {
    const db = freshDb();
    made.push(db);
    return db;
  };
}

/** UUIDs that are valid (version 4, variant 8) and tell where they came from in a failure message. */
export function uuidSequence(tag: number): () => string {
  let n = 0;
  const prefix = tag.toString(16).padStart(8, '0').slice(-8);
  return () => `${prefix}-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/** Deterministic ids and clock for store tests. */
export function changeContext(overrides: Partial<ChangeContext> = {}): ChangeContext {
  let n = 0;
  return {
    actor: { deviceId: 'device-1' },
    now: BUILT_AT,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...overrides,
  };
}

/** A valid 18-character opportunity id built from a number. */
export function opportunityId(n: number): string {
  return toId18(`006Ak0000${String(n).padStart(6, '0')}`)!;
}

/** A partner row with a new id: active, no type, tier or account unless given; normalized name from name. */
export function partnerRow(over: Partial<PartnerRow> & { name: string }): PartnerRow {
  return {
    id: crypto.randomUUID(),
    normalizedName: normalizePartnerName(over.name),
    type: null,
    tier: null,
    accountId: null,
    active: true,
    createdAt: BUILT_AT,
    updatedAt: BUILT_AT,
    ...over,
  };
}

/** An attribution row: a live partner-sourced attribution of opportunity 1 in the org `acme`. */
export function attributionRow(over: Partial<AttributionRow> & Pick<AttributionRow, 'version'>): AttributionRow {
  return {
    id: '22222222-0000-4000-8000-000000000001',
    orgKey: 'acme',
    opportunityId: opportunityId(1),
    partnerId: '11111111-0000-4000-8000-000000000001',
    kind: 'sourced',
    note: '',
    createdBy: { deviceId: BUILT_ON },
    createdAt: BUILT_AT,
    updatedAt: BUILT_AT,
    deleted: 0,
    ...over,
  };
}

/** A touch row of `attribution`: a joint call on 18 November, with no note or link. */
export function touchRow(
  attribution: Pick<AttributionRow, 'id' | 'opportunityId' | 'createdBy' | 'version'>,
  over: Partial<TouchRow> = {},
): TouchRow {
  return {
    id: '33333333-0000-4000-8000-000000000001',
    attributionId: attribution.id,
    opportunityId: attribution.opportunityId,
    type: 'joint_call',
    date: '2026-11-18',
    note: '',
    link: null,
    createdBy: attribution.createdBy,
    createdAt: BUILT_AT,
    updatedAt: BUILT_AT,
    deleted: 0,
    version: attribution.version,
    ...over,
  };
}
