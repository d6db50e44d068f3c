import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SalesforceApiError } from '../../../../lib/crm/salesforce/api-errors';
import {
  createRestClient,
  type FetchLike,
  type HttpRequest,
  type HttpResponse,
  type RestClientOptions,
} from '../../../../lib/crm/salesforce/rest-client';

const HOST = 'acme.my.salesforce.com';
const SID = '00D5g000004bBcD!AQ0AQH8vS3cR3t.t0k3n_thatMustNeverLeak';
const V = '/services/data/v62.0';

interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  type?: string;
}

function reply({ status = 200, body = {}, headers = {}, type }: Reply = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const lower = new Map(
    Object.entries({
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json;charset=UTF-8',
      ...headers,
    }).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    status,
    ...(type ? { type } : {}),
    headers: { get: (name) => lower.get(name.toLowerCase()) ?? null },
    text: async () => text,
  };
}

/** A fetch stub answering by path (`/services/data/v62.0/…` → reply); records every call. */
function stub(routes: Record<string, Reply | ((url: URL, init: HttpRequest) => Reply)>) {
  const calls: Array<{ url: string; init: HttpRequest }> = [];
  const fetch = vi.fn<FetchLike>(async (url, init) => {
    calls.push({ url, init });
    const parsed = new URL(url);
    const key = parsed.pathname + (parsed.pathname.endsWith('/query') ? '' : parsed.search);
    const route = routes[key] ?? routes[parsed.pathname];
    if (!route) return reply({ status: 404, body: [{ errorCode: 'NOT_FOUND', message: `no route ${key}` }] });
    return reply(typeof route === 'function' ? route(parsed, init) : route);
  });
  return { fetch, calls };
}

function client(fetch: FetchLike, extra: Partial<RestClientOptions> = {}) {
  return createRestClient({ apiHost: HOST, sessionId: SID, apiVersion: '62.0', fetch, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<SalesforceApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SalesforceApiError);
    return error as SalesforceApiError;
  }
  throw new Error('expected a SalesforceApiError');
}

function expectNoSession(error: SalesforceApiError) {
  expect(error.message).not.toContain(SID);
  expect(String(error)).not.toContain(SID);
  expect(JSON.stringify(error)).not.toContain(SID);
  expect(error.stack ?? '').not.toContain(SID);
}

const idRecord = z.object({ Id: z.string() });
const OPP = '006000000000001AAA';

