// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, opportunityId, ORG_ID, USER_IDS } from '../../../fake-org/data';
import { createRestApi } from '../../../fake-org/rest';
import { errorOf, setupOrg, V } from './helpers';

type Field = {
  name: string;
  type: string;
  externalId: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  length: number;
  filterable: boolean;
  unique: boolean;
};
type Describe = {
  name: string;
  custom: boolean;
  keyPrefix: string;
  fields: Field[];
  childRelationships: Array<{ relationshipName: string; childSObject: string; field: string }>;
};

describe('versions and resources', () => {
  it('lists API versions 62.0 … 66.0, newest last, without a session', async () => {
    const org = setupOrg();
    const reply = await org.api.handle({ method: 'GET', url: '/services/data/', headers: {} });
    expect(reply.status).toBe(200);
    const versions = JSON.parse(reply.body) as Array<{ label: string; url: string; version: string }>;
    expect(versions.map((v) => v.version)).toEqual(['62.0', '63.0', '64.0', '65.0', '66.0']);
    expect(versions.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
  });

  it(
    'maps the resources of a version, with the identity URL naming the org and the user in 18 ' + 'characters',
    async () => {
      const org = setupOrg();
      const resources = (await org.get(`${V}/`)).json<Record<string, string>>();
      expect(resources.identity).toBe(`https://acme.my.salesforce.com/id/${ORG_ID}/${USER_IDS.jordanKim}`);
      expect(resources).toMatchObject({
        query: `${V}/query`,
        sobjects: `${V}/sobjects`,
        composite: `${V}/composite`,
        limits: `${V}/limits`,
      });
      const onServer = createRestApi({ state: org.state, classicOrigin: 'https://acme.my.salesforce.com:8443' });
      const reply = await onServer.handle({
        method: 'GET',
        url: '/services/data/v62.0',
        headers: { Authorization: `Bearer ${org.sid}` },
      });
      expect(JSON.parse(reply.body).identity).toBe(
        `https://acme.my.salesforce.com:8443/id/${ORG_ID}/${USER_IDS.jordanKim}`,
      );
    },
  );

  it('answers the identity URL with who the user is', async () => {
    const org = setupOrg();
    const { identity } = (await org.get(`${V}/`)).json<{ identity: string }>();
    const reply = await org.get(new URL(identity).pathname);
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({
      user_id: USER_IDS.jordanKim,
      organization_id: ORG_ID,
      display_name: 'Jordan Kim',
      username: 'jordan.kim@acme-demo.example',
    });
    const bad = await org.api.handle({ method: 'GET', url: new URL(identity).pathname, headers: {} });
    expect([bad.status, bad.body]).toEqual([403, 'Bad_OAuth_Token']);
  });

  it('answers 404 NOT_FOUND for an unknown version or resource, 405 for a wrong method', async () => {
    const org = setupOrg();
    const notFound = { status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' };
    expect(await errorOf(org.get('/services/data/v61.0/'))).toEqual(notFound);
    expect(await errorOf(org.get('/services/data/v99.0/query?q=SELECT+Id+FROM+Opportunity'))).toEqual(notFound);
    expect(await errorOf(org.get(`${V}/nothing`))).toEqual(notFound);
    expect(await errorOf(org.request('POST', `${V}/query`, {}))).toEqual({
      status: 405,
      errorCode: 'METHOD_NOT_ALLOWED',
      message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD",
    });
  });
});

describe('describe', () => {
  it('lists Partner_Attribution__c in describeGlobal only while it is installed', async () => {
    const org = setupOrg();
    const names = async () =>
      (await org.get(`${V}/sobjects/`))
        .json<{ sobjects: Array<{ name: string }> }>()
        .sobjects.map((object) => object.name);
    expect(await names()).toEqual([
      'Opportunity',
      'Account',
      'Lead',
      'User',
      'Organization',
      'Partner_Attribution__c',
      'Partner_Attribution_Summary__c',
      'Partner_Ledger_Rules__c',
      'Partner_Ledger_Partner__c',
    ]);
    org.state.customObjects.Partner_Attribution__c.installed = false;
    expect(await names()).not.toContain('Partner_Attribution__c');
    // CurrencyType exists only in multi-currency orgs.
    org.state.org.IsMultiCurrency = true;
    expect(await names()).toContain('CurrencyType');
  });

  it('describes Partner_Attribution__c: external id, lookups, types and lengths; 404 when not installed', async () => {
    const org = setupOrg();
    const reply = await org.get(`${V}/sobjects/Partner_Attribution__c/describe`);
    expect(reply.status).toBe(200);
    const describe = reply.json<Describe>();
    expect(describe).toMatchObject({ name: 'Partner_Attribution__c', custom: true, keyPrefix: 'a0A' });
    const field = (name: string) => describe.fields.find((candidate) => candidate.name === name)!;
    expect(field('External_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true, length: 36 });
    expect(field('Opportunity__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Opportunity'],
      relationshipName: 'Opportunity__r',
    });
    expect(field('Partner_Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Partner_Account__r',
    });
    expect(field('Touches__c')).toMatchObject({ type: 'textarea', length: 131072, filterable: false });
    expect(field('Deleted__c').type).toBe('boolean');
    expect(field('Credit__c').type).toBe('percent');
    expect(field('Touch_Count__c').type).toBe('double');
    expect(field('Last_Touch_Date__c').type).toBe('date');
    expect(field('Attributed_At__c').type).toBe('datetime');
    expect(field('Kind__c').type).toBe('picklist');
    expect(field('SystemModstamp').type).toBe('datetime');

    org.state.customObjects.Partner_Attribution__c.installed = false;
    expect(await errorOf(org.get(`${V}/sobjects/Partner_Attribution__c/describe`))).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
    });
  });

  it(
    'describes Opportunity with the Partner_Attributions__r child relationship, and CurrencyIsoCode only in ' +
      'multi-currency orgs',
    async () => {
      const org = setupOrg();
      const describe = async () => (await org.get(`${V}/sobjects/Opportunity/describe`)).json<Describe>();
      const single = await describe();
      expect(single.childRelationships).toEqual([
        expect.objectContaining({
          relationshipName: 'Partner_Attributions__r',
          childSObject: 'Partner_Attribution__c',
          field: 'Opportunity__c',
        }),
      ]);
      expect(single.fields.map((field) => field.name)).not.toContain('CurrencyIsoCode');
      expect(single.fields.find((field) => field.name === 'OwnerId')).toMatchObject({
        referenceTo: ['User'],
        relationshipName: 'Owner',
      });

      org.state.org.IsMultiCurrency = true;
      expect((await describe()).fields.map((field) => field.name)).toContain('CurrencyIsoCode');
      const reply = await org.query(
        `SELECT Id, CurrencyIsoCode FROM Opportunity WHERE Id = '${DEMO_OPPORTUNITY_IDS.flagship}'`,
      );
      expect(reply.json<{ records: Array<{ CurrencyIsoCode: string }> }>().records[0]!.CurrencyIsoCode).toBe('USD');
      org.state.opportunities[0]!.CurrencyIsoCode = 'EUR';
      expect(
        (await org.query("SELECT COUNT() FROM Opportunity WHERE CurrencyIsoCode = 'EUR'")).json<{ totalSize: number }>()
          .totalSize,
      ).toBe(1);
    },
  );
});

describe('records', () => {
  it('retrieves a record with all fields or ?fields=, by 15- or 18-character id', async () => {
    const org = setupOrg();
    const all = await org.get(`${V}/sobjects/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15)}`);
    expect(all.status).toBe(200);
    const record = all.json<Record<string, unknown>>();
    expect(record).toMatchObject({
      attributes: { type: 'Opportunity', url: `${V}/sobjects/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}` },
      Id: DEMO_OPPORTUNITY_IDS.flagship,
      Amount: 120000,
      IsDeleted: false,
    });
    expect(record.LastModifiedById).toBe(USER_IDS.danaReyes);
    const some = await org.get(`${V}/sobjects/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}?fields=Name,StageName`);
    expect(Object.keys(some.json<object>())).toEqual(['attributes', 'Name', 'StageName']);
    expect(
      await errorOf(org.get(`${V}/sobjects/Opportunity/${DEMO_OPPORTUNITY_IDS.flagship}?fields=Name,Nope`)),
    ).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
  });

  it('answers 404 for unknown records, and treats a non-id as an external id field name', async () => {
    const org = setupOrg();
    expect(await errorOf(org.get(`${V}/sobjects/Opportunity/${opportunityId(9999)}`))).toEqual({
      status: 404,
      errorCode: 'NOT_FOUND',
      message: 'The requested resource does not exist',
    });
    expect(await errorOf(org.get(`${V}/sobjects/Opportunity/${USER_IDS.danaReyes}`))).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
    });
    expect(await errorOf(org.get(`${V}/sobjects/Opportunity/banana`))).toEqual({
      status: 404,
      errorCode: 'NOT_FOUND',
      message: 'Provided external ID field does not exist or is not accessible: banana',
    });
    expect(await errorOf(org.get(`${V}/sobjects/Nope__c/${DEMO_OPPORTUNITY_IDS.flagship}`))).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
    });
  });
});
