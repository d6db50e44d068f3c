// Honest browsers plus one hostile teammate sync through the org with faults (see adversary.ts and
// convergence.ts): the honest browsers converge on the honest data, nothing honest is lost or moved, no sync
// throws, and every browser's backup restores. Fixed seeds keep `npm test` repeatable;
// `npx tsx scripts/sync-soak.ts --runs 2000 --adversary` explores many more.
import { describe, expect, it } from 'vitest';
import { ADVERSARY_KINDS, ALL_ADVERSARY_KINDS } from './adversary';
import { checkConvergence } from './convergence';

const SEEDS = [20261205, 7, 424242] as const;

describe('sync with a hostile teammate', () => {
  it.each(SEEDS)(
    'keeps the honest browsers whole (seed %i, 10 scenarios of up to 30 steps)',
    async (seed) => {
      await checkConvergence({ runs: 10, seed, maxOps: 30, adversary: ADVERSARY_KINDS });
    },
    180_000,
  );

  it('runs every kind of hostile write the generator knows, colliding touch ids included', () => {
    expect([...ADVERSARY_KINDS].sort()).toEqual([...ALL_ADVERSARY_KINDS].sort());
    expect(ADVERSARY_KINDS).toContain('colliding-touch');
  });
});
