// The weekly summary against a straightforward computation written here: naive loops, one week and one
// currency at a time, to the cent. Random orgs across daylight-saving changes, in several zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { INFLUENCE_MODELS, TOUCH_TYPES } from '../../../lib/attribution/model';
import { shuffle } from './arbitraries';
import { indexDeals } from '../../../lib/attribution/deal-index';
import { computeWeeklySummary, summarizeWeek } from '../../../lib/attribution/summary';
import type {
  CurrencyRates,
  SummaryAttribution,
  SummaryInput,
  SummaryOpportunity,
  WeekRange,
  WeekSettings,
  Weekday,
} from '../../../lib/attribution/summary-types';
import { shiftWeek, weekOf } from '../../../lib/time/week';

/** Each property runs in a few seconds; the limit leaves room for a busy machine, it is not a measurement. */
const TIMEOUT = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Weeks around daylight-saving changes in both hemispheres, and a zone that changes at midnight. */
const ANCHORS: [string, string][] = [
  ['Europe/Berlin', '2026-03-29T12:00:00Z'],
  ['Europe/Berlin', '2026-10-25T12:00:00Z'],
  ['America/New_York', '2026-11-01T12:00:00Z'],
  ['America/New_York', '2027-01-01T12:00:00Z'],
  ['Australia/Sydney', '2026-04-05T12:00:00Z'],
  ['America/Santiago', '2026-09-06T12:00:00Z'],
  ['Asia/Kolkata', '2026-12-30T12:00:00Z'],
];

const PARTNERS = [
  ['p1', 'Acme SI'],
  ['p2', 'Globex'],
  ['p3', 'Initech'],
  ['p4', 'Umbrella'],
] as const;

