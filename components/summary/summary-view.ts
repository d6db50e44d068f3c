/**
 * How the popup reads a weekly summary: money in words, week labels, week-over-week change, the partner
 * table's order and the figures that changed since a week was reported. Pure: the popup's components
 * only render what these return. Amounts in different currencies are never added here either.
 */
import { addDays } from '../../lib/attribution/dates';
import { emptyFigures } from '../../lib/attribution/summary';
import { formatCents } from '../../lib/attribution/summary-format';
import type { CurrencyFigures, PartnerLine, WeekFigures } from '../../lib/attribution/summary-types';
import { dateTimeFormat, numberFormat } from '../../lib/intl';

// The weekly notification words money the same way: those helpers live beside the summary itself.
export { currencyName, formatCents, formatPercent } from '../../lib/attribution/summary-format';

const utcDate = (calendarDate: string) => {
  const [y, m, d] = calendarDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

/** A week's first day, short: "16 Nov" (the trend chart's axis). */
export function formatWeekStart(weekKey: string, locale?: string): string {
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(utcDate(weekKey));
}

/** "This week" / "Last week" relative to the current week's key, else undefined. */
export function weekHint(weekKey: string, currentWeekKey: string): 'This week' | 'Last week' | undefined {
  if (weekKey === currentWeekKey) return 'This week';
  if (addDays(weekKey, 7) === currentWeekKey) return 'Last week';
  return undefined;
}

/** The day an instant falls on, in the user's time zone: "23 Nov 2026". */
export function formatReportedDate(instant: string, locale?: string, timeZone?: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date);
}

/** Every currency with a figure this week, the week before, or in the trend: the currency picker's choices. */
export function currenciesOf(weeks: readonly WeekFigures[]): string[] {
  return [...new Set(weeks.flatMap((week) => week.byCurrency.map((figures) => figures.currency)))].sort();
}

/**
 * The currency shown first: the one the user chose if the week still has it, else the org's corporate
 * currency when the week has it, else the one with the most partner pipeline this week.
 */
export function pickCurrency(figures: WeekFigures, choices: readonly string[], chosen?: string): string | undefined {
  if (chosen && choices.includes(chosen)) return chosen;
  const corporate = figures.converted?.currency;
  if (corporate && figures.byCurrency.some((f) => f.currency === corporate)) return corporate;
  const busiest = [...figures.byCurrency].sort(
    (a, b) => b.sourcedOpportunities + b.influencedOpportunities - (a.sourcedOpportunities + a.influencedOpportunities),
  )[0];
  return busiest?.currency ?? choices[0];
}

/** A week's figures in one currency; zeros when the week has none in it (so changes read "up from $0"). */
export function figuresIn(week: WeekFigures, currency: string): CurrencyFigures {
  return week.byCurrency.find((f) => f.currency === currency) ?? emptyFigures(currency);
}

/** The money figures the popup shows, each with the opportunity count that goes with it. */
export const MONEY_FIGURES = [
  { key: 'sourcedPipelineCents', count: 'sourcedOpportunities', label: 'Partner-sourced pipeline' },
  { key: 'influencedPipelineCents', count: 'influencedOpportunities', label: 'Partner-influenced pipeline' },
  { key: 'sourcedWonCents', count: 'sourcedWonOpportunities', label: 'Partner-sourced revenue (closed won)' },
  { key: 'influencedWonCents', count: 'influencedWonOpportunities', label: 'Partner-influenced revenue (closed won)' },
] as const satisfies readonly { key: keyof CurrencyFigures; count: keyof CurrencyFigures; label: string }[];

export type MoneyFigureKey = (typeof MONEY_FIGURES)[number]['key'];

export interface Change {
  direction: 'up' | 'down' | 'same';
  /** The visible mark and amount: "↑ $12,000.00". */
  visible: string;
  /** The same in words for screen readers: "up $12,000.00 from last week". */
  words: string;
}

/** Week-over-week change of an amount in cents. */
export function moneyChange(current: number, previous: number, currency: string, locale?: string): Change {
  const delta = current - previous;
  if (delta === 0) return { direction: 'same', visible: 'no change', words: 'no change from last week' };
  const amount = formatCents(Math.abs(delta), currency, locale);
  return delta > 0
    ? { direction: 'up', visible: `↑ ${amount}`, words: `up ${amount} from last week` }
    : { direction: 'down', visible: `↓ ${amount}`, words: `down ${amount} from last week` };
}

