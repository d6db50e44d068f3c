// Over 400 lines because the four formats (text, Markdown, CSV, webhook) share their sentences side by side.
/**
 * The weekly summary to share: plain text (e-mail, chat), Markdown (wikis, documents), CSV (spreadsheets)
 * and a Slack-compatible incoming-webhook payload. Pure: a summary in, text out. Names come from users
 * and partners, so each format escapes them for its own syntax; amounts are always per currency.
 */
import Papa from 'papaparse';
import { escapeCsvCell } from '../roster/csv';
import { plural } from '../intl';
import { formatWeekLabel } from '../time/format';
import { UNKNOWN_CURRENCY } from './credit';
import { formatCents, formatShare } from './format';
import { describeCounting } from './snapshot';
import { SCOPE_HEADLINES, type SummaryScope } from './summary-scope';
import type { CurrencyFigures, DealLine, PartnerLine, ReviewItem, SummaryView, WeekFigures } from './summary-types';
import { UNKNOWN_FACT_REASONS } from './unknown-facts';

/**
 * A summary to share, with whose number it is: the team's unless `scope` says mine. Shared text that reaches a
 * channel or a spreadsheet must say when it is one person's number, or it would be read as the team's.
 */
export type ShareableSummary = SummaryView & { scope?: SummaryScope };

/** Said wherever the user's own number is shared. */
export const MINE_NOTE = `${SCOPE_HEADLINES.mine}: only the attributions I made or touched, not the team's number`;

const isMine = (summary: ShareableSummary) => summary.scope === 'mine';

/** Partner lines listed in a webhook message; the other formats list them all. */
export const WEBHOOK_PARTNERS = 5;
/** Review items about unknown facts listed in a webhook message (a chat message stays short); the others list all. */
export const WEBHOOK_REVIEW_ITEMS = 10;

function currencyName(currency: string): string {
  return currency === UNKNOWN_CURRENCY ? 'Currency unknown' : currency;
}

function previousOf(previous: WeekFigures, currency: string): CurrencyFigures | undefined {
  return previous.byCurrency.find((figures) => figures.currency === currency);
}

/** The headline figures of one currency, as sentences shared by every format (user text escaped by `escapeText`). */
interface Headline {
  title: string;
  lines: string[];
}

function headlines(summary: SummaryView, locale: string | undefined): Headline[] {
  const money = (cents: number, currency: string) => formatCents(cents, currency, locale);
  const change = (now: number, before: number, currency: string) =>
    now === before
      ? 'no change on the week before'
      : `${formatCents(now - before, currency, locale, { signed: true })} on the week before`;
  const result: Headline[] = summary.figures.byCurrency.map((figures) => {
    const { currency } = figures;
    const before = previousOf(summary.previous, currency);
    const lines = [
      `Partner-sourced pipeline: ${money(figures.sourcedPipelineCents, currency)} from ` +
        `${plural(figures.sourcedOpportunities, 'opportunity', 'opportunities')} ` +
        `(${change(figures.sourcedPipelineCents, before?.sourcedPipelineCents ?? 0, currency)})`,
      `Partner-influenced pipeline: ${money(figures.influencedPipelineCents, currency)} from ` +
        `${plural(figures.influencedOpportunities, 'opportunity', 'opportunities')} ` +
        `(${change(figures.influencedPipelineCents, before?.influencedPipelineCents ?? 0, currency)})`,
      figures.sourcedShare === null
        ? 'Partner-sourced share of new pipeline: not known'
        : `Partner-sourced share of new pipeline: ${formatShare(figures.sourcedShare)} of ` +
          `${money(figures.newPipelineCents!, currency)}`,
      `Closed won: partner-sourced ${money(figures.sourcedWonCents, currency)} (${figures.sourcedWonOpportunities}), ` +
        `partner-influenced ${money(figures.influencedWonCents, currency)} (${figures.influencedWonOpportunities})`,
    ];
    return { title: currencyName(currency), lines };
  });
  const { converted } = summary.figures;
  if (converted) {
    const currency = converted.currency;
    const excluded = converted.excludedCurrencies.map(currencyName);
    result.push({
      title: `All converted to ${currency} at the org's rates (${converted.ratesAsOf.slice(0, 10)})`,
      lines: [
        `Partner-sourced pipeline: ${money(converted.sourcedPipelineCents, currency)} from ` +
          `${plural(converted.sourcedOpportunities, 'opportunity', 'opportunities')}`,
        `Partner-influenced pipeline: ${money(converted.influencedPipelineCents, currency)} from ` +
          `${plural(converted.influencedOpportunities, 'opportunity', 'opportunities')}`,
        ...(converted.sourcedShare === null
          ? []
          : [`Partner-sourced share of new pipeline: ${formatShare(converted.sourcedShare)}`]),
        ...(excluded.length ? [`Leaves out amounts in ${excluded.join(', ')} (no rate)`] : []),
      ],
    });
  }
  return result;
}

