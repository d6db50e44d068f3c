import { describe, expect, it } from 'vitest';
import { addAttribution } from '../../../lib/store/attributions';
import { keysOfRangeSet, onAttributionsChanged, onRowsChanged, type ChangedKeys } from '../../../lib/store/changes';
import { updateUiSettings } from '../../../lib/store/settings';
import { changeContext, freshDb, opportunityId } from '../../builders';

// The debounce is generous so a slow, busy machine still sees the two writes as one burst.
const DEBOUNCE_MS = 200;
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 2));

describe('attribution change events', () => {
  it('fires once after a burst of attribution changes, not for other tables or other databases', async () => {
    const db = freshDb();
    const other = freshDb();
    // Creating a database tells every listener that everything changed: open it first.
    await Promise.all([db.open(), other.open()]);
    await settle();
    let fired = 0;
    const stop = onAttributionsChanged(db.name, () => fired++, { debounceMs: DEBOUNCE_MS });
    await updateUiSettings(db, { listBadges: false });
    await settle();
    expect(fired).toBe(0);
    // Two writes started together: one burst.
    await Promise.all(
      [1, 2].map((n) =>
        addAttribution(
          db,
          {
            orgKey: 'acme',
            opportunityId: opportunityId(n),
            partnerName: 'Acme SI',
            kind: 'influenced',
            note: '',
            touch: { type: 'joint_call', date: '2026-11-19', note: '' },
          },
          changeContext({ newId: () => crypto.randomUUID() }),
        ),
      ),
    );
    await settle();
    expect(fired).toBe(1);
    await addAttribution(
      other,
      {
        orgKey: 'acme',
        opportunityId: opportunityId(3),
        partnerName: 'Acme SI',
        kind: 'influenced',
        note: '',
        touch: { type: 'joint_call', date: '2026-11-19', note: '' },
      },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
    await settle();
    expect(fired).toBe(1);
    stop();
  });
});

describe('which rows changed', () => {
  const partner = (n: number) => ({
    id: `p${n}`,
    name: `Partner ${n}`,
    normalizedName: `partner ${n}`,
    type: null,
    tier: null,
    accountId: null,
    active: true,
    createdAt: '2026-11-19T00:00:00.000Z',
    updatedAt: '2026-11-19T00:00:00.000Z',
  });

  it('gives the keys written one by one, and says when only a range of keys is known', async () => {
    const db = freshDb();
    await db.open();
    await settle();
    const seen: ChangedKeys[] = [];
    const stop = onRowsChanged(db.name, ['partners', 'attributions'], (changed) => seen.push(changed));
    await db.partners.bulkPut([partner(1), partner(2)]);
    await db.partners.delete('p1');
    await updateUiSettings(db, { listBadges: false }); // another table: nothing
    await db.partners.bulkPut(Array.from({ length: 60 }, (_, i) => partner(100 + i))); // Dexie reports a range
    await db.partners.clear();
    stop();
    await db.partners.put(partner(3));
    expect(seen.map((changed) => Object.fromEntries([...changed].map(([t, keys]) => [t, keys?.sort()])))).toEqual([
      { partners: ['p1', 'p2'] },
      { partners: ['p1'] },
      { partners: undefined },
      { partners: undefined },
    ]);
  });

  it('reads the ranges Dexie reports, also as plain objects from another page, up to a limit', () => {
    const tree = { from: 'b', to: 'b', d: 2, l: { from: 'a', to: 'a', d: 1, l: null, r: null }, r: null };
    expect(keysOfRangeSet(tree, 10)?.sort()).toEqual(['a', 'b']);
    expect(keysOfRangeSet(tree, 1)).toBeUndefined();
    expect(keysOfRangeSet({ d: 0 }, 10)).toEqual([]);
    expect(keysOfRangeSet({ from: 'a', to: 'z', d: 1 }, 10)).toBeUndefined();
    // A compound key (touches: [attributionId, id]) is reported by its first part; a range of them is not a key.
    expect(keysOfRangeSet({ from: ['acme', '2026-11-16'], to: ['acme', '2026-11-16'], d: 1 }, 10)).toEqual(['acme']);
    expect(keysOfRangeSet({ from: ['acme', '2026-11-16'], to: ['acme', '2026-11-23'], d: 1 }, 10)).toBeUndefined();
  });
});