/** A calendar date `days` after 1970-01-01. */
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The local calendar date of an instant, straight from Intl. */
function localDate(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

interface Org {
  settings: WeekSettings;
  anchorMs: number;
  input: SummaryInput;
}

const org: fc.Arbitrary<Org> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    firstDayOfWeek: fc.constantFrom<Weekday>(0, 1, 6),
    currencies: fc.constantFrom<(string | null)[]>(
      ['USD'],
      ['USD', 'EUR'],
      ['EUR', null],
      ['USD', 'EUR', 'JPY'],
      [null],
    ),
    influenceModel: fc.constantFrom(...INFLUENCE_MODELS),
    nowOffsetDays: fc.integer({ min: -3, max: 20 }),
    withRates: fc.boolean(),
    seedCount: fc.integer({ min: 0, max: 28 }),
  })
  .chain(({ anchor, firstDayOfWeek, currencies, influenceModel, nowOffsetDays, withRates, seedCount }) => {
    const [timeZone, instant] = anchor;
    const anchorMs = Date.parse(instant);
    const settings: WeekSettings = { timeZone, firstDayOfWeek };
    const week = weekOf(new Date(anchorMs), settings);
    const anchorDay = Math.floor(anchorMs / DAY);
    // Created within ~14 weeks before to 2 weeks after the anchor; a third of them right at a week boundary.
    const boundaries = Array.from({ length: 16 }, (_, k) => Date.parse(shiftWeek(week, k - 13, settings).start));
    const createdAt = fc.oneof(
      fc.integer({ min: anchorMs - 98 * DAY, max: anchorMs + 14 * DAY }).map((ms) => new Date(ms).toISOString()),
      fc.integer({ min: anchorDay - 98, max: anchorDay + 14 }).map(dateOfDay),
      fc
        .tuple(fc.constantFrom(...boundaries), fc.constantFrom(-HOUR, -1, 0, 1, HOUR))
        .map(([boundary, delta]) => new Date(boundary + delta).toISOString()),
      // Unknown: the page did not show it and the API was not reached.
      fc.constant(''),
    );
    const opportunity = fc.record({
      amountCents: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 5_000_000_00 }) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) },
      ),
      currency: fc.constantFrom(...currencies),
      createdAt,
      closeDay: fc.integer({ min: anchorDay - 98, max: anchorDay + 14 }),
      state: fc.constantFrom('open', 'open', 'won', 'lost'),
      tags: fc.array(
        fc.record({
          partner: fc.constantFrom(...PARTNERS),
          kind: fc.constantFrom<'sourced' | 'influenced'>('sourced', 'influenced', 'influenced'),
          touches: fc.array(
            fc.record({
              type: fc.constantFrom(...TOUCH_TYPES),
              day: fc.integer({ min: anchorDay - 150, max: anchorDay + 5 }),
            }),
            { maxLength: 2 },
          ),
          override: fc.option(fc.constantFrom('Registered at the summit', 'Late paperwork'), { nil: undefined }),
          taggedDaysAgo: fc.integer({ min: 0, max: 120 }),
        }),
        { maxLength: 4 },
      ),
    });
    const newPipeline = fc.dictionary(
      fc.integer({ min: 0, max: 13 }).map((k) => shiftWeek(week, -k, settings).key),
      fc.dictionary(fc.constantFrom('USD', 'EUR', 'JPY', 'GBP'), fc.integer({ min: 0, max: 900_000_000 }), {
        maxKeys: 3,
      }),
      { maxKeys: 8 },
    );
    return fc
      .record({ opportunities: fc.array(opportunity, { minLength: seedCount, maxLength: seedCount }), newPipeline })
      .map(({ opportunities: rows, newPipeline: pipeline }): Org => {
        const opportunities: SummaryOpportunity[] = [];
        const attributions: SummaryAttribution[] = [];
        rows.forEach((row, i) => {
          const id = `o${String(i).padStart(2, '0')}`;
          opportunities.push({
            id,
            name: `Deal ${i % 7}`,
            amountCents: row.amountCents,
            currency: row.currency,
            createdAt: row.createdAt,
            closeDate: dateOfDay(row.closeDay),
            isClosed: row.state !== 'open',
            isWon: row.state === 'won',
            stage: row.state,
          });
          row.tags.forEach((t, k) => {
            attributions.push({
              id: `${id}-t${k}`,
              opportunityId: id,
              partnerId: t.partner[0],
              partnerName: t.partner[1],
              kind: t.kind,
              ...(t.kind === 'sourced' && t.override ? { windowOverrideReason: t.override } : {}),
              createdAt: new Date(anchorMs - t.taggedDaysAgo * DAY).toISOString(),
              touches: t.touches.map((touch) => ({ type: touch.type, date: dateOfDay(touch.day) })),
            });
          });
        });
        const rates: CurrencyRates | undefined = withRates
          ? { corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.9, GBP: 0.8 }, asOf: '2026-01-01T00:00:00Z' }
          : undefined;
        return {
          settings,
          anchorMs,
          input: {
            week,
            settings,
            now: new Date(anchorMs + nowOffsetDays * DAY).toISOString(),
            opportunities,
            attributions,
            rules: {
              influenceModel,
              touchWeights: { ...Object.fromEntries(TOUCH_TYPES.map((t) => [t, 1])), joint_call: 2 } as never,
            },
            newPipeline: pipeline,
            ...(rates ? { rates } : {}),
          },
        };
      });
  });

// ---------------------------------------------------------------------------------------------------------
// The straightforward computation

interface NaiveFigures {
  sourced: number;
  sourcedCount: number;
  influenced: number;
  influencedCount: number;
  sourcedWon: number;
  sourcedWonCount: number;
  influencedWon: number;
  influencedWonCount: number;
}

/** The seven local dates of a week, counted from its key with plain UTC day arithmetic. */
function datesOfWeek(week: WeekRange): Set<string> {
  const first = Date.parse(`${week.key}T00:00:00Z`);
  return new Set(Array.from({ length: 7 }, (_, i) => new Date(first + i * DAY).toISOString().slice(0, 10)));
}

function createdInWeek(opportunity: SummaryOpportunity, week: WeekRange): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(opportunity.createdAt)) return datesOfWeek(week).has(opportunity.createdAt);
  const ms = new Date(opportunity.createdAt).getTime();
  return ms >= new Date(week.start).getTime() && ms < new Date(week.end).getTime();
}

