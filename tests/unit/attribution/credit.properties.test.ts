// Property tests for the credit invariants finance relies on: no double counting, sums that add up,
// and currencies that are never mixed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateCents,
  partnerTotals,
  splitCredit,
  UNKNOWN_CURRENCY,
  type CreditInput,
} from '../../../lib/attribution/credit';
import { isCalendarDate } from '../../../lib/attribution/dates';
import { attributionsOf, creditRules, opportunities, RUN, shuffle } from './arbitraries';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function datesOf(attribution: CreditInput): string[] {
  return attribution.touches
    .map((t) => t.date)
    .filter(isCalendarDate)
    .sort();
}

describe('splitCredit properties', () => {
  it('sourced credit per opportunity is exactly 0 or 100 %, and 100 % only without a dispute', () => {
    fc.assert(
      fc.property(attributionsOf(), creditRules, (attributions, rules) => {
        const sourced = splitCredit(attributions, rules).filter((s) => s.kind === 'sourced');
        for (const share of sourced) expect([0, 1]).toContain(share.share);
        expect(sum(sourced.map((s) => s.share))).toBe(sourced.length === 1 ? 1 : 0);
      }),
      RUN,
    );
  });

  it('influence credit per opportunity sums to 0 (no influencer) or 100 %, each share within 0..1', () => {
    fc.assert(
      fc.property(attributionsOf(), creditRules, (attributions, rules) => {
        const influence = splitCredit(attributions, rules).filter((s) => s.kind === 'influenced');
        for (const share of influence) {
          expect(share.share).toBeGreaterThanOrEqual(0);
          expect(share.share).toBeLessThanOrEqual(1);
        }
        const total = sum(influence.map((s) => s.share));
        if (influence.length === 0) expect(total).toBe(0);
        else expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
      }),
      RUN,
    );
  });

  it('the same data gives the same split, whatever its order', () => {
    fc.assert(
      fc.property(attributionsOf(), creditRules, fc.nat(), (attributions, rules, seed) => {
        const byId = (input: CreditInput[]) =>
          Object.fromEntries(splitCredit(input, rules).map((s) => [s.attributionId, s.share]));
        expect(byId(shuffle(attributions, seed))).toEqual(byId(attributions));
      }),
      RUN,
    );
  });

  it('first and last touch give everything to an influencer with the earliest / latest date', () => {
    fc.assert(
      fc.property(
        attributionsOf(),
        fc.constantFrom('first_touch' as const, 'last_touch' as const),
        (attributions, model) => {
          const influencers = attributions.filter((a) => a.kind === 'influenced');
          const shares = splitCredit(influencers, { influenceModel: model, touchWeights: {} as never });
          const dated = influencers.map(datesOf);
          if (influencers.length === 0) return;
          if (dated.every((dates) => dates.length === 0)) {
            for (const s of shares) expect(s.share).toBeCloseTo(1 / influencers.length, 12);
            return;
          }
          const winners = shares.filter((s) => s.share === 1);
          expect(winners).toHaveLength(1);
          expect(shares.filter((s) => s.share !== 0 && s.share !== 1)).toEqual([]);
          const winner = influencers.findIndex((a) => a.id === winners[0]!.attributionId);
          const key = (dates: string[]) => (model === 'first_touch' ? dates[0] : dates[dates.length - 1]);
          const best = dated
            .filter((dates) => dates.length > 0)
            .map(key)
            .sort()
            .at(model === 'first_touch' ? 0 : -1);
          expect(key(dated[winner]!)).toBe(best);
        },
      ),
      RUN,
    );
  });

  it('custom shares are proportional to each influencer’s summed touch weights', () => {
    fc.assert(
      fc.property(attributionsOf(), creditRules, (attributions, rules) => {
        const custom = { ...rules, influenceModel: 'custom' as const };
        const influencers = attributions.filter((a) => a.kind === 'influenced');
        const weights = influencers.map((a) => sum(a.touches.map((t) => custom.touchWeights[t.type])));
        const total = sum(weights);
        const shares = splitCredit(influencers, custom).map((s) => s.share);
        shares.forEach((share, i) => {
          expect(share).toBeCloseTo(total > 0 ? weights[i]! / total : 1 / influencers.length, 9);
        });
      }),
      RUN,
    );
  });
});

