// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  LIVE_TAGGED_OPPORTUNITIES,
  noPartnerCountsQuery,
  noPartnerWonQuery,
  outcomeCountSchema,
  partnerTagSchema,
  partnerTagsQuery,
  toOutcomeCounts,
  wonDealSchema,
} from '../../../../../lib/crm/salesforce/queries/partner-impact';
import {
  attribution,
  errorOf,
  records,
  setupOrg,
  useOpportunities,
  type TestOrg,
} from '../../../fake-org/rest/helpers';

const Q3 = { firstDay: '2026-07-01', lastDay: '2026-09-30' };
const won = { StageName: 'Closed Won', IsClosed: true, IsWon: true } as const;
const lost = { StageName: 'Closed Lost', IsClosed: true, IsWon: false } as const;
const open = { StageName: 'Prospecting', IsClosed: false, IsWon: false } as const;

/** Six deals: in Q3 two won and one lost without partners, one won and one lost with; one open; one in Q2. */
async function seeded(): Promise<{ org: TestOrg; ids: string[] }> {
  const org = setupOrg();
  const ids = useOpportunities(org.state, [
    { ...won, CloseDate: '2026-07-01', Amount: 100, CreatedDate: '2026-06-01T10:00:00.000Z' },
    { ...won, CloseDate: '2026-09-30', Amount: 300, CreatedDate: '2026-08-01T10:00:00.000Z' },
    { ...lost, CloseDate: '2026-08-15', Amount: 50 },
    { ...won, CloseDate: '2026-08-20', Amount: 900, CreatedDate: '2026-08-01T10:00:00.000Z' },
    { ...lost, CloseDate: '2026-08-21', Amount: 70 },
    { ...open, CloseDate: '2026-08-22', Amount: 10 },
    { ...won, CloseDate: '2026-06-30', Amount: 10 },
  ]);
  const reply = await org.upsert([
    attribution('t1', { Opportunity__c: ids[3], Kind__c: 'sourced' }),
    attribution('t2', {
      Opportunity__c: ids[3],
      Kind__c: 'influenced',
      Partner_Key__c: 'globex',
      Partner_Name__c: 'Globex',
    }),
    attribution('t3', { Opportunity__c: ids[4], Kind__c: 'influenced' }),
    // A removed tag: its deal is a deal without partners.
    attribution('t4', { Opportunity__c: ids[2], Deleted__c: true }),
    attribution('t5', { Opportunity__c: ids[5], Kind__c: 'sourced' }),
  ]);
  expect(reply.status).toBe(200);
  return { org, ids };
}

describe('the Partner impact queries, as the fake org answers them', () => {
  it('counts closed deals without partners by IsWon with an anti-join', async () => {
    const { org } = await seeded();
    const rows = await records(org, noPartnerCountsQuery(Q3));
    const parsed = rows.map((row) => outcomeCountSchema.parse(row));
    expect(parsed.map(({ IsWon, n }) => ({ IsWon, n })).sort((a, b) => Number(a.IsWon) - Number(b.IsWon))).toEqual([
      { IsWon: false, n: 1 },
      { IsWon: true, n: 2 },
    ]);
  });

  it('lists the won deals without partners, on the period’s first and last day included', async () => {
    const { org, ids } = await seeded();
    const rows = (await records(org, noPartnerWonQuery(Q3, { multiCurrency: false }))).map((row) =>
      wonDealSchema.parse(row),
    );
    expect(rows.map((row) => row.Id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(rows.find((row) => row.Id === ids[0])).toMatchObject({ Amount: 100, CloseDate: '2026-07-01' });
  });

  it('lists live tags on closed deals with their facts through the lookup, by a semi-join', async () => {
    const { org, ids } = await seeded();
    const rows = (await records(org, partnerTagsQuery(Q3, { multiCurrency: false }))).map((row) =>
      partnerTagSchema.parse(row),
    );
    const seen = rows.map((row) => `${row.Opportunity__c}:${row.Kind__c}:${row.Partner_Key__c}`).sort();
    expect(seen).toEqual(
      [`${ids[3]}:sourced:northwind`, `${ids[3]}:influenced:globex`, `${ids[4]}:influenced:northwind`].sort(),
    );
    const tag = rows.find((row) => row.Opportunity__c === ids[3])!;
    expect(tag.Opportunity__r).toMatchObject({ Amount: 900, IsWon: true, CloseDate: '2026-08-20' });
  });

  it('semi-joins Opportunity to tags with Id IN, and refuses a semi-join on a field that is no id', async () => {
    const { org, ids } = await seeded();
    const tagged = await records<{ Id: string }>(
      org,
      `SELECT Id FROM Opportunity WHERE Id IN (${LIVE_TAGGED_OPPORTUNITIES}) AND IsClosed = true`,
    );
    expect(tagged.map((row) => row.Id).sort()).toEqual([ids[3], ids[4]].sort());
    const error = await errorOf(
      org.query('SELECT Id FROM Opportunity WHERE Name IN (SELECT Opportunity__c FROM Partner_Attribution__c)'),
    );
    expect(error.status).toBe(400);
  });

  it('groups with COUNT and SUM over closed deals', async () => {
    const { org } = await seeded();
    const rows = await records<{ IsWon: boolean; n: number; total: number }>(
      org,
      'SELECT IsWon, COUNT(Id) n, SUM(Amount) total FROM Opportunity WHERE IsClosed = true ' +
        'AND CloseDate >= 2026-07-01 AND CloseDate <= 2026-09-30 GROUP BY IsWon',
    );
    const byOutcome = Object.fromEntries(rows.map((row) => [String(row.IsWon), { n: row.n, total: row.total }]));
    expect(byOutcome).toEqual({ true: { n: 3, total: 1300 }, false: { n: 2, total: 120 } });
  });

  it('adds the counts up, and refuses a period that is not two ordered calendar dates', () => {
    expect(toOutcomeCounts([])).toEqual({ closed: 0, won: 0 });
    expect(
      toOutcomeCounts([
        { IsWon: true, n: 3 },
        { IsWon: false, n: 4 },
      ]),
    ).toEqual({ closed: 7, won: 3 });
    expect(() => noPartnerCountsQuery({ firstDay: '2026-09-30', lastDay: '2026-07-01' })).toThrow(RangeError);
    expect(() => noPartnerCountsQuery({ firstDay: "2026-07-01' OR Id != null", lastDay: '2026-09-30' })).toThrow(
      RangeError,
    );
    expect(noPartnerWonQuery(Q3, { multiCurrency: true })).toContain('CurrencyIsoCode');
    expect(partnerTagsQuery(Q3, { multiCurrency: false })).not.toContain('CurrencyIsoCode');
  });
});
