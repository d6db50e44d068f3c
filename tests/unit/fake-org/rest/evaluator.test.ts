// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../../fake-org/data';
import { dateLiteralRange } from '../../../fake-org/rest/soql/dates';
import { likeToRegExp } from '../../../fake-org/rest/soql/evaluator';
import { errorOf, names, records, setupOrg, useOpportunities } from './helpers';

describe('SOQL date literals', () => {
  it('use Sunday-based weeks in the org time zone, around a week boundary', () => {
    const saturdayNight = new Date('2026-11-21T23:30:00Z');
    const sundayMorning = new Date('2026-11-22T00:30:00Z');
    expect(dateLiteralRange('THIS_WEEK', undefined, saturdayNight, 'UTC')).toEqual({
      start: '2026-11-15',
      end: '2026-11-22',
    });
    expect(dateLiteralRange('THIS_WEEK', undefined, sundayMorning, 'UTC')).toEqual({
      start: '2026-11-22',
      end: '2026-11-29',
    });
    expect(dateLiteralRange('LAST_WEEK', undefined, sundayMorning, 'UTC')).toEqual({
      start: '2026-11-15',
      end: '2026-11-22',
    });
    expect(dateLiteralRange('NEXT_WEEK', undefined, saturdayNight, 'UTC')).toEqual({
      start: '2026-11-22',
      end: '2026-11-29',
    });
    // 00:30 UTC on Sunday is still Saturday evening in Los Angeles.
    expect(dateLiteralRange('THIS_WEEK', undefined, sundayMorning, 'America/Los_Angeles')).toEqual({
      start: '2026-11-15',
      end: '2026-11-22',
    });
    expect(dateLiteralRange('TODAY', undefined, sundayMorning, 'America/Los_Angeles')).toEqual({
      start: '2026-11-21',
      end: '2026-11-22',
    });
  });

  it('LAST_N_DAYS:n includes today, NEXT_N_DAYS:n starts tomorrow; months and years are calendar ones', () => {
    const now = new Date('2026-11-18T10:00:00Z');
    expect(dateLiteralRange('LAST_N_DAYS', 7, now, 'UTC')).toEqual({ start: '2026-11-11', end: '2026-11-19' });
    expect(dateLiteralRange('NEXT_N_DAYS', 7, now, 'UTC')).toEqual({ start: '2026-11-19', end: '2026-11-26' });
    expect(dateLiteralRange('YESTERDAY', undefined, now, 'UTC')).toEqual({ start: '2026-11-17', end: '2026-11-18' });
    expect(dateLiteralRange('TOMORROW', undefined, now, 'UTC')).toEqual({ start: '2026-11-19', end: '2026-11-20' });
    expect(dateLiteralRange('THIS_MONTH', undefined, now, 'UTC')).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(dateLiteralRange('LAST_MONTH', undefined, now, 'UTC')).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(dateLiteralRange('NEXT_MONTH', undefined, new Date('2026-12-05T00:00:00Z'), 'UTC')).toEqual({
      start: '2027-01-01',
      end: '2027-02-01',
    });
    expect(dateLiteralRange('THIS_YEAR', undefined, now, 'UTC')).toEqual({ start: '2026-01-01', end: '2027-01-01' });
    expect(dateLiteralRange('N_DAYS_AGO', 3, now, 'UTC')).toEqual({ start: '2026-11-15', end: '2026-11-16' });
  });

  it('filter Date and DateTime fields with =, <, >, <=, >= and !=, across a week boundary', async () => {
    const org = setupOrg({ now: new Date('2026-11-22T00:30:00Z') }); // Sunday, 00:30 UTC
    useOpportunities(org.state, [
      { CreatedDate: '2026-11-21T23:59:59.000Z', CloseDate: '2026-11-21' }, // Saturday: last week
      { CreatedDate: '2026-11-22T00:10:00.000Z', CloseDate: '2026-11-22' }, // Sunday: this week
      { CreatedDate: '2026-11-28T23:00:00.000Z', CloseDate: '2026-11-28' }, // Saturday: this week
      { CreatedDate: '2026-11-29T00:00:00.000Z', CloseDate: '2026-11-29' }, // next week
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate = THIS_WEEK')).toEqual([
      'Deal 2',
      'Deal 3',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CloseDate = THIS_WEEK')).toEqual(['Deal 2', 'Deal 3']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate = LAST_WEEK')).toEqual(['Deal 1']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CloseDate = NEXT_WEEK')).toEqual(['Deal 4']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate < THIS_WEEK')).toEqual(['Deal 1']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate > THIS_WEEK')).toEqual(['Deal 4']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate <= THIS_WEEK')).toEqual([
      'Deal 1',
      'Deal 2',
      'Deal 3',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate >= THIS_WEEK')).toEqual([
      'Deal 2',
      'Deal 3',
      'Deal 4',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate != THIS_WEEK')).toEqual([
      'Deal 1',
      'Deal 4',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate = TODAY')).toEqual(['Deal 2']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:1')).toEqual([
      'Deal 1',
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:6')).toEqual(['Deal 3']);

    // In Los Angeles it is still Saturday 2026-11-21: the week is the one before.
    org.state.org.TimeZoneSidKey = 'America/Los_Angeles';
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate = THIS_WEEK')).toEqual([
      'Deal 1',
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CloseDate = THIS_WEEK')).toEqual(['Deal 1']);
  });

  it('compares DateTime fields with date-time literals as instants, whatever their offset', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [
      { CreatedDate: '2026-11-21T09:59:59.000Z' },
      { CreatedDate: '2026-11-21T10:00:00.000Z' },
      { CreatedDate: '2026-11-21T10:00:00.001Z' },
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate >= 2026-11-21T10:00:00Z')).toEqual([
      'Deal 2',
      'Deal 3',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate > 2026-11-21T10:00:00.000+0000')).toEqual([
      'Deal 3',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate = 2026-11-21T02:00:00-08:00')).toEqual([
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE CreatedDate < 2026-11-21T11:00:00+01:00')).toEqual([
      'Deal 1',
    ]);
  });

  it('rejects a date literal on a DateTime field and a date-time on a Date field', async () => {
    const org = setupOrg();
    const onDateTime = await errorOf(org.query('SELECT Id FROM Opportunity WHERE CreatedDate > 2026-11-21'));
    expect(onDateTime).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
    expect(onDateTime.message).toContain(
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    );
    const onDate = await errorOf(org.query('SELECT Id FROM Opportunity WHERE CloseDate > 2026-11-21T00:00:00Z'));
    expect(onDate.message).toContain("value of filter criterion for field 'CloseDate' must be of type date");
  });
});

