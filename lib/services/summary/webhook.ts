/**
 * Posts a week's summary to the webhook the user configured (options → Weekly summary), as JSON. Only to
 * an https address, and only while the user has granted Partner Ledger that one host (asked for when the
 * address was saved), so the extension never needs access to every site. Every failure is an AppError in
 * words the popup shows as they are. The network and the permission check come in, so tests pass fakes.
 */
import type { SummaryScope } from '../../attribution/summary-scope';
import { webhookPayload } from '../../attribution/summary-share';
import { checkWebhookUrl, webhookOriginPattern } from '../../attribution/summary-settings';
import { AppError } from '../../errors';
import type { PartnerLedgerDb } from '../../store/db';
import { getSummarySettings } from '../../store/settings';
import type { SummaryService } from './service';

/** The request `fetch` is asked to make: no cookies, and a redirect is an error rather than a second address. */
export interface WebhookRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  credentials: 'omit';
  redirect: 'error';
  signal: AbortSignal;
}

export interface WebhookDeps {
  fetch: (url: string, init: WebhookRequest) => Promise<{ status: number }>;
  /** `browser.permissions.contains({ origins: [pattern] })`. */
  hasHostPermission: (originPattern: string) => Promise<boolean>;
  timeoutMs?: number;
}

export const WEBHOOK_TIMEOUT_MS = 15_000;

export async function postToWebhook(
  url: string | undefined,
  payload: unknown,
  deps: WebhookDeps,
): Promise<{ url: string; status: number }> {
  if (!url) throw new AppError('invalid_request', 'No webhook is set up. Add one in options → Weekly summary.');
  const checked = checkWebhookUrl(url);
  if (!checked.ok) throw new AppError('invalid_request', checked.error);
  const pattern = webhookOriginPattern(checked.url);
  if (!(await deps.hasHostPermission(pattern))) {
    throw new AppError(
      'invalid_request',
      `Partner Ledger may not send to ${new URL(checked.url).host} yet. Save the webhook again in options → ` +
        'Weekly summary and allow access when the browser asks.',
    );
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  let status: number;
  try {
    const response = await deps.fetch(checked.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'omit',
      redirect: 'error',
      signal: controller.signal,
    });
    status = response.status;
  } catch {
    const host = new URL(checked.url).host;
    throw new AppError('internal', `The webhook at ${host} could not be reached. Check your connection and try again.`);
  } finally {
    clearTimeout(timer);
  }
  if (status < 200 || status >= 300) {
    const host = new URL(checked.url).host;
    const refused = `The webhook at ${host} refused the summary (HTTP ${status}). Check the address in options.`;
    throw new AppError('internal', refused);
  }
  return { url: checked.url, status };
}

export interface SummaryWebhookDeps {
  db: PartnerLedgerDb;
  summary: Pick<SummaryService, 'report'>;
  /** How the background posts (fetch and the host-permission check); absent where posting is not possible. */
  post?: WebhookDeps;
}

/** The popup's "Post to Slack": a week's summary to the webhook saved in the settings. */
export function createSummaryWebhook(deps: SummaryWebhookDeps) {
  return {
    async post(weekKey?: string, scope: SummaryScope = 'team'): Promise<{ url: string; status: number }> {
      if (!deps.post) throw new AppError('internal', 'Posting to a webhook is not available here.');
      const { webhookUrl } = await getSummarySettings(deps.db);
      if (!webhookUrl) {
        throw new AppError('invalid_request', 'No webhook is set up. Add one in options → Weekly summary.');
      }
      const report = await deps.summary.report(weekKey, {}, scope);
      return postToWebhook(webhookUrl, webhookPayload({ ...report.summary, scope: report.scope }), deps.post);
    },
  };
}

export type SummaryWebhook = ReturnType<typeof createSummaryWebhook>;
