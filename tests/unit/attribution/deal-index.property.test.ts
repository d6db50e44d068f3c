// The deal index updated for the changed deals only, against one made from every row: any sequence of
// changes (tags added, edited and removed, facts changed or gone, partners renamed), applied one by one or
// several at a time, gives the same index and the same weekly summaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexDeals, tagsOfDeal, type DealIndex } from '../../../lib/attribution/deal-index';
import { updateDeals, WASTE_LIMIT, type WasteLimit } from '../../../lib/attribution/deal-index-update';
import { DEFAULT_RULES, TOUCH_TYPES } from '../../../lib/attribution/model';
import { summarizeWeek, type WeekInput } from '../../../lib/attribution/summary';
import type { SummaryAttribution, SummaryOpportunity } from '../../../lib/attribution/summary-types';
import { shiftWeek, weekOf } from '../../../lib/time/week';

/** Each property runs in a few seconds; the limit leaves room for a busy machine, it is not a measurement. */
const TIMEOUT = 60_000;
const DAY = 86_400_000;
const ANCHOR = Date.parse('2026-11-18T10:00:00Z');
const DEALS = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'];
const PARTNERS = ['p0', 'p1', 'p2', 'p3'];
const dateOf = (days: number) => new Date(ANCHOR + days * DAY).toISOString().slice(0, 10);

/** What an arbitrary makes. */
type Value<A> = A extends fc.Arbitrary<infer T> ? T : never;

const facts = fc.record({
  name: fc.constantFrom('Deal A', 'Deal B', 'Deal C'),
  amountCents: fc.option(fc.integer({ min: -5_000_00, max: 90_000_00 }), { nil: null }),
  currency: fc.constantFrom('USD', 'EUR', null),
  created: fc.oneof(
    fc.integer({ min: -90, max: 7 }).map(dateOf),
    fc.integer({ min: -90 * 24, max: 7 * 24 }).map((hours) => new Date(ANCHOR + hours * 3_600_000).toISOString()),
  ),
  close: fc.integer({ min: -90, max: 30 }).map(dateOf),
  state: fc.constantFrom('open', 'open', 'won', 'lost'),
});

const tag = fc.record({
  partner: fc.constantFrom(...PARTNERS),
  kind: fc.constantFrom<'sourced' | 'influenced'>('sourced', 'influenced', 'influenced'),
  touches: fc.array(
    fc.record({ type: fc.constantFrom(...TOUCH_TYPES), date: fc.integer({ min: -120, max: 3 }).map(dateOf) }),
    { maxLength: 2 },
  ),
  override: fc.option(fc.constant('Registered at the summit'), { nil: undefined }),
  taggedDaysAgo: fc.integer({ min: 0, max: 100 }),
});

const change = fc.oneof(
  fc.record({ op: fc.constant('facts' as const), deal: fc.constantFrom(...DEALS), facts: fc.option(facts) }),
  fc.record({ op: fc.constant('add' as const), deal: fc.constantFrom(...DEALS), tag }),
  fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), tag }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), partner: fc.constantFrom(...PARTNERS), name: fc.string() }),
);

/** The rows a browser holds: facts per deal, live tags by id, partner names. */
interface World {
  facts: Map<string, SummaryOpportunity>;
  tags: Map<string, { opportunityId: string; spec: Value<typeof tag> }>;
  names: Map<string, string>;
  nextId: number;
}

function toOpportunity(id: string, value: Value<typeof facts>): SummaryOpportunity {
  return {
    id,
    name: value.name,
    amountCents: value.amountCents,
    currency: value.currency,
    createdAt: value.created,
    closeDate: value.close,
    isClosed: value.state !== 'open',
    isWon: value.state === 'won',
    stage: value.state,
  };
}

function rows(world: World): { opportunities: SummaryOpportunity[]; attributions: SummaryAttribution[] } {
  const attributions = [...world.tags].map(([id, { opportunityId, spec }]) => ({
    id,
    opportunityId,
    partnerId: spec.partner,
    partnerName: world.names.get(spec.partner)!,
    kind: spec.kind,
    ...(spec.kind === 'sourced' && spec.override ? { windowOverrideReason: spec.override } : {}),
    createdAt: new Date(ANCHOR - spec.taggedDaysAgo * DAY).toISOString(),
    touches: spec.touches,
  }));
  return { opportunities: [...world.facts.values()], attributions };
}

/** Applies a change; returns the deals it changed. */
function apply(world: World, next: Value<typeof change>): string[] {
  const ids = [...world.tags.keys()];
  switch (next.op) {
    case 'facts':
      if (next.facts) world.facts.set(next.deal, toOpportunity(next.deal, next.facts));
      else world.facts.delete(next.deal);
      return [next.deal];
    case 'add':
      world.tags.set(`t${world.nextId++}`, { opportunityId: next.deal, spec: next.tag });
      return [next.deal];
    case 'edit':
    case 'remove': {
      if (ids.length === 0) return [];
      const id = ids[next.pick % ids.length]!;
      const { opportunityId } = world.tags.get(id)!;
      if (next.op === 'edit') world.tags.set(id, { opportunityId, spec: next.tag });
      else world.tags.delete(id);
      return [opportunityId];
    }
    case 'rename':
      world.names.set(next.partner, next.name);
      return [...world.tags.values()].filter((t) => t.spec.partner === next.partner).map((t) => t.opportunityId);
  }
}

