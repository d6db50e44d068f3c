// A realistic week for the summary's components: an org selling in USD and EUR, with its rates.
import type {
  CurrencyFigures,
  DealLine,
  SnapshotChange,
  SummarySnapshot,
  WeekFigures,
  WeeklySummary,
} from '../../../../lib/attribution/summary-types';
import { emptyFigures } from '../../../../lib/attribution/summary';
import { opportunityId } from '../../../builders';

export const CURRENT_WEEK = '2026-11-16';
export const LIGHTNING = 'https://acme.lightning.force.com';

export function currencyFigures(currency: string, patch: Partial<CurrencyFigures> = {}): CurrencyFigures {
  return { ...emptyFigures(currency), ...patch };
}

/** The calendar date `days` after a `YYYY-MM-DD`. */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const thisWeek: WeekFigures = {
  weekKey: CURRENT_WEEK,
  byCurrency: [
    currencyFigures('EUR', {
      sourcedPipelineCents: 4_500_000,
      sourcedOpportunities: 1,
      influencedPipelineCents: 2_000_000,
      influencedOpportunities: 1,
      newPipelineCents: 30_000_000,
      sourcedShare: 0.15,
    }),
    currencyFigures('USD', {
      sourcedPipelineCents: 18_250_000,
      sourcedOpportunities: 3,
      influencedPipelineCents: 9_600_000,
      influencedOpportunities: 2,
      sourcedWonCents: 6_000_000,
      sourcedWonOpportunities: 1,
      influencedWonCents: 2_400_000,
      influencedWonOpportunities: 1,
      newPipelineCents: 64_000_000,
      sourcedShare: 18_250_000 / 64_000_000,
    }),
  ],
  converted: {
    ...currencyFigures('USD', {
      sourcedPipelineCents: 23_110_000,
      sourcedOpportunities: 4,
      influencedPipelineCents: 11_760_000,
      influencedOpportunities: 3,
      sourcedWonCents: 6_000_000,
      sourcedWonOpportunities: 1,
      influencedWonCents: 2_400_000,
      influencedWonOpportunities: 1,
      newPipelineCents: 96_400_000,
      sourcedShare: 23_110_000 / 96_400_000,
    }),
    ratesAsOf: '2026-11-20T08:00:00.000Z',
    excludedCurrencies: [],
  },
};

const lastWeek: WeekFigures = {
  weekKey: '2026-11-09',
  byCurrency: [
    currencyFigures('USD', {
      sourcedPipelineCents: 17_050_000,
      sourcedOpportunities: 2,
      influencedPipelineCents: 11_000_000,
      influencedOpportunities: 3,
      sourcedWonCents: 6_000_000,
      sourcedWonOpportunities: 1,
      newPipelineCents: 70_000_000,
      sourcedShare: 17_050_000 / 70_000_000,
    }),
  ],
};

const SOURCED = [8.2, 12.5, 6.1, 9.8, 15.3, 11.0, 7.4, 13.9, 16.2, 10.5, 17.05, 18.25];
const INFLUENCED = [4.0, 6.3, 9.1, 5.5, 7.2, 12.4, 8.8, 6.0, 10.1, 9.4, 11.0, 9.6];

const trend: WeekFigures[] = SOURCED.map((sourced, index) => {
  const weekKey = plusDays(CURRENT_WEEK, (index - 11) * 7);
  if (index === 11) return thisWeek;
  if (index === 10) return lastWeek;
  return {
    weekKey,
    byCurrency: [
      currencyFigures('USD', {
        sourcedPipelineCents: Math.round(sourced * 1_000_000),
        sourcedOpportunities: 2,
        influencedPipelineCents: Math.round(INFLUENCED[index]! * 1_000_000),
        influencedOpportunities: 2,
      }),
    ],
  };
});

const TOP_DEALS: DealLine[] = [
  {
    opportunityId: opportunityId(1),
    name: 'Northwind — Data platform renewal',
    amountCents: 8_000_000,
    currency: 'USD',
    kinds: ['sourced'],
    partnerNames: ['Globex Systems Integration'],
    stage: 'Proposal/Price Quote',
  },
  {
    opportunityId: opportunityId(2),
    name: 'Contoso <b>Expansion</b> 2027',
    amountCents: 6_250_000,
    currency: 'USD',
    kinds: ['sourced', 'influenced'],
    partnerNames: ['Initech Cloud', 'Acme Resellers'],
    stage: 'Qualification',
  },
  {
    opportunityId: opportunityId(3),
    name: 'Fabrikam Analytics',
    amountCents: 4_500_000,
    currency: 'EUR',
    kinds: ['sourced'],
    partnerNames: ['Umbrella GmbH'],
    stage: 'Needs Analysis',
  },
  {
    opportunityId: opportunityId(21),
    name: 'Adventure Works ERP',
    amountCents: 3_000_000,
    currency: 'USD',
    kinds: [],
    partnerNames: ['Globex Systems Integration', 'Initech Cloud'],
    disputed: true,
    stage: 'Prospecting',
  },
  {
    opportunityId: opportunityId(4),
    name: 'Tailspin Toys pilot',
    amountCents: null,
    currency: 'USD',
    kinds: ['influenced'],
    partnerNames: ['Acme Resellers'],
  },
];

