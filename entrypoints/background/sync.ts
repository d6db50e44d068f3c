import browser from 'webextension-polyfill';
import type { FetchLike } from '../../lib/crm/salesforce/rest-client';
import { findSessionForPage } from '../../lib/crm/salesforce/session';
import type { Services } from '../../lib/services';
import type { ConnectionServiceDeps } from '../../lib/services/connection';
import { cookieStoresInSession } from '../../lib/services/cookie-stores';
import type { PartnerLedgerDb } from '../../lib/store/db';
import { withReopen } from '../../lib/store/reopen';

const PERIODIC_ALARM = 'pl-sync-periodic';
const SOON_ALARM_PREFIX = 'pl-sync-soon:';
/** Teammates' changes arrive at least this often while the browser runs (and on every record page opened). */
const PERIOD_MINUTES = 5;

/** How the background reaches Salesforce: the network, and the session cookies of the user's Salesforce tab. */
export function salesforceAccess(): Pick<ConnectionServiceDeps, 'fetch' | 'findSession' | 'cookieStores'> {
  return {
    // Session cookies are never sent: the client sets the Authorization header itself (credentials omitted).
    fetch: ((url, init) => fetch(url, init)) as FetchLike,
    // The asking tab's cookie store (Firefox containers and private windows), so the session is that tab's user's.
    findSession: (pageUrl, storeId) => findSessionForPage(pageUrl, storeId),
    // Which cookie store each org's last tab used, for sync that no tab asked for, across worker restarts: in
    // session storage (memory only, cleared when the browser quits), the store's id only.
    cookieStores: cookieStoresInSession(browser.storage.session),
  };
}

/**
 * Sync with the org: a few seconds after a local change (a timer, with an alarm in case the worker is put
 * to sleep first), on page open (through `refreshOpportunity`), and every few minutes. Listeners are
 * registered synchronously at start-up, as MV3 requires; every run resumes from IndexedDB. Returns the
 * timers the sync service asks for a sync soon with.
 */
export function setupSync(
  { sync, connection }: Services,
  db: PartnerLedgerDb,
): { schedule(orgKey: string, delayMs: number): void } {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  async function run(orgKey: string) {
    try {
      // A database closed under the sync is reopened and the sync run once more (lib/store/reopen.ts).
      await withReopen(db, () => sync.syncNow(orgKey));
      await browser.alarms.clear(`${SOON_ALARM_PREFIX}${orgKey}`);
    } catch (error) {
      console.warn('[Partner Ledger] sync failed', error instanceof Error ? error.message : error);
    }
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name.startsWith(SOON_ALARM_PREFIX)) void run(alarm.name.slice(SOON_ALARM_PREFIX.length));
    if (alarm.name === PERIODIC_ALARM) {
      void connection.knownOrgs().then((orgs) => orgs.forEach((orgKey) => void run(orgKey)));
    }
  });
  void browser.alarms.get(PERIODIC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES });
  });

  return {
    schedule(orgKey, delayMs) {
      clearTimeout(timers.get(orgKey));
      timers.set(
        orgKey,
        setTimeout(() => {
          timers.delete(orgKey);
          void run(orgKey);
        }, delayMs),
      );
      // Chrome's shortest alarm is 30 s: a fallback if the worker sleeps before the timer fires.
      void browser.alarms.create(`${SOON_ALARM_PREFIX}${orgKey}`, { delayInMinutes: 0.5 });
    },
  };
}
