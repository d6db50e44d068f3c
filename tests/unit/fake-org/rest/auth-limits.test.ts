// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSeedData, USER_IDS } from '../../../fake-org/data';
import { createRestApi, createSession, expireSession, setApiLimit } from '../../../fake-org/rest';
import { createLightningSession } from '../../../fake-org/rest/sessions';
import { attribution, errorOf, NOW, setupOrg, V } from './helpers';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

describe('sessions and authentication', () => {
  it('creates session ids shaped like Salesforce ones: the 15-character org id, "!", then random characters', () => {
    const state = createSeedData(NOW);
    const sid = createSession(state, USER_IDS.samPatel);
    expect(sid).toMatch(/^00DKa00000001Qz![A-Za-z0-9._]{100,}$/);
    expect(state.sessions[sid]).toBe(USER_IDS.samPatel);
    expect(createSession(state, 'sam.patel@acme-demo.example')).not.toBe(sid);
    expect(state.sessions[createSession(state, 'Sam Patel')]).toBe(USER_IDS.samPatel);
    expect(() => createSession(state, 'nobody')).toThrow(/No user/);
  });

  it(
    'answers 401 INVALID_SESSION_ID without a bearer session, for an unknown or expired one, and for a Lightning ' +
      'one',
    async () => {
      const org = setupOrg();
      const call = (headers: Record<string, string>) =>
        org.api.handle({ method: 'GET', url: `${V}/sobjects/`, headers });
      const refusedHeaders: Array<Record<string, string>> = [
        {},
        { Authorization: 'Bearer 00DKa00000001Qz!nope' },
        { Authorization: org.sid },
        { Authorization: `Basic ${org.sid}` },
      ];
      for (const headers of refusedHeaders) {
        const reply = await call(headers);
        expect(reply.status).toBe(401);
        expect(JSON.parse(reply.body)).toEqual(INVALID_SESSION);
      }
      const lightning = createLightningSession(org.state, USER_IDS.jordanKim);
      expect(lightning.split('!')[0]).toBe(org.sid.split('!')[0]);
      expect((await call({ Authorization: `Bearer ${lightning}` })).status).toBe(401);
      expect((await call({ Authorization: `OAuth ${org.sid}` })).status).toBe(200);
      expect((await call({ authorization: `bearer ${org.sid}` })).status).toBe(200);

      org.api.expireSession(org.sid);
      expect((await call({ Authorization: `Bearer ${org.sid}` })).status).toBe(401);
      const other = createSession(org.state, USER_IDS.alexMorgan);
      expireSession(org.state, other);
      expect((await call({ Authorization: `Bearer ${other}` })).status).toBe(401);
      expect(org.state.apiUsage.used).toBe(2);
    },
  );

  it('refuses sessions of deactivated users', async () => {
    const org = setupOrg();
    org.state.users.find((user) => user.Id === USER_IDS.jordanKim)!.IsActive = false;
    expect(await errorOf(org.get(`${V}/`))).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID' });
  });

  it('answers 403 API_DISABLED_FOR_ORG for a user without API Enabled and for an org without API access', async () => {
    const org = setupOrg();
    const user = org.state.users.find((candidate) => candidate.Id === USER_IDS.jordanKim)!;
    user.apiEnabled = false;
    const disabled = {
      status: 403,
      errorCode: 'API_DISABLED_FOR_ORG',
      message: 'API is not enabled for this Organization or Partner',
    };
    expect(await errorOf(org.query('SELECT Id FROM Opportunity'))).toEqual(disabled);
    user.apiEnabled = true;
    org.state.org.apiEnabled = false;
    expect(await errorOf(org.get(`${V}/`))).toEqual(disabled);
    org.state.org.apiEnabled = true;
    expect((await org.get(`${V}/`)).status).toBe(200);
    expect(org.state.apiUsage.used).toBe(1);
  });
});

describe('API limits', () => {
  it('reports Sforce-Limit-Info on every response but the version list, and counts each call once', async () => {
    const org = setupOrg();
    const versions = await org.get('/services/data/');
    expect(versions.headers).not.toHaveProperty('Sforce-Limit-Info');
    expect(org.state.apiUsage.used).toBe(0);

    expect((await org.get(`${V}/`)).headers['Sforce-Limit-Info']).toBe('api-usage=1/15000');
    expect((await org.query('SELECT Id FROM Opportunity')).headers['Sforce-Limit-Info']).toBe('api-usage=2/15000');
    const failed = await org.query('SELECT Nope FROM Opportunity');
    expect(failed.status).toBe(400);
    expect(failed.headers['Sforce-Limit-Info']).toBe('api-usage=3/15000');
    expect(
      (await org.upsert([attribution('a'), attribution('b'), attribution('c')])).headers['Sforce-Limit-Info'],
    ).toBe('api-usage=4/15000');
    expect((await org.get(`${V}/sobjects/Nope__c/describe`)).headers['Sforce-Limit-Info']).toBe('api-usage=5/15000');
    expect(org.api.countCalls()).toBe(5);
    expect(org.api.countCalls('/query')).toBe(2);
    expect(org.api.countCalls(/composite/)).toBe(1);
    expect(org.api.calls.map((call) => [call.method, call.path, call.status, call.counted])).toEqual([
      ['GET', '/services/data/', 200, false],
      ['GET', '/services/data/v66.0/', 200, true],
      ['GET', '/services/data/v66.0/query', 200, true],
      ['GET', '/services/data/v66.0/query', 400, true],
      ['PATCH', '/services/data/v66.0/composite/sobjects/Partner_Attribution__c/External_Id__c', 200, true],
      ['GET', '/services/data/v66.0/sobjects/Nope__c/describe', 404, true],
    ]);
    org.api.resetCalls();
    expect(org.api.calls).toEqual([]);
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the daily allocation is used up, without counting', async () => {
    const org = setupOrg();
    setApiLimit(org.state, 100, 99);
    expect((await org.get(`${V}/`)).headers['Sforce-Limit-Info']).toBe('api-usage=100/100');
    const refused = await org.get(`${V}/`);
    expect(refused.status).toBe(403);
    expect(refused.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(refused.headers['Sforce-Limit-Info']).toBe('api-usage=100/100');
    expect(org.state.apiUsage.used).toBe(100);
    org.state.apiUsage.used = 0;
    expect((await org.get(`${V}/`)).status).toBe(200);
  });

  it('reports the allocation at /limits and defaults to 15,000 (Developer Edition)', async () => {
    const org = setupOrg();
    expect((await org.get(`${V}/limits`)).json()).toEqual({ DailyApiRequests: { Max: 15000, Remaining: 14999 } });
    const custom = createRestApi({ state: createSeedData(NOW) });
    expect(custom.state.apiUsage).toEqual({ used: 0, limit: 15000 });
  });
});
