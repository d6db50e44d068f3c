import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import type { CurrencyFigures } from '../../../lib/attribution/summary-types';
import type { SnapshotRow } from '../../../lib/store/db';
import { NO_CURRENCY_CODE, summaryExternalId, toSummaryRecords } from '../../../lib/sync/summary-records';

const USER = '005Ka00000001QzIAI';

function figures(currency: string, overrides: Partial<CurrencyFigures> = {}): CurrencyFigures {
  return {
    currency,
    sourcedPipelineCents: 12_000_050,
    sourcedOpportunities: 2,
    influencedPipelineCents: 6_050_000,
    influencedOpportunities: 1,
    sourcedWonCents: 0,
    sourcedWonOpportunities: 0,
    influencedWonCents: 1_000_000,
    influencedWonOpportunities: 1,
    newPipelineCents: 48_000_200,
    sourcedShare: 12_000_050 / 48_000_200,
    ...overrides,
  };
}

const row: SnapshotRow & { userId: string } = {
  orgKey: 'acme',
  weekKey: '2026-11-09',
  frozenAt: '2026-11-16T00:00:05.000Z',
  figures: {
    weekKey: '2026-11-09',
    byCurrency: [figures('EUR'), figures(UNKNOWN_CURRENCY, { newPipelineCents: null, sourcedShare: null })],
  },
  byPartner: [
    {
      partnerId: 'p1',
      partnerName: 'Globex',
      currency: 'EUR',
      sourcedPipelineCents: 12_000_050,
      sourcedOpportunities: 2,
      influencedPipelineCents: 0,
      influencedOpportunities: 0,
      sourcedWonCents: 0,
      influencedWonCents: 0,
    },
    {
      partnerId: 'p2',
      partnerName: 'Initech',
      currency: UNKNOWN_CURRENCY,
      sourcedPipelineCents: 0,
      sourcedOpportunities: 0,
      influencedPipelineCents: 6_050_000,
      influencedOpportunities: 1,
      sourcedWonCents: 0,
      influencedWonCents: 1_000_000,
    },
  ],
  deals: [],
  userId: USER,
  synced: 0,
};

describe('toSummaryRecords', () => {
  it('makes one record per currency, with amounts in units and the share in percent', () => {
    const [eur, unknown] = toSummaryRecords(row, { multiCurrency: false });
    expect(eur).toEqual({
      attributes: { type: 'Partner_Attribution_Summary__c' },
      External_Id__c: `${USER}:2026-11-09:EUR`,
      User__c: USER,
      Week_Start__c: '2026-11-09',
      Sourced_Pipeline__c: 120_000.5,
      Influenced_Pipeline__c: 60_500,
      Sourced_Won__c: 0,
      Influenced_Won__c: 10_000,
      Currency__c: 'EUR',
      Sourced_Share__c: 25,
      Details__c: expect.any(String),
    });
    expect(JSON.parse(eur!.Details__c)).toMatchObject({
      counts: { sourced: 2, influenced: 1, sourcedWon: 0, influencedWon: 1 },
      newPipeline: 480_002,
      byPartner: [{ partner: 'Globex', sourcedPipeline: 120_000.5 }],
    });
    // An unknown currency is ISO's "no currency" (Currency__c holds three letters) and has no share.
    expect(unknown).toMatchObject({
      External_Id__c: `${USER}:2026-11-09:${NO_CURRENCY_CODE}`,
      Currency__c: 'XXX',
      Sourced_Share__c: null,
    });
    expect(JSON.parse(unknown!.Details__c).byPartner).toEqual([expect.objectContaining({ partner: 'Initech' })]);
  });

  it('names the record’s currency in multi-currency orgs, so Salesforce reads the amounts in it', () => {
    const [eur, unknown] = toSummaryRecords(row, { multiCurrency: true });
    expect(eur!.CurrencyIsoCode).toBe('EUR');
    expect(unknown).not.toHaveProperty('CurrencyIsoCode');
  });

  it('gives the same external id for the same user, week and currency', () => {
    expect(summaryExternalId(USER, '2026-11-09', 'EUR')).toBe(
      toSummaryRecords(row, { multiCurrency: false })[0]!.External_Id__c,
    );
  });
});
