import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ATTRIBUTION_SELECT } from '../../../../../lib/crm/salesforce/org-objects';
import {
  opportunityFactFields,
  opportunityFactsQueries,
  opportunityFactsQuery,
  opportunityRecordSchema,
  opportunityWithAttributionsQuery,
  opportunityWithAttributionsSchema,
  toOpportunityFacts,
  utcCalendarDate,
} from '../../../../../lib/crm/salesforce/queries/opportunity-facts';
import { queryPath } from '../../../../../lib/crm/salesforce/soql';
import { toId18 } from '../../../../../lib/record-id';

const HOST = 'acme--uat.sandbox.my.salesforce.com';

/** `count` distinct, valid 18-character opportunity ids. */
function opportunityIds(count: number): string[] {
  return Array.from({ length: count }, (_, n) => toId18(`0065g00000${n.toString(36).padStart(5, '0')}`)!);
}

function uriOf(soql: string, version = '62.0'): string {
  return `https://${HOST}${queryPath(version, soql)}`;
}

const NOW = new Date('2026-03-10T12:00:00.000Z');

const record = {
  attributes: { type: 'Opportunity', url: '/services/data/v62.0/sobjects/Opportunity/0065g00000AbCdEAAV' },
  Id: '0065g00000AbCdEAAV',
  Name: 'Acme — 500 seats',
  Amount: 125000.5,
  CurrencyIsoCode: 'EUR',
  StageName: 'Negotiation/Review',
  CloseDate: '2026-06-30',
  Probability: 90,
  ForecastCategoryName: 'Commit',
  IsClosed: false,
  IsWon: false,
  CreatedDate: '2026-03-02T09:14:00.000+0000',
  OwnerId: '0055g00000AbCdE',
  Owner: { attributes: { type: 'User' }, Name: 'Dana Reyes' },
};

describe('toOpportunityFacts', () => {
  it('maps a queried opportunity to its facts', () => {
    expect(toOpportunityFacts(opportunityRecordSchema.parse(record), NOW)).toEqual({
      id: '0065g00000AbCdEAAV',
      name: 'Acme — 500 seats',
      amount: 125000.5,
      currency: 'EUR',
      stage: 'Negotiation/Review',
      closeDate: '2026-06-30',
      probability: 90,
      forecastCategory: 'Commit',
      isClosed: false,
      isWon: false,
      createdDate: '2026-03-02',
      createdAt: '2026-03-02T09:14:00.000Z',
      ownerId: '0055g00000AbCdEAAV',
      ownerName: 'Dana Reyes',
      hiddenFields: [],
      fetchedAt: '2026-03-10T12:00:00.000Z',
      source: 'api',
    });
  });

  it('leaves out the fields field access hides, in the query and in the facts', () => {
    expect(opportunityFactFields(false, ['Amount', 'Owner.Name'])).not.toContain('Amount');
    expect(opportunityFactFields(false, ['Amount', 'Owner.Name'])).not.toContain('Owner.Name');
    expect(opportunityFactFields(false, ['Amount'])).toContain('OwnerId');
    const { Amount: _a, Owner: _o, ...visible } = record;
    const facts = toOpportunityFacts(opportunityRecordSchema.parse(visible), NOW, ['Amount', 'Owner.Name']);
    expect(facts).toMatchObject({ amount: null, hiddenFields: ['Amount', 'Owner.Name'] });
    expect(facts.ownerName).toBeUndefined();
  });

  it('keeps empty values empty, and a single-currency org has no currency', () => {
    const { CurrencyIsoCode: _omitted, ...singleCurrency } = record;
    const facts = toOpportunityFacts(
      opportunityRecordSchema.parse({
        ...singleCurrency,
        Amount: null,
        Probability: null,
        ForecastCategoryName: null,
        Owner: null,
      }),
      NOW,
    );
    expect(facts).toMatchObject({ amount: null, currency: null, probability: null, forecastCategory: null });
    expect(facts.ownerName).toBeUndefined();
    expect('ownerName' in facts).toBe(false);
  });

  it('takes the UTC calendar date of CreatedDate', () => {
    const late = opportunityRecordSchema.parse({ ...record, CreatedDate: '2026-03-02T23:59:59.000+0000' });
    expect(toOpportunityFacts(late, NOW).createdDate).toBe('2026-03-02');
    const pacific = opportunityRecordSchema.parse({ ...record, CreatedDate: '2026-03-02T20:00:00.000-0800' });
    expect(toOpportunityFacts(pacific, NOW).createdDate).toBe('2026-03-03');
  });

  it('keeps the instant of CreatedDate in UTC, for weeks cut in the user’s zone', () => {
    const pacific = opportunityRecordSchema.parse({ ...record, CreatedDate: '2026-03-02T20:00:00.000-0800' });
    expect(toOpportunityFacts(pacific, NOW).createdAt).toBe('2026-03-03T04:00:00.000Z');
    const noSeconds = opportunityRecordSchema.parse({ ...record, CreatedDate: '2026-03-02T20:00+01:00' });
    expect(toOpportunityFacts(noSeconds, NOW).createdAt).toBe('2026-03-02T19:00:00.000Z');
  });

  it('rejects records of the wrong shape', () => {
    expect(opportunityRecordSchema.safeParse({ ...record, Amount: '125,000' }).success).toBe(false);
    expect(opportunityRecordSchema.safeParse({ ...record, CloseDate: '6/30/2026' }).success).toBe(false);
    expect(opportunityRecordSchema.safeParse({ ...record, CloseDate: '2026-02-30' }).success).toBe(false);
    expect(opportunityRecordSchema.safeParse({ ...record, CreatedDate: 'yesterday' }).success).toBe(false);
    expect(opportunityRecordSchema.safeParse({ ...record, Id: '0015g00000AbCdEAAV' }).success).toBe(false);
    expect(opportunityRecordSchema.safeParse({ ...record, IsWon: 'false' }).success).toBe(false);
    const { StageName: _missing, ...noStage } = record;
    expect(opportunityRecordSchema.safeParse(noStage).success).toBe(false);
  });
});