/** Week-over-week change of a share, in percentage points; undefined when either week's share is unknown. */
export function shareChange(current: number | null, previous: number | null, locale?: string): Change | undefined {
  if (current === null || previous === null) return undefined;
  const points = Math.round(current * 100) - Math.round(previous * 100);
  if (points === 0) return { direction: 'same', visible: 'no change', words: 'no change from last week' };
  const n = numberFormat(locale).format(Math.abs(points));
  const unit = Math.abs(points) === 1 ? 'point' : 'points';
  return points > 0
    ? { direction: 'up', visible: `↑ ${n} pt`, words: `up ${n} percentage ${unit} from last week` }
    : { direction: 'down', visible: `↓ ${n} pt`, words: `down ${n} percentage ${unit} from last week` };
}

/** "1 opportunity" / "3 opportunities". */
export function opportunityCount(n: number, locale?: string): string {
  return `${numberFormat(locale).format(n)} ${n === 1 ? 'opportunity' : 'opportunities'}`;
}

export type PartnerSortKey = 'partner' | 'sourced' | 'influenced' | 'won';
export type SortDirection = 'ascending' | 'descending';

const byName = (a: PartnerLine, b: PartnerLine) =>
  a.partnerName.localeCompare(b.partnerName, undefined, { sensitivity: 'base' });

/** What each sortable column compares; sourced and influenced won are compared in turn, never added. */
const COMPARE: Record<PartnerSortKey, (a: PartnerLine, b: PartnerLine) => number> = {
  partner: byName,
  sourced: (a, b) => a.sourcedPipelineCents - b.sourcedPipelineCents,
  influenced: (a, b) => a.influencedPipelineCents - b.influencedPipelineCents,
  won: (a, b) => a.sourcedWonCents - b.sourcedWonCents || a.influencedWonCents - b.influencedWonCents,
};

/** The partner table's rows in one currency, sorted by a column; ties fall back to the partner's name. */
export function sortPartnerLines(
  lines: readonly PartnerLine[],
  currency: string,
  key: PartnerSortKey,
  direction: SortDirection,
): PartnerLine[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return lines.filter((line) => line.currency === currency).sort((a, b) => sign * COMPARE[key](a, b) || byName(a, b));
}

/** The first direction a column sorts in when pressed: names A→Z, amounts largest first. */
export function defaultDirection(key: PartnerSortKey): SortDirection {
  return key === 'partner' ? 'ascending' : 'descending';
}

/** Money figures of a currency whose reported value differs from the current one. */
export function reportedDifferences(
  reported: WeekFigures,
  current: WeekFigures,
  currency: string,
): Partial<Record<MoneyFigureKey, { reported: number; now: number }>> {
  const was = figuresIn(reported, currency);
  const now = figuresIn(current, currency);
  const differences: Partial<Record<MoneyFigureKey, { reported: number; now: number }>> = {};
  for (const { key } of MONEY_FIGURES) {
    if (was[key] !== now[key]) differences[key] = { reported: was[key], now: now[key] };
  }
  return differences;
}

/** True when any figure in any currency differs between what was reported and now. */
export function figuresDiffer(reported: WeekFigures, current: WeekFigures): boolean {
  const currencies = currenciesOf([reported, current]);
  return currencies.some((currency) => {
    const was = figuresIn(reported, currency);
    const now = figuresIn(current, currency);
    return MONEY_FIGURES.some(({ key, count }) => was[key] !== now[key] || was[count] !== now[count]);
  });
}

/** The name of the exported CSV file: `partner-attribution-2026-11-16.csv` (the week's first day). */
export function summaryCsvFileName(weekKey: string): string {
  return `partner-attribution-${weekKey}.csv`;
}

/** An opportunity's page in Lightning. */
export function opportunityUrl(lightningOrigin: string, opportunityId: string): string {
  return `${lightningOrigin.replace(/\/+$/, '')}/lightning/r/Opportunity/${encodeURIComponent(opportunityId)}/view`;
}

/** Cents as short money for a chart's axis: "$120K". */
export function formatCentsCompact(cents: number, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(cents / 100);
  } catch {
    return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(cents / 100);
  }
}

/** The top of a chart's scale: the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above the largest value (never 0). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= value)!;
  return step * magnitude;
}
