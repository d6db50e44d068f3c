import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../lib/crm/salesforce/rest-client';
import { type CookieReader, findSession, type SessionCookie } from '../../../lib/crm/salesforce/session';
import { createServices } from '../../../lib/services';
import {
  type CookieStoreMemory,
  cookieStoresInMemory,
  cookieStoresInSession,
  type SessionStorageArea,
} from '../../../lib/services/cookie-stores';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { freshDbs } from '../../builders';
import { createSeedData, DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-20T12:00:00.000Z');
const PAGE = `https://acme.lightning.force.com/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`;
const DEFAULT_STORE = 'firefox-default';
const CONTAINER = 'firefox-container-1';

const freshDb = freshDbs();

/** `browser.storage.session` as the background sees it: a key-value area, here a plain object. */
function fakeSessionArea(): SessionStorageArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    async get(key) {
      return key in items ? { [key]: items[key] } : {};
    },
    async set(values) {
      Object.assign(items, values);
    },
    async remove(key) {
      delete items[key];
    },
  };
}

const failingArea: SessionStorageArea = {
  get: () => Promise.reject(new Error('session storage is not available')),
  set: () => Promise.reject(new Error('session storage is not available')),
  remove: () => Promise.reject(new Error('session storage is not available')),
};

describe('cookie stores in session storage', () => {
  it('keeps the store id against the org, and nothing else', async () => {
    const area = fakeSessionArea();
    const memory = cookieStoresInSession(area);
    expect(await memory.recall('acme')).toBeUndefined();
    await memory.remember('acme', CONTAINER);
    expect(area.items).toEqual({ 'cookieStore:acme': CONTAINER });
    // Another instance over the same area (a restarted worker) recalls it.
    expect(await cookieStoresInSession(area).recall('acme')).toBe(CONTAINER);
    expect(await cookieStoresInSession(area).recall('globex')).toBeUndefined();
    // The background's own store is the default: nothing is kept for it.
    await memory.remember('acme', undefined);
    expect(area.items).toEqual({});
    expect(await memory.recall('acme')).toBeUndefined();
  });

  it('ignores a value that is not a store id, and works on when the area fails', async () => {
    const area = fakeSessionArea();
    area.items['cookieStore:acme'] = { storeId: CONTAINER };
    expect(await cookieStoresInSession(area).recall('acme')).toBeUndefined();
    area.items['cookieStore:acme'] = '';
    expect(await cookieStoresInSession(area).recall('acme')).toBeUndefined();

    const failing = cookieStoresInSession(failingArea);
    await expect(failing.remember('acme', CONTAINER)).resolves.toBeUndefined();
    expect(await failing.recall('acme')).toBeUndefined();
  });

  it('in memory: remembers for as long as it lives', async () => {
    const memory = cookieStoresInMemory();
    await memory.remember('acme', CONTAINER);
    expect(await memory.recall('acme')).toBe(CONTAINER);
    await memory.remember('acme', undefined);
    expect(await memory.recall('acme')).toBeUndefined();
  });
});

/** `browser.cookies` with one `sid` per cookie store, on the Lightning and the My Domain host. */
function fakeCookies(sids: Record<string, string>): CookieReader {
  const inStore = (storeId: string | undefined): SessionCookie[] => {
    const sid = sids[storeId ?? DEFAULT_STORE];
    return sid
      ? [
          { value: sid, domain: 'acme.lightning.force.com' },
          { value: sid, domain: API_HOST },
        ]
      : [];
  };
  return {
    async get({ url, storeId }) {
      return inStore(storeId).find((cookie) => cookie.domain === new URL(url).hostname) ?? null;
    },
    async getAll({ domain, storeId }) {
      return inStore(storeId).filter((cookie) => !domain || cookie.domain.endsWith(domain));
    },
  };
}

describe('background sync after the worker restarts', () => {
  /** A default store signed in as Dana, a container as Jordan; `worker()` starts the background's services. */
  function twoStores() {
    const api = createRestApi({ state: createSeedData(NOW), classicOrigin: `https://${API_HOST}` });
    const sids = {
      [DEFAULT_STORE]: api.createSession(USER_IDS.danaReyes),
      [CONTAINER]: api.createSession(USER_IDS.jordanKim),
    };
    const cookies = fakeCookies(sids);
    const sentWith: string[] = [];
    const fetch: FetchLike = (url, init) => {
      sentWith.push((new Headers(init?.headers).get('authorization') ?? '').replace(/^Bearer /, ''));
      return inProcessFetch(api)(url, init);
    };
    const worker = (db: PartnerLedgerDb, cookieStores: CookieStoreMemory) =>
      createServices({
        db,
        now: () => NOW,
        salesforce: {
          fetch,
          findSession: (pageUrl, storeId) => findSession(pageUrl, cookies, storeId ? { storeId } : {}),
          cookieStores,
        },
      });
    return { sids, sentWith, worker };
  }

  it('acts as the user of the last tab’s cookie store, remembered in session storage', async () => {
    const { sids, sentWith, worker } = twoStores();
    const db = freshDb();
    const area = fakeSessionArea();
    // A tab in the container opens an opportunity.
    const before = worker(db, cookieStoresInSession(area));
    expect(await before.attributions.refresh(DEMO_OPPORTUNITY_IDS.flagship, PAGE, 'acme', CONTAINER)).not.toBeNull();
    expect(area.items).toEqual({ 'cookieStore:acme': CONTAINER });
    expect(JSON.stringify(area.items)).not.toContain(sids[CONTAINER]);

    // The browser stops the idle worker; the periodic alarm starts a new one, which syncs with no asking tab.
    sentWith.length = 0;
    const after = worker(db, cookieStoresInSession(area));
    await after.sync.syncNow('acme');
    expect(sentWith.length).toBeGreaterThan(0);
    expect(new Set(sentWith)).toEqual(new Set([sids[CONTAINER]]));
    expect(after.connection.state('acme')?.userName).toBe('Jordan Kim');
  });

  it('without it, a restarted worker falls back to the default store, another user of the same org', async () => {
    const { sids, sentWith, worker } = twoStores();
    const db = freshDb();
    await worker(db, cookieStoresInMemory()).attributions.refresh(
      DEMO_OPPORTUNITY_IDS.flagship,
      PAGE,
      'acme',
      CONTAINER,
    );
    sentWith.length = 0;
    await worker(db, cookieStoresInMemory()).sync.syncNow('acme');
    expect(new Set(sentWith)).toEqual(new Set([sids[DEFAULT_STORE]]));
  });
});
