/**
 * The cookie store of the last Salesforce tab seen for each org. Background work that no tab asked for (the
 * periodic sync, the weekly freeze) acts as that tab's user, so it must survive the browser stopping an idle
 * background worker, which forgets everything in memory. It is kept in the browser's session storage area:
 * in memory only, never written to disk, and cleared when the browser quits
 * (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session,
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/storage/session).
 * Only the cookie store's id is kept against the org's key, never a session id or a cookie.
 */
import { z } from '../zod';

/** Remembers, per org, the cookie store of the last tab seen; `undefined` is the background's own store. */
export interface CookieStoreMemory {
  recall(orgKey: string): Promise<string | undefined>;
  remember(orgKey: string, storeId: string | undefined): Promise<void>;
}

/** What the background passes in: `browser.storage.session`, or anything with its three methods. */
export interface SessionStorageArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

const KEY_PREFIX = 'cookieStore:';

/** A cookie store id as browsers name them (`firefox-default`, `firefox-private`, `firefox-container-3`). */
const storeIdSchema = z.string().min(1).max(200);

/** Kept for as long as the background worker lives: tests, and a browser without session storage. */
export function cookieStoresInMemory(): CookieStoreMemory {
  const stores = new Map<string, string>();
  return {
    async recall(orgKey) {
      return stores.get(orgKey);
    },
    async remember(orgKey, storeId) {
      if (storeId === undefined) stores.delete(orgKey);
      else stores.set(orgKey, storeId);
    },
  };
}

/**
 * Kept in session storage. A value that is not a store id is ignored (the background's own store is used), and
 * a storage area that fails leaves the connection working as if nothing had been remembered.
 */
export function cookieStoresInSession(area: SessionStorageArea): CookieStoreMemory {
  return {
    async recall(orgKey) {
      const key = KEY_PREFIX + orgKey;
      try {
        const parsed = storeIdSchema.safeParse((await area.get(key))[key]);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async remember(orgKey, storeId) {
      const key = KEY_PREFIX + orgKey;
      try {
        if (storeId === undefined) await area.remove(key);
        else await area.set({ [key]: storeId });
      } catch {
        // Session storage unavailable: the store is still known until the worker stops.
      }
    },
  };
}
