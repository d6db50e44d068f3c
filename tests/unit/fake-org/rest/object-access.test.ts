// The fake org enforces who may change the team's rules, as the permission sets in salesforce/ do: the describe
// says so per user, and a write by anyone else is refused with Salesforce's error, whatever the extension does.
import { describe, expect, it } from 'vitest';
import { createSeedData, PARTNER_LEDGER_ADMIN, USER_IDS } from '../../../fake-org/data';
import { setPermissionSet } from '../../../fake-org/rest/object-access';
import { createSession } from '../../../fake-org/rest/sessions';
import { setupOrg, NOW, V } from './helpers';

const RULES = `${V}/composite/sobjects/Partner_Ledger_Rules__c/Key__c`;
const record = { attributes: { type: 'Partner_Ledger_Rules__c' }, Key__c: 'team', Influence_Model__c: 'first_touch' };

function asUser(userId: string) {
  const org = setupOrg({ state: createSeedData(NOW) });
  const sid = createSession(org.state, userId);
  const request = async (method: string, url: string, body?: unknown) => {
    const response = await org.api.handle({
      method,
      url,
      headers: { Authorization: `Bearer ${sid}`, Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: () => JSON.parse(response.body) };
  };
  return { org, request };
}

describe('who may change the team rules', () => {
  it('tells each user in the describe whether they may create and edit the rules', async () => {
    const admin = asUser(USER_IDS.jordanKim);
    const ae = asUser(USER_IDS.danaReyes);
    const describeOf = async (as: typeof admin) =>
      (await as.request('GET', `${V}/sobjects/Partner_Ledger_Rules__c/describe`)).json();
    const [forAdmin, forAe] = [await describeOf(admin), await describeOf(ae)];
    expect([forAdmin.createable, forAdmin.updateable]).toEqual([true, true]);
    expect([forAe.createable, forAe.updateable]).toEqual([false, false]);
    const influence = (d: { fields: { name: string; updateable: boolean }[] }) =>
      d.fields.find((f) => f.name === 'Influence_Model__c')?.updateable;
    expect([influence(forAdmin), influence(forAe)]).toEqual([true, false]);
    // Attributions stay writable for everyone with the permission set.
    const attributions = (await ae.request('GET', `${V}/sobjects/Partner_Attribution__c/describe`)).json();
    expect(attributions.updateable).toBe(true);
  });

  it('refuses a non-admin’s upsert with INSUFFICIENT_ACCESS_OR_READONLY and keeps the record as it was', async () => {
    const ae = asUser(USER_IDS.danaReyes);
    const reply = await ae.request('PATCH', RULES, { records: [record] });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual([
      {
        success: false,
        errors: [
          {
            statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: 'insufficient access rights on object id',
            fields: [],
          },
        ],
      },
    ]);
    expect(ae.org.state.customObjects.Partner_Ledger_Rules__c.records).toEqual([]);
    const single = await ae.request('PATCH', `${V}/sobjects/Partner_Ledger_Rules__c/Key__c/team`, {
      Influence_Model__c: 'even',
    });
    expect(single.status).toBe(400);
    expect(single.json()[0]).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('lets an admin write the rules, stamped with who changed them, and stops when the permission set goes', async () => {
    const admin = asUser(USER_IDS.jordanKim);
    const reply = await admin.request('PATCH', RULES, { records: [record] });
    expect(reply.json()[0]).toMatchObject({ success: true, created: true });
    const [saved] = admin.org.state.customObjects.Partner_Ledger_Rules__c.records;
    expect(saved).toMatchObject({ Influence_Model__c: 'first_touch', LastModifiedById: USER_IDS.jordanKim });
    setPermissionSet(admin.org.state, USER_IDS.jordanKim, PARTNER_LEDGER_ADMIN, false);
    const again = await admin.request('PATCH', RULES, { records: [{ ...record, Influence_Model__c: 'even' }] });
    expect(again.json()[0].errors[0].statusCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(admin.org.state.customObjects.Partner_Ledger_Rules__c.records[0]).toMatchObject({
      Influence_Model__c: 'first_touch',
    });
  });
});
