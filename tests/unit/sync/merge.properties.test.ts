// The merge is a join-semilattice: commutative, associative, idempotent. Replicas are built from small
// pools of versions and touch ids so ties, shared touches and tombstones come up often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOUCH_TYPES } from '../../../lib/attribution/model';
import { compareClockVersions, formatVersion } from '../../../lib/time/hlc';
import {
  joinAttributions,
  mergeAttribution,
  sameState,
  type SyncAttribution,
  type SyncTouch,
} from '../../../lib/sync/merge';

const RUN = { numRuns: 400, seed: 20261120 } as const;
const ID = '6f1c2a9e-0000-4000-8000-000000000001';

const version = fc
  .record({
    wallMs: fc.integer({ min: 1, max: 4 }),
    counter: fc.integer({ min: 0, max: 2 }),
    device: fc.constantFrom('dev-a', 'dev-b', 'dev-c'),
  })
  .map(({ wallMs, counter, device }) => formatVersion({ wallMs, counter }, device));

/** A small deterministic hash, so content follows from the version as it does in real life. */
function hash(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

function touchAt(id: string, v: string): SyncTouch {
  const h = hash(id + v);
  return {
    id,
    type: TOUCH_TYPES[h % TOUCH_TYPES.length]!,
    date: `2026-11-${String(10 + (h % 9)).padStart(2, '0')}`,
    note: `note ${h % 5}`,
    link: h % 3 === 0 ? 'https://example.com/x' : null,
    createdAt: '2026-11-20T10:00:00.000Z',
    version: v,
    deleted: h % 4 === 0,
    by: `user ${h % 2}`,
  };
}

function attributionAt(v: string, touches: SyncTouch[]): SyncAttribution {
  const h = hash(v);
  return {
    id: ID,
    opportunityId: '006Ak0000000001AAA',
    partnerKey: h % 2 ? 'northwind' : 'globex',
    partnerName: h % 2 ? 'Northwind' : 'Globex',
    kind: h % 3 ? 'influenced' : 'sourced',
    note: `note ${h % 4}`,
    windowOverrideReason: h % 5 === 0 ? 'late intro' : null,
    deleted: h % 6 === 0,
    version: v,
    touches,
  };
}

/** A replica whose content at each version is the one content of that version (as versions guarantee). */
const replica: fc.Arbitrary<SyncAttribution> = fc
  .record({
    version,
    touches: fc.uniqueArray(fc.record({ id: fc.constantFrom('t1', 't2', 't3', 't4', 't5'), version }), {
      selector: (t) => t.id,
      maxLength: 5,
    }),
  })
  .map(({ version: v, touches }) =>
    attributionAt(
      v,
      touches.map((t) => touchAt(t.id, t.version)),
    ),
  );

/** A replica with any content at any version: the merge must stay a semilattice even then. */
const anyReplica: fc.Arbitrary<SyncAttribution> = fc
  .record({
    version,
    kind: fc.constantFrom('sourced' as const, 'influenced' as const),
    note: fc.constantFrom('', 'a', 'b'),
    deleted: fc.boolean(),
    touches: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('t1', 't2', 't3'),
        version,
        note: fc.constantFrom('x', 'y'),
        deleted: fc.boolean(),
      }),
      { selector: (t) => t.id, maxLength: 3 },
    ),
  })
  .map(({ version: v, kind, note, deleted, touches }) => ({
    ...attributionAt(v, []),
    kind,
    note,
    deleted,
    touches: touches.map((t) => ({ ...touchAt(t.id, t.version), note: t.note, deleted: t.deleted })),
  }));

for (const [label, arb] of [
  ['consistent replicas', replica],
  ['arbitrary content at equal versions', anyReplica],
] as const) {
  describe(`joinAttributions over ${label}`, () => {
    it('is commutative', () => {
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          expect(joinAttributions(a, b)).toEqual(joinAttributions(b, a));
        }),
        RUN,
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          const ab = joinAttributions(a, b);
          expect(joinAttributions(ab, ab)).toEqual(ab);
          expect(joinAttributions(ab, b)).toEqual(ab);
          expect(joinAttributions(a, ab)).toEqual(ab);
        }),
        RUN,
      );
    });

    it('is associative over three replicas', () => {
      fc.assert(
        fc.property(arb, arb, arb, (a, b, c) => {
          expect(joinAttributions(joinAttributions(a, b), c)).toEqual(joinAttributions(a, joinAttributions(b, c)));
        }),
        RUN,
      );
    });
  });
}

