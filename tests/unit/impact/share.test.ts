import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CurrencyRates } from '../../../lib/attribution/summary-types';
import { quarterFor } from '../../../lib/impact/period';
import { buildImpactReport } from '../../../lib/impact/report';
import { IMPACT_CSV_COLUMNS, impactAsCsv, impactAsText } from '../../../lib/impact/share';
import { deal, deals } from './fixtures';

const Q3 = quarterFor(2026, 3);
const acme = { partnerId: 'p-acme', partnerName: 'Acme SI', kinds: ['sourced' as const] };
const sneaky = {
  partnerId: 'p-evil',
  partnerName: '=HYPERLINK("http://x","y")\nSecond line',
  kinds: ['influenced' as const],
};

function sampleReport() {
  const cycle = (i: number) => 20 + i;
  return buildImpactReport(
    [
      ...Array.from({ length: 8 }, (_, i) =>
        deal('sourced', { won: true, amountCents: (i + 1) * 100_000, cycleDays: cycle(i), partners: [acme] }),
      ),
      ...deals('sourced', 0, 4, { partners: [acme] }),
      ...deals('influenced', 2, 8, { partners: [sneaky], disputed: false }),
      deal('influenced', { won: true, amountCents: null, partners: [sneaky], disputed: true }),
      ...deals('none', 4, 16),
    ],
    { locale: 'en-US' },
  );
}

describe('impactAsText', () => {
  it('writes the period, every group, the verdicts and the partners as plain lines', () => {
    const text = impactAsText(sampleReport(), Q3, { locale: 'en-US', inProgress: true });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Partner impact, Q3 2026 \(Jul 1\s?–\s?Sep 30, 2026, so far\)$/);
    expect(lines[1]).toBe('Deals closed in the period, by partner involvement. Intervals are 95 % intervals.');
    expect(text).toContain(
      [
        'Partner-sourced: 12 closed deals, 8 won',
        '  Win rate: 67 % (interval 39–86 %)',
        '  Won deal size in USD: median $4,500 (n = 8; interval $1,000–$8,000), mean $4,500',
        '  Median sales cycle of won deals: 23.5 days (n = 8; interval 20–27 days)',
      ].join('\n'),
    );
    expect(text).toContain('  1 won deal has no amount and no deal size.\n  Median sales cycle of won deals: 30 days');
    expect(text).toContain('  Includes 1 disputed deal.');
    expect(text).toContain('No partner: 20 closed deals, 4 won');
    expect(text).toContain(
      'Partner-sourced vs. no partner: Deals with a sourcing partner were won 67 % of the time, against 20 % without ' +
        'partners (n = 12 and 20); the difference holds at 95 %.\n  Difference +47 pts (95 % interval +12 to +70 pts)',
    );
    expect(text).toContain(
      'By partner (at least 10 closed deals)\n' +
        'Acme SI: 12 closed, 8 won; win rate 67 % (39–86 %); +47 pts vs. no partner, holds at 95 %\n' +
        '  Won deal size in USD: median $4,500 (n = 8; interval $1,000–$8,000), mean $4,500\n' +
        '  Median sales cycle of won deals: 23.5 days (n = 8; interval 20–27 days)\n',
    );
    // A name never breaks the line apart.
    expect(text).toContain('=HYPERLINK("http://x","y") Second line: 11 closed, 3 won; win rate 27 %');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says when a group has no closed deals and when a comparison lacks deals', () => {
    const text = impactAsText(buildImpactReport([]), Q3, { locale: 'en-US' });
    expect(text).toContain('Partner-sourced: 0 closed deals, 0 won\n  No closed deals in this period.');
    expect(text).toContain('Partner-sourced vs. no partner: Not enough closed deals to compare (n < 10)');
    expect(text).not.toContain('By partner');
    expect(text).not.toContain(', so far');
  });

  it('labels a converted deal size with the rates’ date and what it leaves out', () => {
    const rates: CurrencyRates = { corporateCurrency: 'USD', rates: { USD: 1 }, asOf: '2026-09-01T08:00:00.000Z' };
    const report = buildImpactReport(
      [
        deal('none', { won: true, amountCents: 1000, currency: 'USD', convertedCents: 1000 }),
        deal('none', { won: true, amountCents: 1000, currency: 'JPY', convertedCents: null }),
      ],
      { locale: 'en-US', rates },
    );
    expect(impactAsText(report, Q3, { locale: 'en-US' })).toContain(
      "Won deal size converted to USD at the org's rates of 2026-09-01, leaving out JPY (no rate): median $10 (n = 1)",
    );
  });
});

