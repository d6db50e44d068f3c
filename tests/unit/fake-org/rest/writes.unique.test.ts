// The fake org's partner roster (Partner_Ledger_Partner__c) behaves as a deployed org does: upsert by the unique
// External_Id__c, a unique Partner_Key__c refused with DUPLICATE_VALUE, a Text(80) Name, a restricted Type__c.
import { describe, expect, it } from 'vitest';
import { setupOrg, V, records } from './helpers';

const PARTNERS = `${V}/composite/sobjects/Partner_Ledger_Partner__c/External_Id__c`;
const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';
const ID_C = '33333333-3333-4333-8333-333333333333';

type Result = {
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};

function partner(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    attributes: { type: 'Partner_Ledger_Partner__c' },
    External_Id__c: id,
    Name: name,
    Partner_Key__c: name.toLowerCase(),
    Type__c: 'reseller_channel',
    Tier__c: null,
    Active__c: true,
    Account__c: null,
    ...overrides,
  };
}

async function upsert(org: ReturnType<typeof setupOrg>, list: unknown[]): Promise<Result[]> {
  const reply = await org.request('PATCH', PARTNERS, { records: list });
  expect(reply.status).toBe(200);
  return reply.json<Result[]>();
}

describe('the fake org’s partner roster', () => {
  it('creates, then updates by External_Id__c, keeping the Name a user typed', async () => {
    const org = setupOrg();
    expect((await upsert(org, [partner(ID_A, 'Globex')]))[0]).toMatchObject({ success: true, created: true });
    expect((await upsert(org, [partner(ID_A, 'Globex Corp', { Partner_Key__c: 'globex corp' })]))[0]).toMatchObject({
      success: true,
      created: false,
    });
    const rows = await records<{ Name: string; Partner_Key__c: string; Id: string }>(
      org,
      'SELECT Id, Name, Partner_Key__c FROM Partner_Ledger_Partner__c',
    );
    expect(rows.map((row) => [row.Name, row.Partner_Key__c])).toEqual([['Globex Corp', 'globex corp']]);
    expect(rows[0]!.Id.startsWith('a0P')).toBe(true);
  });

  it('refuses a second partner with the same Partner_Key__c, stored or earlier in the same call', async () => {
    const org = setupOrg();
    await upsert(org, [partner(ID_A, 'Globex')]);
    const results = await upsert(org, [
      partner(ID_B, 'GLOBEX', { Partner_Key__c: 'GLOBEX' }),
      partner(ID_C, 'Initech'),
      partner('44444444-4444-4444-8444-444444444444', 'initech'),
    ]);
    expect(results.map((result) => result.success)).toEqual([false, true, false]);
    expect(results[0]!.errors[0]).toMatchObject({ statusCode: 'DUPLICATE_VALUE', fields: ['Partner_Key__c'] });
    expect(results[0]!.errors[0]!.message).toMatch(
      /^duplicate value found: Partner_Key__c duplicates value on record with id: a0P/,
    );
    expect(results[2]!.errors[0]!.statusCode).toBe('DUPLICATE_VALUE');
    const keys = await records<{ Partner_Key__c: string }>(org, 'SELECT Partner_Key__c FROM Partner_Ledger_Partner__c');
    expect(keys.map((row) => row.Partner_Key__c).sort()).toEqual(['globex', 'initech']);
  });

  it('holds the limits of the metadata: Name 80, Tier 40, Type restricted, Name required', async () => {
    const org = setupOrg();
    const results = await upsert(org, [
      partner(ID_A, 'x'.repeat(81)),
      partner(ID_B, 'Hooli', { Tier__c: 't'.repeat(41) }),
      partner(ID_C, 'Umbrella', { Type__c: 'distributor' }),
      partner('44444444-4444-4444-8444-444444444444', 'Acme', { Name: null }),
    ]);
    expect(results.map((result) => result.errors[0]?.statusCode)).toEqual([
      'STRING_TOO_LONG',
      'STRING_TOO_LONG',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'REQUIRED_FIELD_MISSING',
    ]);
    expect(org.state.customObjects.Partner_Ledger_Partner__c.records).toHaveLength(0);
  });
});