describe('mergeAttribution', () => {
  it('keeps every touch of both sides, each at its newest version, and the newest claim', () => {
    fc.assert(
      fc.property(replica, replica, (local, remote) => {
        const { merged } = mergeAttribution(local, remote);
        for (const touch of [...local.touches, ...remote.touches]) {
          const kept = merged.touches.find((t) => t.id === touch.id);
          expect(kept).toBeDefined();
          expect(compareClockVersions(kept!.version, touch.version)).toBeGreaterThanOrEqual(0);
        }
        const newest = compareClockVersions(local.version, remote.version) >= 0 ? local : remote;
        expect({ ...merged, touches: [] }).toEqual({ ...newest, touches: [] });
      }),
      RUN,
    );
  });

  it('writes locally exactly when the org brought something, and pushes exactly when the org lacks something', () => {
    fc.assert(
      fc.property(replica, replica, (local, remote) => {
        const { merged, writeLocal, pushRemote } = mergeAttribution(local, remote);
        expect(writeLocal).toBe(!sameState(merged, local));
        expect(pushRemote).toBe(!sameState(merged, remote));
        // The org already has everything this browser has: nothing to push.
        expect(mergeAttribution(local, joinAttributions(local, remote)).pushRemote).toBe(false);
        // Merging the result again changes nothing.
        const again = mergeAttribution(merged, remote);
        expect(again.writeLocal).toBe(false);
        expect(again.merged).toEqual(merged);
      }),
      RUN,
    );
  });

  it('brings two browsers to the same state whichever merges first', () => {
    fc.assert(
      fc.property(replica, replica, replica, (org, a, b) => {
        // A merges the org and writes; B merges the org and A's write; A merges B's write.
        const orgAfterA = mergeAttribution(a, org).merged;
        const orgAfterB = mergeAttribution(b, orgAfterA).merged;
        const aFinal = mergeAttribution(mergeAttribution(a, org).merged, orgAfterB).merged;
        expect(sameState(aFinal, orgAfterB)).toBe(true);
      }),
      RUN,
    );
  });

  it('keeps both touches when two browsers add one each to the same claim', () => {
    const base = attributionAt(formatVersion({ wallMs: 1, counter: 0 }, 'dev-a'), [
      touchAt('t0', formatVersion({ wallMs: 1, counter: 0 }, 'dev-a')),
    ]);
    const va = formatVersion({ wallMs: 2, counter: 0 }, 'dev-a');
    const vb = formatVersion({ wallMs: 2, counter: 0 }, 'dev-b');
    const a = { ...base, version: va, touches: [...base.touches, touchAt('ta', va)] };
    const b = { ...base, version: vb, touches: [...base.touches, touchAt('tb', vb)] };
    const result = mergeAttribution(a, b);
    expect(result.merged.touches.map((t) => t.id)).toEqual(['t0', 'ta', 'tb']);
    expect(result.merged.version).toBe(vb);
    expect(result).toMatchObject({ writeLocal: true, pushRemote: true });
  });

  it('lets a removal win or lose by version like any change', () => {
    const v1 = formatVersion({ wallMs: 1, counter: 0 }, 'dev-a');
    const v2 = formatVersion({ wallMs: 2, counter: 0 }, 'dev-b');
    const live = { ...attributionAt(v1, []), deleted: false };
    const removed = { ...live, version: v2, deleted: true };
    expect(mergeAttribution(live, removed).merged.deleted).toBe(true);
    expect(mergeAttribution(removed, live).merged.deleted).toBe(true);
    const revived = { ...live, version: formatVersion({ wallMs: 3, counter: 0 }, 'dev-a') };
    expect(mergeAttribution(removed, revived).merged.deleted).toBe(false);
  });

  it('does not compare names spelled by two rosters, only the partner key', () => {
    const v = formatVersion({ wallMs: 1, counter: 0 }, 'dev-a');
    const a = attributionAt(v, []);
    const b = { ...a, partnerName: a.partnerName.toUpperCase() };
    expect(mergeAttribution(a, b)).toMatchObject({ writeLocal: false, pushRemote: false });
  });

  it('refuses to merge two different attributions', () => {
    const a = attributionAt(formatVersion({ wallMs: 1, counter: 0 }, 'dev-a'), []);
    expect(() => joinAttributions(a, { ...a, id: 'other' })).toThrow(RangeError);
  });
});
