/**
 * Who makes a change, and when, under which rules: the stamps every change to attributions and partners
 * carries into the store and its audit trail.
 */
import { toLocalCalendarDate } from '../attribution/format';
import type { ChangeContext } from '../store/attributions';
import type { PartnerLedgerDb } from '../store/db';
import { getLocalActor, getRules, readSetting } from '../store/settings';

export interface Clock {
  now: () => Date;
  newId: () => string;
}

/** The stamps of a change made now by this browser. */
export async function changeContext(db: PartnerLedgerDb, { now, newId }: Clock): Promise<ChangeContext> {
  const at = now();
  // Once connected, changes are signed with the Salesforce user as well as this browser.
  const user = await readSetting(db, 'user');
  return {
    actor: { ...(await getLocalActor(db, newId)), ...(user ? { userId: user.userId, userName: user.userName } : {}) },
    now: at.toISOString(),
    today: toLocalCalendarDate(at),
    newId,
    rules: await getRules(db),
  };
}
