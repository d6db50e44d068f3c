// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_OPPORTUNITY_IDS, USER_IDS } from '../../../fake-org/data';
import { attribution, errorOf, records, setupOrg, V, type QueryPage } from './helpers';

describe('query results', () => {
  it('answers { totalSize, done, records } with attributes on every record and nested parent record', async () => {
    const org = setupOrg();
    const reply = await org.query(
      `SELECT Id, Name, Amount, CloseDate, CreatedDate, IsWon, Owner.Name, Account.Name FROM Opportunity WHERE Id = ` +
        `'${DEMO_OPPORTUNITY_IDS.flagship}'`,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['Content-Type']).toBe('application/json;charset=UTF-8');
    const page = reply.json<QueryPage>();
    expect(page).toMatchObject({ totalSize: 1, done: true });
    expect(page).not.toHaveProperty('nextRecordsUrl');
    const flagship = org.state.opportunities.find((o) => o.Id === DEMO_OPPORTUNITY_IDS.flagship)!;
    expect(page.records[0]).toEqual({
      attributes: { type: 'Opportunity', url: `${V}/sobjects/Opportunity/${flagship.Id}` },
      Id: flagship.Id,
      Name: flagship.Name,
      Amount: 120000,
      CloseDate: flagship.CloseDate,
      CreatedDate: flagship.CreatedDate.replace('Z', '+0000'),
      IsWon: false,
      Owner: { attributes: { type: 'User', url: `${V}/sobjects/User/${USER_IDS.danaReyes}` }, Name: 'Dana Reyes' },
      Account: {
        attributes: { type: 'Account', url: `${V}/sobjects/Account/${flagship.AccountId}` },
        Name: 'Contoso Pharmaceuticals',
      },
    });
    expect(String(page.records[0]!.CreatedDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('gives null for a missing parent and for a null field', async () => {
    const org = setupOrg();
    await org.upsert([attribution('no-partner', { Partner_Account__c: null, Note__c: null })]);
    const [record] = await records(
      org,
      'SELECT Partner_Account__r.Name, Note__c, Opportunity__r.Account.Name FROM Partner_Attribution__c WHERE ' +
        "External_Id__c = 'no-partner'",
    );
    expect(record).toMatchObject({
      Partner_Account__r: null,
      Note__c: null,
      Opportunity__r: { Account: { Name: 'Contoso Pharmaceuticals' } },
    });
  });

  it('pages by 2,000 by default and by the Sforce-Query-Options batch size, following nextRecordsUrl', async () => {
    const org = setupOrg();
    const template = org.state.opportunities[0]!;
    for (let i = 0; i < 2100; i++)
      org.state.opportunities.push({ ...template, Id: `006Zz${String(i).padStart(10, '0')}AAA`, Name: `Bulk ${i}` });
    const total = org.state.opportunities.length;

    const first = (await org.query('SELECT Id, Name FROM Opportunity')).json<QueryPage>();
    expect(first).toMatchObject({ totalSize: total, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const second = (await org.get(first.nextRecordsUrl!)).json<QueryPage>();
    expect(second).toMatchObject({ totalSize: total, done: true });
    expect(second.records).toHaveLength(total - 2000);
    expect(second).not.toHaveProperty('nextRecordsUrl');

    const names: string[] = [];
    let page = (
      await org.query('SELECT Name FROM Opportunity ORDER BY Name', { 'Sforce-Query-Options': 'batchSize=500' })
    ).json<QueryPage<{ Name: string }>>();
    let pages = 1;
    names.push(...page.records.map((r) => r.Name));
    while (!page.done) {
      expect(page.records).toHaveLength(500);
      page = (await org.get(page.nextRecordsUrl!)).json<QueryPage<{ Name: string }>>();
      names.push(...page.records.map((r) => r.Name));
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 500));
    expect(names).toHaveLength(total);
    expect(names).toEqual(
      [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
    );
  });

  it('clamps the batch size to 200–2,000', async () => {
    const org = setupOrg();
    const template = org.state.opportunities[0]!;
    for (let i = 0; i < 300; i++)
      org.state.opportunities.push({ ...template, Id: `006Zz${String(i).padStart(10, '0')}AAA` });
    const small = (
      await org.query('SELECT Id FROM Opportunity', { 'Sforce-Query-Options': 'batchSize=10' })
    ).json<QueryPage>();
    expect(small.records).toHaveLength(200);
    expect(small.nextRecordsUrl).toMatch(/-200$/);
    const large = (
      await org.query('SELECT Id FROM Opportunity', { 'Sforce-Query-Options': 'batchSize=5000' })
    ).json<QueryPage>();
    expect(large.records).toHaveLength(org.state.opportunities.length);
    expect(large.done).toBe(true);
  });

  it('answers INVALID_QUERY_LOCATOR for an unknown cursor; queryAll answers like query', async () => {
    const org = setupOrg();
    expect(await errorOf(org.get(`${V}/query/01gZZ0000000000AAA-2000`))).toMatchObject({
      status: 400,
      errorCode: 'INVALID_QUERY_LOCATOR',
    });
    const query = (await org.query('SELECT Id FROM Opportunity')).json<QueryPage>();
    const all = (
      await org.get(`${V}/queryAll?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`)
    ).json<QueryPage>();
    expect(all).toEqual(query);
  });

  it('decodes + as a space in q, as a browser form encoding would send it', async () => {
    const org = setupOrg();
    const reply = await org.get(`${V}/query?q=SELECT+Id+FROM+Opportunity+LIMIT+2`);
    expect(reply.json<QueryPage>().records).toHaveLength(2);
  });

  it('answers 414 for a URI over 16,384 bytes, without counting it', async () => {
    const org = setupOrg();
    const ids = Array.from({ length: 900 }, (_, i) => `'006Zz${String(i).padStart(10, '0')}'`).join(',');
    const reply = await org.query(`SELECT Id FROM Opportunity WHERE Id IN (${ids})`);
    expect(reply.status).toBe(414);
    expect(reply.headers['Content-Type']).toMatch(/^text\/plain/);
    expect(org.state.apiUsage.used).toBe(0);
  });
});

describe('aggregate queries', () => {
  it('names unaliased aggregates expr0, expr1… and keeps aliases; groups by one field', async () => {
    const org = setupOrg();
    const rows = await records<Record<string, unknown>>(
      org,
      'SELECT StageName, SUM(Amount) total, COUNT(Id), MAX(CloseDate), MIN(Amount) FROM Opportunity GROUP BY StageName',
    );
    const stages = new Set(org.state.opportunities.map((o) => o.StageName));
    expect(rows).toHaveLength(stages.size);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['attributes', 'StageName', 'total', 'expr0', 'expr1', 'expr2']);
      expect(row.attributes).toEqual({ type: 'AggregateResult' });
      const group = org.state.opportunities.filter((o) => o.StageName === row.StageName);
      const amounts = group.map((o) => o.Amount).filter((a): a is number => a !== null);
      expect(row.total).toBe(amounts.length ? amounts.reduce((a, b) => a + b, 0) : null);
      expect(row.expr0).toBe(group.length);
      expect(row.expr1).toBe(
        group
          .map((o) => o.CloseDate)
          .sort()
          .at(-1),
      );
      expect(row.expr2).toBe(amounts.length ? Math.min(...amounts) : null);
    }
  });

  it('aggregates without GROUP BY give one row, even when nothing matches', async () => {
    const org = setupOrg();
    const [row] = await records(
      org,
      "SELECT SUM(Amount) total, COUNT(Id) n FROM Opportunity WHERE Name = 'no such deal'",
    );
    expect(row).toEqual({ attributes: { type: 'AggregateResult' }, total: null, n: 0 });
    const [thisWeek] = await records<{ n: number }>(
      org,
      'SELECT COUNT(Id) n FROM Opportunity WHERE CreatedDate = THIS_WEEK',
    );
    expect(thisWeek!.n).toBeGreaterThan(0);
  });

  it('orders groups by an aggregate and limits them; groups by relationship fields', async () => {
    const org = setupOrg();
    const rows = await records<{ OwnerId: string; total: number }>(
      org,
      'SELECT OwnerId, SUM(Amount) total FROM Opportunity GROUP BY OwnerId ORDER BY SUM(Amount) DESC LIMIT 2',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.total).toBeGreaterThanOrEqual(rows[1]!.total);
    const byName = await records<{ Name: string; expr0: number }>(
      org,
      'SELECT Owner.Name, COUNT(Id) FROM Opportunity GROUP BY Owner.Name ORDER BY Owner.Name',
    );
    expect(byName.map((row) => row.Name)).toEqual(['Dana Reyes', 'Marcus Oyelaran', 'Priya Natarajan', 'Sam Patel']);
    expect(byName.reduce((sum, row) => sum + row.expr0, 0)).toBe(org.state.opportunities.length);
  });

  it('COUNT() answers totalSize with no records', async () => {
    const org = setupOrg();
    expect((await org.query('SELECT COUNT() FROM Opportunity')).json()).toEqual({
      totalSize: org.state.opportunities.length,
      done: true,
      records: [],
    });
    expect((await org.query('SELECT COUNT() FROM Opportunity WHERE IsWon = true')).json<QueryPage>().totalSize).toBe(
      org.state.opportunities.filter((o) => o.IsWon).length,
    );
  });

  it.each([
    [
      'SELECT Name, COUNT(Id) FROM Opportunity GROUP BY StageName',
      'MALFORMED_QUERY',
      'Field must be grouped or aggregated: Name',
    ],
    [
      'SELECT Amount, COUNT(Id) FROM Opportunity GROUP BY Amount',
      'INVALID_FIELD',
      "field 'Amount' can not be grouped in a query call",
    ],
    ['SELECT SUM(Name) FROM Opportunity', 'INVALID_FIELD', 'field Name does not support aggregate operator SUM'],
    ['SELECT COUNT(), Name FROM Opportunity', 'MALFORMED_QUERY', 'COUNT() must be the only element in the SELECT list'],
  ])('%s → %s', async (soql, errorCode, message) => {
    const error = await errorOf(setupOrg().query(soql));
    expect(error).toMatchObject({ status: 400, errorCode });
    expect(error.message).toContain(message);
  });
});

describe('child relationship subqueries', () => {
  it(
    'returns attributions under Partner_Attributions__r, filtered, ordered and limited, or null when there are ' +
      'none',
    async () => {
      const org = setupOrg();
      await org.upsert([
        attribution('a-1', { Kind__c: 'sourced' }),
        attribution('a-2', { Kind__c: 'influenced', Deleted__c: true }),
        attribution('a-3', { Kind__c: 'influenced', Partner_Name__c: 'Globex Cloud Reseller' }),
      ]);
      const soql =
        `SELECT Id, Name, (SELECT External_Id__c, Kind__c, LastModifiedBy.Name FROM Partner_Attributions__r ` +
        `WHERE Deleted__c = false ORDER BY External_Id__c DESC) FROM Opportunity WHERE Id IN ` +
        `('${DEMO_OPPORTUNITY_IDS.flagship}', '${DEMO_OPPORTUNITY_IDS.closedWon}') ORDER BY Name`;
      const rows = await records<{ Id: string; Partner_Attributions__r: QueryPage | null }>(org, soql);
      const flagship = rows.find((row) => row.Id === DEMO_OPPORTUNITY_IDS.flagship)!;
      const other = rows.find((row) => row.Id === DEMO_OPPORTUNITY_IDS.closedWon)!;
      expect(other.Partner_Attributions__r).toBeNull();
      expect(flagship.Partner_Attributions__r).toMatchObject({ totalSize: 2, done: true });
      expect(flagship.Partner_Attributions__r!.records).toEqual([
        {
          attributes: {
            type: 'Partner_Attribution__c',
            url: expect.stringMatching(/^\/services\/data\/v66\.0\/sobjects\/Partner_Attribution__c\/a0A/),
          },
          External_Id__c: 'a-3',
          Kind__c: 'influenced',
          LastModifiedBy: {
            attributes: { type: 'User', url: `${V}/sobjects/User/${USER_IDS.jordanKim}` },
            Name: 'Jordan Kim',
          },
        },
        expect.objectContaining({ External_Id__c: 'a-1' }),
      ]);
      const limited = await records<{ Partner_Attributions__r: QueryPage }>(
        org,
        `SELECT Id, (SELECT Id FROM Partner_Attributions__r ORDER BY External_Id__c LIMIT 1) FROM Opportunity WHERE ` +
          `Id ` +
          `= '${DEMO_OPPORTUNITY_IDS.flagship}'`,
      );
      expect(limited[0]!.Partner_Attributions__r.totalSize).toBe(1);
    },
  );

  it('does not know the relationship while the object is not installed', async () => {
    const org = setupOrg();
    org.state.customObjects.Partner_Attribution__c.installed = false;
    const error = await errorOf(org.query('SELECT Id, (SELECT Id FROM Partner_Attributions__r) FROM Opportunity'));
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
    expect(error.message).toContain(
      "Didn't understand relationship 'Partner_Attributions__r' in FROM part of query call",
    );
  });
});
