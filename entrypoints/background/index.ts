import { defineBackground } from 'wxt/utils/define-background';
import { createServices } from '../../lib/services';
import { createDb } from '../../lib/store/db';
import { setupBroadcast } from './broadcast';
import { setupMessages } from './messages';
import { salesforceAccess, setupSync } from './sync';
import { setupSummary, webhookAccess } from './summary';

export default defineBackground(() => {
  // The background is the single owner of IndexedDB; Dexie opens it lazily on first use, so a
  // service worker woken by a message or an alarm is ready as soon as the listeners below are registered.
  const db = createDb();
  const services = createServices({
    db,
    salesforce: salesforceAccess(),
    webhook: webhookAccess(),
    // Both are called only after start-up, once the setups below have run.
    scheduleSync: (orgKey, delayMs) => syncTimers.schedule(orgKey, delayMs),
    onSummarySettingsSaved: () => notifier.schedule(),
  });
  const syncTimers = setupSync(services, db);
  const notifier = setupSummary(db, services);
  setupMessages(services, db);
  setupBroadcast(services);
});
