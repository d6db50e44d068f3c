import { describe, expect, it } from 'vitest';
import type { PartnerLine, WeekFigures } from '../../../../lib/attribution/summary-types';
import {
  currenciesOf,
  figuresDiffer,
  formatCentsCompact,
  formatPercent,
  moneyChange,
  niceCeiling,
  opportunityCount,
  opportunityUrl,
  pickCurrency,
  reportedDifferences,
  shareChange,
  sortPartnerLines,
  summaryCsvFileName,
  weekHint,
} from '../../../../components/summary/summary-view';
import { currencyFigures } from './fixtures';

const week = (byCurrency: WeekFigures['byCurrency'], converted?: WeekFigures['converted']): WeekFigures => ({
  weekKey: '2026-11-16',
  byCurrency,
  converted,
});

describe('formatCentsCompact', () => {
  it('shortens axis labels', () => {
    expect(formatCentsCompact(20_000_000, 'USD', 'en-US')).toBe('$200K');
  });
});

describe('week labels', () => {
  it('hints at this week and last week only', () => {
    expect(weekHint('2026-11-16', '2026-11-16')).toBe('This week');
    expect(weekHint('2026-11-09', '2026-11-16')).toBe('Last week');
    expect(weekHint('2026-11-02', '2026-11-16')).toBeUndefined();
    expect(weekHint('2026-12-28', '2027-01-04')).toBe('Last week');
  });
});

describe('changes', () => {
  it('says up, down or no change in words for screen readers', () => {
    expect(moneyChange(3_000_000, 1_800_000, 'USD', 'en-US')).toEqual({
      direction: 'up',
      visible: '↑ $12,000',
      words: 'up $12,000 from last week',
    });
    expect(moneyChange(100, 350, 'USD', 'en-US')).toEqual({
      direction: 'down',
      visible: '↓ $2.50',
      words: 'down $2.50 from last week',
    });
    expect(moneyChange(5, 5, 'USD', 'en-US').words).toBe('no change from last week');
  });

  it('measures a share in percentage points, and not at all when a week is unknown', () => {
    expect(shareChange(0.29, 0.24, 'en-US')?.words).toBe('up 5 percentage points from last week');
    expect(shareChange(0.2, 0.21, 'en-US')?.words).toBe('down 1 percentage point from last week');
    expect(shareChange(null, 0.21)).toBeUndefined();
    expect(formatPercent(0.2851, 'en-US')).toBe('29 %');
  });

  it('counts opportunities', () => {
    expect(opportunityCount(1, 'en-US')).toBe('1 opportunity');
    expect(opportunityCount(1200, 'en-US')).toBe('1,200 opportunities');
  });
});

describe('pickCurrency', () => {
  const eur = currencyFigures('EUR', { sourcedOpportunities: 5 });
  const usd = currencyFigures('USD', { sourcedOpportunities: 1 });

  it('keeps the user’s choice while the week has it', () => {
    expect(pickCurrency(week([eur, usd]), ['EUR', 'USD'], 'USD')).toBe('USD');
  });

  it('prefers the corporate currency, then the busiest one', () => {
    expect(
      pickCurrency(
        week([eur, usd], { ...currencyFigures('USD'), ratesAsOf: '2026-11-20T08:00:00Z', excludedCurrencies: [] }),
        ['EUR', 'USD'],
      ),
    ).toBe('USD');
    expect(pickCurrency(week([eur, usd]), ['EUR', 'USD'], 'GBP')).toBe('EUR');
    expect(pickCurrency(week([]), [])).toBeUndefined();
  });

  it('offers every currency once, sorted', () => {
    expect(currenciesOf([week([usd, eur]), week([usd])])).toEqual(['EUR', 'USD']);
  });
});

describe('sortPartnerLines', () => {
  const line = (
    partnerName: string,
    sourced: number,
    influenced: number,
    won: number,
    currency = 'USD',
  ): PartnerLine => ({
    partnerId: partnerName,
    partnerName,
    currency,
    sourcedPipelineCents: sourced,
    sourcedOpportunities: 1,
    influencedPipelineCents: influenced,
    influencedOpportunities: 1,
    sourcedWonCents: won,
    influencedWonCents: 0,
  });
  const lines = [
    line('beta', 100, 50, 0),
    line('Alpha', 300, 10, 5),
    line('Gamma', 100, 90, 9),
    line('Euro', 999, 0, 0, 'EUR'),
  ];
  const names = (key: Parameters<typeof sortPartnerLines>[2], direction: 'ascending' | 'descending') =>
    sortPartnerLines(lines, 'USD', key, direction).map((l) => l.partnerName);

  it('shows one currency only and sorts by each column, ties by name', () => {
    expect(names('sourced', 'descending')).toEqual(['Alpha', 'beta', 'Gamma']);
    expect(names('sourced', 'ascending')).toEqual(['beta', 'Gamma', 'Alpha']);
    expect(names('influenced', 'descending')).toEqual(['Gamma', 'beta', 'Alpha']);
    expect(names('won', 'descending')).toEqual(['Gamma', 'Alpha', 'beta']);
    expect(names('partner', 'ascending')).toEqual(['Alpha', 'beta', 'Gamma']);
  });
});

describe('reported figures', () => {
  const reported = week([currencyFigures('USD', { sourcedPipelineCents: 100, sourcedOpportunities: 1 })]);

  it('lists the figures that moved in a currency', () => {
    const now = week([currencyFigures('USD', { sourcedPipelineCents: 150, sourcedOpportunities: 1 })]);
    expect(reportedDifferences(reported, now, 'USD')).toEqual({ sourcedPipelineCents: { reported: 100, now: 150 } });
    expect(figuresDiffer(reported, now)).toBe(true);
  });

  it('sees a currency that appeared, and a count that moved, as a difference', () => {
    expect(
      figuresDiffer(reported, week([...reported.byCurrency, currencyFigures('EUR', { influencedPipelineCents: 1 })])),
    ).toBe(true);
    expect(
      figuresDiffer(reported, week([currencyFigures('USD', { sourcedPipelineCents: 100, sourcedOpportunities: 2 })])),
    ).toBe(true);
    expect(figuresDiffer(reported, week([...reported.byCurrency]))).toBe(false);
  });
});

describe('niceCeiling', () => {
  it('rounds the scale up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect([0, 7, 12, 18_250_000, 22_000_000, 50].map(niceCeiling)).toEqual([1, 10, 20, 20_000_000, 25_000_000, 50]);
  });
});

describe('names and links', () => {
  it('names the CSV by the week’s first day and links to the Lightning record page', () => {
    expect(summaryCsvFileName('2026-11-16')).toBe('partner-attribution-2026-11-16.csv');
    expect(opportunityUrl('https://acme.lightning.force.com/', '006Ak000000000AAAA')).toBe(
      'https://acme.lightning.force.com/lightning/r/Opportunity/006Ak000000000AAAA/view',
    );
  });
});