export const summary: WeeklySummary = {
  week: { key: CURRENT_WEEK, start: '2026-11-15T23:00:00.000Z', end: '2026-11-22T23:00:00.000Z' },
  figures: thisWeek,
  previous: lastWeek,
  byPartner: [
    line('p-globex', 'Globex Systems Integration', 'USD', {
      sourcedPipelineCents: 12_000_000,
      sourcedOpportunities: 2,
      sourcedWonCents: 6_000_000,
    }),
    line('p-initech', 'Initech Cloud', 'USD', {
      sourcedPipelineCents: 6_250_000,
      sourcedOpportunities: 1,
      influencedPipelineCents: 4_800_000,
      influencedOpportunities: 1,
    }),
    line('p-acme', 'Acme Resellers', 'USD', {
      influencedPipelineCents: 4_800_000,
      influencedOpportunities: 2,
      influencedWonCents: 2_400_000,
    }),
    line('p-umbrella', 'Umbrella GmbH', 'EUR', {
      sourcedPipelineCents: 4_500_000,
      sourcedOpportunities: 1,
      influencedPipelineCents: 2_000_000,
      influencedOpportunities: 1,
    }),
  ],
  trend,
  topDeals: TOP_DEALS,
  deals: TOP_DEALS,
  stale: [
    {
      opportunityId: opportunityId(11),
      name: 'Woodgrove Bank core banking',
      partnerNames: ['Globex Systems Integration'],
      lastTouch: '2026-10-05',
      daysSinceTouch: 47,
    },
    {
      opportunityId: opportunityId(12),
      name: 'Litware migration',
      partnerNames: ['Acme Resellers'],
      daysSinceTouch: 62,
    },
  ],
  staleCount: 2,
  needsReview: [
    {
      opportunityId: opportunityId(21),
      name: 'Adventure Works ERP',
      reason: 'disputed',
      detail: 'Globex Systems Integration and Initech Cloud both claim to have sourced it',
    },
    {
      opportunityId: opportunityId(22),
      name: 'Proseware CRM',
      reason: 'no_evidence',
      detail: 'Acme Resellers is credited as influencing it with no touch recorded',
    },
    {
      opportunityId: opportunityId(23),
      name: 'Lucerne Publishing',
      reason: 'window_override',
      detail: 'Sourced outside the 30-day window: “Partner intro happened at the summit”',
    },
  ],
  needsReviewCount: 3,
  undatedCount: 0,
  unknownFactsCount: 0,
};

function line(
  partnerId: string,
  partnerName: string,
  currency: string,
  patch: Partial<WeeklySummary['byPartner'][number]>,
) {
  return {
    partnerId,
    partnerName,
    currency,
    sourcedPipelineCents: 0,
    sourcedOpportunities: 0,
    influencedPipelineCents: 0,
    influencedOpportunities: 0,
    sourcedWonCents: 0,
    influencedWonCents: 0,
    ...patch,
  };
}

/** The week as it was reported on Friday: one deal has since been added and one amount changed. */
export const snapshot: SummarySnapshot = {
  orgKey: 'acme',
  weekKey: CURRENT_WEEK,
  scope: 'team',
  frozenAt: '2026-11-20T16:00:00.000Z',
  figures: {
    ...thisWeek,
    byCurrency: thisWeek.byCurrency.map((f) =>
      f.currency === 'USD' ? { ...f, sourcedPipelineCents: 11_700_000, sourcedOpportunities: 2 } : f,
    ),
  },
  byPartner: summary.byPartner,
  deals: summary.topDeals,
};

export const snapshotChanges: SnapshotChange[] = [
  {
    opportunityId: opportunityId(2),
    name: 'Contoso <b>Expansion</b> 2027',
    change: 'added',
    detail: 'Tagged partner-sourced (Initech Cloud) after the week was reported',
  },
  {
    opportunityId: opportunityId(1),
    name: 'Northwind — Data platform renewal',
    change: 'amount',
    detail: 'Amount $80,000.00, was $77,000.00',
  },
];
