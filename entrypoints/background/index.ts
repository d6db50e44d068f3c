import { defineBackground } from 'wxt/utils/define-background';
import { createDb } from '../../lib/store/db';
import { setupBroadcast } from './broadcast';
import { setupMessages } from './messages';
import { setupSync } from './sync';

export default defineBackground(() => {
  // The background is the single owner of IndexedDB; Dexie opens it lazily on first use, so a
  // service worker woken by a message or an alarm is ready as soon as the listeners below are registered.
  const db = createDb();
  const sync = setupSync(db);
  setupMessages(db, sync);
  setupBroadcast(db);
});
