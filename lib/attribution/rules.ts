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
 * Checks a new attribution against the live ones of the same opportunity.
 * One partner-sourced attribution at most (double counting is what makes finance distrust the number),
 * and a partner appears once per opportunity.
 */
export function checkNewAttribution(
  existing: readonly LiveAttribution[],
  candidate: { partnerId?: string; partnerName: string; kind: AttributionKind },
): RuleViolation | undefined {
  const samePartner = candidate.partnerId
    ? existing.find((a) => a.partnerId === candidate.partnerId)
    : undefined;
  if (samePartner) {
    return {
      code: 'duplicate_partner',
      message: `${samePartner.partnerName} is already attributed to this opportunity. Remove that attribution first to change it.`,
    };
  }
  if (candidate.kind === 'sourced') {
    const sourced = existing.find((a) => a.kind === 'sourced');
    if (sourced) {
      return {
        code: 'duplicate_sourced',
        message: `This opportunity is already partner-sourced by ${sourced.partnerName}. An opportunity has at most one sourcing partner; record ${candidate.partnerName} as partner-influenced instead.`,
      };
    }
  }
  return undefined;
}
