import { describe, expect, it } from 'vitest';
import { UNKNOWN_CURRENCY } from '../../../lib/attribution/credit';
import { computeWeeklySummary, joinNames } from '../../../lib/attribution/summary';
import type { CurrencyFigures } from '../../../lib/attribution/summary-types';
import { shiftWeek } from '../../../lib/time/week';
import { PARTNERS, WEEK, opportunity, summaryInput, tag } from './summary-fixtures';

const { acme, globex, initech } = PARTNERS;

function usd(figures: { byCurrency: CurrencyFigures[] }, currency = 'USD'): CurrencyFigures | undefined {
  return figures.byCurrency.find((f) => f.currency === currency);
}

describe('computeWeeklySummary: the week and its trend', () => {
  it('reports the week, the week before and 12 trend weeks ending with it', () => {
    const summary = computeWeeklySummary(summaryInput());
    expect(summary.week).toEqual(WEEK);
    expect(summary.trend.map((w) => w.weekKey)).toHaveLength(12);
    expect(summary.trend[0]!.weekKey).toBe('2026-08-31');
    expect(summary.trend[11]!.weekKey).toBe('2026-11-16');
    expect(summary.previous.weekKey).toBe('2026-11-09');
    expect(summary.figures.byCurrency).toEqual([]);
  });

  it('counts an opportunity in the week that holds its creation instant, in the user zone', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('in-first', { createdAt: WEEK.start }),
        opportunity('in-last', { createdAt: '2026-11-22T22:59:59.999Z' }),
        opportunity('next', { createdAt: WEEK.end }),
        opportunity('before', { createdAt: '2026-11-15T22:59:59.999Z' }),
        opportunity('offset', { createdAt: '2026-11-16T00:30:00.000+01:00' }),
      ],
      attributions: ['in-first', 'in-last', 'next', 'before', 'offset'].map((id) => tag(id, acme, 'sourced')),
    });
    const summary = computeWeeklySummary(input);
    expect(usd(summary.figures)!.sourcedOpportunities).toBe(3);
    expect(usd(summary.previous)!.sourcedOpportunities).toBe(1);
    expect(summary.deals.map((d) => d.opportunityId)).toEqual(['in-first', 'in-last', 'offset']);
  });

  it('reads a calendar-date createdAt as local midnight of that day', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('monday', { createdAt: '2026-11-16' }),
        opportunity('sunday', { createdAt: '2026-11-22' }),
        opportunity('next-monday', { createdAt: '2026-11-23' }),
        opportunity('earlier', { createdAt: '2026-09-01' }),
      ],
      attributions: ['monday', 'sunday', 'next-monday', 'earlier'].map((id) => tag(id, acme, 'influenced')),
    });
    const summary = computeWeeklySummary(input);
    expect(usd(summary.figures)!.influencedOpportunities).toBe(2);
    expect(usd(summary.trend[0]!)!.influencedOpportunities).toBe(1); // 1 Sept is in the week of 31 Aug
  });
});

