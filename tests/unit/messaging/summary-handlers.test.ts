import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/messaging/handlers';
import { createMessageRouter } from '../../../lib/messaging/router';
import { createServices } from '../../../lib/services';
import type { WebhookDeps } from '../../../lib/services/summary/webhook';
import { freshDbs } from '../../builders';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const HOOK = 'https://hooks.slack.com/services/T000/B000/XXXX';

const newDb = freshDbs();

function setup(webhook: Partial<WebhookDeps> & { posted?: { url: string; body: string }[] } = {}) {
  const db = newDb();
  const posted = webhook.posted ?? [];
  let saved = 0;
  const services = createServices({
    db,
    now: () => NOW,
    timeZone: () => 'UTC',
    onSummarySettingsSaved: async () => void saved++,
    webhook: {
      hasHostPermission: webhook.hasHostPermission ?? (async () => true),
      fetch:
        webhook.fetch ??
        (async (url, init) => {
          posted.push({ url, body: init.body });
          return { status: 200 };
        }),
    },
  });
  const route = createMessageRouter(createHandlers(services), () => 'extension_page' as const);
  return { db, route, posted, saves: () => saved };
}

const settings = (extra: Record<string, unknown> = {}) => ({
  firstDayOfWeek: 1,
  notifications: { enabled: true, weekday: 1, hour: 9, minute: 0 },
  ...extra,
});

describe('weekly summary messages', () => {
  it('answers the current week without a connection, saying why the total is unknown', async () => {
    const { route } = setup();
    const answer = await route({ type: 'getWeeklySummary', payload: {} }, {});
    expect(answer).toMatchObject({
      ok: true,
      data: {
        currentWeekKey: '2026-11-16',
        previousWeekKey: '2026-11-09',
        newPipelineKnown: false,
        newPipelineUnknownReason: 'Open Salesforce in a tab to connect.',
      },
    });
    expect(await route({ type: 'getWeeklySummary', payload: { weekKey: '2026-11-09' } }, {})).toMatchObject({
      ok: true,
      data: { summary: { week: { key: '2026-11-09' } }, nextWeekKey: '2026-11-16' },
    });
  });

  it('refuses a week that is not a date', async () => {
    const { route } = setup();
    const refused = {
      ok: false,
      error: { code: 'invalid_request', message: 'The week must be a real date (year-month-day).' },
    };
    expect(await route({ type: 'getWeeklySummary', payload: { weekKey: 'last week' } }, {})).toEqual(refused);
    expect(await route({ type: 'getSummaryLists', payload: { weekKey: '2026-13-01' } }, {})).toEqual(refused);
  });

  it('gives a week’s stale deals and review items in full', async () => {
    const { route } = setup();
    expect(await route({ type: 'getSummaryLists', payload: { weekKey: '2026-11-09' } }, {})).toEqual({
      ok: true,
      data: { stale: [], needsReview: [] },
    });
  });

  it('saves the summary settings after checking them, keeps the week last announced, and moves the alarm', async () => {
    const { db, route, saves } = setup();
    expect(await route({ type: 'getSummarySettings', payload: {} }, {})).toEqual({
      ok: true,
      data: { firstDayOfWeek: 1, notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 } },
    });
    await db.settings.put({ key: 'summary', value: { ...settings(), lastNotifiedWeekKey: '2026-11-09' } });
    const saved = await route(
      { type: 'saveSummarySettings', payload: { settings: settings({ firstDayOfWeek: 0, webhookUrl: HOOK }) } },
      {},
    );
    expect(saved).toEqual({
      ok: true,
      data: { ...settings({ firstDayOfWeek: 0, webhookUrl: HOOK }), lastNotifiedWeekKey: '2026-11-09' },
    });
    expect(saves()).toBe(1);

    const refused = await route(
      { type: 'saveSummarySettings', payload: { settings: settings({ webhookUrl: 'http://hooks.example.com/x' }) } },
      {},
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('https://') },
    });
    expect(
      (await route({ type: 'getSummarySettings', payload: {} }, {})) as { data: { webhookUrl: string } },
    ).toMatchObject({ data: { webhookUrl: HOOK } });
    expect(saves()).toBe(1);
  });

  it('posts the week to the webhook as JSON, only with the host permission, and says what went wrong', async () => {
    const posted: { url: string; body: string }[] = [];
    const ok = setup({ posted });
    expect(await ok.route({ type: 'postSummaryToWebhook', payload: {} }, {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('No webhook is set up') },
    });
    await ok.route({ type: 'saveSummarySettings', payload: { settings: settings({ webhookUrl: HOOK }) } }, {});
    expect(await ok.route({ type: 'postSummaryToWebhook', payload: { weekKey: '2026-11-09' } }, {})).toEqual({
      ok: true,
      data: { url: HOOK, status: 200 },
    });
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]!.body).text).not.toContain('My number');
    // With Mine on, the message says it is the user's own number.
    await ok.route({ type: 'postSummaryToWebhook', payload: { weekKey: '2026-11-09', scope: 'mine' } }, {});
    expect(JSON.parse(posted[1]!.body).text).toContain('Partner attribution (My number)');

    const noPermission = setup({ hasHostPermission: async () => false });
    await noPermission.route(
      { type: 'saveSummarySettings', payload: { settings: settings({ webhookUrl: HOOK }) } },
      {},
    );
    expect(await noPermission.route({ type: 'postSummaryToWebhook', payload: {} }, {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('may not send to hooks.slack.com yet') },
    });

    const refused = setup({ fetch: async () => ({ status: 404 }) });
    await refused.route({ type: 'saveSummarySettings', payload: { settings: settings({ webhookUrl: HOOK }) } }, {});
    expect(await refused.route({ type: 'postSummaryToWebhook', payload: {} }, {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('HTTP 404') },
    });

    const offline = setup({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await offline.route({ type: 'saveSummarySettings', payload: { settings: settings({ webhookUrl: HOOK }) } }, {});
    expect(await offline.route({ type: 'postSummaryToWebhook', payload: {} }, {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('could not be reached') },
    });
  });
});