describe('allocateCents properties', () => {
  const totals = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
  const weights = fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 9 })
    .filter((values) => sum(values) > 0);

  it('parts sum exactly to the total, each within 1 cent of total × share, 0 for a zero share', () => {
    fc.assert(
      fc.property(totals, weights, (total, raw) => {
        const shares = raw.map((w) => w / sum(raw));
        const parts = allocateCents(total, shares);
        expect(parts).toHaveLength(shares.length);
        expect(sum(parts)).toBe(total);
        parts.forEach((part, i) => {
          expect(Number.isInteger(part)).toBe(true);
          expect(Math.abs(part - total * shares[i]!)).toBeLessThanOrEqual(1);
          if (shares[i] === 0) expect(part).toBe(0);
        });
      }),
      RUN,
    );
  });

  it('a negative total is the mirror of the positive one', () => {
    fc.assert(
      fc.property(totals, weights, (total, shares) => {
        expect(allocateCents(-total, shares)).toEqual(allocateCents(total, shares).map((part) => -part || 0));
      }),
      RUN,
    );
  });

  it('splits an opportunity’s amount by its influence shares to the cent', () => {
    fc.assert(
      fc.property(totals, attributionsOf(), creditRules, (total, attributions, rules) => {
        const shares = splitCredit(attributions, rules)
          .filter((s) => s.kind === 'influenced')
          .map((s) => s.share);
        fc.pre(shares.length > 0);
        const parts = allocateCents(total, shares);
        expect(sum(parts)).toBe(total);
        for (const [i, part] of parts.entries()) expect(Math.abs(part - total * shares[i]!)).toBeLessThanOrEqual(1);
      }),
      RUN,
    );
  });
});

describe('partnerTotals properties', () => {
  it('never counts an opportunity twice within a kind, and never adds currencies together', () => {
    fc.assert(
      fc.property(opportunities, creditRules, (opps, rules) => {
        const rows = partnerTotals(opps, rules);

        // What each partner should have, per currency, computed one opportunity at a time.
        const expectedSourced = new Map<string, number>(); // currency → cents
        const expectedInfluenced = new Map<string, number>();
        const expectedRow = new Map<
          string,
          { sourced: number; sourcedOpps: number; influencedOpps: Set<string>; influenced: number; slack: number }
        >();
        const rowOf = (partnerId: string, currency: string) => {
          const key = `${partnerId}|${currency}`;
          if (!expectedRow.has(key)) {
            expectedRow.set(key, { sourced: 0, sourcedOpps: 0, influencedOpps: new Set(), influenced: 0, slack: 0 });
          }
          return expectedRow.get(key)!;
        };
        for (const opp of opps) {
          const currency = opp.currency ?? UNKNOWN_CURRENCY;
          const amount = opp.amountCents ?? 0;
          const claims = opp.attributions.filter((a) => a.kind === 'sourced');
          const influencers = opp.attributions.filter((a) => a.kind === 'influenced');
          for (const a of opp.attributions) rowOf(a.partnerId, currency);
          if (claims.length === 1) {
            expectedSourced.set(currency, (expectedSourced.get(currency) ?? 0) + amount);
            const row = rowOf(claims[0]!.partnerId, currency);
            row.sourced += amount;
            row.sourcedOpps++;
          }
          if (influencers.length > 0) {
            expectedInfluenced.set(currency, (expectedInfluenced.get(currency) ?? 0) + amount);
            for (const share of splitCredit(opp.attributions, rules)) {
              if (share.kind !== 'influenced') continue;
              const row = rowOf(share.partnerId, currency);
              row.influencedOpps.add(opp.opportunityId);
              row.influenced += amount * share.share;
              row.slack += 1; // each allocated part is within a cent of its exact value
            }
          }
        }

        // Per currency: the partners' sums are exactly the amounts, each opportunity once.
        const currencies = new Set(rows.map((r) => r.currency));
        for (const currency of currencies) {
          const inCurrency = rows.filter((r) => r.currency === currency);
          expect(sum(inCurrency.map((r) => r.sourcedCents))).toBe(expectedSourced.get(currency) ?? 0);
          expect(sum(inCurrency.map((r) => r.influencedCents))).toBe(expectedInfluenced.get(currency) ?? 0);
        }
        for (const [currency, cents] of [...expectedSourced, ...expectedInfluenced]) {
          if (cents !== 0) expect(currencies).toContain(currency);
        }

        // Per row: one row per partner and currency, with cents only from that currency's opportunities.
        expect(new Set(rows.map((r) => `${r.partnerId}|${r.currency}`)).size).toBe(rows.length);
        expect(rows.length).toBe(expectedRow.size);
        for (const row of rows) {
          const expected = expectedRow.get(`${row.partnerId}|${row.currency}`);
          expect(expected, `${row.partnerId} in ${row.currency}`).toBeDefined();
          expect(row.sourcedCents).toBe(expected!.sourced);
          expect(row.sourcedOpportunities).toBe(expected!.sourcedOpps);
          expect(row.influencedOpportunities).toBe(expected!.influencedOpps.size);
          expect(Math.abs(row.influencedCents - expected!.influenced)).toBeLessThanOrEqual(expected!.slack + 1e-6);
        }
      }),
      RUN,
    );
  });

  it('does not depend on the order of the opportunities or of their attributions', () => {
    fc.assert(
      fc.property(opportunities, creditRules, fc.nat(), (opps, rules, seed) => {
        const reordered = shuffle(opps, seed).map((o, i) => ({
          ...o,
          attributions: shuffle(o.attributions, seed + i),
        }));
        expect(partnerTotals(reordered, rules)).toEqual(partnerTotals(opps, rules));
      }),
      RUN,
    );
  });
});