describe('computeWeeklySummary: figures per currency', () => {
  it('counts sourced and influenced apart, full amounts, never added', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('a', { amountCents: 4_000_000 }),
        opportunity('b', { amountCents: 1_000_000 }),
        opportunity('c', { amountCents: 250 }),
      ],
      attributions: [
        tag('a', acme, 'sourced'),
        tag('a', globex, 'influenced'),
        tag('a', initech, 'influenced'),
        tag('b', globex, 'influenced'),
        tag('c', acme, 'sourced'),
      ],
      newPipeline: { '2026-11-16': { USD: 10_000_000 } },
    });
    const figures = usd(computeWeeklySummary(input).figures)!;
    expect(figures).toMatchObject({
      sourcedPipelineCents: 4_000_250,
      sourcedOpportunities: 2,
      influencedPipelineCents: 5_000_000,
      influencedOpportunities: 2,
      newPipelineCents: 10_000_000,
    });
    expect(figures.sourcedShare).toBeCloseTo(0.400025, 9);
  });

  it('does not count a disputed opportunity as sourced, and lists it for review', () => {
    const input = summaryInput({
      opportunities: [opportunity('d', { amountCents: 7_000_000, name: 'Umbrella renewal' })],
      attributions: [tag('d', acme, 'sourced'), tag('d', globex, 'sourced')],
    });
    const summary = computeWeeklySummary(input);
    expect(usd(summary.figures)).toMatchObject({ sourcedPipelineCents: 0, sourcedOpportunities: 0 });
    expect(summary.needsReview).toEqual([
      {
        opportunityId: 'd',
        name: 'Umbrella renewal',
        reason: 'disputed',
        detail: 'Acme SI and Globex both claim to have sourced it',
      },
    ]);
    expect(summary.deals[0]).toMatchObject({ kinds: [], disputed: true, partnerNames: ['Acme SI', 'Globex'] });
    // The claimants still show, with zeros, so the dispute does not make a partner disappear.
    expect(summary.byPartner.map((l) => [l.partnerName, l.sourcedPipelineCents])).toEqual([
      ['Acme SI', 0],
      ['Globex', 0],
    ]);
  });

  it('keeps currencies apart, reports an unknown currency on its own, and counts deals without amount', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('u', { amountCents: 100, currency: 'USD' }),
        opportunity('e', { amountCents: 200, currency: 'EUR' }),
        opportunity('x', { amountCents: 300, currency: null }),
        opportunity('n', { amountCents: null, currency: 'EUR' }),
      ],
      attributions: ['u', 'e', 'x', 'n'].map((id) => tag(id, acme, 'sourced')),
      newPipeline: { '2026-11-16': { EUR: 1000, GBP: 5000 } },
    });
    const { byCurrency } = computeWeeklySummary(input).figures;
    expect(
      byCurrency.map((f) => [
        f.currency,
        f.sourcedPipelineCents,
        f.sourcedOpportunities,
        f.newPipelineCents,
        f.sourcedShare,
      ]),
    ).toEqual([
      ['EUR', 200, 2, 1000, 0.2],
      ['GBP', 0, 0, 5000, 0],
      ['USD', 100, 1, null, null],
      [UNKNOWN_CURRENCY, 300, 1, null, null],
    ]);
  });

  it('gives no share of a total that is not positive, or of credit notes outweighing sales', () => {
    const share = (amountCents: number, total: number) =>
      usd(
        computeWeeklySummary(
          summaryInput({
            opportunities: [opportunity('a', { amountCents })],
            attributions: [tag('a', acme, 'sourced')],
            newPipeline: { '2026-11-16': { USD: total } },
          }),
        ).figures,
      )!.sourcedShare;
    expect(share(500, 1_000)).toBe(0.5);
    expect(share(500, 0)).toBeNull();
    expect(share(500, -1_000)).toBeNull();
    expect(share(-500, 1_000)).toBeNull();
    expect(share(2_000, 1_000)).toBe(2);
  });

  it('counts won deals by close date in the week, open or created any time', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('w1', {
          createdAt: '2026-01-05T10:00:00Z',
          isClosed: true,
          isWon: true,
          closeDate: '2026-11-16',
          amountCents: 900,
        }),
        opportunity('w2', {
          createdAt: '2026-01-05T10:00:00Z',
          isClosed: true,
          isWon: true,
          closeDate: '2026-11-22',
          amountCents: 100,
        }),
        opportunity('w3', {
          createdAt: '2026-01-05T10:00:00Z',
          isClosed: true,
          isWon: true,
          closeDate: '2026-11-23',
          amountCents: 50,
        }),
        opportunity('lost', {
          createdAt: '2026-01-05T10:00:00Z',
          isClosed: true,
          isWon: false,
          closeDate: '2026-11-18',
          amountCents: 70,
        }),
      ],
      attributions: [
        tag('w1', acme, 'sourced'),
        tag('w2', globex, 'influenced'),
        tag('w3', acme, 'sourced'),
        tag('lost', acme, 'sourced'),
      ],
    });
    const summary = computeWeeklySummary(input);
    expect(usd(summary.figures)).toMatchObject({
      sourcedPipelineCents: 0,
      sourcedWonCents: 900,
      sourcedWonOpportunities: 1,
      influencedWonCents: 100,
      influencedWonOpportunities: 1,
    });
    expect(summary.byPartner.map((l) => [l.partnerName, l.sourcedWonCents, l.influencedWonCents])).toEqual([
      ['Acme SI', 900, 0],
      ['Globex', 0, 100],
    ]);
  });

  it('converts with the org rates, per opportunity to the cent, and says which currencies it left out', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('u', { amountCents: 100_00, currency: 'USD' }),
        opportunity('e', { amountCents: 333_33, currency: 'EUR' }),
        opportunity('j', { amountCents: 1_000_000, currency: 'JPY' }),
        opportunity('x', { amountCents: 500, currency: null }),
      ],
      attributions: ['u', 'e', 'j', 'x'].map((id) => tag(id, acme, 'sourced')),
      newPipeline: { '2026-11-16': { USD: 1_000_00, EUR: 1_000_00, CHF: 1_00 } },
      rates: { corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.9 }, asOf: '2026-11-20T08:00:00Z' },
    });
    const { converted } = computeWeeklySummary(input).figures;
    // 333.33 EUR / 0.9 = 370.366… USD → 370.37
    expect(converted).toMatchObject({
      currency: 'USD',
      sourcedPipelineCents: 100_00 + 370_37,
      sourcedOpportunities: 2,
      newPipelineCents: 1_000_00 + 1_111_11,
      ratesAsOf: '2026-11-20T08:00:00Z',
      excludedCurrencies: ['CHF', 'JPY', UNKNOWN_CURRENCY],
    });
    expect(computeWeeklySummary({ ...input, rates: undefined }).figures.converted).toBeUndefined();
  });
});

