/**
 * The fake org's REST API (the subset Partner Ledger uses), for e2e tests over HTTPS and for unit and property
 * tests in-process:
 *
 *   const state = createSeedData();
 *   const api = createRestApi({ state }, { now: () => new Date('2026-11-21T10:00:00Z') });
 *   const sid = createSession(state, USER_IDS.jordanKim);
 *   const res = await api.handle({ method: 'GET', url: '/services/data/v66.0/query?q=SELECT+Id+FROM+Opportunity',
 *                                  headers: { Authorization: `Bearer ${sid}` } });
 *
 * A running FakeOrg has one as `org.rest`, wired to `https://acme.my.salesforce.com:<port>`.
 */
export { API_VERSIONS, createRestApi, LATEST_API_VERSION, MAX_URI_BYTES } from './api';
export type { RestApi, RestApiOptions, RestCall, RestOrg, RestRequest, RestResponse } from './api';
export type { RestSettings } from './context';
export { DroppedConnectionError, isDroppedConnection } from './faults';
export type { FaultRule, PerRecordFailure } from './faults';
export { frontdoorUrl } from './http';
export { limitInfo, setApiLimit } from './limits';
export { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MIN_BATCH_SIZE } from './query';
export { MAX_COLLECTION_SIZE } from './collections';
export { AUTO_NUMBER_PREFIXES, CUSTOM_KEY_PREFIXES, OBJECTS } from './schema';
export { bearerToken, createSession, expireSession, sessionUser } from './sessions';
export { parseSoql } from './soql/parser';
