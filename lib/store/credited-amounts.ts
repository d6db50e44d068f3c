/**
 * Keeping Credit__c and Credited_Amount__c right in the org (salesforce/README.md): both are computed when a
 * claim is sent, from its opportunity's claims and amount as they are then. A claim's figures change when a
 * sibling claim is added, removed or given evidence, and when the opportunity's amount or currency changes;
 * then its siblings are queued too, so the next push sends every claim of the opportunity as it now stands.
 * Call inside a transaction that covers `attributions` and `outbox`.
 */
import { isIdOf } from '../record-id';
import type { OpportunityRow, PartnerLedgerDb } from './db';

/**
 * Queues the live claims of an opportunity (but `exceptId`) that are not queued already; with `orgKey`, only
 * that org's (a sandbox copied from production has production's opportunity ids, and its claims share nothing).
 */
export async function requeueClaimsOf(
  db: PartnerLedgerDb,
  opportunityId: string,
  now: string,
  exceptId?: string,
  orgKey?: string,
): Promise<number> {
  // Claims on a lead have no amount to split: nothing they send depends on their siblings.
  if (!isIdOf('Opportunity', opportunityId)) return 0;
  const live = await db.attributions.where({ opportunityId, deleted: 0 }).toArray();
  let queued = 0;
  for (const row of live) {
    if (row.id === exceptId || (orgKey !== undefined && row.orgKey !== orgKey)) continue;
    const waiting = await db.outbox.where('attributionId').equals(row.id).count();
    if (waiting) continue;
    // As `enqueue` (attributions.ts) queues a change: the push sends the claim as it stands.
    await db.outbox.add({ orgKey: row.orgKey, attributionId: row.id, version: row.version, queuedAt: now });
    queued++;
  }
  return queued;
}

/** After new facts of an opportunity are stored: its claims are queued when the amount or currency moved. */
export async function requeueIfAmountChanged(
  db: PartnerLedgerDb,
  previous: Pick<OpportunityRow, 'amount' | 'currency' | 'fetchedAt'> | undefined,
  next: Pick<OpportunityRow, 'id' | 'amount' | 'currency'>,
  now: string,
  orgKey?: string,
): Promise<number> {
  const sameAmount = previous?.fetchedAt !== undefined && (previous.amount ?? null) === (next.amount ?? null);
  if (sameAmount && (previous?.currency ?? null) === (next.currency ?? null)) return 0;
  return requeueClaimsOf(db, next.id, now, undefined, orgKey);
}
