import browser, { type Runtime } from 'webextension-polyfill';
import { createHandlers } from '../../lib/messaging/handlers';
import { createMessageRouter } from '../../lib/messaging/router';
import { isTrustedSender, type SenderInfo } from '../../lib/messaging/sender';
import type { PartnerLedgerDb } from '../../lib/store/db';
import type { SyncService } from '../../lib/services/sync';
import type { SummarySetup } from './summary';

/** Answers requests from the content script and the extension pages. Must be called synchronously at start-up. */
export function setupMessages(db: PartnerLedgerDb, sync: SyncService, { summary, notifier }: SummarySetup): void {
  const extensionOrigin = browser.runtime.getURL('/');
  const handlers = createHandlers({
    db,
    sync,
    summary,
    onSummarySettingsSaved: () => notifier.schedule(),
    webhook: {
      // Only https, checked before; no cookies; a redirect is an error rather than a second destination.
      fetch: (url, init) => fetch(url, init),
      hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    },
  });
  const route = createMessageRouter(handlers, (sender) =>
    isTrustedSender(sender as SenderInfo, browser.runtime.id, extensionOrigin),
  );
  // Returning the promise makes it the reply (webextension-polyfill semantics).
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));
}
