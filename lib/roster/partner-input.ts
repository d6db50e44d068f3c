import { LIMITS, PARTNER_TYPES, PARTNER_TYPE_LABELS, type PartnerType } from '../attribution/model';
import { cleanPartnerName } from '../attribution/names';
import { isIdOf, isRecordId, KEY_PREFIXES, toId18 } from '../record-id';

/** A roster entry as the user edits it, in the form or in a CSV file. */
export interface PartnerInput {
  name: string;
  type: PartnerType | null;
  tier: string | null;
  accountId: string | null;
  active: boolean;
}

/** The columns of a roster, as they are named in CSV files and in problem reports. */
export type PartnerField = 'name' | 'type' | 'tier' | 'account_id' | 'active';

export interface FieldProblem {
  field: PartnerField;
  message: string;
}

export type CheckedValue<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The name as it will be stored. Spaces are cleaned first so that the limit counts what the user
 * will see, not stray whitespace pasted from a spreadsheet.
 */
export function checkPartnerName(raw: string): CheckedValue<string> {
  const name = cleanPartnerName(raw);
  if (!name) return { ok: false, message: 'Enter the partner’s name.' };
  const length = name.length;
  if (length > LIMITS.partnerName) {
    return {
      ok: false,
      message:
        `The name is ${length.toLocaleString('en')} characters long; a partner name can be at most ` +
        `${LIMITS.partnerName} characters.`,
    };
  }
  return { ok: true, value: name };
}

/** Tiers are free text ("Gold", "Tier 1"); empty means the partner is not tiered. */
export function checkPartnerTier(raw: string | null): CheckedValue<string | null> {
  const tier = cleanPartnerName(raw ?? '');
  if (!tier) return { ok: true, value: null };
  const length = tier.length;
  if (length > LIMITS.partnerTier) {
    return {
      ok: false,
      message:
        `The tier is ${length.toLocaleString('en')} characters long; a tier can be at most ` +
        `${LIMITS.partnerTier} characters.`,
    };
  }
  return { ok: true, value: tier };
}

/**
 * The partner's Salesforce Account, stored in its 18-character form so the same Account never
 * appears under two spellings.
 */
export function checkAccountId(raw: string | null): CheckedValue<string | null> {
  const id = (raw ?? '').trim();
  if (!id) return { ok: true, value: null };
  if (!isRecordId(id)) {
    return {
      ok: false,
      message:
        `“${id}” is not a Salesforce Account id. Copy the 15- or 18-character id (it starts with ` +
        `${KEY_PREFIXES.Account}) from the Account’s address, or leave it empty.`,
    };
  }
  if (!isIdOf('Account', id)) {
    return {
      ok: false,
      message:
        `“${id}” is the id of another kind of Salesforce record, not an Account: Account ids start with ` +
        `${KEY_PREFIXES.Account}.`,
    };
  }
  return { ok: true, value: toId18(id)! };
}

export function isPartnerType(value: unknown): value is PartnerType {
  return typeof value === 'string' && (PARTNER_TYPES as readonly string[]).includes(value);
}

/** The list of types a person can choose from, for messages. */
export function describePartnerTypes(): string {
  return PARTNER_TYPES.map((type) => PARTNER_TYPE_LABELS[type]).join(', ');
}

/**
 * Checks and cleans a whole entry. Returns the entry as it will be stored, or every problem found, so
 * a form or an import preview can point at each field at once.
 */
export function checkPartnerInput(
  input: PartnerInput,
): { ok: true; value: PartnerInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = checkPartnerName(typeof input.name === 'string' ? input.name : '');
  if (!name.ok) problems.push({ field: 'name', message: name.message });
  if (input.type !== null && !isPartnerType(input.type)) {
    problems.push({ field: 'type', message: `Choose a partner type from the list: ${describePartnerTypes()}.` });
  }
  const tier = checkPartnerTier(input.tier);
  if (!tier.ok) problems.push({ field: 'tier', message: tier.message });
  const accountId = checkAccountId(input.accountId);
  if (!accountId.ok) problems.push({ field: 'account_id', message: accountId.message });
  if (typeof input.active !== 'boolean') {
    problems.push({ field: 'active', message: 'Say whether the partner is active.' });
  }
  if (!name.ok || !tier.ok || !accountId.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { name: name.value, type: input.type, tier: tier.value, accountId: accountId.value, active: input.active },
  };
}
