import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { unescapeCsvCell } from '../../../lib/roster/csv';
import { computeWeeklySummary } from '../../../lib/attribution/summary';
import {
  SUMMARY_CSV_COLUMNS,
  centsAsDecimal,
  escapeMarkdown,
  escapeMrkdwn,
  MINE_NOTE,
  type ShareableSummary,
  summaryAsCsv,
  summaryAsMarkdown,
  summaryAsText,
  WEBHOOK_REVIEW_ITEMS,
  webhookPayload,
} from '../../../lib/attribution/summary-share';
import { opportunity, summaryInput, tag } from './summary-fixtures';

const acme = { partnerId: 'p-acme', partnerName: 'Acme SI' };
const sneaky = { partnerId: 'p-sneaky', partnerName: '=HYPERLINK("http://evil.example","Globex") <b>|*x*</b> & co' };

function summary() {
  return computeWeeklySummary(
    summaryInput({
      opportunities: [
        opportunity('a', { name: 'Alpha expansion', amountCents: 5_500_000 }),
        opportunity('b', { name: 'Beta <renewal> | *big*', amountCents: 1_000_050 }),
        opportunity('c', { name: 'Credit note', amountCents: -12_50, currency: 'EUR' }),
        opportunity('p', { name: 'Last week', amountCents: 4_000_000, createdAt: '2026-11-10T10:00:00Z' }),
      ],
      attributions: [
        tag('a', acme, 'sourced'),
        tag('b', sneaky, 'influenced', { touches: [] }),
        tag('b', acme, 'influenced'),
        tag('c', sneaky, 'sourced'),
        tag('p', acme, 'sourced'),
      ],
      newPipeline: { '2026-11-16': { USD: 20_000_000 } },
      rates: { corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.8 }, asOf: '2026-11-20T06:00:00.000Z' },
    }),
  );
}

describe('summaryAsText', () => {
  it('gives headline figures per currency with the change on the week before, partners and top deals', () => {
    const text = summaryAsText(summary(), 'en-US');
    expect(text).toContain('Partner attribution, week of Nov 16');
    expect(text).toContain(
      '\nUSD\nPartner-sourced pipeline: $55,000.00 from 1 opportunity (+$15,000.00 on the week before)',
    );
    expect(text).toContain(
      'Partner-influenced pipeline: $10,000.50 from 1 opportunity (+$10,000.50 on the week before)',
    );
    expect(text).toContain('Partner-sourced share of new pipeline: 28 % of $200,000.00');
    expect(text).toContain('\nEUR\nPartner-sourced pipeline: -€12.50 from 1 opportunity');
    expect(text).toContain('Partner-sourced share of new pipeline: not known');
    expect(text).toContain("All converted to USD at the org's rates (2026-11-20)");
    expect(text).toContain(
      'Acme SI (USD): sourced $55,000.00 (1), influenced $5,000.25 (1), won $0.00 sourced and $0.00 influenced',
    );
    expect(text).toContain('Alpha expansion: $55,000.00, partner-sourced (Acme SI)');
    expect(text).toContain('Needs review: 1 item. Stale: 0 deals.');
  });

  it('says so when the week has no partner pipeline', () => {
    const text = summaryAsText(computeWeeklySummary(summaryInput()), 'en-GB');
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^Partner attribution, week of 16\s*–\s*22 Nov 2026$/),
      '',
      'No partner pipeline this week.',
      '',
      'Needs review: 0 items. Stale: 0 deals.',
      '',
    ]);
  });
});

describe('summaryAsMarkdown', () => {
  it('escapes names so they cannot format, link or break the table', () => {
    const markdown = summaryAsMarkdown(summary(), 'en-US');
    expect(markdown).toContain('| Partner | Currency | Sourced |');
    expect(markdown).toContain('| Acme SI | USD | $55,000.00 | 1 | $5,000.25 | 1 | $0.00 | $0.00 |');
    expect(markdown).toContain('=HYPERLINK("http://evil.example","Globex") \\<b\\>\\|\\*x\\*\\</b\\> \\& co');
    expect(markdown).toContain('Beta \\<renewal\\> \\| \\*big\\*');
    // Every table row has the same number of cells as the header: names cannot add a column.
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    expect(markdown).not.toContain('<b>');
  });

  it('escapes what Markdown would read as syntax', () => {
    expect(escapeMarkdown('a*b_c`d[e](f)<g>|h~i&j\\k')).toBe('a\\*b\\_c\\`d\\[e\\](f)\\<g\\>\\|h\\~i\\&j\\\\k');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });
});

