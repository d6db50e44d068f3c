/**
 * The weekly summary's settings as the user chooses them in options → Weekly summary: how weeks are
 * counted, the weekly notification, and the Slack webhook the summary may be posted to. The background
 * stores them (`getSummarySettings` / `saveSummarySettings`) and validates every save with this schema.
 * The time zone is not a setting: it is always the browser's own.
 */
import { z } from '../zod';
import type { Weekday } from './summary-types';

/** Webhook addresses are short; anything longer is not one Slack made. */
export const WEBHOOK_URL_MAX_LENGTH = 2_048;

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; error: string };

/**
 * Checks a typed webhook address. Only `https:` is accepted: the summary names deals and amounts, so it
 * must travel encrypted; credentials in the address are refused because they would be stored in clear.
 */
export function checkWebhookUrl(input: string): WebhookUrlCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, error: 'Enter the webhook address, starting with https://.' };
  if (trimmed.length > WEBHOOK_URL_MAX_LENGTH)
    return { ok: false, error: 'This address is too long to be a webhook address.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: 'This is not a web address. Paste the whole webhook address, starting with https://.' };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, error: 'The webhook address must start with https:// so the summary is sent encrypted.' };
  }
  if (!url.hostname) return { ok: false, error: 'The webhook address has no host name.' };
  if (url.username || url.password) {
    return { ok: false, error: 'Remove the user name and password from the address: Slack webhooks do not need them.' };
  }
  return { ok: true, url: url.href };
}

/** The host permission a webhook needs, e.g. `https://hooks.slack.com/*` (asked for only when it is saved). */
export function webhookOriginPattern(webhookUrl: string): string {
  return `${new URL(webhookUrl).origin}/*`;
}

const weekday: z.ZodType<Weekday> = z.literal([0, 1, 2, 3, 4, 5, 6], 'Choose a day of the week.');

export const summaryNotificationSchema = z.object({
  enabled: z.boolean(),
  weekday,
  hour: z
    .int('Choose an hour from 0 to 23.')
    .min(0, 'Choose an hour from 0 to 23.')
    .max(23, 'Choose an hour from 0 to 23.'),
  minute: z
    .int('Choose a minute from 0 to 59.')
    .min(0, 'Choose a minute from 0 to 59.')
    .max(59, 'Choose a minute from 0 to 59.'),
});

export const summarySettingsSchema = z.object({
  /** 0 = Sunday … 6 = Saturday; Monday by default. */
  firstDayOfWeek: weekday,
  /** A browser notification once a week, at this local day and time, with last week's summary. */
  notifications: summaryNotificationSchema,
  /** Where **Post to Slack** sends the summary; absent when none is configured. */
  webhookUrl: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      const checked = checkWebhookUrl(value);
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.error });
    }),
});

export type SummaryNotification = z.infer<typeof summaryNotificationSchema>;
export type SummarySettings = z.infer<typeof summarySettingsSchema>;

export const DEFAULT_SUMMARY_SETTINGS: SummarySettings = {
  firstDayOfWeek: 1,
  notifications: { enabled: false, weekday: 1, hour: 9, minute: 0 },
};
