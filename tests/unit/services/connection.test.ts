import { describe, expect, it } from 'vitest';
import { createConnectionService, LOCAL_ONLY } from '../../../lib/services/connection';
import { createSeedData, USER_IDS } from '../../fake-org/data';
import { createRestApi } from '../../fake-org/rest/api';
import { extensionSessionFor } from '../../fake-org/rest/extension-session';
import { inProcessFetch } from '../../fake-org/rest/in-process-fetch';
import { freshDbs } from '../../builders';

const API_HOST = 'acme.my.salesforce.com';
const PAGE = 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent';
const NOW = Date.parse('2026-11-20T12:00:00.000Z');

const database = freshDbs();

/** A connection to the fake org, signed in as Dana Reyes. */
function connected() {
  const api = createRestApi({ state: createSeedData(new Date(NOW)), classicOrigin: `https://${API_HOST}` });
  const session = extensionSessionFor(api.createSession(USER_IDS.danaReyes), API_HOST);
  const db = database();
  const connection = createConnectionService({
    db,
    fetch: inProcessFetch(api),
    findSession: async () => ({ ok: true, session }),
    now: () => NOW,
  });
  return { api, db, connection };
}

describe('the connection service', () => {
  it('reports no session, the outbox and the default pause before any Salesforce page was seen', async () => {
    const db = database();
    const connection = createConnectionService({ db, ...LOCAL_ONLY, now: () => NOW });
    await db.outbox.add({ orgKey: 'acme', attributionId: 'a-1', version: 'v', queuedAt: new Date(NOW).toISOString() });
    expect(await connection.current()).toEqual({ status: 'no_session', pauseAboveShare: 0.8, pending: 1 });
    expect(await connection.setPauseAboveShare(0.9)).toMatchObject({ pauseAboveShare: 0.9 });
  });

  it('never finds a session on this computer only, and says what to do', async () => {
    const db = database();
    const connection = createConnectionService({ db, ...LOCAL_ONLY, now: () => NOW });
    expect(await connection.rememberPage(PAGE)).toBe('acme');
    expect(await connection.open('acme')).toBeUndefined();
    expect(await connection.checkAgain()).toMatchObject({
      status: 'no_session',
      orgKey: 'acme',
      message: 'Open Salesforce in a tab to connect.',
    });
    expect(await connection.knownOrgs()).toEqual(['acme']);
  });

  it('connects once from the last page, keeps the connection, and reports who is signed in', async () => {
    const { api, connection } = connected();
    await connection.rememberPage(PAGE);
    expect(await connection.lastOrg()).toBe('acme');
    const report = await connection.current();
    expect(report).toMatchObject({ status: 'connected', orgKey: 'acme', userName: 'Dana Reyes', apiHost: API_HOST });
    expect(connection.isOpen('acme')).toBe(true);
    api.resetCalls();
    expect(await connection.open('acme')).toBeDefined();
    await connection.current();
    expect(api.countCalls()).toBe(0);
  });

  it('says sync is paused while a backoff lasts, and stopped until the user acts', async () => {
    const db = database();
    const connection = createConnectionService({ db, ...LOCAL_ONLY, now: () => NOW });
    const until = new Date(NOW + 60_000).toISOString();
    await db.syncState.put({ orgKey: 'acme', retryAt: until, lastError: 'Salesforce is unavailable right now.' });
    expect((await connection.report('acme')).paused).toEqual({ reason: 'Salesforce is unavailable right now.', until });
    await db.syncState.put({ orgKey: 'acme', retryAt: new Date(NOW - 1).toISOString() });
    expect((await connection.report('acme')).paused).toBeUndefined();
    await db.syncState.put({ orgKey: 'acme', stoppedReason: 'session_expired' });
    expect((await connection.report('acme')).paused).toEqual({ reason: 'session_expired' });
  });

  it('lists the records from the org it refused and the changes Salesforce refused for good', async () => {
    const db = database();
    const connection = createConnectionService({ db, ...LOCAL_ONLY, now: () => NOW });
    const at = new Date(NOW).toISOString();
    const id = '22222222-0000-4000-8000-000000000001';
    await db.syncState.put({
      orgKey: 'acme',
      refusedRecords: {
        a0A000000000002AAA: { remoteId: 'a0A000000000002AAA', field: 'Note__c', reason: 'Note__c is too long', at },
        'ext-1': { externalId: 'ext-1', field: 'External_Id__c', reason: 'is not a Partner Ledger id', at },
      },
      pushFailures: {
        [id]: { version: 'v1', attempts: 1, retryAt: at, error: 'STRING_TOO_LONG: Note', permanent: true },
        '33333333-0000-4000-8000-000000000001': {
          version: 'v1',
          attempts: 2,
          retryAt: at,
          error: 'UNABLE_TO_LOCK_ROW',
        },
      },
    });
    const report = await connection.report('acme');
    expect(report.refused).toEqual([
      { recordId: 'a0A000000000002AAA', field: 'Note__c', reason: 'Note__c is too long' },
      { recordId: 'ext-1', field: 'External_Id__c', reason: 'is not a Partner Ledger id' },
    ]);
    expect(report.parked).toEqual([{ attributionId: id, error: 'STRING_TOO_LONG: Note' }]);
  });

  it('forgets the connection after a failed call and says why', async () => {
    const { connection } = connected();
    await connection.rememberPage(PAGE);
    await connection.open('acme');
    expect(connection.fail('acme', new Error('socket hang up'))).toMatchObject({
      status: 'error',
      message: 'Partner Ledger could not reach your Salesforce org.',
    });
    expect(connection.isOpen('acme')).toBe(false);
  });

  it('says "API disabled" when Salesforce answers that the API is disabled for this user', async () => {
    const { api, connection } = connected();
    api.faults.add({ status: 403, errorCode: 'API_CURRENTLY_DISABLED', message: 'API is disabled for this User' });
    await connection.rememberPage(PAGE);
    const report = await connection.current();
    expect(report.status).toBe('api_disabled');
    expect(report.message).toMatch(/API Enabled/);
    expect(connection.isOpen('acme')).toBe(false);
  });
});