describe('summaryAsCsv', () => {
  it('writes one table with a row column, plain decimals and a currency column', () => {
    const csv = summaryAsCsv(summary());
    const { data } = Papa.parse<string[]>(csv.trimEnd(), { skipEmptyLines: true });
    expect(data[0]).toEqual([...SUMMARY_CSV_COLUMNS]);
    const rows = data
      .slice(1)
      .map((row) => Object.fromEntries(SUMMARY_CSV_COLUMNS.map((column, i) => [column, row[i]])));
    expect(rows.map((r) => `${r.row}:${r.currency}`)).toEqual([
      'partner:EUR',
      'partner:USD',
      'partner:USD',
      'total:EUR',
      'total:USD',
      'converted:USD',
    ]);
    expect(rows[1]).toMatchObject({ partner: 'Acme SI', sourced_pipeline: '55000.00', influenced_pipeline: '5000.25' });
    expect(rows[0]).toMatchObject({ sourced_pipeline: '-12.50' }); // a negative amount stays a number
    expect(rows[4]).toMatchObject({ sourced_pipeline: '55000.00', new_pipeline: '200000.00', sourced_share: '0.275' });
    // -12.50 EUR / 0.8 = -15.625 USD → -15.63 (half away from zero); 55,000.00 - 15.63 = 54,984.37.
    expect(rows[5]).toMatchObject({ sourced_pipeline: '54984.37', note: 'rates as of 2026-11-20T06:00:00.000Z' });
  });

  it('neutralises formulas in names, and the name reads back unchanged', () => {
    const csv = summaryAsCsv(summary());
    const { data } = Papa.parse<string[]>(csv.trimEnd(), { skipEmptyLines: true });
    const cell = data.find((row) => row[2]?.includes('HYPERLINK'))![2]!;
    expect(cell.startsWith("'=")).toBe(true);
    expect(unescapeCsvCell(cell)).toBe(sneaky.partnerName);
  });

  it('writes cents as plain decimals', () => {
    expect(centsAsDecimal(0)).toBe('0.00');
    expect(centsAsDecimal(5)).toBe('0.05');
    expect(centsAsDecimal(123_456_789)).toBe('1234567.89');
    expect(centsAsDecimal(-1_250)).toBe('-12.50');
  });
});

