/**
 * Frozen weekly snapshots as Partner_Attribution_Summary__c records: one per user, week and currency, with
 * the external id `<user id>:<week key>:<currency>`, so a snapshot sent twice is one record per currency.
 * Pure.
 */
import { UNKNOWN_CURRENCY } from '../attribution/credit';
import type { CurrencyFigures, PartnerLine } from '../attribution/summary-types';
import type { SnapshotRow } from '../store/db';
import { SUMMARY_OBJECT } from '../crm/salesforce/org-objects';
import type { OrgSummaryBody } from './types';

/** ISO 4217's code for "no currency": Currency__c holds three letters, and `unknown` does not fit. */
export const NO_CURRENCY_CODE = 'XXX';

/** The largest value Sourced_Share__c (Percent, 5 digits, 2 after the point) holds. */
const MAX_PERCENT = 999.99;

function amount(cents: number): number {
  return cents / 100;
}

function percent(share: number | null): number | null {
  if (share === null || !Number.isFinite(share)) return null;
  return Math.min(MAX_PERCENT, Math.round(share * 10_000) / 100);
}

export function summaryExternalId(userId: string, weekKey: string, currency: string): string {
  return `${userId}:${weekKey}:${currency === UNKNOWN_CURRENCY ? NO_CURRENCY_CODE : currency}`;
}

/** What Details__c holds: the counts behind the amounts, the org's total, and the lines by partner. */
export function summaryDetails(row: SnapshotRow, figures: CurrencyFigures, lines: readonly PartnerLine[]): string {
  return JSON.stringify({
    weekKey: row.weekKey,
    frozenAt: row.frozenAt,
    currency: figures.currency,
    counts: {
      sourced: figures.sourcedOpportunities,
      influenced: figures.influencedOpportunities,
      sourcedWon: figures.sourcedWonOpportunities,
      influencedWon: figures.influencedWonOpportunities,
    },
    newPipeline: figures.newPipelineCents === null ? null : amount(figures.newPipelineCents),
    byPartner: lines.map((line) => ({
      partner: line.partnerName,
      sourcedPipeline: amount(line.sourcedPipelineCents),
      sourcedOpportunities: line.sourcedOpportunities,
      influencedPipeline: amount(line.influencedPipelineCents),
      influencedOpportunities: line.influencedOpportunities,
      sourcedWon: amount(line.sourcedWonCents),
      influencedWon: amount(line.influencedWonCents),
    })),
  });
}

/**
 * The records of one snapshot, one per currency it has figures in. In multi-currency orgs the record's
 * CurrencyIsoCode is set to that currency, so Salesforce reads the amounts in it (a record's currency
 * fields are otherwise in the user's default currency).
 */
export function toSummaryRecords(
  row: SnapshotRow & { userId: string },
  options: { multiCurrency: boolean },
): OrgSummaryBody[] {
  return row.figures.byCurrency.map((figures) => {
    const known = figures.currency !== UNKNOWN_CURRENCY;
    const lines = row.byPartner.filter((line) => line.currency === figures.currency);
    return {
      attributes: { type: SUMMARY_OBJECT },
      External_Id__c: summaryExternalId(row.userId, row.weekKey, figures.currency),
      User__c: row.userId,
      Week_Start__c: row.weekKey,
      Sourced_Pipeline__c: amount(figures.sourcedPipelineCents),
      Influenced_Pipeline__c: amount(figures.influencedPipelineCents),
      Sourced_Won__c: amount(figures.sourcedWonCents),
      Influenced_Won__c: amount(figures.influencedWonCents),
      Currency__c: known ? figures.currency : NO_CURRENCY_CODE,
      Sourced_Share__c: percent(figures.sourcedShare),
      Details__c: summaryDetails(row, figures, lines),
      ...(options.multiCurrency && known ? { CurrencyIsoCode: figures.currency } : {}),
    };
  });
}
