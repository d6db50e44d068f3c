import { describe, expect, it } from 'vitest';
import { claimNotification, getSummarySettings } from '../../../lib/store/settings';
import { freshDbs } from '../../builders';

const db = freshDbs();

describe('summary settings', () => {
  it('default to Monday weeks and no notification', async () => {
    expect(await getSummarySettings(db())).toEqual({
      firstDayOfWeek: 1,
      notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 },
    });
  });

  it('keep what is still valid of a damaged stored value, field by field', async () => {
    const store = db();
    await store.settings.put({
      key: 'summary',
      value: { firstDayOfWeek: 0, notifications: { enabled: 'yes' }, webhookUrl: 'http://insecure.example.com' },
    });
    expect(await getSummarySettings(store)).toEqual({
      firstDayOfWeek: 0,
      notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 },
    });
  });

  it('claim each week for the notification once, and never an earlier week after a later one', async () => {
    const store = db();
    expect(await claimNotification(store, '2026-11-16')).toBe(true);
    expect(await claimNotification(store, '2026-11-16')).toBe(false);
    expect(await claimNotification(store, '2026-11-09')).toBe(false);
    expect(await claimNotification(store, '2026-11-23')).toBe(true);
    expect((await getSummarySettings(store)).lastNotifiedWeekKey).toBe('2026-11-23');
  });
});