describe('computeWeeklySummary: by partner and top deals', () => {
  it('splits influence so partner cents add up exactly to each amount, and sorts by sourced then influenced', () => {
    const input = summaryInput({
      opportunities: [opportunity('a', { amountCents: 100 }), opportunity('b', { amountCents: 1_000 })],
      attributions: [
        tag('a', acme, 'influenced'),
        tag('a', globex, 'influenced'),
        tag('a', initech, 'influenced'),
        tag('b', initech, 'sourced'),
      ],
    });
    const lines = computeWeeklySummary(input).byPartner;
    expect(lines.map((l) => l.partnerName)).toEqual(['Initech', 'Acme SI', 'Globex']);
    expect(lines.reduce((sum, l) => sum + l.influencedPipelineCents, 0)).toBe(100);
    expect(lines.find((l) => l.partnerName === 'Initech')).toMatchObject({
      sourcedPipelineCents: 1_000,
      sourcedOpportunities: 1,
      influencedOpportunities: 1,
    });
  });

  it('lists the five largest deals created in the week, the most common currency first', () => {
    const amounts: [string, number | null, string][] = [
      ['a', 500, 'USD'],
      ['b', 9_000, 'EUR'],
      ['c', 700, 'USD'],
      ['d', null, 'USD'],
      ['e', 100, 'USD'],
      ['f', 50, 'EUR'],
      ['g', 10, 'USD'],
    ];
    const input = summaryInput({
      opportunities: [
        ...amounts.map(([id, amountCents, currency]) => opportunity(id, { amountCents, currency })),
        opportunity('old', { amountCents: 1_000_000, createdAt: '2026-11-10T10:00:00Z' }),
      ],
      attributions: [...amounts.map(([id]) => tag(id, acme, 'influenced')), tag('old', acme, 'sourced')],
    });
    expect(computeWeeklySummary(input).topDeals.map((d) => d.opportunityId)).toEqual(['c', 'a', 'e', 'g', 'd']);
  });
});

