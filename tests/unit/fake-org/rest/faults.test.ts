// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isDroppedConnection } from '../../../fake-org/rest';
import { attribution, setupOrg, V, type QueryPage } from './helpers';

const QUERY = 'SELECT Id, Name FROM Opportunity LIMIT 3';

describe('fault injection', () => {
  it('answers error statuses with Salesforce error codes, once by default, then normally', async () => {
    const org = setupOrg();
    org.api.faults.add({ path: '/query', status: 401 });
    const first = await org.query(QUERY);
    expect(first.status).toBe(401);
    expect(first.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect((await org.query(QUERY)).status).toBe(200);
    expect(org.api.faults.list()).toEqual([]);
    expect(org.api.calls[0]).toMatchObject({ status: 401, fault: expect.stringMatching(/^fault-/), counted: false });

    org.api.faults.add({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    const limited = await org.get(`${V}/`);
    expect([limited.status, limited.json()]).toEqual([
      403,
      [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    ]);
    expect(limited.headers['Sforce-Limit-Info']).toMatch(/^api-usage=\d+\/15000$/);

    org.api.faults.add({ status: 500 });
    const crash = await org.get(`${V}/`);
    expect(crash.status).toBe(500);
    expect(crash.json<Array<{ errorCode: string }>>()[0]!.errorCode).toBe('UNKNOWN_EXCEPTION');

    org.api.faults.add({ status: 400, errorCode: 'INVALID_FIELD', message: 'custom message' });
    expect((await org.get(`${V}/`)).json()).toEqual([{ message: 'custom message', errorCode: 'INVALID_FIELD' }]);
  });

  it('answers 503 with an HTML maintenance page', async () => {
    const org = setupOrg();
    org.api.faults.add({ status: 503 });
    const reply = await org.query(QUERY);
    expect(reply.status).toBe(503);
    expect(reply.headers['Content-Type']).toMatch(/^text\/html/);
    expect(reply.body).toContain('down for scheduled maintenance');
  });

  it('matches method and path, fires `times` times, or until removed when persistent', async () => {
    const org = setupOrg();
    org.api.faults.add({ method: 'PATCH', path: 'composite/sobjects', status: 503, times: 2 });
    expect((await org.query(QUERY)).status).toBe(200);
    expect((await org.upsert([attribution('a')])).status).toBe(503);
    expect((await org.upsert([attribution('a')])).status).toBe(503);
    expect((await org.upsert([attribution('a')])).status).toBe(200);

    const id = org.api.faults.add({ path: 'Opportunity', persistent: true, status: 500 });
    for (let i = 0; i < 3; i++) expect((await org.query(QUERY)).status).toBe(500);
    expect(org.api.faults.list()).toEqual([
      { id, rule: expect.objectContaining({ persistent: true }), remaining: null },
    ]);
    org.api.faults.remove(id);
    expect((await org.query(QUERY)).status).toBe(200);

    // Rules queue up: the first matching one answers.
    org.api.faults.add({ status: 500 });
    org.api.faults.add({ status: 503, errorCode: 'SERVER_UNAVAILABLE' });
    expect((await org.get(`${V}/`)).status).toBe(500);
    expect((await org.get(`${V}/`)).status).toBe(503);
    expect((await org.get(`${V}/`)).status).toBe(200);
    org.api.faults.add({ status: 500, persistent: true });
    org.api.faults.clear();
    expect((await org.get(`${V}/`)).status).toBe(200);
  });

  it('drops the connection: handle rejects with a TypeError like fetch', async () => {
    const org = setupOrg();
    org.api.faults.add({ dropConnection: true });
    const error = await org.query(QUERY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect(isDroppedConnection(error)).toBe(true);
    expect((error as Error).message).toBe('Failed to fetch');
    expect(org.api.calls[0]!.status).toBe(0);
    expect(org.state.apiUsage.used).toBe(0);
  });

  it('delays answers', async () => {
    const org = setupOrg();
    org.api.faults.add({ delayMs: 60 });
    const started = performance.now();
    const reply = await org.query(QUERY);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(reply.status).toBe(200);
  });

  it('answers a login page instead of JSON', async () => {
    const org = setupOrg();
    org.api.faults.add({ htmlLoginPage: true });
    const reply = await org.query(QUERY);
    expect(reply.status).toBe(200);
    expect(reply.headers['Content-Type']).toMatch(/^text\/html/);
    expect(reply.body).toContain('<title>Login | Salesforce</title>');
    expect(reply.body).toContain('id="login_form"');
    expect(() => JSON.parse(reply.body)).toThrow();
  });

  it('truncates the JSON after running the request', async () => {
    const org = setupOrg();
    org.api.faults.add({ truncatedJson: true, method: 'PATCH' });
    const reply = await org.upsert([attribution('written')]);
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.body)).toThrow();
    expect(reply.body.startsWith('[{"id":')).toBe(true);
    expect(org.state.customObjects.Partner_Attribution__c.records).toHaveLength(1);
  });

  it('answers with wrong types: totalSize and done as strings, success as a string', async () => {
    const org = setupOrg();
    org.api.faults.add({ wrongTypes: true, path: '/query' });
    const page = (await org.query(QUERY)).json<QueryPage>();
    expect(page.totalSize).toBe('3');
    expect(page.done).toBe('true');
    org.api.faults.add({ wrongTypes: true, method: 'PATCH' });
    const [result] = (await org.upsert([attribution('a')])).json<Array<{ success: unknown; created: unknown }>>();
    expect(result).toMatchObject({ success: 'true', created: 'true' });
  });

  it('fails chosen records inside a collection upsert, or every record', async () => {
    const org = setupOrg();
    org.api.faults.add({ perRecordFailure: { externalIds: ['b'] } });
    // Not an upsert: the rule waits for one.
    expect((await org.query(QUERY)).status).toBe(200);
    const results = (await org.upsert([attribution('a'), attribution('b'), attribution('c')])).json<
      Array<{ success: boolean; errors: Array<{ statusCode: string; message: string }> }>
    >();
    expect(results.map((result) => result.success)).toEqual([true, false, true]);
    expect(results[1]!.errors).toEqual([
      {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record or 1 records',
        fields: [],
      },
    ]);
    expect(org.state.customObjects.Partner_Attribution__c.records.map((record) => record.External_Id__c)).toEqual([
      'a',
      'c',
    ]);

    org.api.faults.add({
      perRecordFailure: { externalIdPattern: '^x-', statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' },
    });
    const [x, y] = (await org.upsert([attribution('x-1'), attribution('y-1')])).json<
      Array<{ success: boolean; errors: Array<{ statusCode: string }> }>
    >();
    expect([x!.success, x!.errors[0]!.statusCode, y!.success]).toEqual([false, 'ENTITY_IS_DELETED', true]);

    org.api.faults.add({ perRecordFailure: {} });
    const all = (await org.upsert([attribution('p'), attribution('q')], true)).json<Array<{ success: boolean }>>();
    expect(all.map((result) => result.success)).toEqual([false, false]);
  });

  it('forces 300 Multiple Choices on a single-record upsert', async () => {
    const org = setupOrg();
    org.api.faults.add({ multipleChoices: true });
    const reply = await org.request('PATCH', `${V}/sobjects/Partner_Attribution__c/External_Id__c/dup`, {
      Note__c: 'x',
    });
    expect(reply.status).toBe(300);
    const urls = reply.json<string[]>();
    expect(urls).toHaveLength(2);
    for (const url of urls)
      expect(url).toMatch(/^\/services\/data\/v66\.0\/sobjects\/Partner_Attribution__c\/a0A[0-9A-Za-z]{15}$/);
    expect(org.state.customObjects.Partner_Attribution__c.records).toHaveLength(0);
  });

  it('refuses rules without an action or with a bad path pattern', () => {
    const org = setupOrg();
    expect(() => org.api.faults.add({ path: '/query' })).toThrow(/action/);
    expect(() => org.api.faults.add({ path: '(', status: 500 })).toThrow();
    expect(() => org.api.faults.add({ status: 500, times: 0 })).toThrow(/times/);
  });
});
