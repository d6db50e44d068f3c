// How fast partner totals are computed for a large org: 100,000 attributions over 40,000 opportunities,
// for every influence model. A benchmark, not a test: it reports figures and never fails on one.
//
//   npx tsx scripts/bench-credit.ts      prints a table
//   import { benchCredit } from './bench-credit'   (used by scripts/bench.ts)
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { partnerTotals, type CreditInput, type OpportunityCredit } from '../lib/attribution/credit';
import { addDays } from '../lib/attribution/dates';
import { DEFAULT_RULES, INFLUENCE_MODELS, TOUCH_TYPES, type AttributionRules } from '../lib/attribution/model';
import { seededRandom as random } from '../tests/fake-org/random';

export const BENCH_OPPORTUNITIES = 40_000;
export const BENCH_ATTRIBUTIONS = 100_000;
const PARTNERS = 300;
const RUNS = 7;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP', 'JPY', null] as const;

/**
 * Deterministic data shaped like a busy org: every opportunity has at least one attribution, about a third
 * are sourced (a few disputed), amounts in several currencies (some missing, a few credit notes), 0–4 touches
 * per attribution over two years.
 */
export function buildBenchData(seed = 20260302): OpportunityCredit[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const perOpportunity = new Array<number>(BENCH_OPPORTUNITIES).fill(1);
  for (let extra = BENCH_ATTRIBUTIONS - BENCH_OPPORTUNITIES; extra > 0; extra--) {
    perOpportunity[Math.floor(next() * BENCH_OPPORTUNITIES)]!++;
  }
  let attributionId = 0;
  return perOpportunity.map((count, o) => {
    const attributions: CreditInput[] = [];
    const sourcedClaims = next() < 0.35 ? (next() < 0.05 ? 2 : 1) : 0;
    for (let i = 0; i < count; i++) {
      const touches = Array.from({ length: Math.floor(next() * 5) }, () => ({
        type: pick(TOUCH_TYPES),
        date: addDays('2025-01-01', Math.floor(next() * 730)),
      }));
      attributions.push({
        id: `a${attributionId++}`,
        partnerId: `p${Math.floor(next() * PARTNERS)}`,
        kind: i < sourcedClaims ? 'sourced' : 'influenced',
        touches,
      });
    }
    const roll = next();
    const amountCents = roll < 0.05 ? null : Math.round((roll < 0.06 ? -1 : 1) * next() * 50_000_000);
    return { opportunityId: `o${o}`, amountCents, currency: pick(CURRENCIES), attributions };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median time of `partnerTotals` over the benchmark data, per influence model (7 runs each, after a warm-up). */
export async function benchCredit(): Promise<{ label: string; medianMs: number; runs: number }[]> {
  const data = buildBenchData();
  const results: { label: string; medianMs: number; runs: number }[] = [];
  for (const influenceModel of INFLUENCE_MODELS) {
    const rules: AttributionRules = { ...DEFAULT_RULES, influenceModel };
    partnerTotals(data, rules); // warm-up: let the JIT compile before measuring
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      partnerTotals(data, rules);
      samples.push(performance.now() - start);
      // Yield between runs so a caller's event loop (timers, output) is not starved.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    results.push({
      label: `partnerTotals, ${BENCH_ATTRIBUTIONS.toLocaleString('en-US')} attributions, ${influenceModel}`,
      medianMs: Math.round(median(samples) * 10) / 10,
      runs: RUNS,
    });
  }
  return results;
}

function printTable(results: { label: string; medianMs: number; runs: number }[]): void {
  const width = Math.max(...results.map((r) => r.label.length));
  console.log(`${'measure'.padEnd(width)}  median ms  runs`);
  for (const r of results) {
    console.log(`${r.label.padEnd(width)}  ${r.medianMs.toFixed(1).padStart(9)}  ${String(r.runs).padStart(4)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCredit().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
