import { describe, expect, it } from 'vitest';
import type { CurrencyRates } from '../../../lib/attribution/summary-types';
import { MIN_CLOSED_DEALS, NOT_ENOUGH_DEALS, buildImpactReport, type ImpactReport } from '../../../lib/impact/report';
import { deal, deals } from './fixtures';

const EN = { locale: 'en-US' };

function group(report: ImpactReport, name: 'sourced' | 'influenced' | 'none') {
  return report.groups.find((figures) => figures.group === name)!;
}

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('buildImpactReport: verdicts', () => {
  it('states a verdict only when the difference holds at 95 %', () => {
    const report = buildImpactReport([...deals('sourced', 87, 125), ...deals('none', 362, 978)], EN);
    expect(report.comparisons[0]).toMatchObject({
      group: 'sourced',
      kind: 'holds',
      sentence:
        'Deals with a sourcing partner were won 41 % of the time, against 27 % without partners ' +
        '(n = 212 and 1,340); the difference holds at 95 %.',
    });
    expect(report.comparisons[0]!.difference!.interval.lower).toBeGreaterThan(0);
  });

  it('says the difference is not clear when its interval includes 0, and gives no verdict', () => {
    const report = buildImpactReport([...deals('sourced', 5, 7), ...deals('none', 11, 29)], EN);
    const comparison = report.comparisons[0]!;
    expect(comparison.kind).toBe('unclear');
    expect(comparison.difference!.interval.lower).toBeLessThan(0);
    expect(comparison.difference!.interval.upper).toBeGreaterThan(0);
    expect(comparison.sentence).toBe(
      'Deals with a sourcing partner were won 42 % of the time and deals without partners 28 % ' +
        '(n = 12 and 40), but the difference is not clear at 95 %.',
    );
    expect(comparison.sentence).not.toMatch(/holds/);
    expect(report.headline).toBeUndefined();
  });

  it('needs 10 closed deals on each side before comparing', () => {
    expect(MIN_CLOSED_DEALS).toBe(10);
    const few = buildImpactReport([...deals('sourced', 9, 0), ...deals('none', 0, 100)], EN);
    expect(few.comparisons[0]).toEqual({ group: 'sourced', kind: 'not_enough', sentence: NOT_ENOUGH_DEALS });
    expect(NOT_ENOUGH_DEALS).toBe('Not enough closed deals to compare (n < 10)');
    const fewBaseline = buildImpactReport([...deals('sourced', 50, 0), ...deals('none', 0, 9)], EN);
    expect(fewBaseline.comparisons[0]!.kind).toBe('not_enough');
    const justEnough = buildImpactReport([...deals('sourced', 10, 0), ...deals('none', 0, 10)], EN);
    expect(justEnough.comparisons[0]!.kind).toBe('holds');
  });

  it('compares partner-influenced only deals with no partner too, and reports a clear difference either way', () => {
    const report = buildImpactReport([...deals('influenced', 20, 80), ...deals('none', 60, 40)], EN);
    expect(report.comparisons.map((c) => [c.group, c.kind])).toEqual([
      ['sourced', 'not_enough'],
      ['influenced', 'holds'],
    ]);
    expect(report.comparisons[1]!.sentence).toBe(
      'Deals with partner involvement but no sourcing partner were won 20 % of the time, against 60 % without ' +
        'partners (n = 100 and 100); the difference holds at 95 %.',
    );
    expect(report.comparisons[1]!.difference!.interval.upper).toBeLessThan(0);
  });

  it('tells rates apart with one decimal when whole percentages would look the same', () => {
    const report = buildImpactReport([...deals('sourced', 274, 726), ...deals('none', 268, 732)], EN);
    expect(report.comparisons[0]!.sentence).toMatch(/won 27\.4 % of the time and deals without partners 26\.8 %/);
  });

  it('uses the confidence level asked for, in the sentences too', () => {
    const report = buildImpactReport([...deals('sourced', 87, 125), ...deals('none', 362, 978)], {
      ...EN,
      confidence: 0.99,
    });
    expect(report.confidence).toBe(0.99);
    expect(report.comparisons[0]!.sentence).toMatch(/holds at 99 %\.$/);
    const width = (r: ImpactReport) => {
      const { lower, upper } = group(r, 'sourced').winRate.interval!;
      return upper - lower;
    };
    expect(width(report)).toBeGreaterThan(width(buildImpactReport(deals('sourced', 87, 125))));
  });
});

