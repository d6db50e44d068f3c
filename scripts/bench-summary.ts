// How fast the weekly summary is computed for a large org: 100,000 attributions over 40,000 opportunities,
// one week with its 12-week trend. A benchmark, not a test: it reports figures and never fails on one.
//
//   npx tsx scripts/bench-summary.ts      prints one line per case (see benchSummary)
//   import { benchSummary } from './bench-summary'   (used by scripts/bench.ts)
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { addDays } from '../lib/attribution/dates';
import { DEFAULT_RULES, TOUCH_TYPES } from '../lib/attribution/model';
import { indexDeals } from '../lib/attribution/deal-index';
import { computeWeeklySummary, summarizeWeek, SUMMARY_PREVIEW_ITEMS } from '../lib/attribution/summary';
import type { SummaryAttribution, SummaryInput, SummaryOpportunity } from '../lib/attribution/summary-types';
import { shiftWeek, weekOfDate } from '../lib/time/week';
import { seededRandom as random } from '../tests/fake-org/random';

export const SUMMARY_OPPORTUNITIES = 40_000;
export const SUMMARY_ATTRIBUTIONS = 100_000;
export const SUMMARY_TARGET_MS = 50;
const PARTNERS = 300;
const RUNS = 15;
const WARM_UP_RUNS = 5;
const DAY_MS = 86_400_000;
/** Opportunities are created over the two years up to the summarised week's end. */
const HISTORY_DAYS = 730;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP'] as const;
const STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'] as const;

/** How the rows are ordered: as the store gives them, or in no order at all. */
export type BenchOrder = 'store' | 'shuffled';

/**
 * Deterministic data shaped like a busy org in Berlin: every opportunity has at least one attribution,
 * about a third are sourced (a few disputed, a few with a window override), three currencies, a few
 * amounts missing, most recent opportunities open and most older ones closed (a third of those won), 1–4
 * touches per attribution (none on about 8 %). In `store` order the rows come as the background reads them
 * (attributions by opportunity, opportunities in the same order); `shuffled` gives them in no order at all.
 */
export function buildSummaryBenchInput(order: BenchOrder = 'store', seed = 20261116): SummaryInput {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const settings = { timeZone: 'Europe/Berlin', firstDayOfWeek: 1 as const };
  const week = weekOfDate('2026-11-16', settings);
  const endMs = Date.parse(week.end);

  const opportunities: SummaryOpportunity[] = [];
  const attributions: SummaryAttribution[] = [];
  const perOpportunity = new Array<number>(SUMMARY_OPPORTUNITIES).fill(1);
  for (let extra = SUMMARY_ATTRIBUTIONS - SUMMARY_OPPORTUNITIES; extra > 0; extra--) {
    perOpportunity[Math.floor(next() * SUMMARY_OPPORTUNITIES)]!++;
  }
  let attributionId = 0;
  for (let o = 0; o < SUMMARY_OPPORTUNITIES; o++) {
    const createdMs = endMs - Math.floor(next() * HISTORY_DAYS * DAY_MS);
    const createdAt = new Date(createdMs).toISOString();
    const createdDate = createdAt.slice(0, 10);
    const ageDays = (endMs - createdMs) / DAY_MS;
    const isClosed = next() < (ageDays < 180 ? 0.25 : 0.9);
    const isWon = isClosed && next() < 0.35;
    const roll = next();
    opportunities.push({
      id: `006${String(o).padStart(15, '0')}`,
      name: `Opportunity ${o}`,
      amountCents: roll < 0.03 ? null : Math.round(next() * 50_000_000),
      currency: pick(CURRENCIES),
      createdAt,
      closeDate: addDays(createdDate, Math.floor(next() * 120)),
      isClosed,
      isWon,
      stage: isWon ? 'Closed Won' : isClosed ? 'Closed Lost' : pick(STAGES),
    });
    const sourcedClaims = next() < 0.35 ? (next() < 0.05 ? 2 : 1) : 0;
    for (let i = 0; i < perOpportunity[o]!; i++) {
      // Most tags carry evidence; about one in twelve has none yet (a review item when it is an influence).
      const touches = Array.from({ length: next() < 0.08 ? 0 : 1 + Math.floor(next() * 4) }, () => ({
        type: pick(TOUCH_TYPES),
        date: addDays(createdDate, Math.floor(next() * 90) - 30),
      }));
      const kind = i < sourcedClaims ? 'sourced' : 'influenced';
      const partner = Math.floor(next() * PARTNERS);
      attributions.push({
        id: `a${attributionId++}`,
        opportunityId: opportunities[o]!.id,
        partnerId: `p${partner}`,
        partnerName: `Partner ${partner}`,
        kind,
        ...(kind === 'sourced' && next() < 0.03
          ? { windowOverrideReason: 'Registered before the opportunity was created' }
          : {}),
        createdAt: new Date(createdMs + Math.floor(next() * 20 * DAY_MS)).toISOString(),
        touches,
      });
    }
  }

  if (order === 'store') {
    // As the background reads them: attributions through the opportunityId index, opportunities in that order.
    attributions.sort((a, b) => (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0));
    opportunities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } else {
    // Fisher–Yates with the same generator: no order at all for the summary to lean on.
    for (let i = attributions.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [attributions[i], attributions[j]] = [attributions[j]!, attributions[i]!];
    }
    for (let i = opportunities.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [opportunities[i], opportunities[j]] = [opportunities[j]!, opportunities[i]!];
    }
  }

  const newPipeline: Record<string, Record<string, number>> = {};
  for (let k = 0; k < 12; k++) {
    newPipeline[shiftWeek(week, -k, settings).key] = { USD: 4_000_000_000, EUR: 2_500_000_000, GBP: 900_000_000 };
  }
  // Through structured clone, as rows come out of IndexedDB: flat strings and objects laid out as a store gives them.
  return structuredClone({
    week,
    settings,
    now: '2026-11-20T10:00:00.000Z',
    opportunities,
    attributions,
    rules: { influenceModel: 'position_based', touchWeights: DEFAULT_RULES.touchWeights },
    newPipeline,
    rates: { corporateCurrency: 'USD', rates: { USD: 1, EUR: 0.92, GBP: 0.79 }, asOf: '2026-11-20T06:00:00.000Z' },
  } satisfies SummaryInput);
}

