/**
 * A hostile teammate for the convergence check (convergence.ts): a user with the permission set who writes
 * whatever the API lets through into Partner_Attribution__c, on its own records and on the honest ones:
 * oversize fields, invalid dates, forged versions, colliding touch ids, records of another org, and ids
 * deleted and then resurrected. Honest browsers must converge on the honest data with nothing lost or moved,
 * every sync must end, and every browser's backup must restore.
 */
import fc from 'fast-check';
import { ATTRIBUTION_OBJECT } from '../../../lib/crm/salesforce/org-objects';
import type { OrgAttributionBody, SyncApi } from '../../../lib/sync/types';
import { formatVersion } from '../../../lib/time/hlc';

/** Every kind of hostile write the generator knows. */
export const ALL_ADVERSARY_KINDS = [
  'oversize',
  'invalid-date',
  'forged-version',
  'colliding-touch',
  'other-org',
  'resurrect',
] as const;
export type AdversaryKind = (typeof ALL_ADVERSARY_KINDS)[number];

/** The kinds the property runs: every kind the generator knows. */
export const ADVERSARY_KINDS: readonly AdversaryKind[] = ALL_ADVERSARY_KINDS;

export const ADVERSARY_USER = 'Mallory Teammate';
const ADVERSARY_DEVICE = 'ad000000-0000-4000-8000-00000000000a';

/** One hostile write: its kind, which record it aims at (an honest one, or one of its own) and a size knob. */
export interface AdversaryOp {
  kind: AdversaryKind;
  /** Index into the honest records the org holds (modulo), or -1 for a record of its own. */
  target: number;
  /** A number to vary lengths and dates. */
  knob: number;
}

export function adversaryOpArbitrary(kinds: readonly AdversaryKind[] = ADVERSARY_KINDS): fc.Arbitrary<AdversaryOp> {
  return fc.record({
    kind: fc.constantFrom(...kinds),
    target: fc.integer({ min: -1, max: 7 }),
    knob: fc.nat(1_000),
  });
}

/**
 * True for the adversary's own records. Honest browsers may change them too (remove one, add a touch), but the
 * adversary can change them back, as any teammate can change a claim: what is promised holds for the rest.
 */
export function isAdversaryRecord(id: string | undefined): boolean {
  return id?.startsWith('adad') ?? false;
}

/** Own records the adversary writes, by index, so `resurrect` can come back to one. */
function ownId(n: number): string {
  return `adad0000-0000-4000-8000-${String(n % 4).padStart(12, '0')}`;
}

type Raw = Record<string, unknown>;

function touchesOf(record: Raw): Raw[] {
  try {
    const parsed = JSON.parse(String(record.Touches__c ?? '[]')) as unknown;
    return Array.isArray(parsed) ? (parsed as Raw[]) : [];
  } catch {
    return [];
  }
}

/** A record of its own, well formed, for the adversary to spoil. */
function ownRecord(n: number, opportunityId: string, version: string): Raw {
  return {
    External_Id__c: ownId(n),
    Opportunity__c: opportunityId,
    Partner_Name__c: 'Shady Partners',
    Partner_Key__c: 'shady partners',
    Partner_Type__c: null,
    Partner_Account__c: null,
    Kind__c: 'influenced',
    Credit__c: null,
    Note__c: 'mine',
    Window_Override_Reason__c: null,
    Touches__c: '[]',
    Last_Touch_Date__c: null,
    Touch_Count__c: 0,
    Deleted__c: false,
    Version__c: version,
    Device_Id__c: ADVERSARY_DEVICE,
    Attributed_By__c: ADVERSARY_USER,
    Attributed_At__c: '2026-11-20T09:00:00.000Z',
  };
}

/**
 * Makes one hostile write through the API as the adversary. `honest` are the records the org holds now (as
 * queried), `opportunityId` an opportunity of the scenario, `nowMs` the org's time. Refusals by the org are
 * ignored: the adversary tries again another time.
 */
