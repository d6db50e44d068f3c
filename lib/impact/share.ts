/**
 * "Partner impact" to share: CSV for a spreadsheet and plain text for an e-mail or a chat message. Pure:
 * a report in, text out. Partner names come from users, so CSV cells are formula-neutralised and text
 * keeps each name on one line. Amounts are always per currency; a converted figure says so.
 */
import Papa from 'papaparse';
import { centsAsDecimal } from '../attribution/summary-share';
import { currencyName, formatCents } from '../attribution/summary-format';
import { escapeCsvCell } from '../roster/csv';
import {
  formatConfidence,
  formatCount,
  formatDayInterval,
  formatDays,
  formatN,
  formatPoints,
  formatPointsInterval,
  formatRate,
  formatRateInterval,
} from './format';
import { formatQuarterLabel, formatQuarterRange, type Quarter } from './period';
import type { AmountFigures, ImpactFigures, ImpactReport } from './report';
import { COMPARISON_LABELS } from './view';
import { plural } from '../intl';

export interface ShareOptions {
  locale?: string;
  /** The quarter has not ended yet: its figures are so far. */
  inProgress?: boolean;
}

/** Line breaks in a name would break a line-based format apart. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function title(quarter: Quarter, options: ShareOptions): string {
  const range = formatQuarterRange(quarter, options.locale);
  return `Partner impact, ${formatQuarterLabel(quarter)} (${range}${options.inProgress ? ', so far' : ''})`;
}

// ---------------------------------------------------------------------------------------------------------
// Plain text

function amountSentence(amounts: AmountFigures, locale: string | undefined, converted?: string): string {
  const money = (cents: number) => formatCents(cents, amounts.currency, locale);
  const { interval } = amounts;
  const range = interval ? `; interval ${money(interval.lower)}–${money(interval.upper)}` : '';
  const what = converted ? `converted to ${amounts.currency} ${converted}` : `in ${currencyName(amounts.currency)}`;
  const median = `median ${money(amounts.medianCents)} (${formatN(amounts.n, locale)}${range})`;
  return `Won deal size ${what}: ${median}, mean ${money(amounts.meanCents)}`;
}

/** Deal sizes and the sales cycle, one line each. */
function detailLines(figures: ImpactFigures, locale: string | undefined): string[] {
  const lines: string[] = [];
  const { cycle } = figures;
  for (const amounts of figures.amounts) lines.push(amountSentence(amounts, locale));
  const { converted } = figures;
  if (converted) {
    const leftOut = converted.excludedCurrencies.length
      ? `, leaving out ${converted.excludedCurrencies.map(currencyName).join(', ')} (no rate)`
      : '';
    const asOf = converted.ratesAsOf.slice(0, 10);
    lines.push(amountSentence(converted, locale, `at the org's rates of ${asOf}${leftOut}`));
  }
  if (figures.wonWithoutAmount) {
    const deals = plural(figures.wonWithoutAmount, 'won deal has', 'won deals have', locale);
    lines.push(`${deals} no amount and no deal size.`);
  }
  if (cycle.medianDays === undefined) {
    lines.push(figures.won ? 'Sales cycle: not known' : 'Sales cycle: no won deals');
  } else {
    const interval = cycle.interval ? `; interval ${formatDayInterval(cycle.interval, locale)}` : '';
    const median = formatDays(cycle.medianDays, locale);
    lines.push(`Median sales cycle of won deals: ${median} (${formatN(cycle.n, locale)}${interval})`);
  }
  return lines;
}

function figureLines(figures: ImpactFigures, locale: string | undefined): string[] {
  const { winRate } = figures;
  if (winRate.rate === undefined) return ['No closed deals in this period.'];
  const rateInterval = winRate.interval ? ` (interval ${formatRateInterval(winRate.interval, locale)})` : '';
  return [`Win rate: ${formatRate(winRate.rate, locale)}${rateInterval}`, ...detailLines(figures, locale)];
}