describe('SOQL filters', () => {
  it('LIKE is case-insensitive with % and _, and \\% \\_ match themselves', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [
      { Name: 'Acme Renewal' },
      { Name: 'acme upgrade' },
      { Name: 'ACMX' },
      { Name: '50% off_now' },
      { Name: '50x offXnow' },
    ]);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE Name LIKE 'acme%'")).toEqual([
      'Acme Renewal',
      'acme upgrade',
    ]);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE Name LIKE 'ACM_'")).toEqual(['ACMX']);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE Name LIKE '%renewal'")).toEqual(['Acme Renewal']);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE Name LIKE '50\\% off\\_now'")).toEqual(['50% off_now']);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE Name LIKE '50_ off_now'")).toEqual([
      '50% off_now',
      '50x offXnow',
    ]);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE NOT Name LIKE 'acme%'")).toEqual([
      'ACMX',
      '50% off_now',
      '50x offXnow',
    ]);
    expect(likeToRegExp('a.b(c)%').test('A.B(C) and more')).toBe(true);
    expect(likeToRegExp('a.b').test('axb')).toBe(false);
  });

  it('= and IN on text ignore case; ids match in 15- and 18-character form', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [
      { StageName: 'Closed Won' },
      { StageName: 'Prospecting' },
      { StageName: 'Qualification' },
    ]);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE StageName = 'closed won'")).toEqual(['Deal 1']);
    expect(
      await names(org, "SELECT Name FROM Opportunity WHERE StageName IN ('PROSPECTING', 'qualification')"),
    ).toEqual(['Deal 2', 'Deal 3']);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE StageName NOT IN ('Prospecting')")).toEqual([
      'Deal 1',
      'Deal 3',
    ]);
    const id = org.state.opportunities[1]!.Id;
    expect(await names(org, `SELECT Name FROM Opportunity WHERE Id = '${id.slice(0, 15)}'`)).toEqual(['Deal 2']);
    expect(
      await names(
        org,
        `SELECT Name FROM Opportunity WHERE Id IN ('${id}', '${org.state.opportunities[2]!.Id.slice(0, 15)}')`,
      ),
    ).toEqual(['Deal 2', 'Deal 3']);
    expect(await names(org, `SELECT Name FROM Opportunity WHERE Id != '${id}'`)).toEqual(['Deal 1', 'Deal 3']);
  });

  it('NOT, AND, OR with parentheses; != and NOT IN match nulls, comparisons do not', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [
      { Amount: 100, LeadSource: 'Web', IsWon: true },
      { Amount: null, LeadSource: null, IsWon: false },
      { Amount: 300, LeadSource: 'Partner Referral', IsWon: false },
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE Amount > 50')).toEqual(['Deal 1', 'Deal 3']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE Amount != 100')).toEqual(['Deal 2', 'Deal 3']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE Amount = null')).toEqual(['Deal 2']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE Amount != null')).toEqual(['Deal 1', 'Deal 3']);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE LeadSource NOT IN ('Web')")).toEqual([
      'Deal 2',
      'Deal 3',
    ]);
    expect(await names(org, "SELECT Name FROM Opportunity WHERE LeadSource IN ('Web', null)")).toEqual([
      'Deal 1',
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE NOT Amount > 50')).toEqual(['Deal 2']);
    expect(
      await names(org, 'SELECT Name FROM Opportunity WHERE IsWon = true OR (Amount >= 300 AND IsWon = false)'),
    ).toEqual(['Deal 1', 'Deal 3']);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE NOT (IsWon = true OR Amount = null)')).toEqual([
      'Deal 3',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity WHERE Amount IN (100, 300) AND Amount <= 100')).toEqual([
      'Deal 1',
    ]);
  });

  it('filters on relationship fields and semi-joins', async () => {
    const org = setupOrg();
    const mine = await names(org, "SELECT Name FROM Opportunity WHERE Owner.Name = 'Dana Reyes'");
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual(org.state.opportunities.filter((o) => o.OwnerId === USER_IDS.danaReyes).map((o) => o.Name));
    const contoso = await names(
      org,
      "SELECT Name FROM Opportunity WHERE AccountId IN (SELECT Id FROM Account WHERE Name LIKE 'Contoso%')",
    );
    expect(contoso).toContain('Contoso Pharmaceuticals - Data Platform Expansion');
    expect(contoso.every((name) => name.startsWith('Contoso'))).toBe(true);
  });

  it('orders by several keys, nulls first ascending and last descending unless told', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [
      { Amount: 200, StageName: 'Prospecting' },
      { Amount: null, StageName: 'Prospecting' },
      { Amount: 100, StageName: 'Closed Won' },
      { Amount: 200, StageName: 'Closed Won' },
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity ORDER BY Amount')).toEqual([
      'Deal 2',
      'Deal 3',
      'Deal 1',
      'Deal 4',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity ORDER BY Amount DESC')).toEqual([
      'Deal 1',
      'Deal 4',
      'Deal 3',
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST')).toEqual([
      'Deal 3',
      'Deal 1',
      'Deal 4',
      'Deal 2',
    ]);
    expect(await names(org, 'SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS FIRST, StageName')).toEqual([
      'Deal 2',
      'Deal 4',
      'Deal 1',
      'Deal 3',
    ]);
    expect(
      await names(org, 'SELECT Name FROM Opportunity ORDER BY StageName DESC, Amount DESC LIMIT 2 OFFSET 1'),
    ).toEqual(['Deal 2', 'Deal 4']);
  });

  it('sorts text case-insensitively and by relationship fields', async () => {
    const org = setupOrg();
    useOpportunities(org.state, [{ Name: 'beta' }, { Name: 'Alpha' }, { Name: 'alpha 2' }, { Name: 'Gamma' }]);
    expect(await names(org, 'SELECT Name FROM Opportunity ORDER BY Name')).toEqual([
      'Alpha',
      'alpha 2',
      'beta',
      'Gamma',
    ]);
    const byOwner = await records<{ Owner: { Name: string } }>(
      setupOrg(),
      'SELECT Owner.Name FROM Opportunity ORDER BY Owner.Name DESC LIMIT 1',
    );
    expect(byOwner[0]!.Owner.Name).toBe('Sam Patel');
  });
});

