/**
 * How the "Partner impact" page reads a report: names of comparisons, why a cell is empty, which currency
 * to show, and the partner table's order. Pure: the components only render what these return.
 */
import { currencyName } from '../attribution/summary-format';
import { formatCount } from './format';
import type { AmountFigures, ComparedGroup, ImpactFigures, ImpactReport, PartnerFigures } from './report';
import { compareStrings } from '../intl';

export const COMPARISON_LABELS: Record<ComparedGroup, string> = {
  sourced: 'Partner-sourced vs. no partner',
  influenced: 'Partner-influenced only vs. no partner',
};

/** Why a group or partner has no figures at all, or undefined when it has some. */
export function emptyReason(figures: Pick<ImpactFigures, 'closed'>): string | undefined {
  return figures.closed === 0 ? 'No closed deals in this period' : undefined;
}

/** The won deal sizes in one currency, if any. */
export function amountsIn(figures: Pick<ImpactFigures, 'amounts'>, currency: string): AmountFigures | undefined {
  return figures.amounts.find((amounts) => amounts.currency === currency);
}

/** Why there is no won deal size in `currency` (any currency, when it is empty). */
export function noAmountReason(figures: Pick<ImpactFigures, 'closed' | 'won'>, currency: string): string {
  if (figures.closed === 0) return 'No closed deals in this period';
  if (figures.won === 0) return 'No won deals';
  return currency ? `No won deal with an amount in ${currencyName(currency)}` : 'No won deal with an amount';
}

/** Why there is no median sales cycle. */
export function noCycleReason(figures: Pick<ImpactFigures, 'closed' | 'won' | 'cycle'>): string {
  if (figures.closed === 0) return 'No closed deals in this period';
  if (figures.won === 0) return 'No won deals';
  return 'No won deal with a known cycle';
}

/** Why an interval is missing although the figure exists: too few values to reach the confidence level. */
export function noIntervalReason(n: number, locale?: string): string {
  return `Too few deals for an interval (n = ${formatCount(n, locale)})`;
}

/** The currencies of won deal sizes anywhere in the report: most won deals first, then by code. */
export function currencyChoices(report: Pick<ImpactReport, 'groups'>): string[] {
  const counts = new Map<string, number>();
  for (const group of report.groups) {
    for (const amounts of group.amounts) counts.set(amounts.currency, (counts.get(amounts.currency) ?? 0) + amounts.n);
  }
  return [...counts.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))
    .map(([currency]) => currency);
}

/** The currency shown: the user's choice while the report has it, else the one with most won deals. */
export function pickCurrency(report: Pick<ImpactReport, 'groups'>, chosen?: string): string | undefined {
  const choices = currencyChoices(report);
  return chosen && choices.includes(chosen) ? chosen : choices[0];
}

// ---------------------------------------------------------------------------------------------------------
// The partner table's order

export type PartnerSortKey = 'partner' | 'closed' | 'won' | 'winRate' | 'cycle' | 'amount';
export type SortDirection = 'ascending' | 'descending';

/** Names sort A→Z first; figures largest first. */
export function defaultDirection(key: PartnerSortKey): SortDirection {
  return key === 'partner' ? 'ascending' : 'descending';
}

type FigureKey = Exclude<PartnerSortKey, 'partner'>;

function sortValue(figures: PartnerFigures, key: FigureKey, currency: string): number | undefined {
  switch (key) {
    case 'closed':
      return figures.closed;
    case 'won':
      return figures.won;
    case 'winRate':
      return figures.winRate.rate;
    case 'cycle':
      return figures.cycle.medianDays;
    case 'amount':
      return amountsIn(figures, currency)?.medianCents;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Partners in the order asked for. Partners without the figure (no won deal in the currency) always come
 * last, whichever the direction; ties fall back to the name, so the order is stable.
 */
export function sortPartners(
  partners: readonly PartnerFigures[],
  key: PartnerSortKey,
  direction: SortDirection,
  currency: string,
): PartnerFigures[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: PartnerFigures, b: PartnerFigures) =>
    collator.compare(a.partnerName, b.partnerName) || compareStrings(a.partnerId, b.partnerId);
  return [...partners].sort((a, b) => {
    if (key === 'partner') return sign * byName(a, b);
    const left = sortValue(a, key, currency);
    const right = sortValue(b, key, currency);
    if (left === undefined || right === undefined) {
      return left === right ? byName(a, b) : left === undefined ? 1 : -1;
    }
    return sign * (left - right) || byName(a, b);
  });
}

/** "partner-impact-2026-Q3.csv". */
export function impactCsvFileName(quarterKey: string): string {
  return `partner-impact-${quarterKey}.csv`;
}
