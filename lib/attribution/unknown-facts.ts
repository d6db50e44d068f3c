/**
 * The facts the weekly summary needs of a partner deal and may not know: its created date (which week it
 * belongs to), its amount and its currency. A deal that lacks one is still a partner deal: it is listed
 * under needs review with what is unknown and what to do, so the summary never hides it (the definitions
 * at the top of summary.ts, quoted in docs/weekly-summary.md). Pure.
 */
import type { ReviewItem, ReviewReason, SummaryOpportunity } from './summary-types';
import { dateToDayNumber, instantMs } from '../time/zone';

/** The review reasons of an unknown fact, in the order the list gives them. */
export const UNKNOWN_FACT_REASONS = [
  'created_unknown',
  'amount_unknown',
  'currency_unknown',
] as const satisfies readonly ReviewReason[];

export type UnknownFactReason = (typeof UNKNOWN_FACT_REASONS)[number];

/** What each item says first: the popup, the copied text, the CSV and the webhook start with these words. */
export const UNKNOWN_FACT_WORDS: Record<UnknownFactReason, string> = {
  created_unknown: 'Created date unknown',
  amount_unknown: 'Amount unknown',
  currency_unknown: 'Currency unknown',
};

/** What field-level security says of a hidden amount, as the panel and the summary say it elsewhere. */
export const AMOUNT_HIDDEN_WORDS = 'Amount hidden by your Salesforce field access';

const OPEN_CONNECTED = 'open the opportunity in Salesforce once while Partner Ledger is connected';

/**
 * A created date the summary can place in a week: a real calendar date `YYYY-MM-DD`, or an instant (read
 * as the deal index reads it, deal-index.ts).
 */
export function createdDateKnown(opportunity: Pick<SummaryOpportunity, 'createdAt'>): boolean {
  const { createdAt } = opportunity;
  if (createdAt.length === 10) return dateToDayNumber(createdAt) !== undefined;
  return Number.isFinite(instantMs(createdAt));
}

/** True when the summary lacks any of the deal's created date, amount or currency. */
export function hasUnknownFacts(opportunity: SummaryOpportunity): boolean {
  return opportunity.amountCents === null || !opportunity.currency || !createdDateKnown(opportunity);
}

function detail(reason: UnknownFactReason, opportunity: SummaryOpportunity): string {
  switch (reason) {
    case 'created_unknown':
      return `${UNKNOWN_FACT_WORDS.created_unknown}: ${OPEN_CONNECTED}. Until then it is in no week's pipeline.`;
    case 'amount_unknown':
      if (opportunity.amountHidden)
        return `${AMOUNT_HIDDEN_WORDS}: ask your Salesforce admin for read access to Amount. It counts with no amount.`;
      return opportunity.fromPage
        ? `${UNKNOWN_FACT_WORDS.amount_unknown}: ${OPEN_CONNECTED}. It counts with no amount.`
        : `${UNKNOWN_FACT_WORDS.amount_unknown}: add the amount in Salesforce. It counts with no amount.`;
    case 'currency_unknown':
      return (
        `${UNKNOWN_FACT_WORDS.currency_unknown}: ${OPEN_CONNECTED}. ` +
        'Its amount is never added to amounts in a known currency.'
      );
  }
}

/** The deal's review items for unknown facts: created date, then amount, then currency. */
export function unknownFactItems(opportunity: SummaryOpportunity): ReviewItem[] {
  const { id: opportunityId, name } = opportunity;
  const reasons: UnknownFactReason[] = [];
  if (!createdDateKnown(opportunity)) reasons.push('created_unknown');
  if (opportunity.amountCents === null) reasons.push('amount_unknown');
  if (!opportunity.currency) reasons.push('currency_unknown');
  return reasons.map((reason) => ({ opportunityId, name, reason, detail: detail(reason, opportunity) }));
}
