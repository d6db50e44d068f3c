import { defineBackground } from 'wxt/utils/define-background';
import { createDb } from '../../lib/store/db';
import { setupMessages } from './messages';

export default defineBackground(() => {
  // The background is the single owner of IndexedDB; Dexie opens it lazily on first use, so a
  // service worker woken by a message is ready as soon as the listener below is registered.
  const db = createDb();
  setupMessages(db);
});