describe('impactAsCsv', () => {
  function parse(csv: string) {
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    return { header, rows: rows.map((row) => Object.fromEntries(header!.map((column, i) => [column, row[i]]))) };
  }

  it('has one header and rows for groups, partners and comparisons, with plain decimals', () => {
    const { header, rows } = parse(impactAsCsv(sampleReport(), Q3));
    expect(header).toEqual([...IMPACT_CSV_COLUMNS]);
    expect(rows.map((row) => [row.row, row.name])).toEqual([
      ['group', 'Partner-sourced'],
      ['group', 'Partner-influenced only'],
      ['group', 'No partner'],
      ['partner', 'Acme SI'],
      ['partner', `'=HYPERLINK("http://x","y")\nSecond line`],
      ['comparison', 'Partner-sourced vs. no partner'],
      ['comparison', 'Partner-influenced only vs. no partner'],
    ]);
    expect(rows[0]).toMatchObject({
      period: '2026-Q3',
      closed: '12',
      won: '8',
      win_rate: '0.666667',
      currency: 'USD',
      won_with_amount: '8',
      median_won_amount: '4500.00',
      median_won_amount_low: '1000.00',
      median_won_amount_high: '8000.00',
      mean_won_amount: '4500.00',
      median_cycle_days: '23.5',
      note: '',
    });
    expect(rows[1]!.note).toBe('includes 1 disputed (partner-involved, not sourced); 1 won without an amount');
    expect(rows[5]).toMatchObject({
      difference_vs_no_partner: '0.466667',
      note: expect.stringMatching(/holds at 95 %\.$/),
    });
    expect(rows.every((row) => row.period === '2026-Q3')).toBe(true);
  });

  it('neutralises formulas in user text but keeps negative numbers as numbers', () => {
    const report = buildImpactReport([...deals('influenced', 1, 19, { partners: [sneaky] }), ...deals('none', 15, 5)]);
    const { rows } = parse(impactAsCsv(report, Q3));
    const partner = rows.find((row) => row.row === 'partner')!;
    expect(partner.name!.startsWith("'=")).toBe(true);
    expect(Number(partner.difference_vs_no_partner)).toBeCloseTo(0.05 - 0.75, 6);
    expect(partner.difference_vs_no_partner!.startsWith('-')).toBe(true);
    expect(partner.note).toBe('difference holds');
  });

  it('writes a row per currency, never mixing amounts, and a labelled converted row', () => {
    const rates: CurrencyRates = {
      corporateCurrency: 'USD',
      rates: { USD: 1, EUR: 0.5 },
      asOf: '2026-09-01T00:00:00.000Z',
    };
    const report = buildImpactReport(
      [
        deal('none', { won: true, amountCents: 1000, currency: 'USD', convertedCents: 1000 }),
        deal('none', { won: true, amountCents: 1000, currency: 'EUR', convertedCents: 2000 }),
      ],
      { rates },
    );
    const { rows } = parse(impactAsCsv(report, Q3));
    const none = rows.filter((row) => row.name === 'No partner');
    expect(none.map((row) => [row.currency, row.median_won_amount, row.note])).toEqual([
      ['EUR', '10.00', ''],
      ['USD', '10.00', ''],
      ['USD', '15.00', "converted to USD at the org's rates as of 2026-09-01T00:00:00.000Z"],
    ]);
  });

  it('writes a single row for a group without won amounts, and says it has no closed deals', () => {
    const { rows } = parse(impactAsCsv(buildImpactReport([]), Q3));
    const sourced = rows.filter((row) => row.name === 'Partner-sourced');
    expect(sourced).toHaveLength(1);
    expect(sourced[0]).toMatchObject({
      closed: '0',
      win_rate: '',
      currency: '',
      note: 'no closed deals in this period',
    });
  });
});
