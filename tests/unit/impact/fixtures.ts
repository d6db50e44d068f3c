import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import type { ClosedOpportunity, ImpactAttribution, ImpactDeal, ImpactGroup } from '../../../lib/impact/groups';
import { opportunityId } from '../../builders';

export function closed(n: number, overrides: Partial<ClosedOpportunity> = {}): ClosedOpportunity {
  return {
    id: opportunityId(n),
    amount: 1000,
    currency: 'USD',
    createdAt: '2026-05-01T09:00:00.000Z',
    closeDate: '2026-08-01',
    won: true,
    ...overrides,
  };
}

export function tag(n: number, overrides: Partial<ImpactAttribution> = {}): ImpactAttribution {
  return {
    opportunityId: opportunityId(n),
    partnerId: 'p-acme',
    partnerName: 'Acme SI',
    kind: 'influenced',
    deleted: false,
    ...overrides,
  };
}

let counter = 0;

/** A grouped deal, for report tests that start after grouping. */
export function deal(group: ImpactGroup, overrides: Partial<ImpactDeal> = {}): ImpactDeal {
  counter += 1;
  return {
    id: opportunityId(counter),
    group,
    won: false,
    closeDate: '2026-08-01',
    amountCents: 100_000,
    currency: 'USD',
    cycleDays: 30,
    disputed: false,
    partners:
      group === 'none'
        ? []
        : [{ partnerId: 'p-acme', partnerName: 'Acme SI', kinds: [group === 'sourced' ? 'sourced' : 'influenced'] }],
    ...overrides,
  };
}

/** `won` won and `lost` lost deals in a group, with the same other fields. */
export function deals(
  group: ImpactGroup,
  won: number,
  lost: number,
  overrides: Partial<ImpactDeal> = {},
): ImpactDeal[] {
  return [
    ...Array.from({ length: won }, () => deal(group, { ...overrides, won: true })),
    ...Array.from({ length: lost }, () => deal(group, { ...overrides, won: false })),
  ];
}

export { UNKNOWN_CURRENCY };