describe('computeWeeklySummary: stale deals', () => {
  it('lists open partner deals whose last touch is more than 30 days before now, oldest first', () => {
    const created = '2026-06-01T10:00:00Z';
    const input = summaryInput({
      opportunities: [
        opportunity('fresh', { createdAt: created }),
        opportunity('edge', { createdAt: created }),
        opportunity('stale', { createdAt: created, name: 'Stale deal' }),
        opportunity('older', { createdAt: created }),
        opportunity('closed', { createdAt: created, isClosed: true }),
        opportunity('untouched', { createdAt: created }),
      ],
      attributions: [
        tag('fresh', acme, 'influenced', { touches: [{ type: 'joint_call', date: '2026-11-01' }] }),
        // now is Saturday 21 Nov: exactly 30 days ago is 22 Oct (not stale), 31 days is 21 Oct (stale).
        tag('edge', acme, 'influenced', { touches: [{ type: 'joint_call', date: '2026-10-22' }] }),
        tag('stale', acme, 'influenced', { touches: [{ type: 'joint_call', date: '2026-10-21' }] }),
        tag('stale', globex, 'sourced', { touches: [{ type: 'intro_referral', date: '2026-09-01' }] }),
        tag('older', globex, 'influenced', { touches: [{ type: 'joint_call', date: '2026-08-01' }] }),
        tag('closed', globex, 'influenced', { touches: [{ type: 'joint_call', date: '2026-01-01' }] }),
        tag('untouched', initech, 'influenced', { touches: [], createdAt: '2026-09-30T22:30:00Z' }),
      ],
    });
    const stale = computeWeeklySummary(input).stale;
    expect(stale).toEqual([
      {
        opportunityId: 'older',
        name: 'Deal older',
        partnerNames: ['Globex'],
        lastTouch: '2026-08-01',
        daysSinceTouch: 112,
      },
      // Tagged at 00:30 on 1 Oct Berlin time (22:30 UTC the day before), without any touch.
      { opportunityId: 'untouched', name: 'Deal untouched', partnerNames: ['Initech'], daysSinceTouch: 51 },
      {
        opportunityId: 'stale',
        name: 'Stale deal',
        partnerNames: ['Acme SI', 'Globex'],
        lastTouch: '2026-10-21',
        daysSinceTouch: 31,
      },
    ]);
  });

  it('measures from the week end for a past week', () => {
    const input = summaryInput({
      week: { ...WEEK, key: '2026-10-19' },
      opportunities: [opportunity('s', { createdAt: '2026-06-01T10:00:00Z' })],
      attributions: [tag('s', acme, 'influenced', { touches: [{ type: 'joint_call', date: '2026-09-24' }] })],
    });
    const summary = computeWeeklySummary(input);
    expect(summary.week.key).toBe('2026-10-19');
    // The week ends at local midnight starting 26 Oct: 32 days after 24 Sept.
    expect(summary.stale.map((s) => s.daysSinceTouch)).toEqual([32]);
    expect(computeWeeklySummary({ ...input, staleDays: 40 }).stale).toEqual([]);
  });
});