function naiveFigures(
  input: SummaryInput,
  week: WeekRange,
  currency: string,
  convert?: (o: SummaryOpportunity) => number | null,
) {
  const total: NaiveFigures = {
    sourced: 0,
    sourcedCount: 0,
    influenced: 0,
    influencedCount: 0,
    sourcedWon: 0,
    sourcedWonCount: 0,
    influencedWon: 0,
    influencedWonCount: 0,
  };
  const dates = datesOfWeek(week);
  for (const opportunity of input.opportunities) {
    if (convert) {
      if (convert(opportunity) === null) continue;
    } else if ((opportunity.currency ?? UNKNOWN_CURRENCY) !== currency) continue;
    const tags = input.attributions.filter((a) => a.opportunityId === opportunity.id);
    if (tags.length === 0) continue;
    const amount = convert ? convert(opportunity)! : (opportunity.amountCents ?? 0);
    const isSourced = tags.filter((t) => t.kind === 'sourced').length === 1;
    const isInfluenced = tags.some((t) => t.kind === 'influenced');
    if (createdInWeek(opportunity, week)) {
      if (isSourced) {
        total.sourced += amount;
        total.sourcedCount += 1;
      }
      if (isInfluenced) {
        total.influenced += amount;
        total.influencedCount += 1;
      }
    }
    if (opportunity.isWon && opportunity.closeDate && dates.has(opportunity.closeDate)) {
      if (isSourced) {
        total.sourcedWon += amount;
        total.sourcedWonCount += 1;
      }
      if (isInfluenced) {
        total.influencedWon += amount;
        total.influencedWonCount += 1;
      }
    }
  }
  return total;
}

function naiveConverter(rates: CurrencyRates): (o: SummaryOpportunity) => number | null {
  return (opportunity) => {
    const currency = opportunity.currency;
    if (currency === null || !(currency in rates.rates)) return null;
    const exact = ((opportunity.amountCents ?? 0) / rates.rates[currency]!) * rates.rates[rates.corporateCurrency]!;
    return Math.round(exact); // amounts here are never negative
  };
}

function expectFigures(
  input: SummaryInput,
  week: WeekRange,
  figures: ReturnType<typeof computeWeeklySummary>['figures'],
) {
  expect(figures.weekKey).toBe(week.key);
  const partnerCurrencies = new Set<string>();
  for (const opportunity of input.opportunities) {
    if (!input.attributions.some((a) => a.opportunityId === opportunity.id)) continue;
    const dates = datesOfWeek(week);
    if (createdInWeek(opportunity, week) || (opportunity.isWon && dates.has(opportunity.closeDate!))) {
      partnerCurrencies.add(opportunity.currency ?? UNKNOWN_CURRENCY);
    }
  }
  const newPipeline = input.newPipeline[week.key] ?? {};
  const expected = [...new Set([...partnerCurrencies, ...Object.keys(newPipeline)])].sort();
  expect(figures.byCurrency.map((f) => f.currency)).toEqual(expected);
  for (const currency of expected) {
    const naive = naiveFigures(input, week, currency);
    const actual = figures.byCurrency.find((f) => f.currency === currency)!;
    const total = newPipeline[currency] ?? null;
    expect(actual).toEqual({
      currency,
      sourcedPipelineCents: naive.sourced,
      sourcedOpportunities: naive.sourcedCount,
      influencedPipelineCents: naive.influenced,
      influencedOpportunities: naive.influencedCount,
      sourcedWonCents: naive.sourcedWon,
      sourcedWonOpportunities: naive.sourcedWonCount,
      influencedWonCents: naive.influencedWon,
      influencedWonOpportunities: naive.influencedWonCount,
      newPipelineCents: total,
      sourcedShare: total !== null && total > 0 && naive.sourced >= 0 ? naive.sourced / total : null,
    });
  }
  if (input.rates) {
    const convert = naiveConverter(input.rates);
    const naive = naiveFigures(input, week, input.rates.corporateCurrency, convert);
    let newTotal: number | null = null;
    if (input.newPipeline[week.key]) {
      newTotal = 0;
      for (const [currency, cents] of Object.entries(newPipeline)) {
        if (currency in input.rates.rates) newTotal += Math.round((cents / input.rates.rates[currency]!) * 1);
      }
    }
    expect(figures.converted).toMatchObject({
      currency: 'USD',
      sourcedPipelineCents: naive.sourced,
      sourcedOpportunities: naive.sourcedCount,
      influencedPipelineCents: naive.influenced,
      influencedWonCents: naive.influencedWon,
      sourcedWonCents: naive.sourcedWon,
      newPipelineCents: newTotal,
    });
  } else {
    expect(figures.converted).toBeUndefined();
  }
}

