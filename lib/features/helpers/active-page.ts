import { getActivePage, isClassicPage } from '../../crm/salesforce/dom';
import { getRecordRef } from '../../crm/salesforce/url-detection';
import { waitFor } from './wait-for';

/** How long a run waits for Lightning to show the page navigated to. */
export const PAGE_TIMEOUT_MS = 10_000;

/**
 * The Lightning page a navigation from `previousUrl` to `url` leaves, read before Lightning swaps pages.
 * Undefined on the first run, and when both URLs show the same record (Lightning may keep its page).
 */
export function getPageBeingLeft(doc: Document, previousUrl: URL | undefined, url: URL): HTMLElement | undefined {
  if (!previousUrl) return undefined;
  const before = getRecordRef(previousUrl)?.recordId;
  if (before !== undefined && before === getRecordRef(url)?.recordId) return undefined;
  return getActivePage(doc);
}

/**
 * The page a run works in: in Lightning, the active page container once it is there and is not the page
 * being left (Lightning keeps earlier pages in the DOM, hidden, and hides the old one only after the URL
 * changed); in Classic, the body. Undefined when `signal` aborts or no page came in time.
 */
export function waitForActivePage(
  doc: Document,
  { signal, leaving, timeoutMs = PAGE_TIMEOUT_MS }: { signal: AbortSignal; leaving?: Element; timeoutMs?: number },
): Promise<HTMLElement | undefined> {
  if (isClassicPage(doc)) return Promise.resolve(doc.body);
  return waitFor(
    () => {
      const page = getActivePage(doc);
      return page && page !== leaving ? page : undefined;
    },
    { root: doc.body, signal, timeoutMs },
  );
}