describe('buildImpactReport: headline', () => {
  it('gives a one-line headline only when a verdict holds, sourced first, with the period', () => {
    const input = [...deals('sourced', 87, 125), ...deals('influenced', 50, 50), ...deals('none', 362, 978)];
    expect(buildImpactReport(input, { ...EN, periodLabel: 'Q3 2026' }).headline).toBe(
      'Q3 2026: partner-sourced deals were won 41 % of the time, against 27 % without partners (holds at 95 %)',
    );
    expect(buildImpactReport(input, EN).headline).toBe(
      'Partner-sourced deals were won 41 % of the time, against 27 % without partners (holds at 95 %)',
    );
  });

  it('falls back to partner-influenced deals when only their difference holds', () => {
    const input = [...deals('sourced', 3, 3), ...deals('influenced', 50, 50), ...deals('none', 27, 73)];
    expect(buildImpactReport(input, EN).headline).toBe(
      'Partner-influenced deals were won 50 % of the time, against 27 % without partners (holds at 95 %)',
    );
  });
});

describe('buildImpactReport: figures', () => {
  it('lists all three groups, empty ones too, with no NaN or Infinity anywhere', () => {
    const report = buildImpactReport([]);
    expect(report.groups.map((g) => [g.label, g.closed, g.won])).toEqual([
      ['Partner-sourced', 0, 0],
      ['Partner-influenced only', 0, 0],
      ['No partner', 0, 0],
    ]);
    expect(group(report, 'sourced').winRate).toEqual({ successes: 0, n: 0 });
    expect(group(report, 'sourced').cycle).toEqual({ n: 0, unknown: 0 });
    expect(report.partners).toEqual([]);
    expect(numbersIn(report).every(Number.isFinite)).toBe(true);
    expect(report.comparisons.every((c) => c.kind === 'not_enough')).toBe(true);
  });

  it('gives the win rate with its Wilson interval', () => {
    const sourced = group(buildImpactReport(deals('sourced', 81, 182)), 'sourced');
    expect(sourced).toMatchObject({ closed: 263, won: 81 });
    expect(sourced.winRate.interval!.lower).toBeCloseTo(0.2553, 4);
    expect(sourced.winRate.interval!.upper).toBeCloseTo(0.3662, 4);
  });

  it('gives median and mean won amounts per currency, never mixed, leaving out lost deals and missing amounts', () => {
    const input = [
      ...[100, 200, 300, 1000].map((usd) => deal('sourced', { won: true, amountCents: usd * 100, currency: 'USD' })),
      ...[50, 70].map((euros) => deal('sourced', { won: true, amountCents: euros * 100, currency: 'EUR' })),
      deal('sourced', { won: true, amountCents: null }),
      deal('sourced', { won: false, amountCents: 99_999_999, currency: 'USD' }),
    ];
    const sourced = group(buildImpactReport(input), 'sourced');
    expect(sourced.amounts).toEqual([
      { currency: 'EUR', n: 2, medianCents: 6000, meanCents: 6000 },
      { currency: 'USD', n: 4, medianCents: 25_000, meanCents: 40_000 },
    ]);
    expect(sourced.wonWithoutAmount).toBe(1);
    expect(sourced.converted).toBeUndefined();
  });

  it('gives the median amount an interval once there are enough won deals', () => {
    const input = Array.from({ length: 10 }, (_, i) => deal('none', { won: true, amountCents: (i + 1) * 1000 }));
    const none = group(buildImpactReport(input), 'none');
    expect(none.amounts[0]).toEqual({
      currency: 'USD',
      n: 10,
      medianCents: 5500,
      meanCents: 5500,
      interval: { lower: 2000, upper: 9000 },
    });
  });

  it('adds a converted figure only with rates, labelled with their date and what it leaves out', () => {
    const rates: CurrencyRates = {
      corporateCurrency: 'USD',
      rates: { USD: 1, EUR: 0.5 },
      asOf: '2026-09-01T00:00:00.000Z',
    };
    const input = [
      deal('sourced', { won: true, amountCents: 100, currency: 'USD', convertedCents: 100 }),
      deal('sourced', { won: true, amountCents: 100, currency: 'EUR', convertedCents: 200 }),
      deal('sourced', { won: true, amountCents: 100, currency: 'JPY', convertedCents: null }),
    ];
    const sourced = group(buildImpactReport(input, { rates }), 'sourced');
    expect(sourced.converted).toEqual({
      currency: 'USD',
      n: 2,
      medianCents: 150,
      meanCents: 150,
      ratesAsOf: '2026-09-01T00:00:00.000Z',
      excludedCurrencies: ['JPY'],
    });
    expect(sourced.amounts.map((a) => a.currency)).toEqual(['EUR', 'JPY', 'USD']);
  });

  it('measures the sales cycle over won deals, with its interval, and counts cycles it cannot know', () => {
    const input = [
      ...Array.from({ length: 10 }, (_, i) => deal('influenced', { won: true, cycleDays: (i + 1) * 10 })),
      deal('influenced', { won: true, cycleDays: null }),
      deal('influenced', { won: false, cycleDays: 5000 }),
    ];
    const influenced = group(buildImpactReport(input), 'influenced');
    expect(influenced.cycle).toEqual({ n: 10, medianDays: 55, interval: { lower: 20, upper: 90 }, unknown: 1 });
  });

  it('counts the disputed deals in their group', () => {
    const input = [deal('influenced', { disputed: true }), deal('influenced'), deal('sourced')];
    const report = buildImpactReport(input);
    expect(group(report, 'influenced').disputed).toBe(1);
    expect(group(report, 'sourced').disputed).toBe(0);
  });
});