describe('SOQL strictness', () => {
  it.each([
    [
      'SELECT Id, Foo__c FROM Opportunity',
      'INVALID_FIELD',
      "No such column 'Foo__c' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to " +
        "append the '__c' after the custom field name.",
    ],
    [
      'SELECT Id FROM Foo__c',
      'INVALID_TYPE',
      "sObject type 'Foo__c' is not supported. If you are attempting to use a custom object, be sure to append the " +
        "'__c' after the entity name.",
    ],
    ['SELECT Id, Boss.Name FROM Opportunity', 'INVALID_FIELD', "Didn't understand relationship 'Boss' in field path."],
    ['SELECT Id, Owner.Shoe__c FROM Opportunity', 'INVALID_FIELD', "No such column 'Shoe__c' on entity 'User'."],
    [
      'SELECT Id, CurrencyIsoCode FROM Opportunity',
      'INVALID_FIELD',
      "No such column 'CurrencyIsoCode' on entity 'Opportunity'.",
    ],
    [
      "SELECT Id FROM Opportunity WHERE Amount = '100'",
      'INVALID_FIELD',
      "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
    ],
    [
      'SELECT Id FROM Opportunity WHERE Name = 100',
      'INVALID_FIELD',
      "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    ],
    [
      "SELECT Id FROM Opportunity WHERE IsWon = 'true'",
      'INVALID_FIELD',
      "value of filter criterion for field 'IsWon' must be of type boolean and should not be enclosed in quotes",
    ],
    ["SELECT Id FROM Opportunity WHERE Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: abc'],
    [
      "SELECT Id FROM Partner_Attribution__c WHERE Touches__c = 'x'",
      'INVALID_FIELD',
      "field 'Touches__c' can not be filtered in a query call",
    ],
    [
      'SELECT Id FROM Partner_Attribution__c ORDER BY Touches__c',
      'INVALID_FIELD',
      "field 'Touches__c' can not be sorted in a query call",
    ],
    ['SELECT Id, Id FROM Opportunity', 'MALFORMED_QUERY', 'duplicate field selected: Id'],
    [
      'SELECT Id, (SELECT Id FROM Partners__r) FROM Opportunity',
      'INVALID_TYPE',
      "Didn't understand relationship 'Partners__r' in FROM part of query call.",
    ],
    [
      'SELECT Id FROM Opportunity LIMIT 10 OFFSET 2001',
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Maximum SOQL offset allowed is 2000',
    ],
  ])('%s → %s', async (soql, errorCode, message) => {
    const error = await errorOf(setupOrg().query(soql));
    expect(error).toMatchObject({ status: 400, errorCode });
    expect(error.message).toContain(message);
  });

  it('puts the caret under the offending field', async () => {
    const error = await errorOf(setupOrg().query('SELECT Id, Foo__c FROM Opportunity'));
    expect(
      error.message.startsWith('\nSELECT Id, Foo__c FROM Opportunity\n           ^\nERROR at Row:1:Column:12\n'),
    ).toBe(true);
  });

  it('finds fields and objects whatever their case, and answers with their API names', async () => {
    const [record] = await records<Record<string, unknown>>(
      setupOrg(),
      `SELECT id, name, owner.name FROM opportunity WHERE id = '${DEMO_OPPORTUNITY_IDS.flagship}'`,
    );
    expect(Object.keys(record!)).toEqual(['attributes', 'Id', 'Name', 'Owner']);
  });
});
