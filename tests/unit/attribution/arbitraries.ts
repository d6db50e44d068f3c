// fast-check generators for the attribution properties: small pools of partners, dates and currencies,
// so collisions (ties, shared partners, disputes, same currency) happen often enough to matter.
import fc from 'fast-check';
import type { CreditInput, OpportunityCredit } from '../../../lib/attribution/credit';
import { INFLUENCE_MODELS, TOUCH_TYPES, type AttributionRules, type TouchType } from '../../../lib/attribution/model';

/** Fixed seeds keep every run repeatable; change one to explore other cases. */
export const RUN = { numRuns: 200, seed: 20260302 } as const;

const DAY_MS = 86_400_000;

/** A real calendar date between 1990 and 2039, from day numbers so leap days and month ends come up. */
export const calendarDate = fc
  .integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Date.UTC(2039, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

/** Dates from a narrow range so equal dates (ties) are common. */
export const nearbyDate = fc
  .integer({ min: 0, max: 20 })
  .map((offset) => new Date(Date.UTC(2026, 2, 1) + offset * DAY_MS).toISOString().slice(0, 10));

export const touchType = fc.constantFrom<TouchType>(...TOUCH_TYPES);

export const touch = fc.record({
  type: touchType,
  // Mostly real dates, now and then something that is not one.
  date: fc.oneof(
    { weight: 9, arbitrary: nearbyDate },
    { weight: 1, arbitrary: fc.constantFrom('', '2026-02-30', 'soon') },
  ),
});

export const partnerId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');

/** The live attributions of one opportunity, with unique ids. */
export function attributionsOf(opportunity = 'o'): fc.Arbitrary<CreditInput[]> {
  return fc
    .array(
      fc.record({
        partnerId,
        kind: fc.constantFrom('sourced' as const, 'influenced' as const, 'influenced' as const),
        touches: fc.array(touch, { maxLength: 4 }),
      }),
      { maxLength: 7 },
    )
    .map((attributions) => attributions.map((a, i) => ({ id: `${opportunity}-a${i}`, ...a })));
}

const weight = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 10, noNaN: true }));

export const touchWeights = fc.record(
  Object.fromEntries(TOUCH_TYPES.map((type) => [type, weight])) as Record<TouchType, fc.Arbitrary<number>>,
);

export const creditRules: fc.Arbitrary<Pick<AttributionRules, 'influenceModel' | 'touchWeights'>> = fc.record({
  influenceModel: fc.constantFrom(...INFLUENCE_MODELS),
  touchWeights,
});

export const currency = fc.constantFrom<string | null>('USD', 'EUR', 'JPY', null);

/** Amounts of up to ten million (in cents, so a billion), negative ones (credit notes) and missing ones included. */
export const amountCents = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) },
);

export const opportunities: fc.Arbitrary<OpportunityCredit[]> = fc
  .array(fc.record({ amountCents, currency, seed: fc.nat() }), { maxLength: 25 })
  .chain((rows) =>
    fc.tuple(...rows.map((_, i) => attributionsOf(`o${i}`))).map((lists) =>
      rows.map((row, i) => ({
        opportunityId: `o${i}`,
        amountCents: row.amountCents,
        currency: row.currency,
        attributions: lists[i]!,
      })),
    ),
  );

/** A deterministic shuffle (Fisher–Yates driven by a seed), to check that input order does not matter. */
export function shuffle<T>(values: readonly T[], seed: number): T[] {
  const copy = [...values];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
