import { describe, expect, it } from 'vitest';
import type { WeekRange, WeekSettings, WeeklySummary } from '../../../../lib/attribution/summary-types';
import { getSummarySettings, saveSummarySettings } from '../../../../lib/store/settings';
import {
  createNotifier,
  NOTIFY_ALARM,
  notificationMessage,
  type NotificationContent,
} from '../../../../lib/services/summary/notifier';
import { freshDbs } from '../../../builders';

const newDb = freshDbs();

const SETTINGS: WeekSettings = { timeZone: 'Europe/Berlin', firstDayOfWeek: 1 };

function summaryOf(week: WeekRange, sourcedCents: number): WeeklySummary {
  const figures = {
    weekKey: week.key,
    byCurrency: [
      {
        currency: 'EUR',
        sourcedPipelineCents: sourcedCents,
        sourcedOpportunities: 2,
        influencedPipelineCents: 30_000_00,
        influencedOpportunities: 1,
        sourcedWonCents: 0,
        sourcedWonOpportunities: 0,
        influencedWonCents: 0,
        influencedWonOpportunities: 0,
        newPipelineCents: 400_000_00,
        sourcedShare: sourcedCents / 400_000_00,
      },
    ],
  };
  return {
    week,
    figures,
    previous: { weekKey: '', byCurrency: [] },
    byPartner: [],
    trend: [],
    topDeals: [],
    deals: [],
    stale: [],
    staleCount: 0,
    needsReview: [],
    needsReviewCount: 0,
    undatedCount: 0,
    unknownFactsCount: 0,
  };
}

async function setup(options: { enabled?: boolean; permission?: boolean; now?: string } = {}) {
  const db = newDb();
  await saveSummarySettings(db, {
    firstDayOfWeek: 1,
    notifications: { enabled: options.enabled ?? true, weekday: 1, hour: 9, minute: 0 },
  });
  let now = new Date(options.now ?? '2026-11-23T08:00:00.000Z'); // Monday 09:00 in Berlin
  const shown: { id: string; content: NotificationContent }[] = [];
  const alarms = new Map<string, number>();
  const computed: string[] = [];
  const notifier = createNotifier({
    db,
    now: () => now,
    summary: {
      weekSettings: async () => SETTINGS,
      prepareWeek: async () => 'acme',
      compute: async (_orgKey, week) => {
        computed.push(week.key);
        return summaryOf(week, 120_000_00);
      },
    },
    hasPermission: async () => options.permission ?? true,
    createNotification: async (id, content) => shown.push({ id, content }),
    createAlarm: (name, when) => void alarms.set(name, when),
    clearAlarm: (name) => void alarms.delete(name),
    iconUrl: 'chrome-extension://id/icon/128.png',
  });
  return { db, notifier, shown, alarms, computed, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('the weekly notification', () => {
  it('announces the week that just ended with its headline figures, once', async () => {
    const { db, notifier, shown } = await setup();
    expect(await notifier.onAlarm()).toBe('shown');
    expect(shown).toEqual([
      {
        id: 'pl-summary:2026-11-16',
        content: expect.objectContaining({
          type: 'basic',
          title: 'Last week’s partner attribution',
          message: expect.stringContaining('Partner-sourced €120,000 (2)'),
        }),
      },
    ]);
    expect((await getSummarySettings(db)).lastNotifiedWeekKey).toBe('2026-11-16');
    // The alarm fires again (or late, or twice at once): nothing more for that week.
    expect(await notifier.onAlarm()).toBe('already_shown');
    expect(await Promise.all([notifier.notify(), notifier.notify()])).toEqual(['already_shown', 'already_shown']);
    expect(shown).toHaveLength(1);
  });

  it('shows nothing while off or without the permission, and does not use up the week', async () => {
    const off = await setup({ enabled: false });
    expect(await off.notifier.onAlarm()).toBe('disabled');
    const denied = await setup({ permission: false });
    expect(await denied.notifier.onAlarm()).toBe('no_permission');
    expect(off.shown.length + denied.shown.length).toBe(0);
    expect((await getSummarySettings(denied.db)).lastNotifiedWeekKey).toBeUndefined();
  });

  it('sets the alarm for the next Monday 09:00 local, and clears it when turned off', async () => {
    const { db, notifier, alarms } = await setup({ now: '2026-11-18T12:00:00.000Z' });
    expect(await notifier.schedule()).toEqual(new Date('2026-11-23T08:00:00.000Z'));
    expect(alarms.get(NOTIFY_ALARM)).toBe(Date.parse('2026-11-23T08:00:00.000Z'));
    await saveSummarySettings(db, {
      firstDayOfWeek: 1,
      notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 },
    });
    expect(await notifier.schedule()).toBeUndefined();
    expect(alarms.has(NOTIFY_ALARM)).toBe(false);
  });

  it('on worker start, re-creates the alarm and catches up on a time passed while the browser was closed', async () => {
    const late = await setup({ now: '2026-11-24T07:30:00.000Z' }); // Tuesday: Monday 09:00 passed
    expect(await late.notifier.start()).toBe('shown');
    expect(late.shown.map((n) => n.id)).toEqual(['pl-summary:2026-11-16']);
    expect(late.alarms.get(NOTIFY_ALARM)).toBe(Date.parse('2026-11-30T08:00:00.000Z'));
    expect(await late.notifier.start()).toBe('already_shown');

    const early = await setup({ now: '2026-11-23T07:00:00.000Z' }); // Monday 08:00 in Berlin: not yet
    expect(await early.notifier.start()).toBeUndefined();
    expect(early.shown).toEqual([]);
  });
});

describe('notificationMessage', () => {
  it('says when there was nothing', () => {
    const week = { key: '2026-11-16', start: '', end: '' };
    expect(notificationMessage({ ...summaryOf(week, 0), figures: { weekKey: week.key, byCurrency: [] } })).toBe(
      'No partner deals were created or won last week.',
    );
  });
});
