import { describe, expect, it, vi } from 'vitest';
import { findSession, orgIdOfSession, type CookieReader } from '../../../../lib/crm/salesforce/session';

const ORG = '00D5g000004bBcD';
const ORG18 = '00D5g000004bBcDEAU';
const OTHER_ORG = '00D5g000009zZzZ';
const PAGE = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view';

interface StoredCookie {
  name: string;
  /** `.salesforce.com` for a domain cookie, a bare host for a host-only one. */
  domain: string;
  value: string;
  storeId?: string;
}

/** A cookie jar that answers `get` and `getAll` the way browsers do. */
function jar(cookies: StoredCookie[]) {
  const inStore = (cookie: StoredCookie, storeId?: string) => (cookie.storeId ?? '0') === (storeId ?? '0');
  const matchesHost = (cookie: StoredCookie, host: string) =>
    cookie.domain.startsWith('.')
      ? host === cookie.domain.slice(1) || host.endsWith(cookie.domain)
      : host === cookie.domain;
  const reader: CookieReader = {
    get: vi.fn(async ({ url, name, storeId }) => {
      const host = new URL(url).hostname;
      // Browsers give the most specific cookie: host-only before domain cookies.
      const found = cookies
        .filter((c) => c.name === name && inStore(c, storeId) && matchesHost(c, host))
        .sort((x, y) => Number(x.domain.startsWith('.')) - Number(y.domain.startsWith('.')))[0];
      return found ? { value: found.value, domain: found.domain } : null;
    }),
    getAll: vi.fn(async ({ name, domain, storeId }) =>
      cookies
        .filter((c) => (name === undefined || c.name === name) && inStore(c, storeId))
        .filter((c) => {
          if (domain === undefined) return true;
          const host = c.domain.replace(/^\./, '');
          return host === domain || host.endsWith(`.${domain}`);
        })
        .map((c) => ({ value: c.value, domain: c.domain })),
    ),
  };
  return reader;
}

const lightningSid = `${ORG}!lightning-session-token`;
const apiSid = `${ORG}!api-session-token`;

