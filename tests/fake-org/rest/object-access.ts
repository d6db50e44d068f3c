/**
 * Object permissions in the fake org, as the salesforce/ permission sets grant them: every Partner Ledger user
 * may create and edit attributions and summaries, but only users with Partner_Ledger_Admin may create or edit
 * the team's rules. As in Salesforce, the describe says so per user (`createable`, `updateable`), and a write
 * without the permission fails with INSUFFICIENT_ACCESS_OR_READONLY ("insufficient access rights on object
 * id"): https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
import { PARTNER_LEDGER_ADMIN, type OrgData } from '../data';
import type { RecordError } from './errors';
import type { ObjectDef } from './schema';

/** The objects only some users may change, and the permission set that lets them. */
const ADMIN_ONLY: Readonly<Record<string, string>> = { Partner_Ledger_Rules__c: PARTNER_LEDGER_ADMIN };

/** Whether the user may create and edit records of the object. */
export function mayWrite(state: OrgData, object: ObjectDef, userId: string): boolean {
  if (!object.writable) return false;
  const needed = ADMIN_ONLY[object.name];
  if (!needed) return true;
  const user = state.users.find((candidate) => candidate.Id === userId);
  return Boolean(user?.permissionSets?.includes(needed));
}

export const INSUFFICIENT_ACCESS_MESSAGE = 'insufficient access rights on object id';

/** The per-record error of a refused write. */
export function insufficientAccess(): RecordError {
  return { statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: INSUFFICIENT_ACCESS_MESSAGE, fields: [] };
}

/** Gives or takes a permission set (for a variant, or a test). */
export function setPermissionSet(state: OrgData, userId: string, permissionSet: string, assigned: boolean): void {
  const user = state.users.find((candidate) => candidate.Id === userId);
  if (!user) throw new RangeError(`No user ${userId}`);
  const others = (user.permissionSets ?? []).filter((name) => name !== permissionSet);
  user.permissionSets = assigned ? [...others, permissionSet] : others;
}
