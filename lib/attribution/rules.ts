import type { AttributionKind } from './model';

/** A rule broken by a proposed attribution, in words the user can act on. */
export interface RuleViolation {
  code: 'duplicate_sourced' | 'duplicate_partner';
  message: string;
}

interface LiveAttribution {
  partnerId: string;
  partnerName: string;
  kind: AttributionKind;
}

/**
 * Checks a new attribution against the live ones of the same opportunity. A partner appears once per
 * opportunity, and a second partner-sourced claim is refused unless the user deliberately records it as a
 * competing claim: then both are kept and the opportunity is disputed until someone resolves it — never a
 * silent overwrite, never double counting.
 */
export function checkNewAttribution(
  existing: readonly LiveAttribution[],
  candidate: { partnerId?: string; partnerName: string; kind: AttributionKind; competingClaim?: boolean },
): RuleViolation | undefined {
  const samePartner = candidate.partnerId ? existing.find((a) => a.partnerId === candidate.partnerId) : undefined;
  if (samePartner) {
    return {
      code: 'duplicate_partner',
      message:
        `${samePartner.partnerName} is already attributed to this opportunity. Remove that attribution first ` +
        `to change it.`,
    };
  }
  if (candidate.kind === 'sourced' && !candidate.competingClaim) {
    const sourced = existing.find((a) => a.kind === 'sourced');
    if (sourced) {
      return {
        code: 'duplicate_sourced',
        message:
          `This opportunity is already partner-sourced by ${sourced.partnerName}. An opportunity has at most ` +
          `one sourcing partner; record ${candidate.partnerName} as partner-influenced instead, or record a ` +
          `competing claim to dispute it.`,
      };
    }
  }
  return undefined;
}