describe('webhookPayload', () => {
  it('is one mrkdwn text with &, < and > escaped in user text', () => {
    const { text } = webhookPayload(summary(), 'en-US');
    expect(text.startsWith('*Partner attribution, week of Nov 16')).toBe(true);
    expect(text).toContain('• Partner-sourced pipeline: $55,000.00 from 1 opportunity');
    expect(text).toContain('&lt;b&gt;|*x*&lt;/b&gt; &amp; co');
    expect(text).toContain('Beta &lt;renewal&gt; | *big*');
    expect(text).not.toMatch(/<(?!!)/); // no raw "<" at all: nothing can become a link or a mention
    expect(escapeMrkdwn('<!channel> & <@U123>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  it('lists at most five partner lines and says how many more there are', () => {
    const partners = Array.from({ length: 7 }, (_, i) => ({ partnerId: `p${i}`, partnerName: `Partner ${i}` }));
    const many = computeWeeklySummary(
      summaryInput({
        opportunities: partners.map((_, i) => opportunity(`o${i}`, { amountCents: (i + 1) * 100 })),
        attributions: partners.map((partner, i) => tag(`o${i}`, partner, 'sourced')),
      }),
    );
    const { text } = webhookPayload(many, 'en-US');
    expect(text.match(/^• Partner \d/gm)).toHaveLength(5);
    expect(text).toContain('…and 2 more partner lines');
  });
});

describe('deals whose facts are unknown, in every format', () => {
  function withUnknownFacts(extraUndated = 0) {
    const undated = Array.from({ length: extraUndated }, (_, i) =>
      opportunity(`u${i}`, { name: `Undated ${i}`, createdAt: '' }),
    );
    return computeWeeklySummary(
      summaryInput({
        opportunities: [
          opportunity('a', { name: 'Alpha expansion', amountCents: 5_500_000 }),
          opportunity('x', { name: 'Page only', createdAt: '', amountCents: null, currency: null, fromPage: true }),
          ...undated,
        ],
        attributions: [
          tag('a', acme, 'sourced'),
          tag('x', acme, 'sourced'),
          ...undated.map((o) => tag(o.id, acme, 'sourced')),
        ],
      }),
    );
  }

  it('copies as text and Markdown with the headline count and each unknown fact with what to do', () => {
    const summary = withUnknownFacts();
    const text = summaryAsText(summary);
    expect(text).toContain("1 partner deal with an unknown created date is in no week's figures.");
    expect(text).toContain('Page only: Created date unknown: open the opportunity');
    expect(text).toContain('Page only: Amount unknown: ');
    expect(text).toContain('Page only: Currency unknown: ');
    const markdown = summaryAsMarkdown(summary);
    expect(markdown).toContain('### Needs review: unknown facts');
    expect(markdown).toContain('- Page only: Created date unknown: ');
  });

  it('never says there is no partner pipeline without saying the undated deals are there', () => {
    const summary = computeWeeklySummary(
      summaryInput({
        opportunities: [opportunity('x', { name: 'Page only', createdAt: '' })],
        attributions: [tag('x', acme, 'sourced')],
      }),
    );
    const text = summaryAsText(summary);
    expect(text).toContain('No partner pipeline with a known created date this week.');
    expect(text).not.toContain('No partner pipeline this week.');
    expect(text).toContain('Page only: Created date unknown: ');
  });

  it('exports them as CSV rows: the count, then one row per deal and fact, naming the deal', () => {
    const rows = Papa.parse<Record<string, string>>(summaryAsCsv(withUnknownFacts()), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const id = opportunity('x').id;
    expect(rows.filter((row) => row.row === 'unknown_facts').map((row) => row.note)).toEqual([
      "1 partner deal with an unknown created date is in no week's figures. 1 partner deal has an unknown " +
        'created date, amount or currency (listed under Needs review).',
    ]);
    const review = rows.filter((row) => row.row === 'needs_review').map((row) => row.note);
    expect(review).toHaveLength(3);
    expect(review[0]).toMatch(new RegExp(`^Page only \\(${id}\\): Created date unknown: `));
  });

  it('posts them to the webhook, the first ones and how many more', () => {
    const summary = withUnknownFacts(WEBHOOK_REVIEW_ITEMS + 2);
    const { text } = webhookPayload(summary);
    expect(text).toContain('*Needs review: unknown facts*');
    expect(text.match(/^• .*Created date unknown: /gm)).toHaveLength(WEBHOOK_REVIEW_ITEMS);
    expect(text).toContain('…and 5 more items: the popup lists them all');
  });

  it('says when a list was cut short to a preview', () => {
    const summary = withUnknownFacts(6);
    const preview = { ...summary, needsReview: summary.needsReview.slice(0, 5) };
    expect(summaryAsText(preview)).toContain(
      `The first 5 of ${summary.needsReviewCount} review items; the popup lists them all.`,
    );
  });
});

describe('whose number is shared', () => {
  const formats = {
    text: (s: ShareableSummary) => summaryAsText(s, 'en-US'),
    markdown: (s: ShareableSummary) => summaryAsMarkdown(s, 'en-US'),
    slack: (s: ShareableSummary) => webhookPayload(s, 'en-US').text,
  };

  it.each(Object.entries(formats))('says "My number" in %s when Mine is on, and nothing for the team', (_, share) => {
    const mine = share({ ...summary(), scope: 'mine' });
    expect(mine.split('\n')[0]).toContain('Partner attribution (My number), week of');
    expect(mine).toContain('only the attributions I made or touched');
    for (const team of [share(summary()), share({ ...summary(), scope: 'team' })]) {
      expect(team).not.toContain('My number');
      expect(team.split('\n')[0]).toMatch(/^\W*Partner attribution, week of/);
    }
  });

  it('starts the CSV with a scope row for my number, and adds none for the team', () => {
    const rows = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const mine = rows(summaryAsCsv({ ...summary(), scope: 'mine' }));
    expect(mine[0]).toMatchObject({ row: 'scope', partner: '', note: MINE_NOTE });
    const team = rows(summaryAsCsv({ ...summary(), scope: 'team' }));
    expect(team.some((row) => row.row === 'scope')).toBe(false);
    // Apart from that row, the same figures.
    expect(mine.slice(1)).toEqual(team);
  });
});
