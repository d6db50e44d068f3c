import { describe, expect, it } from 'vitest';
import {
  partnersByKeyQuery,
  readPartnerRecord,
  rosterPullQuery,
  toPartnerRecord,
} from '../../../../../lib/crm/salesforce/queries/partners';

const ID = '11111111-1111-4111-8111-111111111111';
const record = (over: Record<string, unknown> = {}) => ({
  attributes: { type: 'Partner_Ledger_Partner__c' },
  Id: 'a0P000000000001AAA',
  External_Id__c: ID,
  Name: 'Globex Café',
  Partner_Key__c: 'globex cafe',
  Type__c: 'system_integrator',
  Tier__c: ' Gold ',
  Active__c: true,
  Account__c: '001M000000qfPyS',
  SystemModstamp: '2026-11-20T10:00:00.000+0000',
  ...over,
});

describe('the roster queries', () => {
  it('pull everything at first, then what changed since the cursor less a minute, oldest first', () => {
    expect(rosterPullQuery(undefined)).toBe(
      'SELECT Id, External_Id__c, Name, Partner_Key__c, Type__c, Tier__c, Active__c, Account__c, SystemModstamp ' +
        'FROM Partner_Ledger_Partner__c ORDER BY SystemModstamp, Id',
    );
    expect(rosterPullQuery('2026-11-20T10:00:30.250Z')).toContain(
      'WHERE SystemModstamp >= 2026-11-20T09:59:30Z ORDER BY SystemModstamp, Id',
    );
  });

  it('find the holders of names, quoted', () => {
    expect(partnersByKeyQuery(["o'brien", 'globex'])).toMatch(/WHERE Partner_Key__c IN \('o\\'brien', 'globex'\)$/);
  });
});

describe('readPartnerRecord', () => {
  it('reads a record into a partner: trimmed tier, 18-character account, UTC stamp', () => {
    expect(readPartnerRecord(record())).toEqual({
      ok: true,
      partner: {
        id: ID,
        name: 'Globex Café',
        normalizedName: 'globex cafe',
        type: 'system_integrator',
        tier: 'Gold',
        accountId: '001M000000qfPySIAU',
        active: true,
        systemModstamp: '2026-11-20T10:00:00.000Z',
        remoteId: 'a0P000000000001AAA',
      },
    });
  });

  it('follows a rename typed in Salesforce: the key comes from the name', () => {
    const read = readPartnerRecord(record({ Name: 'Globex Holdings' }));
    expect(read.ok && read.partner.normalizedName).toBe('globex holdings');
  });

  it.each([
    [{ External_Id__c: 'PL-1' }, 'External_Id__c'],
    [{ Name: '   ' }, 'Name'],
    [{ Type__c: 'distributor' }, 'Type__c'],
    [{ Active__c: 'yes' }, 'Active__c'],
    [{ Account__c: '006Ak000000000001' }, 'Account__c'],
    [{ SystemModstamp: 'yesterday' }, 'SystemModstamp'],
  ])('refuses %o, naming %s', (over, field) => {
    const read = readPartnerRecord(record(over));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason.startsWith(field)).toBe(true);
  });
});

describe('toPartnerRecord', () => {
  it('writes the partner under its stable id, the name cut to the 80 characters of Name', () => {
    const long = `${'Very Long Partner Name '.repeat(4)}Ltd`;
    expect(
      toPartnerRecord({
        id: ID,
        name: long,
        normalizedName: long.toLowerCase(),
        type: null,
        tier: 'Gold',
        accountId: null,
        active: false,
      }),
    ).toEqual({
      attributes: { type: 'Partner_Ledger_Partner__c' },
      External_Id__c: ID,
      Name: long.slice(0, 80).trimEnd(),
      Partner_Key__c: long.toLowerCase(),
      Type__c: null,
      Tier__c: 'Gold',
      Active__c: false,
      Account__c: null,
    });
  });
});
