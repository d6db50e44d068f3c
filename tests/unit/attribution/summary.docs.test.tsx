// docs/weekly-summary.md is the one place the weekly summary's figures are defined. This keeps it and the code
// in step: the definitions lib/attribution/summary.ts is computed by, the popup's labels and explanations,
// and the numbers behind them, each quoted word for word, so neither can change without the other.
import { render, screen } from '@testing-library/preact';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REVIEW_REASON_LABELS } from '../../../components/summary/deal-lists';
import { MONEY_FIGURES, summaryCsvFileName } from '../../../components/summary/summary-view';
import { TREND_TITLE } from '../../../components/summary/trend-chart';
import {
  SUMMARY_TITLE,
  WeeklySummaryPopup,
  type WeeklySummaryPopupProps,
} from '../../../components/summary/weekly-summary';
import { MAX_COLLECTION_RECORDS } from '../../../lib/crm/salesforce/limits';
import { DEFAULT_STALE_DAYS, SUMMARY_PREVIEW_ITEMS, TOP_DEALS, TREND_WEEKS } from '../../../lib/attribution/summary';
import { DEFAULT_SUMMARY_SETTINGS } from '../../../lib/attribution/summary-settings';
import { WEBHOOK_REVIEW_ITEMS } from '../../../lib/attribution/summary-share';
import type { WeeklySummary as Summary } from '../../../lib/attribution/summary-types';
import { CURRENCY_FRESH_MS, CURRENT_WEEK_FRESH_MS, FACTS_FRESH_MS } from '../../../lib/services/summary/org-figures';
import { CURRENT_WEEK, LIGHTNING, summary } from '../components/summary/fixtures';

const ROOT = join(__dirname, '../../..');
const DOC_PATH = 'docs/weekly-summary.md';
const DOC = readFileSync(join(ROOT, DOC_PATH), 'utf8');
const CODE_PATH = 'lib/attribution/summary.ts';
const CODE = readFileSync(join(ROOT, CODE_PATH), 'utf8');

/** Both the doc and the code comment wrap lines; text is compared with single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const FLAT = flat(DOC);

/** The section of the doc under a `## ` heading, up to the next one. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  expect(start, `${DOC_PATH} should have a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end);
}

/** The top-level bullets of a piece of Markdown, each flattened to one line. */
function markdownBullets(markdown: string): string[] {
  const bullets: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('- ')) bullets.push(line.slice(2));
    else if (line.startsWith('  ') && bullets.length > 0 && line.trim() !== '')
      bullets.push(`${bullets.pop()} ${line}`);
  }
  return bullets.map(flat);
}

/** The "Definitions" part of the comment at the top of lib/attribution/summary.ts. */
function codeDefinitions(): { heading: string; bullets: string[] } {
  const comment = CODE.slice(CODE.indexOf('/**'), CODE.indexOf('*/'));
  const start = comment.indexOf(' * Definitions');
  expect(start, `${CODE_PATH} should open with its definitions`).toBeGreaterThanOrEqual(0);
  const lines = comment
    .slice(start)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
  return { heading: lines[0] ?? '', bullets: markdownBullets(lines.slice(1).join('\n')) };
}

/** The first group of a pattern in the flattened doc. */
function quoted(pattern: RegExp): string {
  const match = pattern.exec(FLAT);
  expect(match, `${DOC_PATH} should contain ${pattern}`).not.toBeNull();
  return match?.[1] ?? '';
}

/** Fails with the missing text alone (not the whole doc) when the doc does not contain it. */
function expectInDoc(text: string): void {
  expect(FLAT.includes(text), `${DOC_PATH} should contain ${text}`).toBe(true);
}

function renderPopup(shown: Summary = summary) {
  const props: WeeklySummaryPopupProps = {
    summary: shown,
    currentWeekKey: CURRENT_WEEK,
    onPreviousWeek: vi.fn(),
    onNextWeek: vi.fn(),
    share: { copyText: vi.fn(), copyMarkdown: vi.fn(), exportCsv: vi.fn() },
    lightningOrigin: LIGHTNING,
    optionsUrl: 'chrome-extension://id/options.html',
    onOpenOptions: vi.fn(),
    locale: 'en-US',
    timeZone: 'UTC',
  };
  render(<WeeklySummaryPopup {...props} />);
}

const emptyWeek: Summary = {
  ...summary,
  figures: { weekKey: CURRENT_WEEK, byCurrency: [] },
  byPartner: [],
  trend: [],
  topDeals: [],
  stale: [],
  staleCount: 0,
  needsReview: [],
  needsReviewCount: 0,
};

