import { describe, expect, it, vi } from 'vitest';
import { SalesforceApiError } from '../../../../lib/crm/salesforce/api-errors';
import { connect } from '../../../../lib/crm/salesforce/connection';
import { createRestClient, type FetchLike, type HttpResponse } from '../../../../lib/crm/salesforce/rest-client';

const HOST = 'acme.my.salesforce.com';
const SID = '00D5g000004bBcD!secret-token';
const V = '/services/data/v66.0';
const ORG18 = '00D5g000004bBcDEAU';
const USER18 = '0055g00000AbCdEAAV';

function reply(status: number, body: unknown): HttpResponse {
  return {
    status,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
    text: async () => JSON.stringify(body),
  };
}

const describeOpportunity = (multiCurrency: boolean) => ({
  name: 'Opportunity',
  label: 'Opportunity',
  custom: false,
  fields: [
    { name: 'Id', type: 'id', label: 'Opportunity ID' },
    { name: 'Amount', type: 'currency', label: 'Amount' },
    { name: 'Probability', type: 'percent', label: 'Probability (%)' },
    { name: 'ForecastCategoryName', type: 'picklist', label: 'Forecast Category' },
    { name: 'OwnerId', type: 'reference', label: 'Owner ID', relationshipName: 'Owner' },
    ...(multiCurrency ? [{ name: 'CurrencyIsoCode', type: 'picklist', label: 'Opportunity Currency' }] : []),
  ],
});

const describeAttribution = {
  name: 'Partner_Attribution__c',
  label: 'Partner Attribution',
  custom: true,
  fields: [{ name: 'External_Id__c', type: 'string', label: 'External Id', externalId: true }],
};

type Override = Partial<Record<string, HttpResponse>>;

/** A fetch answering the five calls `connect` makes; `override` replaces answers by path. */
function org(override: Override = {}, multiCurrency = false) {
  const routes: Record<string, HttpResponse> = {
    '/services/data/': reply(200, [
      { label: "Winter '26", url: '/services/data/v65.0', version: '65.0' },
      { label: "Spring '26", url: '/services/data/v66.0', version: '66.0' },
    ]),
    [`${V}/`]: reply(200, { query: `${V}/query`, identity: `https://login.salesforce.com/id/${ORG18}/${USER18}` }),
    [`${V}/query`]: reply(200, {
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'User' }, Id: USER18, Name: 'Dana Reyes' }],
    }),
    [`${V}/sobjects/Partner_Attribution__c/describe`]: reply(200, describeAttribution),
    [`${V}/sobjects/Opportunity/describe`]: reply(200, describeOpportunity(multiCurrency)),
    ...override,
  } as Record<string, HttpResponse>;
  const paths: string[] = [];
  const fetch = vi.fn<FetchLike>(async (url) => {
    const { pathname, searchParams } = new URL(url);
    paths.push(pathname + (searchParams.has('q') ? `?q=${searchParams.get('q')}` : ''));
    return (
      routes[pathname] ?? reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    );
  });
  return { client: createRestClient({ apiHost: HOST, sessionId: SID, fetch }), paths, fetch };
}

describe('connect', () => {
  it('learns the org, the user, the version and what is installed in five calls', async () => {
    const { client, paths } = org({}, true);
    expect(await connect(client)).toEqual({
      orgId: ORG18,
      userId: USER18,
      userName: 'Dana Reyes',
      apiVersion: '66.0',
      objectsInstalled: true,
      multiCurrency: true,
      hiddenFields: [],
    });
    expect(paths).toEqual([
      '/services/data/',
      `${V}/`,
      `${V}/query?q=SELECT Id, Name, LocaleSidKey FROM User WHERE Id = '${USER18}'`,
      `${V}/sobjects/Partner_Attribution__c/describe`,
      `${V}/sobjects/Opportunity/describe`,
    ]);
  });

  it('finds the fact fields the describe leaves out, and an owner it cannot follow', async () => {
    const visible = describeOpportunity(false);
    const hidden = {
      ...visible,
      fields: visible.fields
        .filter((field) => field.name !== 'Probability')
        .map((field) => (field.name === 'OwnerId' ? { ...field, relationshipName: null } : field)),
    };
    const { client } = org({ [`${V}/sobjects/Opportunity/describe`]: reply(200, hidden) }, false);
    expect((await connect(client)).hiddenFields).toEqual(['Probability', 'Owner.Name']);
  });

  it('sees a single-currency org', async () => {
    const { client } = org({}, false);
    expect((await connect(client)).multiCurrency).toBe(false);
  });

  it('reports the objects as not installed when their describe is 404', async () => {
    const { client } = org({
      [`${V}/sobjects/Partner_Attribution__c/describe`]: reply(404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]),
    });
    const result = await connect(client);
    expect(result.objectsInstalled).toBe(false);
    expect(result.userName).toBe('Dana Reyes');
  });

  it('reports the objects as not installed on INVALID_TYPE', async () => {
    const { client } = org({
      [`${V}/sobjects/Partner_Attribution__c/describe`]: reply(400, [
        { errorCode: 'INVALID_TYPE', message: "sObject type 'Partner_Attribution__c' is not supported." },
      ]),
    });
    expect((await connect(client)).objectsInstalled).toBe(false);
  });

  it('passes on other failures instead of calling the objects missing', async () => {
    const { client } = org({
      [`${V}/sobjects/Partner_Attribution__c/describe`]: reply(401, [
        { errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' },
      ]),
    });
    await expect(connect(client)).rejects.toMatchObject({ kind: 'session_expired' });
  });

  it('stops at the first failure', async () => {
    const { client, paths } = org({
      [`${V}/`]: reply(403, [
        { errorCode: 'API_DISABLED_FOR_ORG', message: 'The REST API is not enabled for this Organization.' },
      ]),
    });
    const error = await connect(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect((error as SalesforceApiError).kind).toBe('api_disabled');
    expect(paths).toHaveLength(2);
  });

  it('refuses an answer without the user', async () => {
    const { client } = org({ [`${V}/query`]: reply(200, { totalSize: 0, done: true, records: [] }) });
    await expect(connect(client)).rejects.toMatchObject({ kind: 'bad_response' });
  });
});
