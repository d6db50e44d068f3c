/**
 * Salesforce record ids: 15 characters (case-sensitive) or 18 (case-safe, with a checksum suffix).
 * We always store the 18-character form so the same record never appears twice under two spellings.
 * Pure and without imports: every layer keys its data by these ids (the roster checks Account ids, the
 * store keys opportunities), so they sit at the base of lib/ beside the clock and the week helpers.
 */

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the objects Partner Ledger cares about. */
export const KEY_PREFIXES = {
  Opportunity: '006',
  Account: '001',
  User: '005',
  Organization: '00D',
  Partner: '00I',
  Campaign: '701',
  Lead: '00Q',
} as const;

export type KnownObject = keyof typeof KEY_PREFIXES;

/** The three-character checksum of a 15-character id: one bit per upper-case letter, per chunk of five. */
function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) {
      const char = id15.charAt(chunk * 5 + j);
      if (char >= 'A' && char <= 'Z') bits |= 1 << j;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** True for a well-formed 15- or 18-character id whose checksum (when present) is right. */
export function isRecordId(value: string): boolean {
  if (!ID_PATTERN.test(value)) return false;
  if (value.length === 18) return checksum(value.slice(0, 15)) === value.slice(15);
  return true;
}

/** The 18-character form of a valid id, or undefined when the id is not valid. */
export function toId18(value: string): string | undefined {
  if (!isRecordId(value)) return undefined;
  return value.length === 18 ? value : value + checksum(value);
}

/** The object key prefix (first three characters) of a valid id. */
export function getKeyPrefix(id: string): string | undefined {
  return isRecordId(id) ? id.slice(0, 3) : undefined;
}

/** True when the id is a valid id of the given object. */
export function isIdOf(object: KnownObject, id: string): boolean {
  return getKeyPrefix(id) === KEY_PREFIXES[object];
}

/** An opportunity id in its 18-character form, or undefined for anything else. */
export function toOpportunityId(value: string): string | undefined {
  return isIdOf('Opportunity', value) ? toId18(value) : undefined;
}

/** A lead id in its 18-character form, or undefined for anything else. */
export function toLeadId(value: string): string | undefined {
  return isIdOf('Lead', value) ? toId18(value) : undefined;
}

/**
 * The record an attribution is made on: an opportunity, or a lead before it is converted (its claims then move
 * to the opportunity the conversion makes; see docs/leads.md). 18 characters, or undefined for anything else.
 */
export function toDealRecordId(value: string): string | undefined {
  return toOpportunityId(value) ?? toLeadId(value);
}

/** True for a lead id (15 or 18 characters). */
export function isLeadId(value: string): boolean {
  return isIdOf('Lead', value);
}
