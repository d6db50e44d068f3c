// @vitest-environment node
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../../fake-org/data';
import { startFakeOrg, type FakeOrg } from '../../../fake-org/server';

let org: FakeOrg;

beforeAll(async () => {
  org = await startFakeOrg({ port: 0 });
});

afterAll(async () => {
  await org?.close();
});

beforeEach(() => {
  org.rest.faults.clear();
  org.state.org.CurrentUserId = USER_IDS.jordanKim;
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const myDomain = () => new URL(org.classicOrigin).hostname;
const lightning = () => new URL(org.lightningOrigin).hostname;

/** An HTTPS request to the fake org as a browser resolving the Salesforce host names to loopback would send it. */
function send(
  hostname: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: org.port,
        path,
        method: options.method ?? 'GET',
        servername: hostname,
        headers: { Host: `${hostname}:${org.port}`, ...options.headers },
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookieOf = (reply: Reply): string | undefined => [reply.headers['set-cookie'] ?? []].flat()[0];
const sidOf = (cookie: string | undefined) => /^sid=([^;]*)/.exec(cookie ?? '')?.[1];
const api = (path: string, sid: string, options: { method?: string; body?: string } = {}) =>
  send(myDomain(), path, {
    ...options,
    headers: { Authorization: `Bearer ${sid}`, 'Content-Type': 'application/json' },
  });

describe('sessions over HTTPS', () => {
  it(
    'frontdoor sets the My Domain sid cookie and redirects to the Lightning page; Lightning sets its own sid, which ' +
      'the API refuses',
    async () => {
      const sid = org.rest.createSession(USER_IDS.danaReyes);
      const page = `/lightning/r/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}/view`;
      const url = new URL(org.frontdoorUrl(sid, page));
      expect(url.origin).toBe(org.classicOrigin);
      const door = await send(myDomain(), url.pathname + url.search);
      expect(door.status).toBe(302);
      expect(door.headers.location).toBe(`${org.lightningOrigin}${page}`);
      const cookie = cookieOf(door)!;
      expect(cookie).toBe(`sid=${sid}; Path=/; Secure; SameSite=None`);
      expect(cookie).not.toMatch(/HttpOnly/i);
      expect(org.state.org.CurrentUserId).toBe(USER_IDS.danaReyes);

      const shell = await send(lightning(), page);
      expect(shell.status).toBe(200);
      const lightningSid = sidOf(cookieOf(shell))!;
      expect(cookieOf(shell)).toMatch(/; Path=\/; Secure; SameSite=None$/);
      expect(lightningSid).not.toBe(sid);
      expect(lightningSid.split('!')[0]).toBe(sid.split('!')[0]);
      expect(org.state.lightningSessions[lightningSid]).toBe(USER_IDS.danaReyes);
      // The browser sends it back: no new cookie.
      expect(cookieOf(await send(lightning(), page, { headers: { Cookie: `sid=${lightningSid}` } }))).toBeUndefined();

      const refused = await api('/services/data/v66.0/', lightningSid);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
      const accepted = await api('/services/data/v66.0/', sid);
      expect(accepted.status).toBe(200);
      expect(JSON.parse(accepted.body).identity).toBe(
        `${org.classicOrigin}/id/${org.state.org.Id}/${USER_IDS.danaReyes}`,
      );
    },
  );

  it('frontdoor with a dead session shows the login page; retURL must be a path', async () => {
    const dead = await send(
      myDomain(),
      '/secur/frontdoor.jsp?sid=00DKa00000001Qz!dead&retURL=%2Flightning%2Fpage%2Fhome',
    );
    expect(dead.status).toBe(200);
    expect(dead.body).toContain('<title>Login | Salesforce</title>');
    expect(cookieOf(dead)).toBeUndefined();
    const sid = org.rest.createSession();
    const offsite = await send(
      myDomain(),
      `/secur/frontdoor.jsp?sid=${encodeURIComponent(sid)}&retURL=${encodeURIComponent('//evil.example/x')}`,
    );
    expect(offsite.headers.location).toBe(`${org.lightningOrigin}/lightning/page/home`);
  });

  it('logout ends the session and clears the cookies of both hosts', async () => {
    const sid = org.rest.createSession();
    const out = await send(myDomain(), '/secur/logout.jsp', { headers: { Cookie: `sid=${sid}` } });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe(`${org.lightningOrigin}/secur/logout.jsp`);
    expect(cookieOf(out)).toMatch(/^sid=; .*Max-Age=0/);
    expect((await api('/services/data/v66.0/', sid)).status).toBe(401);

    const shell = await send(lightning(), '/lightning/page/home');
    const lightningSid = sidOf(cookieOf(shell))!;
    const lightningOut = await send(lightning(), '/secur/logout.jsp', { headers: { Cookie: `sid=${lightningSid}` } });
    expect(lightningOut.status).toBe(200);
    expect(lightningOut.body).toContain('Login | Salesforce');
    expect(cookieOf(lightningOut)).toMatch(/^sid=; .*Max-Age=0/);
    expect(org.state.lightningSessions[lightningSid]).toBeUndefined();
  });

  it('creates sessions over HTTP for a separately started org', async () => {
    const created = await send(myDomain(), '/__fake/sessions', {
      method: 'POST',
      body: JSON.stringify({ user: 'sam.patel@acme-demo.example' }),
    });
    expect(created.status).toBe(201);
    const { sid, userId, frontdoorUrl } = JSON.parse(created.body) as {
      sid: string;
      userId: string;
      frontdoorUrl: string;
    };
    expect(userId).toBe(USER_IDS.samPatel);
    expect(frontdoorUrl).toBe(org.frontdoorUrl(sid));
    expect((await api('/services/data/v66.0/', sid)).status).toBe(200);
  });
});

describe('the REST API over HTTPS', () => {
  it('answers queries and upserts on the My Domain host with the limit header, and logs the calls', async () => {
    const sid = org.rest.createSession();
    const before = org.rest.countCalls();
    const reply = await api(
      `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Name FROM Opportunity LIMIT 2')}`,
      sid,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(reply.headers['sforce-limit-info']).toBe(`api-usage=${org.state.apiUsage.used}/15000`);
    expect(JSON.parse(reply.body).records).toHaveLength(2);

    const upsert = await api('/services/data/v66.0/composite/sobjects/Partner_Attribution__c/External_Id__c', sid, {
      method: 'PATCH',
      body: JSON.stringify({
        allOrNone: true,
        records: [
          {
            attributes: { type: 'Partner_Attribution__c' },
            External_Id__c: 'https-1',
            Opportunity__c: DEMO_OPPORTUNITY_IDS.flagship,
            Kind__c: 'sourced',
          },
        ],
      }),
    });
    expect(upsert.status).toBe(200);
    expect(JSON.parse(upsert.body)).toEqual([
      { id: expect.stringMatching(/^a0A/), success: true, errors: [], created: true },
    ]);
    expect(org.rest.countCalls() - before).toBe(2);
    expect(org.rest.calls.at(-1)).toMatchObject({ method: 'PATCH', status: 200, counted: true });

    const calls = await send(myDomain(), '/__fake/calls');
    expect(JSON.parse(calls.body).calls.length).toBe(org.rest.calls.length);
  });

  it('is served on the My Domain host only', async () => {
    const sid = org.rest.createSession();
    const reply = await send(lightning(), '/services/data/v66.0/', { headers: { Authorization: `Bearer ${sid}` } });
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers 414 for a URI over 16,384 bytes', async () => {
    const sid = org.rest.createSession();
    const reply = await api(`/services/data/v66.0/query?q=${'x'.repeat(17_000)}`, sid);
    expect(reply.status).toBe(414);
  });

  it('takes fault rules over HTTP: a dropped connection, a 503 page, then cleared rules', async () => {
    const sid = org.rest.createSession();
    const added = await send(myDomain(), '/__fake/faults', {
      method: 'POST',
      body: JSON.stringify([
        { path: '/query', dropConnection: true },
        { path: '/query', status: 503 },
        { path: '/sobjects', status: 500, persistent: true },
      ]),
    });
    expect(added.status).toBe(201);
    expect(JSON.parse(added.body).ids).toHaveLength(3);
    const listed = JSON.parse((await send(myDomain(), '/__fake/faults')).body) as unknown[];
    expect(listed).toHaveLength(3);

    const query = `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`;
    await expect(api(query, sid)).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    const maintenance = await api(query, sid);
    expect(maintenance.status).toBe(503);
    expect(maintenance.headers['content-type']).toMatch(/^text\/html/);
    expect((await api(query, sid)).status).toBe(200);
    expect((await api('/services/data/v66.0/sobjects/', sid)).status).toBe(500);

    expect((await send(myDomain(), '/__fake/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/services/data/v66.0/sobjects/', sid)).status).toBe(200);

    const bad = await send(myDomain(), '/__fake/faults', { method: 'POST', body: JSON.stringify({ path: '/query' }) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/action/);
  });
});
