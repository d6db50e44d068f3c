import type { AttributionKind } from './model';

/**
 * A dispute: two or more live partner-sourced claims on one opportunity. An opportunity has at most one
 * sourcing partner, so while a dispute stands no claim gets sourced credit (nothing is counted twice) and
 * the partner manager is asked to settle it.
 */

interface ClaimLike {
  kind: AttributionKind;
  /** 1 when the attribution was removed (kept for the audit trail); such a claim no longer counts. */
  deleted?: 0 | 1;
}

/** True when the attributions of ONE opportunity hold two or more live sourced claims. */
export function isDisputed(attributions: readonly ClaimLike[]): boolean {
  let sourced = 0;
  for (const attribution of attributions) {
    if (attribution.kind === 'sourced' && attribution.deleted !== 1 && ++sourced === 2) return true;
  }
  return false;
}

/** The opportunities (by id) with two or more live sourced claims, from attributions of many opportunities. */
export function findDisputedOpportunities(
  attributions: readonly (ClaimLike & { opportunityId: string })[],
): Set<string> {
  const seenOnce = new Set<string>();
  const disputed = new Set<string>();
  for (const attribution of attributions) {
    if (attribution.kind !== 'sourced' || attribution.deleted === 1) continue;
    if (seenOnce.has(attribution.opportunityId)) disputed.add(attribution.opportunityId);
    else seenOnce.add(attribution.opportunityId);
  }
  return disputed;
}