describe('docs/weekly-summary.md: the definitions', () => {
  const code = codeDefinitions();

  it('quotes every definition of lib/attribution/summary.ts word for word, in order, and states no other', () => {
    expect(code.bullets.length, 'the definitions in the code comment').toBeGreaterThanOrEqual(14);
    expect(markdownBullets(section('Definitions'))).toEqual(code.bullets);
  });

  it('is the doc the code names as quoting its definitions', () => {
    expect(code.heading).toContain(DOC_PATH);
  });

  it('has definitions that state the numbers the code computes with', () => {
    const definitions = code.bullets.join(' ');
    expect(definitions).toContain(`Trend: ${TREND_WEEKS} weeks`);
    expect(definitions).toContain(`At most ${TOP_DEALS}.`);
    expect(definitions).toContain(`(default ${DEFAULT_STALE_DAYS})`);
  });
});

describe('docs/weekly-summary.md: the popup', () => {
  it('names the title, the figures, the trend and the review reasons as the popup does', () => {
    const names = [
      SUMMARY_TITLE,
      ...MONEY_FIGURES.map((figure) => figure.label),
      'Partner-sourced share of new pipeline',
      TREND_TITLE,
      ...Object.values(REVIEW_REASON_LABELS),
    ];
    for (const name of names) expectInDoc(`**${name}**`);
  });

  it('names the share figure exactly as the popup labels it', () => {
    renderPopup();
    expect(screen.getByRole('group', { name: 'Partner-sourced share of new pipeline' })).toBeTruthy();
  });

  it('quotes the popup’s note on credit-weighted influence word for word', () => {
    renderPopup();
    const note = screen.getByText(/^Influenced pipeline is credit-weighted/).textContent ?? '';
    expectInDoc(`"${flat(note)}"`);
  });

  it('quotes what an empty week and empty lists say word for word', () => {
    renderPopup(emptyWeek);
    const hint = screen.getByText(/A deal counts in the week/).textContent ?? '';
    const counting = /A deal counts in the week.*$/.exec(flat(hint))?.[0] ?? '';
    expect(counting).not.toBe('');
    expectInDoc(`"${counting}"`);
    for (const list of ['Stale deals', 'Needs review']) {
      const empty = screen.getByRole('region', { name: list }).querySelector('.pl-empty-line')?.textContent ?? '';
      expect(empty, list).not.toBe('');
      expectInDoc(`"${flat(empty)}"`);
    }
  });

  it('quotes how many items the long lists show before Show all', () => {
    expect(Number(quoted(/show their first \*\*(\d+)\*\* items/))).toBe(SUMMARY_PREVIEW_ITEMS);
  });

  it('gives the exported file name the popup uses', () => {
    expectInDoc(`\`${summaryCsvFileName('2026-11-16')}\``);
  });
});

describe('docs/weekly-summary.md: the numbers behind it', () => {
  const DAY = 24 * 60 * 60_000;

  it('says how fresh the org’s figures are kept, as the background does', () => {
    expect(FACTS_FRESH_MS).toBe(DAY);
    expectInDoc('missing or older than a day is fetched');
    expect(CURRENT_WEEK_FRESH_MS).toBe(5 * 60_000);
    expectInDoc('the current week at most every five minutes');
    expect(CURRENCY_FRESH_MS).toBe(DAY);
    expectInDoc('(`CurrencyType`, read once a day)');
    expectInDoc('currency is read once a day');
  });

  it('says how many deals or records one call carries', () => {
    expect(Number(quoted(/at most ceil\(n \/ (\d+)\) calls for n deals/))).toBe(MAX_COLLECTION_RECORDS);
    expect(Number(quoted(/after them, (\d+) records per call/))).toBe(MAX_COLLECTION_RECORDS);
  });

  it('says how many review items a Slack message lists', () => {
    expect(Number(quoted(/the Slack message lists the first (\d+)\)/))).toBe(WEBHOOK_REVIEW_ITEMS);
  });

  it('gives the settings’ defaults', () => {
    const { firstDayOfWeek, notifications } = DEFAULT_SUMMARY_SETTINGS;
    expect(firstDayOfWeek, 'Monday').toBe(1);
    expectInDoc('(Monday by default)');
    expect(notifications).toEqual({ enabled: false, weekday: 1, hour: 9, minute: 0 });
    expectInDoc('**Weekly notification** (off by default)');
    expectInDoc('(Monday 09:00 by default');
  });

  it('names files that exist', () => {
    const files = [...DOC.matchAll(/`((?:lib|components|tests)\/[\w/.-]+)`/g)].map((match) => match[1] ?? '');
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });
});
