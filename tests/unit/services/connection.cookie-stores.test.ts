import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../lib/crm/salesforce/rest-client';
import { type CookieReader, findSession, type SessionCookie } from '../../../lib/crm/salesforce/session';
import { createServices } from '../../../lib/services';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { createSeedData, DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDb } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const NOW = new Date('2026-11-20T12:00:00.000Z');
const OPPORTUNITY = DEMO_OPPORTUNITY_IDS.flagship;
const PAGE = `https://acme.lightning.force.com/lightning/r/Opportunity/${OPPORTUNITY}/view`;
const LIST = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=AllOpportunities';
const DEFAULT_STORE = 'firefox-default';
const CONTAINER = 'firefox-container-1';

const dbs: PartnerLedgerDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** `browser.cookies` with one `sid` per cookie store, on the Lightning and the My Domain host. */
function fakeCookies(sids: Record<string, string>): CookieReader & { asked: Array<string | undefined> } {
  const asked: Array<string | undefined> = [];
  const inStore = (storeId: string | undefined): SessionCookie[] => {
    const sid = sids[storeId ?? DEFAULT_STORE];
    if (!sid) return [];
    return [
      { value: sid, domain: 'acme.lightning.force.com' },
      { value: sid, domain: API_HOST },
    ];
  };
  return {
    asked,
    async get({ url, storeId }) {
      asked.push(storeId);
      const host = new URL(url).hostname;
      return inStore(storeId).find((cookie) => cookie.domain === host) ?? null;
    },
    async getAll({ domain, storeId }) {
      asked.push(storeId);
      return inStore(storeId).filter((cookie) => !domain || cookie.domain.endsWith(domain));
    },
  };
}

function setup() {
  const api = createRestApi({ state: createSeedData(NOW), classicOrigin: `https://${API_HOST}` });
  const sids = {
    [DEFAULT_STORE]: api.createSession(USER_IDS.danaReyes),
    [CONTAINER]: api.createSession(USER_IDS.jordanKim),
  };
  const cookies = fakeCookies(sids);
  /** The session each request was sent with. */
  const sentWith: string[] = [];
  const fetch: FetchLike = (url, init) => {
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    sentWith.push(auth.replace(/^Bearer /, ''));
    return inProcessFetch(api)(url, init);
  };
  const db = freshDb();
  dbs.push(db);
  const services = createServices({
    db,
    now: () => NOW,
    salesforce: { fetch, findSession: (pageUrl, storeId) => findSession(pageUrl, cookies, storeId ? { storeId } : {}) },
  });
  return { sids, cookies, sentWith, services };
}

describe('sessions per cookie store', () => {
  it('answers two cookie stores signed in as two users of one org, each as its own user', async () => {
    const { sids, cookies, sentWith, services } = setup();

    expect(await services.attributions.refresh(OPPORTUNITY, PAGE, 'acme', CONTAINER)).not.toBeNull();
    expect(sentWith.length).toBeGreaterThan(0);
    expect(new Set(sentWith)).toEqual(new Set([sids[CONTAINER]]));
    expect(cookies.asked.every((store) => store === CONTAINER)).toBe(true);
    expect((await services.connection.open('acme', false, CONTAINER))?.info.userId).toBe(USER_IDS.jordanKim);

    sentWith.length = 0;
    cookies.asked.length = 0;
    await services.sync.fetchOpportunities(LIST, [DEMO_OPPORTUNITY_IDS.htmlName], DEFAULT_STORE);
    expect(sentWith.length).toBeGreaterThan(0);
    expect(new Set(sentWith)).toEqual(new Set([sids[DEFAULT_STORE]]));
    expect(cookies.asked.every((store) => store === DEFAULT_STORE)).toBe(true);
    expect((await services.connection.open('acme', false, DEFAULT_STORE))?.info.userId).toBe(USER_IDS.danaReyes);

    // Both connections are kept: the container's tab is still answered as Jordan, without reconnecting.
    sentWith.length = 0;
    expect(services.connection.isOpen('acme', CONTAINER)).toBe(true);
    expect(services.connection.isOpen('acme', DEFAULT_STORE)).toBe(true);
    await services.sync.fetchOpportunities(LIST, [DEMO_OPPORTUNITY_IDS.newThisWeek], CONTAINER);
    expect(new Set(sentWith)).toEqual(new Set([sids[CONTAINER]]));
  });

  it('finds no session in a cookie store where nobody is signed in, and sends nothing', async () => {
    const { sentWith, services } = setup();
    expect(await services.attributions.refresh(OPPORTUNITY, PAGE, 'acme', 'firefox-private')).toBeNull();
    expect(sentWith).toEqual([]);
    expect(services.connection.state('acme')?.status).toBe('no_session');
  });
});
