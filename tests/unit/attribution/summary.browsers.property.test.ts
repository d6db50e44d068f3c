// Two browsers with the same org data and the same rules compute the same numbers, to the cent: whatever
// order the rows came in, however pulls split them into batches (with older versions of a claim first),
// and whatever local ids their evidence got. Credit per attribution (Credited_Amount__c and Credit__c) and
// the weekly summaries are compared; the second browser keeps its deal index up to date batch by batch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexDeals, type DealIndex } from '../../../lib/attribution/deal-index';
import { updateDeals } from '../../../lib/attribution/deal-index-update';
import { INFLUENCE_MODELS, TOUCH_TYPES } from '../../../lib/attribution/model';
import { summarizeWeek } from '../../../lib/attribution/summary';
import { toSummaryAttributions, toSummaryOpportunity } from '../../../lib/services/summary/input';
import type { AttributionRow, OpportunityRow, PartnerRow, TouchRow } from '../../../lib/store/db';
import { creditedAmountsOf, creditShareOf } from '../../../lib/sync/records';
import { shiftWeek, weekOf } from '../../../lib/time/week';
import { shuffle } from './arbitraries';

/** Each property runs in a few seconds; the limit leaves room for a busy machine, it is not a measurement. */
const TIMEOUT = 60_000;
const DAY = 86_400_000;
const ANCHOR = Date.parse('2026-11-18T10:00:00Z');
const dateOf = (days: number) => new Date(ANCHOR + days * DAY).toISOString().slice(0, 10);
const PARTNERS: PartnerRow[] = ['Acme SI', 'Globex', 'Initech'].map((name, i) => ({
  id: `p${i}`,
  name,
  normalizedName: name.toLowerCase(),
  type: null,
  tier: null,
  accountId: null,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}));
const actor = { deviceId: 'd', userName: 'Jordan Kim' };

