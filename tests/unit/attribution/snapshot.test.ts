import { describe, expect, it } from 'vitest';
import { formatCents } from '../../../lib/attribution/format';
import { compareSnapshot, describeCounting, freezeSnapshot } from '../../../lib/attribution/snapshot';
import { computeWeeklySummary } from '../../../lib/attribution/summary';
import { PARTNERS, opportunity, summaryInput, tag } from './summary-fixtures';

const { acme, globex } = PARTNERS;

function reportedWeek() {
  return summaryInput({
    opportunities: [
      opportunity('a', { name: 'Alpha expansion', amountCents: 4_000_000 }),
      opportunity('b', { name: 'Beta renewal', amountCents: 1_000_000 }),
      opportunity('c', { name: 'Gamma pilot', amountCents: 500_000 }),
    ],
    attributions: [tag('a', acme, 'sourced'), tag('b', globex, 'influenced'), tag('c', acme, 'influenced')],
  });
}

describe('freezeSnapshot', () => {
  it('keeps the week, its figures, partner lines and every deal behind them, as a copy', () => {
    const summary = computeWeeklySummary(reportedWeek());
    const snapshot = freezeSnapshot(summary, 'org-00D000000000001', new Date('2026-11-20T16:00:00Z'));
    expect(snapshot).toMatchObject({
      orgKey: 'org-00D000000000001',
      weekKey: '2026-11-16',
      frozenAt: '2026-11-20T16:00:00.000Z',
    });
    expect(snapshot.figures).toEqual(summary.figures);
    expect(snapshot.byPartner).toEqual(summary.byPartner);
    expect(snapshot.deals.map((d) => d.opportunityId)).toEqual(['a', 'b', 'c']);
    summary.deals[0]!.amountCents = 1;
    summary.figures.byCurrency[0]!.sourcedPipelineCents = 1;
    expect(snapshot.deals[0]!.amountCents).toBe(4_000_000);
    expect(snapshot.figures.byCurrency[0]!.sourcedPipelineCents).toBe(4_000_000);
  });

  it('refuses a time that is not one', () => {
    expect(() => freezeSnapshot(computeWeeklySummary(reportedWeek()), 'org', 'Friday')).toThrow(RangeError);
  });
});

describe('compareSnapshot', () => {
  it('finds nothing when nothing changed', () => {
    const summary = computeWeeklySummary(reportedWeek());
    expect(compareSnapshot(freezeSnapshot(summary, 'org', '2026-11-20T16:00:00Z'), summary, 'en-US')).toEqual([]);
  });

  it('tells deals added and removed, amounts changed and deals counted differently, in words', () => {
    const before = reportedWeek();
    const snapshot = freezeSnapshot(computeWeeklySummary(before), 'org', '2026-11-20T16:00:00Z');
    const after = summaryInput({
      opportunities: [
        opportunity('a', { name: 'Alpha expansion', amountCents: 5_500_000 }),
        opportunity('b', { name: 'Beta renewal', amountCents: 1_000_000 }),
        opportunity('c', { name: 'Gamma pilot', amountCents: 500_000, createdAt: '2026-11-09T10:00:00Z' }),
        opportunity('d', { name: 'Delta', amountCents: null }),
      ],
      attributions: [
        tag('a', acme, 'sourced'),
        tag('a', globex, 'sourced'),
        tag('b', globex, 'sourced'),
        tag('c', acme, 'influenced'),
        tag('d', globex, 'influenced'),
      ],
    });
    expect(compareSnapshot(snapshot, computeWeeklySummary(after), 'en-US')).toEqual([
      {
        opportunityId: 'd',
        name: 'Delta',
        change: 'added',
        detail: 'Added since it was reported: no amount, partner-influenced',
      },
      {
        opportunityId: 'c',
        name: 'Gamma pilot',
        change: 'removed',
        detail: 'No longer counted in this week: was $5,000.00, partner-influenced',
      },
      {
        opportunityId: 'a',
        name: 'Alpha expansion',
        change: 'amount',
        detail: 'Amount changed from $40,000.00 to $55,000.00',
      },
      { opportunityId: 'a', name: 'Alpha expansion', change: 'kind', detail: 'Was partner-sourced, now disputed' },
      {
        opportunityId: 'b',
        name: 'Beta renewal',
        change: 'kind',
        detail: 'Was partner-influenced, now partner-sourced',
      },
    ]);
  });

  it('reports a change of currency as a change of amount', () => {
    const summary = computeWeeklySummary(reportedWeek());
    const snapshot = freezeSnapshot(summary, 'org', '2026-11-20T16:00:00Z');
    const changed = computeWeeklySummary({
      ...reportedWeek(),
      opportunities: reportedWeek().opportunities.map((o) => (o.id === 'b' ? { ...o, currency: 'EUR' } : o)),
    });
    expect(compareSnapshot(snapshot, changed, 'en-US')).toEqual([
      {
        opportunityId: 'b',
        name: 'Beta renewal',
        change: 'amount',
        detail: 'Amount changed from $10,000.00 to €10,000.00',
      },
    ]);
  });

  it('refuses to compare different weeks', () => {
    const summary = computeWeeklySummary(reportedWeek());
    const snapshot = { ...freezeSnapshot(summary, 'org', '2026-11-20T16:00:00Z'), weekKey: '2026-11-09' };
    expect(() => compareSnapshot(snapshot, summary)).toThrow(/week of 2026-11-09/);
  });
});

describe('describeCounting', () => {
  it('names how a deal is counted', () => {
    expect(describeCounting({ kinds: ['sourced', 'influenced'] })).toBe('partner-sourced and partner-influenced');
    expect(describeCounting({ kinds: ['influenced'], disputed: true })).toBe('disputed and partner-influenced');
    expect(describeCounting({ kinds: [] })).toBe('not counted');
  });
});

describe('formatCents', () => {
  it('writes cents as money in the currency, and marks an unknown currency', () => {
    expect(formatCents(4_000_000, 'USD', 'en-US')).toBe('$40,000.00');
    expect(formatCents(-150, 'EUR', 'de-DE')).toBe('-1,50\u00a0€');
    expect(formatCents(123_456, 'unknown', 'en-US')).toBe('1,234.56 (currency unknown)');
    expect(formatCents(123_456, null, 'en-US')).toBe('1,234.56 (currency unknown)');
    expect(formatCents(500, 'USD', 'en-US', { signed: true })).toBe('+$5.00');
    expect(formatCents(0, 'USD', 'en-US', { signed: true })).toBe('$0.00');
    expect(formatCents(100, 'usd!', 'en-US')).toBe('1.00 usd!');
  });
});
