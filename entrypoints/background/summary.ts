import browser from 'webextension-polyfill';
import type { Services } from '../../lib/services';
import { createNotifier, NOTIFICATION_PREFIX, NOTIFY_ALARM, type Notifier } from '../../lib/services/summary/notifier';
import type { WebhookDeps } from '../../lib/services/summary/webhook';
import type { PartnerLedgerDb } from '../../lib/store/db';

const FREEZE_ALARM = 'pl-summary-freeze';

function warn(what: string, error: unknown) {
  console.warn(`[Partner Ledger] ${what}`, error instanceof Error ? error.message : error);
}

/** How the background posts a summary to a webhook: https only (checked before), with the host's permission. */
export function webhookAccess(): WebhookDeps {
  return {
    // No cookies; a redirect is an error rather than a second destination.
    fetch: (url, init) => fetch(url, init),
    hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  };
}

/**
 * The weekly summary's background jobs: freeze each week as reported when it ends (an alarm at the next
 * week's start, and a catch-up on every worker start for a week that ended while the browser was closed),
 * send the snapshot to the org with the next sync, keep the popup's report ready, and the opt-in weekly
 * notification. Listeners are registered synchronously at start-up, as MV3 requires; alarms are re-created
 * on every start because a browser restart can lose them. Returns the notifier, whose alarm moves when the
 * summary settings change.
 */
export function setupSummary(db: PartnerLedgerDb, { summary, sync }: Services): Notifier {
  const notifier = createNotifier({
    db,
    summary,
    now: () => new Date(),
    hasPermission: () => browser.permissions.contains({ permissions: ['notifications'] }),
    createNotification: (id, content) => browser.notifications.create(id, content),
    createAlarm: (name, when) => browser.alarms.create(name, { when }),
    clearAlarm: (name) => browser.alarms.clear(name),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
  });

  summary.keepReady(warn);

  async function freezeAndSchedule() {
    try {
      const frozen = await summary.freezeEndedWeeks();
      for (const row of frozen) sync.changed(row.orgKey);
    } catch (error) {
      warn('freezing last week failed', error);
    }
    await browser.alarms.create(FREEZE_ALARM, { when: (await summary.nextWeekStart()).getTime() });
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FREEZE_ALARM) void freezeAndSchedule();
    if (alarm.name === NOTIFY_ALARM) {
      void notifier.onAlarm().catch((error) => warn('the weekly notification failed', error));
    }
  });

  // A click on the notification opens the summary: the popup where the browser allows it, else a tab.
  const onClicked = (id: string) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    void browser.notifications.clear(id);
    const weekKey = id.slice(NOTIFICATION_PREFIX.length);
    void openSummary(weekKey);
  };
  const listen = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(onClicked)) {
      browser.notifications.onClicked.addListener(onClicked);
    }
  };
  listen();
  browser.permissions.onAdded.addListener(() => {
    listen();
    void notifier.schedule();
  });

  void freezeAndSchedule();
  void notifier.start().catch((error) => warn('the weekly notification failed', error));
  return notifier;
}

async function openSummary(weekKey: string): Promise<void> {
  const action = (browser as unknown as { action?: { openPopup?: () => Promise<void> } }).action;
  try {
    if (action?.openPopup) {
      await action.openPopup();
      return;
    }
  } catch {
    // openPopup needs a focused window (and, in some versions, a user gesture): fall back to a tab.
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?week=${encodeURIComponent(weekKey)}`) });
}
