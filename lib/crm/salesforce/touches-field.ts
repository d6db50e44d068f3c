/**
 * Touches__c, the evidence of a claim as JSON (see org-objects.ts): how a touch is written into it, and
 * whether a set of touches fits. The field is a Long Text Area of 131,072 characters (its length comes from
 * salesforce/, field-limits.generated.ts); a record over it is refused whole with STRING_TOO_LONG
 * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm),
 * so the panel refuses a touch that would not fit before anything is saved, and the push checks again.
 */
import { FIELD_LIMITS } from './field-limits.generated';
import type { OrgTouch } from './org-objects';

/** The characters Touches__c holds. */
export const TOUCHES_FIELD_LENGTH = FIELD_LIMITS.Partner_Attribution__c.Touches__c.length;

/** A stored touch as far as Touches__c needs it (the store's TouchRow has this shape). */
export interface TouchLike {
  id: string;
  type: string;
  date: string;
  note: string;
  link: string | null;
  createdAt: string;
  version: string;
  deleted: 0 | 1;
  createdBy: { deviceId: string; userName?: string };
}

/**
 * A touch as Touches__c carries it. A removed touch travels as a tombstone without its note and link: merges
 * need only its id, version and dates, and what it said stays in the history of the browsers that had it.
 */
export function toOrgTouch(touch: TouchLike): OrgTouch {
  const removed = touch.deleted === 1;
  return {
    id: touch.id,
    type: touch.type,
    date: touch.date,
    note: removed ? '' : touch.note,
    link: removed ? null : touch.link,
    createdAt: touch.createdAt,
    version: touch.version,
    deleted: removed,
    ...(touch.createdBy.userName ? { by: touch.createdBy.userName } : {}),
    deviceId: touch.createdBy.deviceId,
  };
}

/** The Touches__c value for these touches, in id order. */
export function touchesFieldValue(touches: readonly TouchLike[]): string {
  const sorted = [...touches].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify(sorted.map(toOrgTouch));
}

/** True when these touches fit Touches__c. */
export function touchesFit(touches: readonly TouchLike[]): boolean {
  return touchesFieldValue(touches).length <= TOUCHES_FIELD_LENGTH;
}