/** The report as plain text for an e-mail or a chat message. */
export function impactAsText(report: ImpactReport, quarter: Quarter, options: ShareOptions = {}): string {
  const { locale } = options;
  const level = formatConfidence(report.confidence, locale);
  const out = [
    title(quarter, options),
    `Deals closed in the period, by partner involvement. Intervals are ${level} intervals.`,
  ];
  for (const group of report.groups) {
    const closed = plural(group.closed, 'closed deal', 'closed deals', locale);
    out.push('', `${group.label}: ${closed}, ${formatCount(group.won, locale)} won`);
    out.push(...figureLines(group, locale).map((line) => `  ${line}`));
    if (group.disputed) out.push(`  Includes ${plural(group.disputed, 'disputed deal', 'disputed deals', locale)}.`);
  }
  out.push('', 'What the numbers say');
  for (const comparison of report.comparisons) {
    out.push(`${COMPARISON_LABELS[comparison.group]}: ${comparison.sentence}`);
    const { difference } = comparison;
    if (difference) {
      const points = formatPoints(difference.difference, locale);
      out.push(`  Difference ${points} (${level} interval ${formatPointsInterval(difference.interval, locale)})`);
    }
  }
  if (report.partners.length || report.partnersBelowMinimum) {
    out.push('', `By partner (at least ${formatCount(report.minClosedDeals, locale)} closed deals)`);
    for (const partner of report.partners) {
      const interval = partner.winRate.interval ? ` (${formatRateInterval(partner.winRate.interval, locale)})` : '';
      const versus = partner.versusNoPartner
        ? `; ${formatPoints(partner.versusNoPartner.difference, locale)} vs. no partner, ` +
          (partner.versusNoPartner.holds ? `holds at ${level}` : `not clear at ${level}`)
        : '';
      const counts = `${formatCount(partner.closed, locale)} closed, ${formatCount(partner.won, locale)} won`;
      const rate = `win rate ${formatRate(partner.winRate.rate!, locale)}${interval}`;
      out.push(`${oneLine(partner.partnerName)}: ${counts}; ${rate}${versus}`);
      out.push(...detailLines(partner, locale).map((line) => `  ${line}`));
    }
    if (report.partnersBelowMinimum) {
      out.push(
        `${plural(report.partnersBelowMinimum, 'partner has', 'partners have', locale)} fewer closed deals and ` +
          `${report.partnersBelowMinimum === 1 ? 'is' : 'are'} not listed.`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

export const IMPACT_CSV_COLUMNS = [
  'period',
  'row',
  'name',
  'closed',
  'won',
  'win_rate',
  'win_rate_low',
  'win_rate_high',
  'currency',
  'won_with_amount',
  'median_won_amount',
  'median_won_amount_low',
  'median_won_amount_high',
  'mean_won_amount',
  'won_with_cycle',
  'median_cycle_days',
  'median_cycle_days_low',
  'median_cycle_days_high',
  'difference_vs_no_partner',
  'difference_low',
  'difference_high',
  'note',
] as const;

type Row = Record<(typeof IMPACT_CSV_COLUMNS)[number], string>;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Every cell is formula-neutralised (see `escapeCsvCell`) except a plain number written here. */
function cell(value: string): string {
  return PLAIN_NUMBER.test(value) ? value : escapeCsvCell(value);
}

/** A rate or difference as a plain decimal a spreadsheet reads anywhere ("0.4104"). */
function decimal(value: number | undefined): string {
  if (value === undefined) return '';
  const rounded = Math.round(value * 1e6) / 1e6;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function emptyRow(period: string): Row {
  return Object.fromEntries(IMPACT_CSV_COLUMNS.map((column) => [column, column === 'period' ? period : ''])) as Row;
}

function amountCells(amounts: AmountFigures): Partial<Row> {
  return {
    currency: amounts.currency,
    won_with_amount: String(amounts.n),
    median_won_amount: centsAsDecimal(amounts.medianCents),
    median_won_amount_low: amounts.interval ? centsAsDecimal(amounts.interval.lower) : '',
    median_won_amount_high: amounts.interval ? centsAsDecimal(amounts.interval.upper) : '',
    mean_won_amount: centsAsDecimal(amounts.meanCents),
  };
}

/** One row per currency of won deal sizes (and one converted), or a single row when there are none. */
function figureRows(base: Row, figures: ImpactFigures, notes: readonly string[]): Row[] {
  const shared: Row = {
    ...base,
    closed: String(figures.closed),
    won: String(figures.won),
    win_rate: decimal(figures.winRate.rate),
    win_rate_low: decimal(figures.winRate.interval?.lower),
    win_rate_high: decimal(figures.winRate.interval?.upper),
    won_with_cycle: String(figures.cycle.n),
    median_cycle_days: decimal(figures.cycle.medianDays),
    median_cycle_days_low: decimal(figures.cycle.interval?.lower),
    median_cycle_days_high: decimal(figures.cycle.interval?.upper),
  };
  const note = (extra?: string) => [...notes, ...(extra ? [extra] : [])].join('; ');
  const rows: Row[] = figures.amounts.map((amounts) => ({ ...shared, ...amountCells(amounts), note: note() }));
  const { converted } = figures;
  if (converted) {
    const excluded = converted.excludedCurrencies;
    const leftOut = excluded.length ? `; leaves out ${excluded.join(', ')} (no rate)` : '';
    rows.push({
      ...shared,
      ...amountCells(converted),
      note: note(`converted to ${converted.currency} at the org's rates as of ${converted.ratesAsOf}${leftOut}`),
    });
  }
  if (rows.length === 0) rows.push({ ...shared, note: note() });
  return rows;
}

/**
 * One table a spreadsheet can filter: a `row` column says what each row is — `group` and `partner` rows
 * (one per currency of won deal sizes, so amounts are never mixed) and `comparison` rows with the verdict
 * or the reason there is none. Rates are decimals (0.41 = 41 %), amounts decimals beside their currency.
 */
export function impactAsCsv(report: ImpactReport, quarter: Quarter): string {
  const period = quarter.key;
  const rows: Row[] = [];
  for (const group of report.groups) {
    const notes: string[] = [];
    if (group.closed === 0) notes.push('no closed deals in this period');
    if (group.disputed) notes.push(`includes ${group.disputed} disputed (partner-involved, not sourced)`);
    if (group.wonWithoutAmount) notes.push(`${group.wonWithoutAmount} won without an amount`);
    rows.push(...figureRows({ ...emptyRow(period), row: 'group', name: group.label }, group, notes));
  }
  for (const partner of report.partners) {
    const versus = partner.versusNoPartner;
    const base: Row = {
      ...emptyRow(period),
      row: 'partner',
      name: partner.partnerName,
      difference_vs_no_partner: decimal(versus?.difference),
      difference_low: decimal(versus?.interval.lower),
      difference_high: decimal(versus?.interval.upper),
    };
    const notes = versus ? [versus.holds ? 'difference holds' : 'difference not clear'] : [];
    if (partner.wonWithoutAmount) notes.push(`${partner.wonWithoutAmount} won without an amount`);
    rows.push(...figureRows(base, partner, notes));
  }
  for (const comparison of report.comparisons) {
    const { difference } = comparison;
    rows.push({
      ...emptyRow(period),
      row: 'comparison',
      name: COMPARISON_LABELS[comparison.group],
      difference_vs_no_partner: decimal(difference?.difference),
      difference_low: decimal(difference?.interval.lower),
      difference_high: decimal(difference?.interval.upper),
      note: comparison.sentence,
    });
  }
  const cells = rows.map((row) => IMPACT_CSV_COLUMNS.map((column) => cell(row[column])));
  const table = [[...IMPACT_CSV_COLUMNS], ...cells];
  return `${Papa.unparse(table, { newline: '\r\n', quotes: false })}\r\n`;
}
