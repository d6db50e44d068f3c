/**
 * A week's summary as it was reported, frozen so the number given to sales leadership on Friday does not
 * drift silently, and what has changed in that same week since. Pure: data in, data out.
 */
import { formatCents } from './format';
import type { AttributionKind } from './model';
import type { DealLine, SnapshotChange, SummarySnapshot, WeeklySummary } from './summary-types';
import { compareStrings } from '../intl';
import type { SummaryScope } from './summary-scope';

/**
 * The summary's week as reported: its figures, partner lines and every deal behind them (partner deals
 * created or won in the week), and whose number it is. A deep copy, so later changes to the summary
 * cannot reach it.
 */
export function freezeSnapshot(
  summary: WeeklySummary,
  orgKey: string,
  now: Date | string,
  scope: SummaryScope = 'team',
): SummarySnapshot {
  const frozenAt = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(frozenAt.getTime())) throw new RangeError(`Not an instant: ${JSON.stringify(now)}`);
  return structuredClone({
    orgKey,
    weekKey: summary.week.key,
    frozenAt: frozenAt.toISOString(),
    figures: summary.figures,
    byPartner: summary.byPartner,
    deals: summary.deals,
    scope,
  });
}

const CHANGE_ORDER: Record<SnapshotChange['change'], number> = { added: 0, removed: 1, amount: 2, kind: 3 };

/** How a deal is counted, in words: "partner-sourced", "partner-sourced and partner-influenced", "disputed". */
export function describeCounting(deal: Pick<DealLine, 'kinds' | 'disputed'>): string {
  const words: string[] = deal.kinds.map((kind: AttributionKind) =>
    kind === 'sourced' ? 'partner-sourced' : 'partner-influenced',
  );
  if (deal.disputed) words.unshift('disputed');
  return words.length === 0 ? 'not counted' : words.join(' and ');
}

function describeAmount(deal: DealLine, locale: string | undefined): string {
  return deal.amountCents === null ? 'no amount' : formatCents(deal.amountCents, deal.currency, locale);
}

function countedTheSame(a: DealLine, b: DealLine): boolean {
  return Boolean(a.disputed) === Boolean(b.disputed) && [...a.kinds].sort().join() === [...b.kinds].sort().join();
}

/**
 * What differs between a reported snapshot and the current summary of the same week, deal by deal: deals
 * added or removed since, amounts (or currencies) changed, and deals now counted differently. Sorted by the
 * kind of change, then deal name. Throws a RangeError when the two are not the same week.
 */
export function compareSnapshot(reported: SummarySnapshot, current: WeeklySummary, locale?: string): SnapshotChange[] {
  if (reported.weekKey !== current.week.key) {
    throw new RangeError(`The snapshot is of the week of ${reported.weekKey}, the summary of ${current.week.key}.`);
  }
  const before = new Map(reported.deals.map((deal) => [deal.opportunityId, deal]));
  const after = new Map(current.deals.map((deal) => [deal.opportunityId, deal]));
  const changes: SnapshotChange[] = [];
  for (const [id, deal] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({
        opportunityId: id,
        name: deal.name,
        change: 'added',
        detail: `Added since it was reported: ${describeAmount(deal, locale)}, ${describeCounting(deal)}`,
      });
      continue;
    }
    if (old.amountCents !== deal.amountCents || old.currency !== deal.currency) {
      changes.push({
        opportunityId: id,
        name: deal.name,
        change: 'amount',
        detail: `Amount changed from ${describeAmount(old, locale)} to ${describeAmount(deal, locale)}`,
      });
    }
    if (!countedTheSame(old, deal)) {
      changes.push({
        opportunityId: id,
        name: deal.name,
        change: 'kind',
        detail: `Was ${describeCounting(old)}, now ${describeCounting(deal)}`,
      });
    }
  }
  for (const [id, deal] of before) {
    if (after.has(id)) continue;
    changes.push({
      opportunityId: id,
      name: deal.name,
      change: 'removed',
      detail: `No longer counted in this week: was ${describeAmount(deal, locale)}, ${describeCounting(deal)}`,
    });
  }
  return changes.sort(
    (a, b) =>
      CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.opportunityId, b.opportunityId),
  );
}
