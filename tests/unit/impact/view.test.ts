import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { buildImpactReport, type PartnerFigures } from '../../../lib/impact/report';
import {
  currencyChoices,
  defaultDirection,
  emptyReason,
  impactCsvFileName,
  noAmountReason,
  noCycleReason,
  pickCurrency,
  sortPartners,
} from '../../../lib/impact/view';
import { deal, deals } from './fixtures';

function partner(name: string, closed: number, won: number, extra: Partial<PartnerFigures> = {}): PartnerFigures {
  return {
    partnerId: `p-${name}`,
    partnerName: name,
    closed,
    won,
    winRate: { successes: won, n: closed, rate: won / closed },
    amounts: [],
    wonWithoutAmount: 0,
    cycle: { n: 0, unknown: 0 },
    ...extra,
  };
}

describe('reasons for empty cells', () => {
  it('says why a group, an amount or a cycle is missing', () => {
    expect(emptyReason({ closed: 0 })).toBe('No closed deals in this period');
    expect(emptyReason({ closed: 3 })).toBeUndefined();
    expect(noAmountReason({ closed: 0, won: 0 }, 'USD')).toBe('No closed deals in this period');
    expect(noAmountReason({ closed: 4, won: 0 }, 'USD')).toBe('No won deals');
    expect(noAmountReason({ closed: 4, won: 2 }, 'EUR')).toBe('No won deal with an amount in EUR');
    expect(noAmountReason({ closed: 4, won: 2 }, '')).toBe('No won deal with an amount');
    expect(noAmountReason({ closed: 4, won: 2 }, UNKNOWN_CURRENCY)).toBe(
      'No won deal with an amount in (currency unknown)',
    );
    expect(noCycleReason({ closed: 4, won: 2, cycle: { n: 0, unknown: 2 } })).toBe('No won deal with a known cycle');
  });
});

describe('currencies', () => {
  const report = buildImpactReport([
    ...deals('sourced', 3, 0, { currency: 'EUR' }),
    ...deals('none', 2, 0, { currency: 'USD' }),
    ...deals('none', 2, 0, { currency: 'GBP' }),
  ]);

  it('offers the currencies with most won deals first, then by code', () => {
    expect(currencyChoices(report)).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('keeps the user’s choice while the report has it', () => {
    expect(pickCurrency(report, 'USD')).toBe('USD');
    expect(pickCurrency(report, 'JPY')).toBe('EUR');
    expect(pickCurrency(buildImpactReport([deal('none')]))).toBeUndefined();
  });
});

describe('sortPartners', () => {
  const partners = [
    partner('beta', 20, 10, { cycle: { n: 10, medianDays: 40, unknown: 0 } }),
    partner('Acme', 12, 9, { amounts: [{ currency: 'USD', n: 9, medianCents: 500, meanCents: 500 }] }),
    partner('Cloud 10', 30, 6, { amounts: [{ currency: 'USD', n: 6, medianCents: 900, meanCents: 900 }] }),
    partner('Cloud 9', 30, 3),
  ];
  const names = (sorted: PartnerFigures[]) => sorted.map((p) => p.partnerName);
  const sorted = (key: Parameters<typeof sortPartners>[1], direction: Parameters<typeof sortPartners>[2]) =>
    names(sortPartners(partners, key, direction, 'USD'));

  it('sorts names A to Z first, ignoring case and reading numbers as numbers', () => {
    expect(defaultDirection('partner')).toBe('ascending');
    expect(sorted('partner', 'ascending')).toEqual(['Acme', 'beta', 'Cloud 9', 'Cloud 10']);
    expect(sorted('partner', 'descending')).toEqual(['Cloud 10', 'Cloud 9', 'beta', 'Acme']);
  });

  it('sorts figures largest first, ties by name', () => {
    expect(defaultDirection('closed')).toBe('descending');
    expect(sorted('closed', 'descending')).toEqual(['Cloud 9', 'Cloud 10', 'beta', 'Acme']);
    expect(sorted('winRate', 'descending')).toEqual(['Acme', 'beta', 'Cloud 10', 'Cloud 9']);
    expect(sorted('won', 'ascending')).toEqual(['Cloud 9', 'Cloud 10', 'Acme', 'beta']);
  });

  it('puts partners without the figure last in either direction', () => {
    expect(sorted('amount', 'descending')).toEqual(['Cloud 10', 'Acme', 'beta', 'Cloud 9']);
    expect(sorted('amount', 'ascending')).toEqual(['Acme', 'Cloud 10', 'beta', 'Cloud 9']);
    expect(sorted('cycle', 'ascending')).toEqual(['beta', 'Acme', 'Cloud 9', 'Cloud 10']);
  });

  it('leaves the input untouched', () => {
    const before = names(partners);
    sortPartners(partners, 'closed', 'ascending', 'USD');
    expect(names(partners)).toEqual(before);
  });
});

describe('impactCsvFileName', () => {
  it('names the file after the quarter', () => {
    expect(impactCsvFileName('2026-Q3')).toBe('partner-impact-2026-Q3.csv');
  });
});
