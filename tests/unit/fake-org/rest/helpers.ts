/** In-process access to the fake org's REST API for unit tests: a seeded org, a session and request helpers. */
import { createSeedData, DEMO_OPPORTUNITY_IDS, USER_IDS, type Opportunity, type OrgData } from '../../../fake-org/data';
import {
  createRestApi,
  createSession,
  type RestApi,
  type RestApiOptions,
  type RestResponse,
} from '../../../fake-org/rest';

/** A Wednesday morning (UTC): the Sunday-based week is 2026-11-15 … 2026-11-21. */
export const NOW = new Date('2026-11-18T10:00:00.000Z');
export const V = '/services/data/v66.0';
export const ATTRIBUTIONS = `${V}/composite/sobjects/Partner_Attribution__c/External_Id__c`;

export interface Reply extends RestResponse {
  json<T = unknown>(): T;
}

export interface TestOrg {
  state: OrgData;
  api: RestApi;
  sid: string;
  setNow(date: Date): void;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(url: string, headers?: Record<string, string>): Promise<Reply>;
  query(soql: string, headers?: Record<string, string>): Promise<Reply>;
  /** Collection upsert of Partner_Attribution__c records (attributes added). */
  upsert(records: Array<Record<string, unknown>>, allOrNone?: boolean): Promise<Reply>;
}

export function setupOrg(options: { state?: OrgData; now?: Date; api?: Omit<RestApiOptions, 'now'> } = {}): TestOrg {
  const state = options.state ?? createSeedData(NOW);
  let now = options.now ?? NOW;
  const api = createRestApi({ state }, { ...options.api, now: () => now });
  const sid = createSession(state, USER_IDS.jordanKim);
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const response = await api.handle({
      method,
      url,
      headers: { Authorization: `Bearer ${sid}`, Accept: 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { ...response, json: <T>() => JSON.parse(response.body) as T };
  };
  return {
    state,
    api,
    sid,
    setNow: (date) => {
      now = date;
    },
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    query: (soql, headers) => request('GET', `${V}/query?q=${encodeURIComponent(soql)}`, undefined, headers),
    upsert: (records, allOrNone) =>
      request('PATCH', ATTRIBUTIONS, {
        ...(allOrNone === undefined ? {} : { allOrNone }),
        records: records.map((record) => ({ attributes: { type: 'Partner_Attribution__c' }, ...record })),
      }),
  };
}

/** A valid Partner_Attribution__c body for the flagship opportunity. */
export function attribution(externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    External_Id__c: externalId,
    Opportunity__c: DEMO_OPPORTUNITY_IDS.flagship,
    Partner_Name__c: 'Northwind Systems Integration',
    Partner_Key__c: 'northwind',
    Kind__c: 'sourced',
    Credit__c: 100,
    Touches__c: '[]',
    Touch_Count__c: 0,
    Deleted__c: false,
    Version__c: '000001763460000000:00000:device-a',
    Device_Id__c: 'device-a',
    ...overrides,
  };
}

/** Replaces the org's opportunities with copies of the first one, changed as given (ids 1, 2, 3… of the seed). */
export function useOpportunities(state: OrgData, changes: Array<Partial<Opportunity>>): string[] {
  const template = state.opportunities[0]!;
  const seedIds = state.opportunities.map((opportunity) => opportunity.Id);
  state.opportunities = changes.map((change, index) => ({
    ...template,
    Id: seedIds[index]!,
    Name: `Deal ${index + 1}`,
    ...change,
  }));
  return state.opportunities.map((opportunity) => opportunity.Id);
}

export type QueryPage<T = Record<string, unknown>> = {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
};

/** The records of a successful query (fails the test with the body otherwise). */
export async function records<T = Record<string, unknown>>(org: TestOrg, soql: string): Promise<T[]> {
  const reply = await org.query(soql);
  if (reply.status !== 200) throw new Error(`${reply.status} ${reply.body}`);
  return reply.json<QueryPage<T>>().records;
}

export async function names(org: TestOrg, soql: string): Promise<string[]> {
  return (await records<{ Name: string }>(org, soql)).map((record) => record.Name);
}

export async function errorOf(
  reply: Promise<Reply> | Reply,
): Promise<{ status: number; errorCode: string; message: string; fields?: string[] }> {
  const response = await reply;
  const [error] = response.json<Array<{ errorCode: string; message: string; fields?: string[] }>>();
  return { status: response.status, ...error! };
}
