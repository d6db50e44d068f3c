/**
 * Field-level security in the fake org: a user's profile may hide Opportunity fields. As in Salesforce, the
 * describe leaves hidden fields out, and a query that selects one fails with INVALID_FIELD ("No such column
 * …"): https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/admin_fls.htm
 *
 * `Owner.Name` stands for the owner's name through the `Owner` relationship: with it hidden, the describe still
 * lists `OwnerId` but without its relationship, and `Owner.Name` cannot be selected.
 */
import type { OrgData } from '../data';

/** The Opportunity fields a profile can hide here. */
export const HIDEABLE_OPPORTUNITY_FIELDS = ['Amount', 'Probability', 'ForecastCategoryName', 'Owner.Name'] as const;
export type HideableOpportunityField = (typeof HIDEABLE_OPPORTUNITY_FIELDS)[number];

/** Profiles that each hide one of the fields Partner Ledger reads (`--profile` in the fake org's variants). */
export const FIELD_ACCESS_PROFILES: Readonly<Record<string, readonly HideableOpportunityField[]>> = {
  'no-amount': ['Amount'],
  'no-probability': ['Probability'],
  'no-forecast-category': ['ForecastCategoryName'],
  'no-owner-name': ['Owner.Name'],
};

/** The Opportunity field paths the user's profile hides. */
export function hiddenOpportunityFields(state: OrgData, userId: string): ReadonlySet<string> {
  const user = state.users.find((candidate) => candidate.Id === userId);
  return new Set(user?.hiddenFields ?? []);
}

/** Gives every user of the org the profile's field access (for a variant, or a test). */
export function applyFieldAccessProfile(state: OrgData, profile: string): void {
  const hidden = FIELD_ACCESS_PROFILES[profile];
  if (!hidden) throw new RangeError(`Unknown field access profile: ${profile}`);
  for (const user of state.users) user.hiddenFields = [...hidden];
}