export interface SummaryBench {
  label: string;
  samples: number[];
  medianMs: number;
  p90Ms: number;
  targetMs?: number;
  /** The machine's 1-minute load average when measured: other work on a shared machine slows every figure. */
  loadAverage: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

async function measure(label: string, run: () => unknown, targetMs?: number): Promise<SummaryBench> {
  for (let i = 0; i < WARM_UP_RUNS; i++) run(); // let the JIT compile first
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
    // Yield between runs so a caller's event loop (timers, output) is not starved.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    label,
    samples,
    medianMs: round((sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2),
    p90Ms: round(percentile(sorted, 0.9)),
    ...(targetMs === undefined ? {} : { targetMs }),
    loadAverage: round(loadavg()[0]!),
  };
}

/**
 * Times the weekly summary over the benchmark data, 15 runs after 5 unmeasured warm-up runs each:
 * - one week from the deal index the background keeps (what the popup and its week switcher wait for),
 *   as the popup asks for it (the first five stale deals and review items) and with every item listed;
 * - the deal index itself, made once after each change of the data;
 * - both together from the rows, in the store's order and in no order at all.
 */
export async function benchSummary(): Promise<SummaryBench[]> {
  const size = `${SUMMARY_ATTRIBUTIONS.toLocaleString('en-US')} attributions`;
  const input = buildSummaryBenchInput('store');
  const { timeZone } = input.settings;
  const index = indexDeals(input.opportunities, input.attributions, timeZone);
  const results = [
    await measure(
      `summary: one week + 12-week trend from the deal index, ${size}, as the popup asks`,
      () => summarizeWeek(index, input, { listLimit: SUMMARY_PREVIEW_ITEMS }),
      SUMMARY_TARGET_MS,
    ),
    await measure(
      `summary: the same, every stale deal and review item listed`,
      () => summarizeWeek(index, input),
      SUMMARY_TARGET_MS,
    ),
    await measure(`summary: deal index of ${size} (once per change)`, () =>
      indexDeals(input.opportunities, input.attributions, timeZone),
    ),
    await measure(
      `summary: one week from the rows (index + week), ${size}`,
      () => computeWeeklySummary(input),
      SUMMARY_TARGET_MS,
    ),
  ];
  const shuffled = buildSummaryBenchInput('shuffled');
  results.push(await measure(`summary: the same, rows in no order`, () => computeWeeklySummary(shuffled)));
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSummary().then(
    (results) => {
      for (const result of results) {
        console.log(
          `${result.label}: median ${result.medianMs} ms (p90 ${result.p90Ms})` +
            (result.targetMs === undefined ? '' : ` — target ≤ ${result.targetMs} ms`) +
            ` (load average ${result.loadAverage} on ${cpus().length} cores)`,
        );
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