/** An index as a description that does not depend on positions: each partner deal with all it holds. */
function describeIndex(index: DealIndex) {
  const deals = [];
  for (let d = 0; d < index.deals.length; d++) {
    if (index.offsets[d] === index.offsets[d + 1]) continue;
    deals.push({
      deal: index.deals[d],
      tags: tagsOfDeal(index, d).sort((a, b) => (a.id < b.id ? -1 : 1)),
      sourcedClaims: index.sourcedClaims[d],
      influencers: index.influencers[d],
      createdMs: index.createdMs[d],
      createdDay: index.createdDay[d],
      wonDay: index.wonDay[d],
      lastSignDay: index.lastSignDay[d],
      lastTouch: index.lastTouch[d],
    });
  }
  deals.sort((a, b) => (a.deal!.id < b.deal!.id ? -1 : 1));
  return {
    timeZone: index.timeZone,
    deals,
    needsReview: index.needsReview,
    openByLastSign: Array.from(index.openByLastSign, (d) => index.deals[d]!.id),
  };
}

const settings = { timeZone: 'Europe/Berlin', firstDayOfWeek: 1 as const };
const week = weekOf(new Date(ANCHOR), settings);
const weekInput = (shift: number): WeekInput => ({
  week: shiftWeek(week, shift, settings),
  settings,
  now: new Date(ANCHOR).toISOString(),
  rules: { influenceModel: 'position_based', touchWeights: DEFAULT_RULES.touchWeights },
  newPipeline: {},
});

/** Changed deals appended (small indexes never reach the default limit), always compacted, and a mix. */
const LIMITS: [string, WasteLimit][] = [
  ['appended', WASTE_LIMIT],
  ['compacted', { share: 0, atLeast: 0 }],
  ['appended, then compacted as emptied positions pile up', { share: 0.5, atLeast: 2 }],
];

describe('the deal index updated for the changed deals only', () => {
  it.each(LIMITS)(
    'equals the index made from the final rows, with the same weekly summaries (%s)',
    (_how, limit) => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom(...DEALS), facts), { maxLength: 6 }),
          fc.array(fc.tuple(fc.constantFrom(...DEALS), tag), { maxLength: 10 }),
          fc.array(fc.tuple(change, fc.boolean()), { maxLength: 12 }),
          (initialFacts, initialTags, changes) => {
            const world: World = {
              facts: new Map(initialFacts.map(([id, value]) => [id, toOpportunity(id, value)])),
              tags: new Map(),
              names: new Map(PARTNERS.map((p) => [p, `Partner ${p}`])),
              nextId: 0,
            };
            for (const [opportunityId, spec] of initialTags)
              world.tags.set(`t${world.nextId++}`, { opportunityId, spec });
            const first = rows(world);
            let index = indexDeals(first.opportunities, first.attributions, settings.timeZone);
            // Changes pile up until one says to bring the index up to date (as when nobody asked meanwhile).
            let pending = new Set<string>();
            const catchUp = () => {
              const now = rows(world);
              index = updateDeals(
                index,
                pending,
                now.opportunities.filter((o) => pending.has(o.id)),
                now.attributions.filter((t) => pending.has(t.opportunityId)),
                limit,
              );
              pending = new Set();
            };
            for (const [next, now] of changes) {
              for (const id of apply(world, next)) pending.add(id);
              if (now) catchUp();
            }
            catchUp();
            const final = rows(world);
            const rebuilt = indexDeals(final.opportunities, final.attributions, settings.timeZone);
            expect(describeIndex(index)).toEqual(describeIndex(rebuilt));
            for (const shift of [0, -1, -5]) {
              expect(summarizeWeek(index, weekInput(shift))).toEqual(summarizeWeek(rebuilt, weekInput(shift)));
            }
          },
        ),
        { numRuns: 300, seed: 20261205 },
      );
    },
    TIMEOUT,
  );

  it.each(LIMITS)(
    'leaves the index it was given as it was, and returns it when nothing changed (%s)',
    (_how, limit) => {
      const world: World = { facts: new Map(), tags: new Map(), names: new Map([['p0', 'Acme SI']]), nextId: 0 };
      world.facts.set(
        'o0',
        toOpportunity('o0', {
          name: 'Deal A',
          amountCents: 100,
          currency: 'USD',
          created: dateOf(-1),
          close: dateOf(5),
          state: 'open',
        }),
      );
      world.tags.set('t0', {
        opportunityId: 'o0',
        spec: { partner: 'p0', kind: 'influenced', touches: [], override: undefined, taggedDaysAgo: 1 },
      });
      const before = rows(world);
      const index = indexDeals(before.opportunities, before.attributions, settings.timeZone);
      const described = describeIndex(index);
      expect(updateDeals(index, [], [], [], limit)).toBe(index);
      const updated = updateDeals(index, ['o0'], before.opportunities, [], limit);
      expect(describeIndex(updated).deals).toEqual([]);
      expect(updated.needsReview).toEqual([]);
      expect(describeIndex(index)).toEqual(described);
      expect(described.needsReview.map((item) => item.reason)).toEqual(['no_evidence']);
    },
  );
});
