import browser, { type Runtime } from 'webextension-polyfill';
import { createHandlers } from '../../lib/messaging/handlers';
import { createMessageRouter } from '../../lib/messaging/router';
import { senderKind, type SenderInfo } from '../../lib/messaging/sender';
import type { Services } from '../../lib/services';
import type { PartnerLedgerDb } from '../../lib/store/db';
import { reopenIfClosed } from '../../lib/store/reopen';

/** Answers requests from the content script and the extension pages. Must be called synchronously at start-up. */
export function setupMessages(services: Services, db: PartnerLedgerDb): void {
  const extensionOrigin = browser.runtime.getURL('/');
  const route = createMessageRouter(
    createHandlers(services),
    (sender) => senderKind(sender as SenderInfo, browser.runtime.id, extensionOrigin),
    // A database closed under a request (another context upgraded it, the browser closed it) is reopened
    // and the request tried once more.
    { recover: (error) => reopenIfClosed(db, error) },
  );
  // Returning the promise makes it the reply (webextension-polyfill semantics).
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));
}
