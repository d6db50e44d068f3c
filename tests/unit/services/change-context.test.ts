import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { changeContext } from '../../../lib/services/change-context';
import { saveRules } from '../../../lib/store/settings';
import { freshDbs } from '../../builders';

const newDb = freshDbs();

describe('the stamps of a change', () => {
  it('names this browser, then the Salesforce user once connected, and carries the time and the rules', async () => {
    const db = newDb();
    const clock = { now: () => new Date(2026, 10, 20, 12), newId: () => crypto.randomUUID() };
    const local = await changeContext(db, clock);
    expect(local.actor.userId).toBeUndefined();
    expect(local.now).toBe(new Date(2026, 10, 20, 12).toISOString());
    expect(local.today).toBe('2026-11-20');
    expect(local.rules).toEqual(DEFAULT_RULES);

    await db.settings.put({ key: 'user', value: { userId: '005000000000001AAA', userName: 'Dana Reyes' } });
    const rules = { ...DEFAULT_RULES, lockAfterDays: 30 };
    await saveRules(db, rules);
    const signed = await changeContext(db, clock);
    const user = { userId: '005000000000001AAA', userName: 'Dana Reyes' };
    expect(signed.actor).toEqual({ deviceId: local.actor.deviceId, ...user });
    expect(signed.rules).toEqual(rules);
  });
});