describe('requests', () => {
  it('sends the session as a bearer token to the My Domain host only, with our headers', async () => {
    const { fetch, calls } = stub({ [`${V}/query`]: { body: { totalSize: 0, done: true, records: [] } } });
    await client(fetch).query('SELECT Id FROM Opportunity', idRecord);
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url.startsWith(`https://${HOST}${V}/query?q=`)).toBe(true);
    expect(new URL(url).searchParams.get('q')).toBe('SELECT Id FROM Opportunity');
    expect(init.method).toBe('GET');
    expect(init.headers).toMatchObject({
      Authorization: `Bearer ${SID}`,
      Accept: 'application/json',
      'Sforce-Call-Options': 'client=PartnerLedger',
    });
    expect(init.redirect).toBe('manual');
    expect(init.credentials).toBe('omit');
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('never exposes the session through the client object', () => {
    const { fetch } = stub({});
    const c = client(fetch);
    expect(JSON.stringify(c)).not.toContain(SID);
    expect(String(c)).not.toContain(SID);
    expect(`${c}`).toContain(HOST);
    expect(Object.values(c)).not.toContain(SID);
  });

  it('reports Sforce-Limit-Info from every answer, errors included, with the clock time', async () => {
    const usage: unknown[] = [];
    const { fetch } = stub({
      [`${V}/query`]: (url) =>
        url.searchParams.get('q')!.includes('Bad')
          ? {
              status: 400,
              body: [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected token' }],
              headers: { 'Sforce-Limit-Info': 'api-usage=41/15000' },
            }
          : {
              body: { totalSize: 0, done: true, records: [] },
              headers: { 'Sforce-Limit-Info': 'api-usage=40/15000, per-app-api-usage=3/250(appName=x)' },
            },
    });
    const c = client(fetch, { onUsage: (u) => usage.push(u), now: () => new Date('2026-03-02T10:00:00.000Z') });
    expect(c.usage()).toBeUndefined();
    await c.query('SELECT Id FROM Opportunity', idRecord);
    expect(c.usage()).toEqual({ used: 40, limit: 15000, at: '2026-03-02T10:00:00.000Z' });
    await failure(c.query('Bad', idRecord));
    expect(c.usage()).toMatchObject({ used: 41 });
    expect(usage).toEqual([
      { used: 40, limit: 15000, at: '2026-03-02T10:00:00.000Z' },
      { used: 41, limit: 15000, at: '2026-03-02T10:00:00.000Z' },
    ]);
  });

  it('keeps working when the usage callback throws', async () => {
    const { fetch } = stub({
      [`${V}/query`]: {
        body: { totalSize: 0, done: true, records: [] },
        headers: { 'Sforce-Limit-Info': 'api-usage=1/2' },
      },
    });
    const c = client(fetch, {
      onUsage: () => {
        throw new Error('storage full');
      },
    });
    await expect(c.query('SELECT Id FROM Opportunity', idRecord)).resolves.toMatchObject({ done: true });
  });
});

describe('host guard', () => {
  const refused = [
    'acme.lightning.force.com',
    'acme.my.salesforce-setup.com',
    'evil.example',
    'acme.my.salesforce.com.evil.example',
    'acme.my.salesforce.com:84a3',
    'evil.example:443',
    'https://acme.my.salesforce.com',
    'acme.my.salesforce.com/services',
    'login.salesforce.com',
    'help.salesforce.com',
    '',
  ];
  it.each(refused)('refuses %j before any request', (apiHost) => {
    const fetch = vi.fn<FetchLike>();
    expect(() => createRestClient({ apiHost, sessionId: SID, fetch })).toThrow(/My Domain/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('accepts sandbox, developer and government My Domain hosts', () => {
    // With a port only as a test org on loopback serves it; the host itself must still be My Domain.
    for (const apiHost of [
      'acme--uat.sandbox.my.salesforce.com',
      'acme-dev-ed.develop.my.salesforce.com',
      'army.my.salesforce.mil',
      'acme.my.salesforce.com:8443',
    ]) {
      expect(() => createRestClient({ apiHost, sessionId: SID, fetch: vi.fn<FetchLike>() })).not.toThrow();
    }
  });

  it('refuses a malformed session id without repeating it', () => {
    const bad = `${SID}\r\nX-Injected: 1`;
    expect(() => createRestClient({ apiHost: HOST, sessionId: bad, fetch: vi.fn<FetchLike>() })).toThrow(
      /session id is missing or malformed/,
    );
    try {
      createRestClient({ apiHost: HOST, sessionId: bad, fetch: vi.fn<FetchLike>() });
    } catch (error) {
      expect(String(error)).not.toContain(SID);
    }
  });

  it.each([
    'https://evil.example/services/data/v62.0/query/01gD0000002HU6KIAW-2000',
    `https://${HOST}/services/data/v62.0/query/01gD0000002HU6KIAW-2000`,
    '//evil.example/services/data/v62.0/query/01gD0000002HU6KIAW-2000',
    '/services/data/v62.0/query/../../../secur/frontdoor.jsp',
    '/services/data/v62.0/sobjects/User',
    'evil.example/services/data/v62.0/query/01gD0000002HU6KIAW-2000',
  ])('does not follow nextRecordsUrl %j', async (nextRecordsUrl) => {
    const fetch = vi.fn<FetchLike>();
    const error = await failure(client(fetch).queryMore(nextRecordsUrl, idRecord));
    expect(error.kind).toBe('bad_response');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('stops queryAll at a nextRecordsUrl pointing to another host, after only the first page', async () => {
    const { fetch, calls } = stub({
      [`${V}/query`]: {
        body: {
          totalSize: 4000,
          done: false,
          nextRecordsUrl: 'https://evil.example/services/data/v62.0/query/01gD0000002HU6KIAW-2000',
          records: [{ Id: OPP }],
        },
      },
    });
    const error = await failure(client(fetch).queryAll('SELECT Id FROM Opportunity', idRecord));
    expect(error.kind).toBe('bad_response');
    expect(calls).toHaveLength(1);
    expect(calls.every((call) => new URL(call.url).host === HOST)).toBe(true);
  });

  it('refuses object and field names that could change the path', async () => {
    const fetch = vi.fn<FetchLike>();
    const c = client(fetch);
    await expect(c.describe('../../identity')).rejects.toThrow(TypeError);
    await expect(c.describe('Opportunity/describe?x=')).rejects.toThrow(TypeError);
    await expect(c.getRecord('Opportunity', '../x', ['Name'], idRecord)).rejects.toThrow(TypeError);
    await expect(c.getRecord('Opportunity', OPP, ['Name&x=1'], idRecord)).rejects.toThrow(TypeError);
    await expect(
      c.upsertCollection('Partner_Attribution__c', 'External_Id__c/x', [{ 'External_Id__c/x': 'a' }]),
    ).rejects.toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('versions', () => {
  const versions = [
    { label: "Summer '26", url: '/services/data/v67.0', version: '67.0' },
    { label: "Winter '20", url: '/services/data/v47.0', version: '47.0' },
    { label: "Spring '19", url: '/services/data/v45.0', version: '45.0' },
    { label: "Spring '26", url: '/services/data/v66.0', version: '66.0' },
  ];

  it('lists versions oldest first', async () => {
    const { fetch } = stub({ '/services/data/': { body: versions } });
    const list = await client(fetch).versions();
    expect(list.map((v) => v.version)).toEqual(['45.0', '47.0', '66.0', '67.0']);
  });

  it('uses the newest version, asking once for concurrent requests', async () => {
    const { fetch, calls } = stub({
      '/services/data/': { body: versions },
      '/services/data/v67.0/query': { body: { totalSize: 0, done: true, records: [] } },
    });
    const c = createRestClient({ apiHost: HOST, sessionId: SID, fetch });
    await Promise.all([c.query('SELECT Id FROM User', idRecord), c.query('SELECT Id FROM Account', idRecord)]);
    expect(await c.apiVersion()).toBe('67.0');
    expect(calls.filter((call) => new URL(call.url).pathname === '/services/data/')).toHaveLength(1);
    expect(calls.filter((call) => call.url.includes('/v67.0/query'))).toHaveLength(2);
    expect(JSON.stringify(c)).toContain('67.0');
  });

  it('refuses an org whose newest version is older than the minimum, with a clear message', async () => {
    const { fetch, calls } = stub({
      '/services/data/': { body: [{ label: "Spring '19", url: '/services/data/v45.0', version: '45.0' }] },
    });
    const c = createRestClient({ apiHost: HOST, sessionId: SID, fetch });
    const error = await failure(c.query('SELECT Id FROM User', idRecord));
    expect(error.kind).toBe('api_disabled');
    expect(error.message).toMatch(/45\.0.*46\.0 or newer/);
    expect(error.retryable).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('asks again after a failed version lookup', async () => {
    let attempt = 0;
    const { fetch } = stub({
      '/services/data/': () =>
        ++attempt === 1 ? { status: 503, body: '<html>Maintenance</html>' } : { body: versions },
    });
    const c = createRestClient({ apiHost: HOST, sessionId: SID, fetch });
    expect((await failure(c.apiVersion())).kind).toBe('server');
    await expect(c.apiVersion()).resolves.toBe('67.0');
  });

  it('takes a known version without asking, and refuses one below the minimum', () => {
    const fetch = vi.fn<FetchLike>();
    expect(() => createRestClient({ apiHost: HOST, sessionId: SID, apiVersion: '45.0', fetch })).toThrow(RangeError);
    expect(() => createRestClient({ apiHost: HOST, sessionId: SID, apiVersion: 'v62', fetch })).toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('resources and describe', () => {
  it('reads the org and user ids from the identity URL, as 18 characters', async () => {
    const { fetch } = stub({
      [`${V}/`]: {
        body: {
          sobjects: `${V}/sobjects`,
          query: `${V}/query`,
          identity: 'https://login.salesforce.com/id/00D5g000004bBcDEAU/0055g00000AbCdEAAV',
        },
      },
    });
    const resources = await client(fetch).resources();
    expect(resources.orgId).toBe('00D5g000004bBcDEAU');
    expect(resources.userId).toBe('0055g00000AbCdEAAV');
    expect(resources.resources.query).toBe(`${V}/query`);
  });

  it('turns 15-character identity ids into 18', async () => {
    const { fetch } = stub({ [`${V}/`]: { body: { identity: `https://${HOST}/id/00D5g000004bBcD/0055g00000AbCdE` } } });
    const resources = await client(fetch).resources();
    expect(resources.orgId).toHaveLength(18);
    expect(resources.userId).toHaveLength(18);
  });

  it('rejects resources without a readable identity', async () => {
    const { fetch } = stub({ [`${V}/`]: { body: { identity: 'https://login.salesforce.com/whoami' } } });
    expect((await failure(client(fetch).resources())).kind).toBe('bad_response');
  });

  it('describes an object', async () => {
    const { fetch, calls } = stub({
      [`${V}/sobjects/Opportunity/describe`]: {
        body: {
          name: 'Opportunity',
          label: 'Opportunity',
          custom: false,
          queryable: true,
          fields: [
            { name: 'Id', type: 'id', label: 'Opportunity ID' },
            { name: 'CurrencyIsoCode', type: 'picklist', label: 'Opportunity Currency', externalId: false },
          ],
          childRelationships: [],
        },
      },
    });
    const result = await client(fetch).describe('Opportunity');
    expect(result.fields.map((f) => f.name)).toEqual(['Id', 'CurrencyIsoCode']);
    expect(calls[0]!.init.method).toBe('GET');
  });
});

describe('queries', () => {
  const schema = z.object({ Id: z.string(), Amount: z.number().nullable() });

  it('returns one page with its records checked', async () => {
    const { fetch } = stub({
      [`${V}/query`]: {
        body: {
          totalSize: 1,
          done: true,
          records: [{ attributes: { type: 'Opportunity', url: '/x' }, Id: OPP, Amount: null }],
        },
      },
    });
    const page = await client(fetch).query(`SELECT Id, Amount FROM Opportunity WHERE Id = '${OPP}'`, schema);
    expect(page).toEqual({ totalSize: 1, done: true, records: [{ Id: OPP, Amount: null }] });
  });

  it('follows nextRecordsUrl through every page', async () => {
    const locator = (n: number) => `${V}/query/01gD0000002HU6KIAW-${n}`;
    const { fetch, calls } = stub({
      [`${V}/query`]: {
        body: { totalSize: 3, done: false, nextRecordsUrl: locator(1), records: [{ Id: 'a', Amount: 1 }] },
      },
      [locator(1)]: {
        body: { totalSize: 3, done: false, nextRecordsUrl: locator(2), records: [{ Id: 'b', Amount: 2 }] },
      },
      [locator(2)]: { body: { totalSize: 3, done: true, records: [{ Id: 'c', Amount: 3 }] } },
    });
    const all = await client(fetch).queryAll('SELECT Id, Amount FROM Opportunity', schema);
    expect(all.records.map((r) => r.Id)).toEqual(['a', 'b', 'c']);
    expect(all).toMatchObject({ done: true, pages: 3, totalSize: 3 });
    expect(all.nextRecordsUrl).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('stops at maxPages and says where to continue', async () => {
    const locator = (n: number) => `${V}/query/01gD0000002HU6KIAW-${n}`;
    const { fetch, calls } = stub({
      [`${V}/query`]: {
        body: { totalSize: 3, done: false, nextRecordsUrl: locator(1), records: [{ Id: 'a', Amount: 1 }] },
      },
      [locator(1)]: {
        body: { totalSize: 3, done: false, nextRecordsUrl: locator(2), records: [{ Id: 'b', Amount: 2 }] },
      },
    });
    const all = await client(fetch).queryAll('SELECT Id, Amount FROM Opportunity', schema, { maxPages: 2 });
    expect(all).toMatchObject({ done: false, pages: 2, nextRecordsUrl: locator(2) });
    expect(all.records).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('rejects a page that announces more records without saying where', async () => {
    const { fetch } = stub({ [`${V}/query`]: { body: { totalSize: 3, done: false, records: [] } } });
    expect((await failure(client(fetch).query('SELECT Id FROM Opportunity', schema))).kind).toBe('bad_response');
  });

  it('rejects records of the wrong types, naming the field, not retryable', async () => {
    const { fetch } = stub({
      [`${V}/query`]: { body: { totalSize: 1, done: true, records: [{ Id: OPP, Amount: '1,000' }] } },
    });
    const error = await failure(client(fetch).query('SELECT Id, Amount FROM Opportunity', schema));
    expect(error.kind).toBe('bad_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('records.0.Amount');
    expectNoSession(error);
  });

  it('reads one record by id with the fields asked for', async () => {
    const { fetch, calls } = stub({
      [`${V}/sobjects/Opportunity/${OPP}`]: { body: { attributes: { type: 'Opportunity' }, Id: OPP, Amount: 5 } },
    });
    const record = await client(fetch).getRecord('Opportunity', OPP, ['Id', 'Amount', 'Owner.Name'], schema);
    expect(record).toEqual({ Id: OPP, Amount: 5 });
    expect(new URL(calls[0]!.url).searchParams.get('fields')).toBe('Id,Amount,Owner.Name');
  });
});

describe('upsertCollection', () => {
  const path = `${V}/composite/sobjects/Partner_Attribution__c/External_Id__c`;
  const rec = (n: number) => ({ External_Id__c: `ext-${n}`, Kind__c: 'sourced' });

  it('PATCHes up to 200 records with allOrNone false and returns a result per record', async () => {
    const { fetch, calls } = stub({
      [path]: {
        body: [
          { id: 'a0B000000000001AAA', success: true, created: true, errors: [] },
          {
            success: false,
            errors: [
              { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Credit too high', fields: ['Credit__c'] },
            ],
          },
        ],
      },
    });
    const results = await client(fetch).upsertCollection('Partner_Attribution__c', 'External_Id__c', [rec(1), rec(2)]);
    expect(results).toEqual([
      { id: 'a0B000000000001AAA', success: true, created: true, errors: [] },
      {
        success: false,
        errors: [
          { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Credit too high', fields: ['Credit__c'] },
        ],
      },
    ]);
    const { init } = calls[0]!;
    expect(init.method).toBe('PATCH');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body!)).toEqual({
      allOrNone: false,
      records: [
        { attributes: { type: 'Partner_Attribution__c' }, ...rec(1) },
        { attributes: { type: 'Partner_Attribution__c' }, ...rec(2) },
      ],
    });
  });

  it('takes exactly 200 records in one call', async () => {
    const records = Array.from({ length: 200 }, (_, n) => rec(n));
    const { fetch, calls } = stub({
      [path]: { body: records.map(() => ({ id: 'a0B000000000001AAA', success: true, created: false, errors: [] })) },
    });
    expect(await client(fetch).upsertCollection('Partner_Attribution__c', 'External_Id__c', records)).toHaveLength(200);
    expect(calls).toHaveLength(1);
  });

  it('refuses more than 200 records as a programming error, without calling', async () => {
    const fetch = vi.fn<FetchLike>();
    const records = Array.from({ length: 201 }, (_, n) => rec(n));
    await expect(client(fetch).upsertCollection('Partner_Attribution__c', 'External_Id__c', records)).rejects.toThrow(
      RangeError,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('makes no call for no records and refuses a record without its external id', async () => {
    const fetch = vi.fn<FetchLike>();
    const c = client(fetch);
    await expect(c.upsertCollection('Partner_Attribution__c', 'External_Id__c', [])).resolves.toEqual([]);
    await expect(
      c.upsertCollection('Partner_Attribution__c', 'External_Id__c', [{ Kind__c: 'sourced' }]),
    ).rejects.toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('rejects an answer with a different number of results', async () => {
    const { fetch } = stub({ [path]: { body: [{ id: 'a0B000000000001AAA', success: true, errors: [] }] } });
    const error = await failure(
      client(fetch).upsertCollection('Partner_Attribution__c', 'External_Id__c', [rec(1), rec(2)]),
    );
    expect(error.kind).toBe('bad_response');
  });

  it('reports 300 (several records share the external id) as multiple_matches', async () => {
    const { fetch } = stub({
      [path]: { status: 300, body: [`${V}/sobjects/Partner_Attribution__c/a0B000000000001AAA`] },
    });
    const error = await failure(client(fetch).upsertCollection('Partner_Attribution__c', 'External_Id__c', [rec(1)]));
    expect(error.kind).toBe('multiple_matches');
    expect(error.status).toBe(300);
  });
});

describe('failures', () => {
  const q = (fetch: FetchLike) => client(fetch).query('SELECT Id FROM Opportunity', idRecord);
  const answer = (r: Reply) => stub({ [`${V}/query`]: r }).fetch;

  it('401 INVALID_SESSION_ID → session_expired', async () => {
    const error = await failure(
      q(answer({ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] })),
    );
    expect(error).toMatchObject({
      kind: 'session_expired',
      status: 401,
      errorCode: 'INVALID_SESSION_ID',
      retryable: false,
    });
    expect(error.message).toMatch(/Reload the Salesforce tab/);
    expectNoSession(error);
  });

  it('403 REQUEST_LIMIT_EXCEEDED → limit_exceeded, retryable', async () => {
    const error = await failure(
      q(
        answer({
          status: 403,
          body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'limit_exceeded', status: 403, retryable: true });
    expect(error.message).toMatch(/API allowance/);
  });

  it('403 API_DISABLED_FOR_ORG → api_disabled', async () => {
    const error = await failure(
      q(
        answer({
          status: 403,
          body: [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }],
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'api_disabled', retryable: false });
    expect(error.message).toMatch(/admin/);
  });

  it('503 with an HTML maintenance page → server, retryable', async () => {
    const error = await failure(
      q(
        answer({
          status: 503,
          body: '<html><body>Down for maintenance</body></html>',
          headers: { 'Content-Type': 'text/html' },
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true });
  });

  it('200 with the HTML login page → session_expired', async () => {
    const login =
      '<!DOCTYPE html><html><head><title>Login | Salesforce</title></head><body><form ' +
      'action="/login"></form></body></html>';
    const error = await failure(
      q(answer({ status: 200, body: login, headers: { 'Content-Type': 'text/html;charset=UTF-8' } })),
    );
    expect(error.kind).toBe('session_expired');
    expect(error.message).toMatch(/login page/);
  });

  it('200 with another web page → bad_response', async () => {
    const error = await failure(
      q(answer({ status: 200, body: '<html><body>Proxy</body></html>', headers: { 'Content-Type': 'text/html' } })),
    );
    expect(error.kind).toBe('bad_response');
  });

  it('truncated JSON → bad_response, retryable', async () => {
    const error = await failure(
      q(
        answer({
          status: 200,
          body: '{"totalSize":1,"done":true,"records":[{"Id":"006',
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'bad_response', retryable: true });
    expect(error.message).toMatch(/cut off/);
  });

  it('JSON of the wrong shape → bad_response, not retryable', async () => {
    const error = await failure(q(answer({ body: { totalSize: '1', done: 'yes', records: {} } })));
    expect(error).toMatchObject({ kind: 'bad_response', retryable: false });
  });

  it('400 INVALID_TYPE about our object → not_installed', async () => {
    const error = await failure(
      q(
        answer({
          status: 400,
          body: [
            {
              message:
                '\nSELECT Id FROM Partner_Attribution__c\n               ^\nERROR at Row:1:Column:16\nsObject type ' +
                "'Partner_Attribution__c' is not supported.",
              errorCode: 'INVALID_TYPE',
            },
          ],
        }),
      ),
    );
    expect(error.kind).toBe('not_installed');
  });

  it("other 400 → invalid_request keeping Salesforce's message", async () => {
    const error = await failure(
      q(answer({ status: 400, body: [{ message: "unexpected token: 'FORM'", errorCode: 'MALFORMED_QUERY' }] })),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', errorCode: 'MALFORMED_QUERY', retryable: false });
    expect(error.message).toContain("unexpected token: 'FORM'");
  });

  it('removes the session from a Salesforce message that echoes it', async () => {
    const error = await failure(
      q(
        answer({
          status: 400,
          body: [{ message: `Bad header Bearer ${SID} given`, errorCode: 'INVALID_HEADER_TYPE' }],
        }),
      ),
    );
    expect(error.message).toContain('Bad header Bearer [session] given');
    expectNoSession(error);
  });

  it('404 → not_found', async () => {
    const error = await failure(
      q(answer({ status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] })),
    );
    expect(error.kind).toBe('not_found');
  });

  it('a redirect is not followed → session_expired', async () => {
    const redirected = await failure(
      q(answer({ status: 302, body: '', headers: { Location: 'https://login.salesforce.com/' } })),
    );
    expect(redirected.kind).toBe('session_expired');
    const opaque = await failure(q(answer({ status: 0, body: '', type: 'opaqueredirect' })));
    expect(opaque.kind).toBe('session_expired');
  });

  it('fetch rejecting → network, retryable, without the session', async () => {
    const fetch = vi.fn<FetchLike>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(q(fetch));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toMatch(/Could not reach Salesforce/);
    expectNoSession(error);
  });

  it('no answer within the timeout → network (timeout), and the request is aborted', async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn<FetchLike>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          signal = init.signal;
          init.signal.addEventListener('abort', () =>
            reject(new DOMException('The operation was aborted.', 'AbortError')),
          );
        }),
    );
    const c = client(fetch, { timeoutMs: 20 });
    const error = await failure(c.query('SELECT Id FROM Opportunity', idRecord));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toMatch(/did not answer within/);
    expect(signal?.aborted).toBe(true);
  });

  it('a body that never ends also times out', async () => {
    const fetch = vi.fn<FetchLike>(async (_url, init) => ({
      status: 200,
      headers: { get: () => null },
      text: () =>
        new Promise<string>((_resolve, reject) => {
          init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    }));
    const error = await failure(client(fetch, { timeoutMs: 20 }).query('SELECT Id FROM Opportunity', idRecord));
    expect(error.kind).toBe('network');
  });
});
