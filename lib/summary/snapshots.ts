/**
 * Between a stored snapshot row and the snapshot shapes of the summary: what is frozen, and what changed
 * since. Pure.
 */
import { formatCents } from '../attribution/summary-view';
import type { DealLine, SnapshotChange, SummarySnapshot, WeeklySummary } from '../attribution/summary-types';
import type { SummaryRow } from '../store/db';

/** The week as reported: its figures, partner lines and the deals behind them. */
export function freezeSummary(orgKey: string, summary: WeeklySummary, frozenAt: string): SummarySnapshot {
  return {
    orgKey,
    weekKey: summary.week.key,
    frozenAt,
    figures: summary.figures,
    byPartner: summary.byPartner,
    deals: summary.deals,
  };
}

/** A stored row without its sync bookkeeping. */
export function snapshotOf(row: SummaryRow): SummarySnapshot {
  return { orgKey: row.orgKey, weekKey: row.weekKey, frozenAt: row.frozenAt, figures: row.figures, byPartner: row.byPartner, deals: row.deals };
}

function money(deal: DealLine): string {
  return deal.amountCents === null ? 'no amount' : formatCents(deal.amountCents, deal.currency, 'en-US');
}

function kindsText(kinds: readonly string[]): string {
  return kinds.length ? kinds.map((kind) => (kind === 'sourced' ? 'partner-sourced' : 'partner-influenced')).join(' and ') : 'no partner credit';
}

/**
 * The deals that differ between the reported week and the week as it is now: added, removed, a changed
 * amount or currency, or changed kinds of credit. Sorted by deal name, then by change.
 */
export function compareWithSnapshot(snapshot: SummarySnapshot, current: WeeklySummary): SnapshotChange[] {
  const before = new Map(snapshot.deals.map((deal) => [deal.opportunityId, deal]));
  const after = new Map(current.deals.map((deal) => [deal.opportunityId, deal]));
  const changes: SnapshotChange[] = [];
  for (const [id, deal] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ opportunityId: id, name: deal.name, change: 'added', detail: `Now counted as ${kindsText(deal.kinds)} (${money(deal)}).` });
      continue;
    }
    if (old.amountCents !== deal.amountCents || old.currency !== deal.currency) {
      changes.push({ opportunityId: id, name: deal.name, change: 'amount', detail: `Reported at ${money(old)}, now ${money(deal)}.` });
    }
    if ([...old.kinds].sort().join() !== [...deal.kinds].sort().join()) {
      changes.push({ opportunityId: id, name: deal.name, change: 'kind', detail: `Reported as ${kindsText(old.kinds)}, now ${kindsText(deal.kinds)}.` });
    }
  }
  for (const [id, deal] of before) {
    if (!after.has(id)) {
      changes.push({ opportunityId: id, name: deal.name, change: 'removed', detail: `Reported as ${kindsText(deal.kinds)} (${money(deal)}); no longer counted.` });
    }
  }
  const order: Record<SnapshotChange['change'], number> = { added: 0, removed: 1, amount: 2, kind: 3 };
  return changes.sort((a, b) => a.name.localeCompare(b.name) || order[a.change] - order[b.change]);
}