describe('computeWeeklySummary: needs review', () => {
  it('lists influence without evidence and sourced claims outside the window, once per deal and reason', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('a', { name: 'Alpha' }),
        opportunity('b', { name: 'Beta', isClosed: true, createdAt: '2025-01-01' }),
      ],
      attributions: [
        tag('a', acme, 'influenced', { touches: [] }),
        tag('a', globex, 'influenced', { touches: [] }),
        tag('a', initech, 'influenced'),
        tag('b', acme, 'sourced', { windowOverrideReason: 'Registered at the partner summit' }),
      ],
    });
    expect(computeWeeklySummary(input).needsReview).toEqual([
      {
        opportunityId: 'a',
        name: 'Alpha',
        reason: 'no_evidence',
        detail: 'Influenced by Acme SI and Globex without evidence',
      },
      {
        opportunityId: 'b',
        name: 'Beta',
        reason: 'window_override',
        detail: 'Sourced by Acme SI outside the window: Registered at the partner summit',
      },
    ]);
  });

  it('never hides a deal whose created date, amount or currency is unknown: listed first, counted in every week', () => {
    const input = summaryInput({
      opportunities: [
        opportunity('undated', { name: 'Undated', createdAt: '', amountCents: null, currency: null, fromPage: true }),
        opportunity('no-amount', { name: 'No amount', amountCents: null }),
        opportunity('hidden', { name: 'Hidden amount', amountCents: null, amountHidden: true }),
        opportunity('dispute', { name: 'Dispute' }),
        opportunity('untagged', { name: 'Untagged', createdAt: '' }),
      ],
      attributions: [
        tag('undated', acme, 'sourced'),
        tag('no-amount', acme, 'sourced'),
        tag('hidden', globex, 'sourced'),
        tag('dispute', acme, 'sourced'),
        tag('dispute', globex, 'sourced'),
      ],
    });
    const summary = computeWeeklySummary(input);
    expect(summary.needsReview.map((item) => `${item.opportunityId} ${item.reason}`)).toEqual([
      'undated created_unknown',
      'dispute disputed',
      'hidden amount_unknown',
      'no-amount amount_unknown',
      'undated amount_unknown',
      'undated currency_unknown',
    ]);
    const detail = (id: string, reason: string) =>
      summary.needsReview.find((item) => item.opportunityId === id && item.reason === reason)!.detail;
    expect(detail('undated', 'created_unknown')).toMatch(/^Created date unknown: open the opportunity/);
    expect(detail('undated', 'amount_unknown')).toMatch(/^Amount unknown: open the opportunity/);
    expect(detail('undated', 'currency_unknown')).toMatch(/^Currency unknown: open the opportunity/);
    // Known to Salesforce as empty: the fix is in Salesforce. Hidden by field access: said as such.
    expect(detail('no-amount', 'amount_unknown')).toMatch(/^Amount unknown: add the amount in Salesforce/);
    expect(detail('hidden', 'amount_unknown')).toMatch(/^Amount hidden by your Salesforce field access: /);
    // The undated deal is in no week's figures; the headline counts it, and every deal lacking a fact.
    expect(summary.deals.map((deal) => deal.opportunityId)).toEqual(['dispute', 'hidden', 'no-amount']);
    expect(summary.undatedCount).toBe(1);
    expect(summary.unknownFactsCount).toBe(3);
    // In another week too: the counts do not depend on the week.
    const earlier = computeWeeklySummary({ ...input, week: shiftWeek(WEEK, -5, input.settings) });
    expect(earlier.figures.byCurrency).toEqual([]);
    expect([earlier.undatedCount, earlier.unknownFactsCount]).toEqual([1, 3]);
  });

  it('ignores tags of opportunities it has no facts for', () => {
    const input = summaryInput({ attributions: [tag('ghost', acme, 'sourced'), tag('ghost', globex, 'sourced')] });
    const summary = computeWeeklySummary(input);
    expect(summary.needsReview).toEqual([]);
    expect(summary.byPartner).toEqual([]);
  });
});

describe('computeWeeklySummary: the order of the rows', () => {
  it('gives the same summary for rows in store order, with gaps and strangers, and in reverse', () => {
    const opportunities = ['a', 'b', 'c', 'd'].map((id, i) => opportunity(id, { amountCents: (i + 1) * 1_000 }));
    const attributions = [
      tag('a', acme, 'sourced'),
      tag('a', globex, 'influenced'),
      tag('ghost', globex, 'sourced'), // a stranger between two groups
      tag('c', initech, 'influenced'), // b has no tags: the walk skips it
      tag('c', acme, 'influenced', { touches: [] }),
      tag('d', globex, 'sourced'),
      tag('a', initech, 'influenced'), // a's group again, out of its place
    ];
    const inOrder = computeWeeklySummary(summaryInput({ opportunities, attributions }));
    const reversed = computeWeeklySummary(
      summaryInput({ opportunities: [...opportunities].reverse(), attributions: [...attributions].reverse() }),
    );
    expect(reversed).toEqual(inOrder);
    expect(usd(inOrder.figures)).toMatchObject({
      sourcedOpportunities: 2,
      sourcedPipelineCents: 5_000,
      influencedOpportunities: 2,
      influencedPipelineCents: 4_000,
    });
    expect(inOrder.deals.find((d) => d.opportunityId === 'a')!.partnerNames).toEqual(['Acme SI', 'Globex', 'Initech']);
  });
});

describe('joinNames', () => {
  it('joins names as a sentence does', () => {
    expect(joinNames(['Acme SI'])).toBe('Acme SI');
    expect(joinNames(['Acme SI', 'Globex'])).toBe('Acme SI and Globex');
    expect(joinNames(['Acme SI', 'Globex', 'Initech'])).toBe('Acme SI, Globex and Initech');
  });
});