function partnerSentence(line: PartnerLine, escapeText: (text: string) => string, locale: string | undefined): string {
  const money = (cents: number) => formatCents(cents, line.currency, locale);
  return (
    `${escapeText(line.partnerName)} (${escapeText(currencyName(line.currency))}): ` +
    `sourced ${money(line.sourcedPipelineCents)} (${line.sourcedOpportunities}), ` +
    `influenced ${money(line.influencedPipelineCents)} (${line.influencedOpportunities}), ` +
    `won ${money(line.sourcedWonCents)} sourced and ${money(line.influencedWonCents)} influenced`
  );
}

function dealSentence(deal: DealLine, escapeText: (text: string) => string, locale: string | undefined): string {
  const amount = deal.amountCents === null ? 'no amount' : formatCents(deal.amountCents, deal.currency, locale);
  return (
    `${escapeText(deal.name)}: ${amount}, ${describeCounting(deal)} ` +
    `(${deal.partnerNames.map(escapeText).join(', ')})`
  );
}

/** "1 partner deal" / "3 partner deals". */
const partnerDeals = (n: number) => plural(n, 'partner deal', 'partner deals');

/**
 * The headline's count of partner deals whose created date, amount or currency is unknown (none is left
 * out of what is shared), or undefined when every fact is known.
 */
export function unknownFactsSentence(summary: SummaryView): string | undefined {
  if (!summary.unknownFactsCount) return undefined;
  const undated = summary.undatedCount
    ? `${partnerDeals(summary.undatedCount)} with an unknown created date ` +
      `${summary.undatedCount === 1 ? 'is' : 'are'} in no week's figures. `
    : '';
  return (
    `${undated}${partnerDeals(summary.unknownFactsCount)} ${summary.unknownFactsCount === 1 ? 'has' : 'have'} ` +
    'an unknown created date, amount or currency (listed under Needs review).'
  );
}

const UNKNOWN_FACT: ReadonlySet<string> = new Set(UNKNOWN_FACT_REASONS);

/** The review items about unknown facts the summary holds (all of them, unless it is a preview). */
export function unknownFactItemsOf(summary: SummaryView): ReviewItem[] {
  return summary.needsReview.filter((item) => UNKNOWN_FACT.has(item.reason));
}

function reviewSentence(item: ReviewItem, escapeText: (text: string) => string): string {
  return `${escapeText(item.name)}: ${escapeText(item.detail)}`;
}

/** Said after a review list taken from a preview, which holds only the first items. */
function previewNote(summary: SummaryView): string | undefined {
  const shown = summary.needsReview.length;
  return shown < summary.needsReviewCount
    ? `The first ${shown} of ${summary.needsReviewCount} review items; the popup lists them all.`
    : undefined;
}

/** What is said when the week has no figures: there may still be partner deals without a created date. */
function noPipeline(summary: SummaryView): string {
  return summary.undatedCount
    ? 'No partner pipeline with a known created date this week.'
    : 'No partner pipeline this week.';
}

function attentionSentence(summary: SummaryView): string {
  return (
    `Needs review: ${plural(summary.needsReviewCount, 'item', 'items')}. Stale: ` +
    `${plural(summary.staleCount, 'deal', 'deals')}.`
  );
}

function title(summary: ShareableSummary, locale: string | undefined): string {
  const whose = isMine(summary) ? ` (${SCOPE_HEADLINES.mine})` : '';
  return `Partner attribution${whose}, week of ${formatWeekLabel(summary.week, locale)}`;
}

/** Line breaks in a name would break a line-based format apart. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------

/** Plain text for an e-mail or a chat message. */
export function summaryAsText(summary: ShareableSummary, locale?: string): string {
  const out = [title(summary, locale)];
  if (isMine(summary)) out.push(MINE_NOTE);
  const heads = headlines(summary, locale);
  const unknown = unknownFactsSentence(summary);
  if (unknown) out.push('', unknown);
  if (heads.length === 0) out.push('', noPipeline(summary));
  for (const head of heads) out.push('', head.title, ...head.lines);
  if (summary.byPartner.length) {
    out.push('', 'By partner', ...summary.byPartner.map((line) => partnerSentence(line, oneLine, locale)));
  }
  if (summary.topDeals.length)
    out.push('', 'Top deals', ...summary.topDeals.map((deal) => dealSentence(deal, oneLine, locale)));
  const items = unknownFactItemsOf(summary);
  if (items.length) {
    out.push('', 'Needs review: unknown facts', ...items.map((item) => reviewSentence(item, oneLine)));
    const note = previewNote(summary);
    if (note) out.push(note);
  }
  out.push('', attentionSentence(summary));
  return `${out.join('\n')}\n`;
}