describe('utcCalendarDate', () => {
  it.each([
    ['2026-03-02T09:14:00.000+0000', '2026-03-02'],
    ['2026-03-02T09:14:00Z', '2026-03-02'],
    ['2026-03-02T00:30:00.000+01:00', '2026-03-01'],
    ['2026-12-31T23:00:00.000-0200', '2027-01-01'],
  ])('%s → %s', (value, expected) => {
    expect(utcCalendarDate(value)).toBe(expected);
  });

  it.each(['2026-03-02', '2026-02-30T10:00:00Z', '2026-03-02T25:00:00Z', '2026-03-02T10:00:00'])(
    '%s → undefined',
    (value) => {
      expect(utcCalendarDate(value)).toBeUndefined();
    },
  );
});

describe('opportunityWithAttributionsSchema', () => {
  const attribution = z.object({ External_Id__c: z.string(), Kind__c: z.enum(['sourced', 'influenced']) });
  const schema = opportunityWithAttributionsSchema(attribution);

  it('reads the child records, or null when there are none', () => {
    const withChildren = schema.parse({
      ...record,
      Partner_Attributions__r: {
        totalSize: 1,
        done: true,
        records: [{ attributes: {}, External_Id__c: 'u-1', Kind__c: 'sourced' }],
      },
    });
    expect(withChildren.Partner_Attributions__r?.records).toEqual([{ External_Id__c: 'u-1', Kind__c: 'sourced' }]);
    expect(schema.parse({ ...record, Partner_Attributions__r: null }).Partner_Attributions__r).toBeNull();
  });

  it('rejects children of the wrong shape', () => {
    expect(
      schema.safeParse({
        ...record,
        Partner_Attributions__r: { totalSize: 1, done: true, records: [{ External_Id__c: 'u-1', Kind__c: 'other' }] },
      }).success,
    ).toBe(false);
  });
});

describe('opportunity queries', () => {
  const [a, b] = opportunityIds(2) as [string, string];

  it('selects the facts, with CurrencyIsoCode only in multi-currency orgs', () => {
    const single = opportunityFactsQuery([a, b], { multiCurrency: false });
    expect(single).toBe(
      'SELECT Id, Name, Amount, StageName, CloseDate, Probability, ForecastCategoryName, IsClosed, IsWon, ' +
        `CreatedDate, OwnerId, Owner.Name FROM Opportunity WHERE Id IN ('${a}','${b}')`,
    );
    const multi = opportunityFactsQuery([a], { multiCurrency: true });
    expect(multi).toContain('Owner.Name, CurrencyIsoCode FROM Opportunity');
    expect(() => opportunityFactsQuery([], { multiCurrency: false })).toThrow(RangeError);
  });

  it('chunks the facts of many opportunities', () => {
    const options = { multiCurrency: true, apiHost: HOST, version: '62.0' };
    const chunks = opportunityFactsQueries(opportunityIds(2000), options);
    expect(chunks.length).toBeGreaterThan(1);
    chunks.forEach((chunk) => {
      expect(chunk.soql.startsWith('SELECT Id, Name, Amount')).toBe(true);
      expect(uriOf(chunk.soql).length).toBeLessThanOrEqual(16_384);
    });
  });

  it('reads an opportunity and its attributions in one query', () => {
    const soql = opportunityWithAttributionsQuery(a, opportunityFactFields(false));
    const child = `(SELECT ${ATTRIBUTION_SELECT.join(', ')} FROM Partner_Attributions__r)`;
    expect(soql).toBe(`SELECT ${opportunityFactFields(false).join(', ')}, ${child} FROM Opportunity WHERE Id = '${a}'`);
    expect(soql).toContain('External_Id__c');
    expect(soql).toContain('LastModifiedBy.Name');
  });

  it('refuses bad ids and field names', () => {
    expect(() => opportunityWithAttributionsQuery("006' OR Id != '", ['Id'])).toThrow(TypeError);
    expect(() => opportunityWithAttributionsQuery(a, ['Id, (SELECT Id FROM Users)'])).toThrow(TypeError);
    expect(() => opportunityWithAttributionsQuery(a, [])).toThrow(TypeError);
  });
});
