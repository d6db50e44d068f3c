// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseSoql } from '../../../fake-org/rest';
import { SoqlSyntaxError } from '../../../fake-org/rest/soql/lexer';
import { errorOf, setupOrg } from './helpers';

function syntaxError(source: string): SoqlSyntaxError {
  try {
    parseSoql(source);
  } catch (error) {
    if (error instanceof SoqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`Parsed: ${source}`);
}

describe('SOQL parser', () => {
  it('parses fields, relationship paths, WHERE, ORDER BY, LIMIT and OFFSET', () => {
    const source =
      "SELECT Id, Owner.Name FROM Opportunity WHERE (StageName = 'Closed Won' OR Amount > 100.5) AND NOT IsClosed = " +
      'false ORDER BY CloseDate DESC NULLS FIRST, Name LIMIT 10 OFFSET 5';
    const query = parseSoql(source);
    expect(query.select).toEqual([
      { kind: 'field', field: { path: ['Id'], text: 'Id', position: 7 } },
      { kind: 'field', field: { path: ['Owner', 'Name'], text: 'Owner.Name', position: 11 } },
    ]);
    expect(query.from).toEqual({ name: 'Opportunity', position: 27 });
    expect(query.where?.kind).toBe('and');
    const where = query.where as { kind: 'and'; items: Array<{ kind: string }> };
    expect(where.items.map((item) => item.kind)).toEqual(['or', 'not']);
    expect(query.orderBy).toEqual([
      {
        key: {
          kind: 'field',
          field: { path: ['CloseDate'], text: 'CloseDate', position: source.indexOf('CloseDate DESC') },
        },
        descending: true,
        nullsFirst: true,
      },
      {
        key: { kind: 'field', field: { path: ['Name'], text: 'Name', position: source.indexOf('Name LIMIT') } },
        descending: false,
        nullsFirst: true,
      },
    ]);
    expect(query.limit).toBe(10);
    expect(query.offset).toBe(5);
  });

  it('is case-insensitive for keywords and defaults NULLS LAST when descending', () => {
    const query = parseSoql('select id from opportunity order by amount desc');
    expect(query.orderBy?.[0]).toMatchObject({ descending: true, nullsFirst: false });
  });

  it('parses aggregates with and without aliases, GROUP BY and COUNT()', () => {
    const query = parseSoql(
      'SELECT StageName, SUM(Amount) total, COUNT(Id), MAX(CloseDate) FROM Opportunity GROUP BY StageName ORDER BY ' +
        'SUM(Amount) DESC',
    );
    expect(
      query.select.map((item) => (item.kind === 'aggregate' ? `${item.fn}:${item.alias ?? ''}` : item.kind)),
    ).toEqual(['field', 'SUM:total', 'COUNT:', 'MAX:']);
    expect(query.groupBy?.map((field) => field.text)).toEqual(['StageName']);
    expect(query.orderBy?.[0]?.key).toMatchObject({ kind: 'aggregate', fn: 'SUM' });
    expect(parseSoql('SELECT COUNT() FROM Opportunity').select[0]).toEqual({
      kind: 'aggregate',
      fn: 'COUNT',
      position: 7,
    });
  });

  it('parses a child subquery and a semi-join', () => {
    const query = parseSoql(
      'SELECT Id, (SELECT Id, Kind__c FROM Partner_Attributions__r WHERE Deleted__c = false ORDER BY Name LIMIT 5) ' +
        "FROM Opportunity WHERE AccountId IN (SELECT Id FROM Account WHERE Name LIKE 'C%')",
    );
    const child = query.select[1];
    expect(child?.kind).toBe('subquery');
    if (child?.kind !== 'subquery') return;
    expect(child.query.from.name).toBe('Partner_Attributions__r');
    expect(child.query.limit).toBe(5);
    expect(query.where?.kind).toBe('inQuery');
  });

  it(
    'reads every literal kind: strings with escapes, numbers, booleans, null, dates, date-times and date ' + 'literals',
    () => {
      const query = parseSoql(
        "SELECT Id FROM Opportunity WHERE Name IN ('it\\'s', 'a\\\\b', 'tab\\there', '\\u00e9', 'new\\nline') AND " +
          'Amount IN (1, -2.5, .5) AND IsWon IN (true, FALSE) AND LeadSource != null AND CloseDate IN (2026-11-21, ' +
          'TODAY, LAST_N_DAYS:7) AND CreatedDate IN (2026-11-21T10:00:00Z, 2026-11-21T10:00:00.000+0000, ' +
          '2026-11-21T02:00:00-08:00)',
      );
      const items = (
        query.where as { items: Array<{ values?: Array<Record<string, unknown>>; value?: Record<string, unknown> }> }
      ).items;
      expect(items[0]!.values!.map((value) => value.value)).toEqual(["it's", 'a\\b', 'tab\there', 'é', 'new\nline']);
      expect(items[1]!.values!.map((value) => value.value)).toEqual([1, -2.5, 0.5]);
      expect(items[2]!.values!.map((value) => value.value)).toEqual([true, false]);
      expect(items[3]!.value).toEqual({ kind: 'null', position: expect.any(Number) });
      expect(items[4]!.values!.map((value) => [value.kind, value.value ?? value.name, value.n])).toEqual([
        ['date', '2026-11-21', undefined],
        ['dateLiteral', 'TODAY', undefined],
        ['dateLiteral', 'LAST_N_DAYS', 7],
      ]);
      const instant = Date.parse('2026-11-21T10:00:00Z');
      expect(items[5]!.values!.map((value) => value.value)).toEqual([instant, instant, instant]);
    },
  );

  it('keeps \\% and \\_ escaped for LIKE', () => {
    const query = parseSoql("SELECT Id FROM Opportunity WHERE Name LIKE '50\\% off\\_%'");
    expect((query.where as { pattern: { value: string } }).pattern.value).toBe('50\\% off\\_%');
  });

  it.each([
    ['SELECT FROM Opportunity', "unexpected token: 'FROM'", 7],
    ['SELECT Id FROM', "unexpected token: '<EOF>'", 14],
    ['SELECT Id, FROM Opportunity', "unexpected token: 'FROM'", 11],
    ['SELECT Id FRM Opportunity', "unexpected token: 'FRM'", 10],
    ['SELECT Id FROM Opportunity WHERE', "unexpected token: '<EOF>'", 32],
    ["SELECT Id FROM Opportunity WHERE Name 'x'", "unexpected token: ''x''", 38],
    ["SELECT Id FROM Opportunity WHERE Name = 'a' AND Amount > 1 OR IsWon = true", "unexpected token: 'OR'", 59],
    ["SELECT Id FROM Opportunity WHERE Name = 'a' OR Amount > 1 AND IsWon = true", "unexpected token: 'AND'", 58],
    ['SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS', "unexpected token: '<EOF>'", 56],
    ['SELECT Id FROM Opportunity WHERE CloseDate = SOMEDAY', "unexpected token: 'SOMEDAY'", 45],
    ['SELECT Id FROM Opportunity LIMIT ten', "unexpected token: 'ten'", 33],
    ['SELECT Id FROM Opportunity LIMIT 5 extra', "unexpected token: 'extra'", 35],
    ["SELECT Id FROM Opportunity WHERE Name = 'open", "unexpected token: ''open'", 40],
    ["SELECT Id FROM Opportunity WHERE Name = 'a\\qb'", "Illegal character sequence '\\q' in string literal.", 42],
    ['SELECT Id FROM Opportunity;', "unexpected token: ';'", 26],
    ['SELECT SUM() FROM Opportunity', "unexpected token: ')'", 11],
    ['SELECT Id FROM Opportunity ORDER BY Name NULLS', "unexpected token: '<EOF>'", 46],
  ])('rejects %s', (source, message, position) => {
    const error = syntaxError(source);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });

  it('answers MALFORMED_QUERY with the query, a caret and the row and column', async () => {
    const org = setupOrg();
    const error = await errorOf(org.query('SELECT Id FRM Opportunity'));
    expect(error).toMatchObject({ status: 400, errorCode: 'MALFORMED_QUERY' });
    expect(error.message).toBe(
      "\nSELECT Id FRM Opportunity\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FRM'",
    );
    const multiline = await errorOf(org.query('SELECT Id\nFROM Opportunity\nWHERE'));
    expect(multiline.message).toBe("\nWHERE\n     ^\nERROR at Row:3:Column:6\nunexpected token: '<EOF>'");
  });

  it('answers MALFORMED_QUERY for a missing or empty q', async () => {
    const org = setupOrg();
    expect(await errorOf(org.get('/services/data/v66.0/query'))).toMatchObject({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: 'A query string has to be specified',
    });
    expect(await errorOf(org.query('  '))).toMatchObject({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: 'SOQL statements cannot be empty or null',
    });
  });
});