/**
 * A backslash before every character that could start Markdown emphasis, code, a link, a table cell or
 * HTML (CommonMark, GitHub), wherever it stands in a line; user text never starts a line here, so
 * characters that only matter there (#, -, 1.) need no escape.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Markdown for a wiki page or a document: headline figures, a table of partners, the top deals. */
export function summaryAsMarkdown(summary: ShareableSummary, locale?: string): string {
  const out = [`## ${escapeMarkdown(title(summary, locale))}`];
  if (isMine(summary)) out.push('', escapeMarkdown(MINE_NOTE));
  const heads = headlines(summary, locale);
  const unknown = unknownFactsSentence(summary);
  if (unknown) out.push('', escapeMarkdown(unknown));
  if (heads.length === 0) out.push('', noPipeline(summary));
  for (const head of heads)
    out.push('', `**${escapeMarkdown(head.title)}**`, '', ...head.lines.map((line) => `- ${escapeMarkdown(line)}`));
  if (summary.byPartner.length) {
    out.push(
      '',
      '### By partner',
      '',
      '| Partner | Currency | Sourced | Opportunities | Influenced | Opportunities | Won, sourced | Won, influenced |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary.byPartner.map((line) => {
        const money = (cents: number) => escapeMarkdown(formatCents(cents, line.currency, locale));
        return `| ${escapeMarkdown(line.partnerName)} | ${escapeMarkdown(currencyName(line.currency))} | ${money(line.sourcedPipelineCents)} | ${line.sourcedOpportunities} | ${money(line.influencedPipelineCents)} | ${line.influencedOpportunities} | ${money(line.sourcedWonCents)} | ${money(line.influencedWonCents)} |`;
      }),
    );
  }
  if (summary.topDeals.length) {
    out.push(
      '',
      '### Top deals',
      '',
      ...summary.topDeals.map((deal, i) => `${i + 1}. ${dealSentence(deal, escapeMarkdown, locale)}`),
    );
  }
  const items = unknownFactItemsOf(summary);
  if (items.length) {
    out.push(
      '',
      '### Needs review: unknown facts',
      '',
      ...items.map((item) => `- ${reviewSentence(item, escapeMarkdown)}`),
    );
    const note = previewNote(summary);
    if (note) out.push('', escapeMarkdown(note));
  }
  out.push('', escapeMarkdown(attentionSentence(summary)));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

export const SUMMARY_CSV_COLUMNS = [
  'week',
  'row',
  'partner',
  'currency',
  'sourced_pipeline',
  'sourced_opportunities',
  'influenced_pipeline',
  'influenced_opportunities',
  'sourced_won',
  'sourced_won_opportunities',
  'influenced_won',
  'influenced_won_opportunities',
  'new_pipeline',
  'sourced_share',
  'note',
] as const;

/** Cents as a plain decimal with two places ("-1234.50"): what a spreadsheet reads as a number anywhere. */
export function centsAsDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Every cell goes through `escapeCsvCell` (formula injection), except a plain number written here: a
 * negative amount such as "-12.50" cannot carry a formula, and escaping it would turn it into text.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return PLAIN_NUMBER.test(text) ? text : escapeCsvCell(text);
}

function figuresRow(week: string, row: string, figures: CurrencyFigures, note: string): string[] {
  return [
    week,
    row,
    '',
    figures.currency,
    centsAsDecimal(figures.sourcedPipelineCents),
    String(figures.sourcedOpportunities),
    centsAsDecimal(figures.influencedPipelineCents),
    String(figures.influencedOpportunities),
    centsAsDecimal(figures.sourcedWonCents),
    String(figures.sourcedWonOpportunities),
    centsAsDecimal(figures.influencedWonCents),
    String(figures.influencedWonOpportunities),
    figures.newPipelineCents === null ? '' : centsAsDecimal(figures.newPipelineCents),
    figures.sourcedShare === null ? '' : String(Math.round(figures.sourcedShare * 1e6) / 1e6),
    note,
  ];
}

