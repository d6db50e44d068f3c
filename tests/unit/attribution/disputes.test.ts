import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDisputedOpportunities, isDisputed } from '../../../lib/attribution/disputes';
import { RUN } from './arbitraries';

describe('disputes', () => {
  it('is a dispute with two or more live sourced claims', () => {
    expect(isDisputed([{ kind: 'sourced' }, { kind: 'sourced' }])).toBe(true);
    expect(isDisputed([{ kind: 'sourced' }, { kind: 'sourced', deleted: 0 }, { kind: 'sourced' }])).toBe(true);
  });

  it('is no dispute with one sourced claim, influencers only, or removed claims', () => {
    expect(isDisputed([])).toBe(false);
    expect(isDisputed([{ kind: 'sourced' }, { kind: 'influenced' }, { kind: 'influenced' }])).toBe(false);
    expect(isDisputed([{ kind: 'sourced' }, { kind: 'sourced', deleted: 1 }])).toBe(false);
  });

  it('finds the disputed opportunities among many', () => {
    const disputed = findDisputedOpportunities([
      { opportunityId: 'o1', kind: 'sourced' },
      { opportunityId: 'o2', kind: 'sourced' },
      { opportunityId: 'o1', kind: 'sourced' },
      { opportunityId: 'o2', kind: 'influenced' },
      { opportunityId: 'o3', kind: 'sourced' },
      { opportunityId: 'o3', kind: 'sourced', deleted: 1 },
      { opportunityId: 'o4', kind: 'influenced' },
      { opportunityId: 'o4', kind: 'influenced' },
    ]);
    expect([...disputed]).toEqual(['o1']);
  });

  it('property: findDisputedOpportunities agrees with isDisputed per opportunity', () => {
    const attribution = fc.record({
      opportunityId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
      kind: fc.constantFrom('sourced' as const, 'influenced' as const),
      deleted: fc.constantFrom<0 | 1 | undefined>(0, 1, undefined),
    });
    fc.assert(
      fc.property(fc.array(attribution, { maxLength: 12 }), (attributions) => {
        const disputed = findDisputedOpportunities(attributions);
        for (const id of ['o1', 'o2', 'o3', 'o4']) {
          const own = attributions.filter((a) => a.opportunityId === id);
          expect(disputed.has(id), id).toBe(isDisputed(own));
          expect(isDisputed(own)).toBe(own.filter((a) => a.kind === 'sourced' && a.deleted !== 1).length >= 2);
        }
      }),
      RUN,
    );
  });
});