describe('findSession', () => {
  it("uses the My Domain session of the page's org, not the Lightning one", async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid },
    ]);
    const result = await findSession(PAGE, cookies);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.session).toMatchObject({
      orgKey: 'acme',
      orgId: ORG18,
      apiHost: 'acme.my.salesforce.com',
      sessionId: apiSid,
    });
    expect(cookies.get).toHaveBeenCalledWith({ url: 'https://acme.lightning.force.com/', name: 'sid' });
    expect(cookies.get).toHaveBeenCalledWith({ url: 'https://acme.my.salesforce.com/', name: 'sid' });
    expect(cookies.getAll).not.toHaveBeenCalled();
  });

  it("keeps the page's port for the API host (a test org on loopback), and only then", async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid },
    ]);
    const result = await findSession(PAGE.replace('.com/', '.com:8443/'), cookies);
    expect(result.ok && result.session.apiHost).toBe('acme.my.salesforce.com:8443');
    expect(cookies.get).toHaveBeenCalledWith({ url: 'https://acme.my.salesforce.com/', name: 'sid' });
  });

  it('never shows the session id when serialised or printed', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid },
    ]);
    const result = await findSession(PAGE, cookies);
    if (!result.ok) throw new Error('expected a session');
    expect(JSON.stringify(result)).not.toContain('api-session-token');
    expect(JSON.parse(JSON.stringify(result.session))).toEqual({
      orgKey: 'acme',
      orgId: ORG18,
      apiHost: 'acme.my.salesforce.com',
    });
    expect(String(result.session)).not.toContain('token');
    expect(() => structuredClone(result.session)).toThrow();
  });

  it(
    'searches the salesforce.com sessions when the API host has none, skipping other orgs and ' + 'help.salesforce.com',
    async () => {
      const cookies = jar([
        { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
        { name: 'sid', domain: 'help.salesforce.com', value: `${ORG}!help-token` },
        { name: 'sid', domain: 'other.my.salesforce.com', value: `${OTHER_ORG}!other-token` },
        { name: 'sid', domain: 'acme.my.salesforce.com', value: 'garbage' },
        { name: 'sid', domain: '.acme.my.salesforce.com', value: apiSid },
      ]);
      const result = await findSession(PAGE, cookies);
      expect(result.ok && result.session.sessionId).toBe(apiSid);
      expect(cookies.getAll).toHaveBeenCalledWith({ name: 'sid', domain: 'salesforce.com' });
    },
  );

  it('never takes the help.salesforce.com session, even of the same org', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'help.salesforce.com', value: `${ORG}!help-token` },
    ]);
    const result = await findSession(PAGE, cookies);
    expect(result).toMatchObject({ ok: false, reason: 'no_session' });
  });

  it('uses the host of a same-org session found on another My Domain host', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme-renamed.my.salesforce.com', value: apiSid },
    ]);
    const result = await findSession(PAGE, cookies);
    expect(result.ok && result.session.apiHost).toBe('acme-renamed.my.salesforce.com');
    expect(result.ok && result.session.orgKey).toBe('acme');
  });

  it('refuses an API host session of another org', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme.my.salesforce.com', value: `${OTHER_ORG}!stale-token` },
    ]);
    const result = await findSession(PAGE, cookies);
    expect(result).toMatchObject({ ok: false, reason: 'org_mismatch' });
    expect(!result.ok && result.message).toMatch(/different org/);
    expect(JSON.stringify(result)).not.toContain('stale-token');
  });

  it("finds nothing without the page's own session", async () => {
    const cookies = jar([{ name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid }]);
    expect(await findSession(PAGE, cookies)).toMatchObject({ ok: false, reason: 'no_session' });
  });

  it('finds nothing when no session of the org exists anywhere', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'other.my.salesforce.com', value: `${OTHER_ORG}!other-token` },
    ]);
    expect(await findSession(PAGE, cookies)).toMatchObject({ ok: false, reason: 'no_session' });
  });

  it('works from a Classic (My Domain) page', async () => {
    const cookies = jar([{ name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid }]);
    const result = await findSession('https://acme.my.salesforce.com/0065g00000AbCdE', cookies);
    expect(result.ok && result.session.apiHost).toBe('acme.my.salesforce.com');
  });

  it('works for sandboxes and government cloud', async () => {
    const sandbox = jar([
      { name: 'sid', domain: 'acme--uat.sandbox.lightning.force.com', value: lightningSid },
      { name: 'sid', domain: 'acme--uat.sandbox.my.salesforce.com', value: apiSid },
    ]);
    const result = await findSession('https://acme--uat.sandbox.lightning.force.com/lightning/page/home', sandbox);
    expect(result.ok && result.session).toMatchObject({
      orgKey: 'acme--uat',
      apiHost: 'acme--uat.sandbox.my.salesforce.com',
    });

    const mil = jar([
      { name: 'sid', domain: 'army.lightning.force.mil', value: lightningSid },
      { name: 'sid', domain: 'army.my.salesforce.mil', value: apiSid },
    ]);
    const gov = await findSession('https://army.lightning.force.mil/lightning/page/home', mil);
    expect(gov.ok && gov.session.apiHost).toBe('army.my.salesforce.mil');
  });

  it('searches the .mil parent domain too', async () => {
    const cookies = jar([
      { name: 'sid', domain: 'army.lightning.force.mil', value: lightningSid },
      { name: 'sid', domain: '.army.my.salesforce.mil', value: apiSid },
    ]);
    // `get` for the exact host finds the domain cookie too; make it miss to exercise the search.
    cookies.get = vi.fn(async ({ url }) =>
      new URL(url).hostname === 'army.lightning.force.mil'
        ? { value: lightningSid, domain: 'army.lightning.force.mil' }
        : null,
    );
    const result = await findSession('https://army.lightning.force.mil/lightning/page/home', cookies);
    expect(result.ok && result.session.apiHost).toBe('army.my.salesforce.mil');
    expect(cookies.getAll).toHaveBeenCalledWith({ name: 'sid', domain: 'salesforce.mil' });
  });

  it("reads the tab's own cookie store", async () => {
    const cookies = jar([
      { name: 'sid', domain: 'acme.lightning.force.com', value: lightningSid, storeId: '1' },
      { name: 'sid', domain: 'acme.my.salesforce.com', value: apiSid, storeId: '1' },
    ]);
    expect(await findSession(PAGE, cookies)).toMatchObject({ ok: false, reason: 'no_session' });
    expect((await findSession(PAGE, cookies, { storeId: '1' })).ok).toBe(true);
  });

  it.each([
    'https://example.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
    'http://acme.lightning.force.com/lightning/page/home',
    'https://acme.vf.force.com/apex/page',
    'https://help.salesforce.com/s/',
    'not a url',
  ])('refuses %s as not Salesforce, without reading cookies', async (url) => {
    const cookies = jar([]);
    expect(await findSession(url, cookies)).toMatchObject({ ok: false, reason: 'not_salesforce' });
    expect(cookies.get).not.toHaveBeenCalled();
  });
});

describe('orgIdOfSession', () => {
  it('reads the 15-character org id before the !', () => {
    expect(orgIdOfSession(`${ORG}!token`)).toBe(ORG);
    expect(orgIdOfSession('001000000000001!token')).toBeUndefined();
    expect(orgIdOfSession(`${ORG}token`)).toBeUndefined();
    expect(orgIdOfSession(`${ORG}!`)).toBeUndefined();
    expect(orgIdOfSession('')).toBeUndefined();
  });
});