/** A row with only its kind and a note (the other columns empty). */
function noteRow(week: string, row: string, note: string): string[] {
  const cells = SUMMARY_CSV_COLUMNS.map(() => '');
  cells[0] = week;
  cells[1] = row;
  cells[SUMMARY_CSV_COLUMNS.length - 1] = note;
  return cells;
}

/**
 * One table a spreadsheet can filter: a `row` column says what each row is — `scope` (first, only when it is
 * the user's own number, not the team's), `partner` (one per partner
 * and currency), `total` (one per currency), `converted` (all currencies in the corporate currency, when
 * the org's rates are known), `unknown_facts` (how many partner deals lack a created date, amount or
 * currency) and `needs_review` (one per such deal and unknown fact, its note naming the deal and what to
 * do). Amounts are plain decimals beside a currency column.
 */
export function summaryAsCsv(summary: ShareableSummary): string {
  const week = summary.week.key;
  // The user's own number says so on its first row, before any figure (`row` = `scope`).
  const rows: string[][] = isMine(summary) ? [noteRow(week, 'scope', MINE_NOTE)] : [];
  rows.push(
    ...summary.byPartner.map((line) => [
      week,
      'partner',
      line.partnerName,
      line.currency,
      centsAsDecimal(line.sourcedPipelineCents),
      String(line.sourcedOpportunities),
      centsAsDecimal(line.influencedPipelineCents),
      String(line.influencedOpportunities),
      centsAsDecimal(line.sourcedWonCents),
      '',
      centsAsDecimal(line.influencedWonCents),
      '',
      '',
      '',
      '',
    ]),
  );
  for (const figures of summary.figures.byCurrency) rows.push(figuresRow(week, 'total', figures, ''));
  const { converted } = summary.figures;
  if (converted) {
    const excluded = converted.excludedCurrencies.length
      ? `; leaves out ${converted.excludedCurrencies.join(', ')} (no rate)`
      : '';
    rows.push(figuresRow(week, 'converted', converted, `rates as of ${converted.ratesAsOf}${excluded}`));
  }
  const unknown = unknownFactsSentence(summary);
  if (unknown) rows.push(noteRow(week, 'unknown_facts', unknown));
  for (const item of unknownFactItemsOf(summary)) {
    rows.push(noteRow(week, 'needs_review', `${oneLine(item.name)} (${item.opportunityId}): ${item.detail}`));
  }
  const note = previewNote(summary);
  if (note && unknown) rows.push(noteRow(week, 'needs_review', note));
  const table = [[...SUMMARY_CSV_COLUMNS], ...rows.map((row) => row.map(cell))];
  return `${Papa.unparse(table, { newline: '\r\n', quotes: false })}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Slack-compatible incoming webhook

/** Slack's mrkdwn: &, < and > are its only control characters in text; everything else shows as typed. */
export function escapeMrkdwn(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The JSON body for an incoming webhook (Slack, and the chat tools that accept its format): `{ text }`. */
export function webhookPayload(summary: ShareableSummary, locale?: string): { text: string } {
  const out = [`*${escapeMrkdwn(title(summary, locale))}*`];
  if (isMine(summary)) out.push(escapeMrkdwn(MINE_NOTE));
  const heads = headlines(summary, locale);
  const unknown = unknownFactsSentence(summary);
  if (unknown) out.push(escapeMrkdwn(unknown));
  if (heads.length === 0) out.push(noPipeline(summary));
  for (const head of heads)
    out.push(`*${escapeMrkdwn(head.title)}*`, ...head.lines.map((line) => `• ${escapeMrkdwn(line)}`));
  if (summary.byPartner.length) {
    const shown = summary.byPartner.slice(0, WEBHOOK_PARTNERS);
    out.push('*By partner*', ...shown.map((line) => `• ${partnerSentence(line, escapeMrkdwn, locale)}`));
    const more = summary.byPartner.length - shown.length;
    if (more > 0) out.push(`…and ${plural(more, 'more partner line', 'more partner lines')}`);
  }
  if (summary.topDeals.length)
    out.push('*Top deals*', ...summary.topDeals.map((deal) => `• ${dealSentence(deal, escapeMrkdwn, locale)}`));
  const items = unknownFactItemsOf(summary);
  if (items.length) {
    const shown = items.slice(0, WEBHOOK_REVIEW_ITEMS);
    out.push('*Needs review: unknown facts*', ...shown.map((item) => `• ${reviewSentence(item, escapeMrkdwn)}`));
    const more = items.length - shown.length;
    if (more > 0) out.push(`…and ${plural(more, 'more item', 'more items')}: the popup lists them all`);
  }
  out.push(attentionSentence(summary));
  return { text: out.join('\n') };
}