describe('buildImpactReport: partners', () => {
  const acme = { partnerId: 'p-acme', partnerName: 'Acme SI', kinds: ['sourced' as const] };
  const beta = { partnerId: 'p-beta', partnerName: 'Beta Cloud', kinds: ['influenced' as const] };
  const tiny = { partnerId: 'p-tiny', partnerName: 'Tiny', kinds: ['influenced' as const] };

  it('lists partners with at least 10 closed deals, most deals first, and counts the others', () => {
    const input = [
      ...deals('sourced', 6, 4, { partners: [acme] }),
      ...deals('influenced', 3, 9, { partners: [beta] }),
      ...deals('influenced', 1, 8, { partners: [tiny] }),
      ...deals('none', 20, 80),
    ];
    const report = buildImpactReport(input, EN);
    expect(report.partners.map((p) => [p.partnerName, p.closed, p.won])).toEqual([
      ['Beta Cloud', 12, 3],
      ['Acme SI', 10, 6],
    ]);
    expect(report.partnersBelowMinimum).toBe(1);
    const acmeFigures = report.partners.find((p) => p.partnerId === 'p-acme')!;
    expect(acmeFigures.winRate.rate).toBe(0.6);
    expect(acmeFigures.versusNoPartner!.difference).toBeCloseTo(0.4, 12);
    expect(acmeFigures.versusNoPartner!.holds).toBe(true);
  });

  it('counts a disputed deal for every partner on it', () => {
    const both = [
      { ...acme, kinds: ['sourced' as const] },
      { ...beta, kinds: ['sourced' as const] },
    ];
    const report = buildImpactReport(deals('influenced', 4, 6, { partners: both, disputed: true }));
    expect(report.partners.map((p) => [p.partnerName, p.closed])).toEqual([
      ['Acme SI', 10],
      ['Beta Cloud', 10],
    ]);
    expect(report.partners[0]!.versusNoPartner).toBeUndefined();
  });
});
