/**
 * Schema v1 → v2. Partners made from free-text tags get the roster fields, empty: the user completes
 * them in the roster. Attributions need no change (their window override reason is optional), and v1
 * influenced tags have no touches: they are listed for review rather than given invented evidence.
 */
export function migratePartnerV1(partner: Record<string, unknown>): Record<string, unknown> {
  return {
    type: partner['type'] ?? null,
    tier: partner['tier'] ?? null,
    accountId: partner['accountId'] ?? null,
  };
}