export async function adversaryWrite(
  api: SyncApi,
  op: AdversaryOp,
  honest: readonly Raw[],
  opportunityId: string,
  nowMs: number,
): Promise<void> {
  const version = (offsetMs: number, counter = 0) =>
    formatVersion({ wallMs: nowMs + offsetMs, counter }, ADVERSARY_DEVICE);
  const target = op.target >= 0 && honest.length ? honest[op.target % honest.length]! : undefined;
  const base: Raw = target ? { ...target } : ownRecord(op.knob, opportunityId, version(0));
  for (const key of ['attributes', 'Id', 'SystemModstamp', 'LastModifiedBy', 'CreatedBy']) delete base[key];
  let record: Raw;
  switch (op.kind) {
    case 'oversize': {
      const which = op.knob % 4;
      record =
        which === 0
          ? { ...base, Note__c: 'n'.repeat(30_000), Version__c: version(60_000) }
          : which === 1
            ? {
                ...base,
                Touches__c: JSON.stringify([
                  ...touchesOf(base),
                  {
                    id: `adad${String(op.knob).padStart(4, '0')}-0000-4000-8000-000000000001`,
                    type: 'joint_call',
                    date: '2026-11-18',
                    note: 'x'.repeat(50_000),
                    link: null,
                    createdAt: '2026-11-18T10:00:00.000Z',
                    version: version(60_000),
                    deleted: false,
                  },
                ]),
                Version__c: version(60_000),
              }
            : which === 2
              ? { ...base, Attributed_By__c: 'The CEO'.padEnd(800, '!'), Version__c: version(60_000) }
              : { ...base, Window_Override_Reason__c: 'r'.repeat(5_000), Version__c: version(60_000) };
      break;
    }
    case 'invalid-date':
      record =
        op.knob % 2
          ? {
              ...base,
              Touches__c: JSON.stringify(touchesOf(base).map((touch) => ({ ...touch, createdAt: 'not-a-date' }))),
              Version__c: version(60_000),
            }
          : {
              ...base,
              Touches__c: JSON.stringify([
                ...touchesOf(base),
                {
                  id: `adad${String(op.knob).padStart(4, '0')}-0000-4000-8000-000000000002`,
                  type: 'joint_call',
                  date: '2026-02-30',
                  note: '',
                  link: null,
                  createdAt: 'not-a-date',
                  version: version(60_000),
                  deleted: false,
                },
              ]),
              Version__c: version(60_000),
            };
      break;
    case 'forged-version':
      record = { ...base, Version__c: '999999999999999:99999:zzz', Device_Id__c: null, Note__c: 'forged' };
      break;
    case 'colliding-touch': {
      const victim = honest.flatMap(touchesOf)[op.knob % Math.max(1, honest.flatMap(touchesOf).length)];
      if (!victim) return;
      record = {
        ...ownRecord(op.knob, opportunityId, version(60_000)),
        Touches__c: JSON.stringify([{ ...victim, note: 'moved', version: version(60_000) }]),
      };
      break;
    }
    case 'other-org':
      // A sandbox copy: production's external id on another opportunity, as a sandbox refresh leaves it.
      record = {
        ...base,
        Opportunity__c: '006Sb0000000001AAA',
        Note__c: 'from the sandbox',
        Version__c: version(60_000),
      };
      break;
    case 'resurrect': {
      const id = ownId(op.knob);
      const dead = { ...ownRecord(op.knob, opportunityId, version(0, 1)), Deleted__c: true };
      const alive = target
        ? // An honest record replayed as it was, with its old version: merges must ignore it.
          { ...base }
        : { ...ownRecord(op.knob, opportunityId, version(1_000, 2)), External_Id__c: id, Note__c: 'back again' };
      await upsert(api, [dead]);
      record = alive;
      break;
    }
  }
  await upsert(api, [record]);
}

async function upsert(api: SyncApi, records: Raw[]): Promise<void> {
  const bodies = records.map((record) => ({ ...record, attributes: { type: ATTRIBUTION_OBJECT } }));
  try {
    await api.upsertCollection(ATTRIBUTION_OBJECT, 'External_Id__c', bodies as unknown as OrgAttributionBody[]);
  } catch {
    // A malformed request refused whole: nothing was written.
  }
}
