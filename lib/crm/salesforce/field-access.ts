/**
 * Field-level security on the Opportunity fields Partner Ledger reads. A profile or permission set can hide
 * Amount, Probability, Forecast Category or the owner's name from a user; Salesforce then leaves the field
 * out of the describe, and a query that selects it fails as a whole with INVALID_FIELD ("No such column …")
 * (Salesforce Help, "Field-Level Security":
 * https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/admin_fls.htm).
 * So the queries select only the fields the describe that `connect` already makes shows, and what is hidden
 * is said in plain words rather than shown as empty.
 */
import type { DescribeField } from './rest-client';

/** The fact fields a profile may hide, as they are selected. */
export const HIDEABLE_FACT_FIELDS = ['Amount', 'Probability', 'ForecastCategoryName', 'Owner.Name'] as const;
export type HideableFactField = (typeof HIDEABLE_FACT_FIELDS)[number];

/** The words a person knows each field by (its label on the standard Opportunity layout). */
const LABELS: Record<HideableFactField, string> = {
  Amount: 'Amount',
  Probability: 'Probability',
  ForecastCategoryName: 'Forecast Category',
  'Owner.Name': 'Opportunity Owner',
};

export function isHideableFactField(value: unknown): value is HideableFactField {
  return typeof value === 'string' && (HIDEABLE_FACT_FIELDS as readonly string[]).includes(value);
}

/**
 * The fact fields the user cannot read, from the Opportunity describe: a field the describe leaves out, and
 * the owner's name when `OwnerId` cannot be followed to its `Owner`.
 */
export function hiddenFactFields(describeFields: readonly Pick<DescribeField, 'name' | 'relationshipName'>[]) {
  const names = new Set(describeFields.map((field) => field.name));
  const owner = describeFields.find((field) => field.name === 'OwnerId');
  return HIDEABLE_FACT_FIELDS.filter((field) =>
    field === 'Owner.Name' ? owner?.relationshipName !== 'Owner' : !names.has(field),
  );
}

/** "Amount hidden by your Salesforce field access": what the panel and the summary say of a hidden field. */
export function hiddenFieldNotice(field: HideableFactField): string {
  return `${LABELS[field]} hidden by your Salesforce field access`;
}

const NO_SUCH_COLUMN = /No such column '([A-Za-z0-9_.]+)' on entity 'Opportunity'/;

/**
 * The fact field an INVALID_FIELD error names, when it is one a profile can hide: the describe and the
 * query disagreed (field access changed since connecting), and the field is left out from then on.
 */
export function hiddenFieldInError(error: unknown): HideableFactField | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { errorCode, message } = error as { errorCode?: unknown; message?: unknown };
  if (errorCode !== 'INVALID_FIELD' || typeof message !== 'string') return undefined;
  const named = NO_SUCH_COLUMN.exec(message)?.[1];
  return isHideableFactField(named) ? named : undefined;
}
