import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUMMARY_SETTINGS,
  checkWebhookUrl,
  summarySettingsSchema,
  webhookOriginPattern,
} from '../../../lib/attribution/summary-settings';

const slackHook = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';

describe('checkWebhookUrl', () => {
  it('accepts an https address and trims what was pasted around it', () => {
    expect(checkWebhookUrl(`  ${slackHook}\n`)).toEqual({ ok: true, url: slackHook });
  });

  it.each([
    ['', 'Enter the webhook address, starting with https://.'],
    ['   ', 'Enter the webhook address, starting with https://.'],
    [
      'hooks.slack.com/services/T000',
      'This is not a web address. Paste the whole webhook address, starting with https://.',
    ],
    [
      'http://hooks.slack.com/services/T000',
      'The webhook address must start with https:// so the summary is sent encrypted.',
    ],
    ['javascript:alert(1)', 'The webhook address must start with https:// so the summary is sent encrypted.'],
    [
      'https://user:secret@hooks.slack.com/x',
      'Remove the user name and password from the address: Slack webhooks do not need them.',
    ],
    [`https://hooks.slack.com/${'x'.repeat(2_100)}`, 'This address is too long to be a webhook address.'],
  ])('refuses %j in words', (input, error) => {
    expect(checkWebhookUrl(input)).toEqual({ ok: false, error });
  });
});

describe('webhookOriginPattern', () => {
  it('asks for the webhook host only', () => {
    expect(webhookOriginPattern(slackHook)).toBe('https://hooks.slack.com/*');
    expect(webhookOriginPattern('https://chat.example.com:8443/hooks/abc')).toBe('https://chat.example.com:8443/*');
  });
});

describe('summarySettingsSchema', () => {
  it('accepts the defaults: Monday weeks, notification off at Monday 09:00, no webhook', () => {
    expect(summarySettingsSchema.parse(DEFAULT_SUMMARY_SETTINGS)).toEqual({
      firstDayOfWeek: 1,
      notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 },
    });
  });

  it('accepts a webhook and a Sunday week', () => {
    const settings = { ...DEFAULT_SUMMARY_SETTINGS, firstDayOfWeek: 0, webhookUrl: slackHook };
    expect(summarySettingsSchema.parse(settings)).toEqual(settings);
  });

  it.each([
    [{ firstDayOfWeek: 7 }, 'Choose a day of the week.'],
    [{ firstDayOfWeek: 1.5 }, 'Choose a day of the week.'],
    [{ notifications: { enabled: true, weekday: 1, hour: 24, minute: 0 } }, 'Choose an hour from 0 to 23.'],
    [{ notifications: { enabled: true, weekday: 1, hour: 9, minute: 60 } }, 'Choose a minute from 0 to 59.'],
    [{ notifications: { enabled: true, weekday: 1, hour: 9.5, minute: 0 } }, 'Choose an hour from 0 to 23.'],
    [
      { webhookUrl: 'http://hooks.slack.com/x' },
      'The webhook address must start with https:// so the summary is sent encrypted.',
    ],
  ])('refuses %j with a message a user understands', (patch, message) => {
    const result = summarySettingsSchema.safeParse({ ...DEFAULT_SUMMARY_SETTINGS, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