describe('computeWeeklySummary against a straightforward computation', () => {
  it(
    'gives the same figures for the week, the week before and every trend week, to the cent',
    () => {
      fc.assert(
        fc.property(org, ({ input, settings }) => {
          const summary = computeWeeklySummary(input);
          expect(summary.trend).toHaveLength(12);
          for (let k = 0; k < 12; k++) expectFigures(input, shiftWeek(input.week, k - 11, settings), summary.trend[k]!);
          expect(summary.figures).toEqual(summary.trend[11]);
          expect(summary.previous).toEqual(summary.trend[10]);
          expectFigures(input, shiftWeek(input.week, -1, settings), summary.previous);
        }),
        { numRuns: 80, seed: 20261122 },
      );
    },
    TIMEOUT,
  );

  it(
    "adds partners' cents up exactly to each currency's sourced, influenced and won figures",
    () => {
      fc.assert(
        fc.property(org, ({ input }) => {
          const summary = computeWeeklySummary(input);
          for (const figures of summary.figures.byCurrency) {
            const lines = summary.byPartner.filter((l) => l.currency === figures.currency);
            const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((total, l) => total + pick(l), 0);
            expect(sum((l) => l.sourcedPipelineCents)).toBe(figures.sourcedPipelineCents);
            expect(sum((l) => l.sourcedOpportunities)).toBe(figures.sourcedOpportunities);
            expect(sum((l) => l.influencedPipelineCents)).toBe(figures.influencedPipelineCents);
            expect(sum((l) => l.sourcedWonCents)).toBe(figures.sourcedWonCents);
            expect(sum((l) => l.influencedWonCents)).toBe(figures.influencedWonCents);
          }
          // Every partner line belongs to a currency the figures list.
          for (const line of summary.byPartner)
            expect(summary.figures.byCurrency.some((f) => f.currency === line.currency)).toBe(true);
        }),
        { numRuns: 120, seed: 20261123 },
      );
    },
    TIMEOUT,
  );

  it(
    'lists the same stale deals, review items and deals as a plain reading of the definitions',
    () => {
      fc.assert(
        fc.property(org, ({ input, settings }) => {
          const summary = computeWeeklySummary(input);
          const staleDays = 30;
          const referenceMs = Math.min(Date.parse(input.now), Date.parse(input.week.end));
          const referenceDay = Date.parse(`${localDate(referenceMs, settings.timeZone)}T00:00:00Z`) / DAY;
          const expectedStale: { id: string; days: number; lastTouch?: string }[] = [];
          const expectedReview: string[] = [];
          const expectedDeals: string[] = [];
          const weekDates = datesOfWeek(input.week);
          for (const opportunity of input.opportunities) {
            const tags = input.attributions.filter((a) => a.opportunityId === opportunity.id);
            if (tags.length === 0) continue;
            if (
              createdInWeek(opportunity, input.week) ||
              (opportunity.isWon && weekDates.has(opportunity.closeDate!))
            ) {
              expectedDeals.push(opportunity.id);
            }
            if (!opportunity.isClosed) {
              const touchDates = tags.flatMap((t) => t.touches.map((touch) => touch.date)).sort();
              const lastTouch = touchDates[touchDates.length - 1];
              const from =
                lastTouch ?? localDate(Math.min(...tags.map((t) => Date.parse(t.createdAt))), settings.timeZone);
              const days = referenceDay - Date.parse(`${from}T00:00:00Z`) / DAY;
              if (days > staleDays)
                expectedStale.push({ id: opportunity.id, days, ...(lastTouch ? { lastTouch } : {}) });
            }
            // Unknown facts: a created date that is neither a real calendar date nor an instant, no amount, no currency.
            const created = opportunity.createdAt;
            const createdKnown =
              created.length === 10
                ? new Date(`${created}T00:00:00Z`).toISOString().slice(0, 10) === created
                : created !== '' && Number.isFinite(Date.parse(created));
            if (!createdKnown) expectedReview.push(`${opportunity.id} created_unknown`);
            if (opportunity.amountCents === null) expectedReview.push(`${opportunity.id} amount_unknown`);
            if (opportunity.currency === null) expectedReview.push(`${opportunity.id} currency_unknown`);
            if (tags.filter((t) => t.kind === 'sourced').length >= 2) expectedReview.push(`${opportunity.id} disputed`);
            if (tags.some((t) => t.kind === 'influenced' && t.touches.length === 0))
              expectedReview.push(`${opportunity.id} no_evidence`);
            if (tags.some((t) => t.kind === 'sourced' && t.windowOverrideReason))
              expectedReview.push(`${opportunity.id} window_override`);
          }
          expect(
            summary.stale
              .map((s) => ({
                id: s.opportunityId,
                days: s.daysSinceTouch,
                ...(s.lastTouch ? { lastTouch: s.lastTouch } : {}),
              }))
              .sort((a, b) => (a.id < b.id ? -1 : 1)),
          ).toEqual(expectedStale);
          // Oldest first.
          for (let i = 1; i < summary.stale.length; i++)
            expect(summary.stale[i - 1]!.daysSinceTouch).toBeGreaterThanOrEqual(summary.stale[i]!.daysSinceTouch);
          expect(summary.needsReview.map((r) => `${r.opportunityId} ${r.reason}`).sort()).toEqual(
            expectedReview.sort(),
          );
          // The headline's counts: no deal is hidden, whatever fact it lacks.
          const unknownFact = expectedReview.filter((r) => /_unknown$/.test(r));
          expect(summary.undatedCount).toBe(unknownFact.filter((r) => r.endsWith(' created_unknown')).length);
          expect(summary.unknownFactsCount).toBe(new Set(unknownFact.map((r) => r.split(' ')[0])).size);
          expect(summary.deals.map((d) => d.opportunityId)).toEqual(expectedDeals.sort());
          // Top deals: created in the week, at most five, each a deal of the week.
          expect(summary.topDeals.length).toBe(
            Math.min(
              5,
              summary.deals.filter((d) =>
                createdInWeek(input.opportunities.find((o) => o.id === d.opportunityId)!, input.week),
              ).length,
            ),
          );
        }),
        { numRuns: 120, seed: 20261124 },
      );
    },
    TIMEOUT,
  );

  it(
    'does not depend on the order of opportunities and attributions',
    () => {
      fc.assert(
        fc.property(org, fc.nat(), ({ input }, seed) => {
          const shuffled = {
            ...input,
            opportunities: shuffle(input.opportunities, seed),
            attributions: shuffle(input.attributions, seed + 1),
          };
          expect(computeWeeklySummary(shuffled)).toEqual(computeWeeklySummary(input));
        }),
        { numRuns: 80, seed: 20261125 },
      );
    },
    TIMEOUT,
  );
});

describe('one deal index for every week', () => {
  it(
    'gives each week the summary computed from the rows, and previews that are the lists cut short',
    () => {
      fc.assert(
        fc.property(
          org,
          fc.integer({ min: -20, max: 3 }),
          fc.integer({ min: 0, max: 4 }),
          ({ input, settings }, shift, limit) => {
            const index = indexDeals(input.opportunities, input.attributions, settings.timeZone);
            for (const week of [input.week, shiftWeek(input.week, shift, settings)]) {
              const full = computeWeeklySummary({ ...input, week });
              expect(summarizeWeek(index, { ...input, week })).toEqual(full);
              expect(full.staleCount).toBe(full.stale.length);
              expect(full.needsReviewCount).toBe(full.needsReview.length);
              const preview = summarizeWeek(index, { ...input, week }, { listLimit: limit });
              expect(preview).toEqual({
                ...full,
                stale: full.stale.slice(0, limit),
                needsReview: full.needsReview.slice(0, limit),
              });
            }
          },
        ),
        { numRuns: 60, seed: 20261126 },
      );
    },
    TIMEOUT,
  );
});
