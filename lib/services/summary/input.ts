/**
 * Stored rows as the weekly summary reads them (opportunities, live tags, the org's weekly totals, frozen
 * snapshots). Pure: rows in, summary types out; the service reads the rows.
 */
import type {
  CurrencyRates,
  SummaryAttribution,
  SummaryInput,
  SummaryOpportunity,
  SummarySnapshot,
} from '../../attribution/summary-types';
import type { AttributionRow, OpportunityRow, PartnerRow, SnapshotRow, TouchRow, WeekTotalRow } from '../../store/db';
import { snapshotRowSchema } from '../../store/rows';
import { toCents } from '../../attribution/money';
import { isMadeOrTouchedBy, type Author } from '../../attribution/summary-scope';
import { isIdOf } from '../../record-id';

/** What the org told us about its currency (see org-figures.ts `OrgCurrency`). */
export interface KnownOrgCurrency {
  multiCurrency: boolean;
  currency?: string;
  rates?: CurrencyRates;
}

/**
 * An opportunity as the summary reads it. What is not known stays unknown, never guessed: a created date
 * the page did not show (and the API did not give) is an empty `createdAt`, and the summary lists the deal
 * under needs review rather than leaving it out (lib/attribution/unknown-facts.ts).
 *
 * Currency: a multi-currency org names it on every opportunity. A single-currency org's API answers have
 * no CurrencyIsoCode; their amounts are in the org's currency, used once known. Facts read from the page
 * only stay of unknown currency (reported as `UNKNOWN_CURRENCY`), as everywhere else in Partner Ledger.
 */
export function toSummaryOpportunity(row: OpportunityRow, org: KnownOrgCurrency | undefined): SummaryOpportunity {
  const currency = row.currency ?? (row.source === 'api' && org && !org.multiCurrency ? (org.currency ?? null) : null);
  const amount = row.amount;
  return {
    id: row.id,
    name: row.name,
    amountCents: typeof amount === 'number' && Number.isFinite(amount) ? toCents(amount) : null,
    currency,
    createdAt: row.createdAt ?? row.createdDate ?? '',
    ...(row.closeDate ? { closeDate: row.closeDate } : {}),
    isClosed: row.isClosed ?? false,
    isWon: row.isWon ?? false,
    ...(row.stage ? { stage: row.stage } : {}),
    ...(row.hiddenFields?.includes('Amount') ? { amountHidden: true as const } : {}),
    ...(row.source === 'page' ? { fromPage: true as const } : {}),
  };
}

/**
 * A tagged opportunity of which nothing is stored (its tags came from the org, and its facts could not be
 * read since): every fact unknown, its id for a name, as the panel names a record whose title it cannot
 * read. Tags on a lead not yet converted are not opportunities: undefined.
 */
export function unknownOpportunity(id: string): SummaryOpportunity | undefined {
  if (!isIdOf('Opportunity', id)) return undefined;
  return {
    id,
    name: `Opportunity ${id}`,
    amountCents: null,
    currency: null,
    createdAt: '',
    isClosed: false,
    isWon: false,
  };
}

/**
 * Live attributions with their partner's name and their live touches; with `me`, those the user made or
 * touched are marked `mine` (the "Mine" summary keeps only these).
 */
export function toSummaryAttributions(
  attributions: readonly AttributionRow[],
  touches: readonly TouchRow[],
  partners: readonly PartnerRow[],
  me?: Author,
): SummaryAttribution[] {
  const names = new Map(partners.map((partner) => [partner.id, partner.name]));
  const touchesOf = new Map<string, { type: TouchRow['type']; date: string }[]>();
  const touchAuthors = new Map<string, Author[]>();
  for (const touch of touches) {
    if (touch.deleted) continue;
    const list = touchesOf.get(touch.attributionId) ?? [];
    list.push({ type: touch.type, date: touch.date });
    touchesOf.set(touch.attributionId, list);
    if (me) {
      const authors = touchAuthors.get(touch.attributionId) ?? [];
      authors.push(touch.createdBy);
      touchAuthors.set(touch.attributionId, authors);
    }
  }
  return attributions
    .filter((row) => row.deleted === 0)
    .map((row) => ({
      id: row.id,
      opportunityId: row.opportunityId,
      partnerId: row.partnerId,
      partnerName: names.get(row.partnerId) ?? 'Unknown partner',
      kind: row.kind,
      ...(row.windowOverrideReason ? { windowOverrideReason: row.windowOverrideReason } : {}),
      createdAt: row.createdAt,
      touches: touchesOf.get(row.id) ?? [],
      ...(me && isMadeOrTouchedBy(row, touchAuthors.get(row.id) ?? [], me) ? { mine: true as const } : {}),
    }));
}

/** Each cached week's new pipeline, by week key, as the summary takes it. */
export function toNewPipeline(rows: readonly WeekTotalRow[]): SummaryInput['newPipeline'] {
  return Object.fromEntries(rows.map((row) => [row.weekKey, row.byCurrency]));
}

/** A stored snapshot without its sync bookkeeping. Freezing and comparing are the domain's (snapshot.ts). */
export function snapshotOf(row: SnapshotRow): SummarySnapshot {
  return {
    orgKey: row.orgKey,
    weekKey: row.weekKey,
    frozenAt: row.frozenAt,
    figures: row.figures,
    byPartner: row.byPartner,
    deals: row.deals,
    scope: snapshotRowSchema.shape.scope.parse(row.scope),
  };
}