/** The org's data: opportunities (amounts with odd cents, so splits leave remainders) and their claims. */
const orgData = fc.array(
  fc.record({
    amount: fc.option(
      fc.integer({ min: 1, max: 1_000_000 }).map((cents) => cents / 100 + 0.01),
      { nil: null },
    ),
    currency: fc.constantFrom('USD', 'EUR'),
    created: fc.integer({ min: -40, max: 5 }),
    state: fc.constantFrom('open', 'won', 'lost'),
    claims: fc.array(
      fc.record({
        partner: fc.nat(PARTNERS.length - 1),
        kind: fc.constantFrom<'sourced' | 'influenced'>('sourced', 'influenced', 'influenced', 'influenced'),
        touches: fc.array(
          fc.record({ type: fc.constantFrom(...TOUCH_TYPES), date: fc.integer({ min: -60, max: 2 }).map(dateOf) }),
          { maxLength: 3 },
        ),
        removed: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

interface OrgRows {
  opportunities: OpportunityRow[];
  attributions: AttributionRow[];
  /** Touches without their local ids: each browser gives its own. */
  touches: Omit<TouchRow, 'id'>[];
}

function build(data: typeof orgData extends fc.Arbitrary<infer T> ? T : never): OrgRows {
  const rows: OrgRows = { opportunities: [], attributions: [], touches: [] };
  data.forEach((deal, o) => {
    const opportunityId = `006000000000000${String(o).padStart(3, '0')}`;
    const createdAt = new Date(ANCHOR + deal.created * DAY).toISOString();
    rows.opportunities.push({
      id: opportunityId,
      orgKey: 'acme',
      name: `Deal ${o}`,
      source: 'api',
      seenAt: createdAt,
      createdAt,
      createdDate: createdAt.slice(0, 10),
      amount: deal.amount,
      currency: deal.currency,
      stage: deal.state,
      closeDate: dateOf(deal.created + 3),
      isClosed: deal.state !== 'open',
      isWon: deal.state === 'won',
      fetchedAt: createdAt,
    } as OpportunityRow);
    deal.claims.forEach((claim, c) => {
      // Claim ids are the org's: the same in every browser.
      const id = `a${o}-${c}`;
      const stamp = new Date(ANCHOR - (c + 1) * 3_600_000).toISOString();
      rows.attributions.push({
        id,
        orgKey: 'acme',
        opportunityId,
        partnerId: PARTNERS[claim.partner]!.id,
        kind: claim.kind,
        note: '',
        createdBy: actor,
        createdAt: stamp,
        updatedAt: stamp,
        deleted: claim.removed && c > 0 ? 1 : 0,
        version: `${stamp}-0000-d`,
      } as AttributionRow);
      for (const touch of claim.touches) {
        rows.touches.push({
          attributionId: id,
          opportunityId,
          type: touch.type,
          date: touch.date,
          note: '',
          link: null,
          createdBy: actor,
          createdAt: stamp,
          updatedAt: stamp,
          deleted: 0,
          version: `${stamp}-0000-d`,
        } as Omit<TouchRow, 'id'>);
      }
    });
  });
  return rows;
}

/** One browser's store: the rows as it holds them after its pulls, touches under its own local ids. */
interface Browser {
  opportunities: Map<string, OpportunityRow>;
  attributions: Map<string, AttributionRow>;
  touches: TouchRow[];
}

function summaryRows(browser: Browser, deals?: Set<string>) {
  const pick = <T extends { opportunityId: string }>(rows: T[]) =>
    deals ? rows.filter((row) => deals.has(row.opportunityId)) : rows;
  const opportunities = [...browser.opportunities.values()]
    .filter((row) => !deals || deals.has(row.id))
    .map((row) => toSummaryOpportunity(row, undefined))
    .filter((row) => row !== undefined);
  const attributions = toSummaryAttributions(pick([...browser.attributions.values()]), pick(browser.touches), PARTNERS);
  return { opportunities, attributions };
}

/** Credited_Amount__c and Credit__c of every claim, as the push computes them from the store (claims by id). */
function creditOf(browser: Browser, rules: Parameters<typeof creditedAmountsOf>[2]) {
  const credit: Record<string, { amount: number | undefined; share: number }> = {};
  for (const opportunity of browser.opportunities.values()) {
    const claims = [...browser.attributions.values()]
      .filter((row) => row.opportunityId === opportunity.id)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const live = claims
      .filter((row) => row.deleted === 0)
      .map((row) => ({
        row,
        touches: browser.touches
          .filter((touch) => touch.attributionId === row.id && touch.deleted === 0)
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      }));
    const amounts = creditedAmountsOf(live, opportunity.amount, rules);
    for (const row of claims) {
      credit[row.id] = { amount: row.deleted ? 0 : amounts?.get(row.id), share: creditShareOf(row, live, rules) };
    }
  }
  return credit;
}

const settings = { timeZone: 'America/New_York', firstDayOfWeek: 0 as const };
const week = weekOf(new Date(ANCHOR), settings);

describe('two browsers with the same org data and rules', () => {
  it(
    'compute the same credit per attribution and the same weekly summaries, to the cent',
    () => {
      fc.assert(
        fc.property(
          orgData,
          fc.constantFrom(...INFLUENCE_MODELS),
          fc.nat(),
          fc.array(fc.nat(), { maxLength: 4 }),
          (data, influenceModel, seed, cuts) => {
            const org = build(data);
            const rules = {
              influenceModel,
              touchWeights: Object.fromEntries(TOUCH_TYPES.map((type, i) => [type, 1 + (i % 3)])) as never,
            };

            // The first browser pulled everything at once, in the org's order, and indexed every row.
            const first: Browser = {
              opportunities: new Map(org.opportunities.map((row) => [row.id, row])),
              attributions: new Map(org.attributions.map((row) => [row.id, row])),
              touches: org.touches.map((touch, i) => ({ ...touch, id: `first-${String(i).padStart(4, '0')}` })),
            };
            const firstRows = summaryRows(first);
            const firstIndex = indexDeals(firstRows.opportunities, firstRows.attributions, settings.timeZone);

            // The second got the rows in another order, over several pulls, an older version of each claim
            // first (another kind, still live), its evidence under other local ids, and kept its index up
            // to date pull by pull.
            const second: Browser = { opportunities: new Map(), attributions: new Map(), touches: [] };
            const touchIds = shuffle(
              org.touches.map((_, i) => `second-${String(i).padStart(4, '0')}`),
              seed,
            );
            type Arrival = { deal: string; put: () => void };
            const arrivals: Arrival[] = [
              ...org.attributions.map((row) => ({
                deal: row.opportunityId,
                put: () =>
                  second.attributions.set(row.id, {
                    ...row,
                    kind: row.kind === 'sourced' ? 'influenced' : 'sourced',
                    deleted: 0,
                  }),
              })),
              ...org.opportunities.map((row) => ({ deal: row.id, put: () => second.opportunities.set(row.id, row) })),
              ...org.attributions.map((row) => ({
                deal: row.opportunityId,
                put: () => second.attributions.set(row.id, row),
              })),
              ...org.touches.map((touch, i) => ({
                deal: touch.opportunityId,
                put: () => second.touches.push({ ...touch, id: touchIds[i]! }),
              })),
            ];
            // Shuffled, but each claim's older version before its final one.
            const order = shuffle(
              arrivals.map((_, i) => i),
              seed + 1,
            );
            const older = org.attributions.length;
            for (let k = 0; k < order.length; k++) {
              const i = order[k]!;
              if (i >= older + org.opportunities.length && i < 2 * older + org.opportunities.length) {
                const before = order.indexOf(i - older - org.opportunities.length);
                if (before > k) [order[k], order[before]] = [order[before]!, order[k]!];
              }
            }
            const batches = [...new Set(cuts.map((cut) => cut % (order.length + 1)))].sort((a, b) => a - b);
            let index: DealIndex = indexDeals([], [], settings.timeZone);
            let start = 0;
            for (const end of [...batches, order.length]) {
              const changed = new Set<string>();
              for (const i of order.slice(start, end)) {
                arrivals[i]!.put();
                changed.add(arrivals[i]!.deal);
              }
              const rows = summaryRows(second, changed);
              index = updateDeals(index, changed, rows.opportunities, rows.attributions);
              start = end;
            }

            expect(creditOf(second, rules)).toEqual(creditOf(first, rules));
            for (const shift of [0, -1, -4]) {
              const input = {
                week: shiftWeek(week, shift, settings),
                settings,
                now: new Date(ANCHOR).toISOString(),
                rules,
                newPipeline: {},
              };
              expect(summarizeWeek(index, input)).toEqual(summarizeWeek(firstIndex, input));
            }
          },
        ),
        { numRuns: 200, seed: 20261206 },
      );
    },
    TIMEOUT,
  );
});
