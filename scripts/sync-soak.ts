// The sync convergence property over many more scenarios than `npm test` runs: random changes in two or
// three browsers, syncs with network errors, 5xx, lost answers, refused records and killed workers, then a
// check that every browser agrees with the org and nothing was lost (tests/unit/sync/convergence.ts).
// `--rest` runs them through the real REST client against the fake org's REST API (tests/unit/sync/rest-org.ts)
// instead of the in-memory org; `--wire-faults` (with --rest) has the org answer the faults itself, so the
// client's own error handling meets them.
//
// `--adversary` adds a hostile teammate who writes arbitrary records through the API among the honest steps
// (tests/unit/sync/adversary.ts); every browser's backup must then still restore.
//
//   npx tsx scripts/sync-soak.ts --runs 2000 [--seed 123] [--max-ops 60] [--no-shrink] [--rest [--wire-faults]]
//     [--adversary]
//
// Prints the seed first, so a failure can be replayed with the same --seed and --runs.
import 'fake-indexeddb/auto';
import { ADVERSARY_KINDS } from '../tests/unit/sync/adversary';
import { checkConvergence, type RunStats } from '../tests/unit/sync/convergence';
import { emptyTraffic, restOrgFactory } from '../tests/unit/sync/rest-org';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function integer(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got ${raw}`);
    process.exit(2);
  }
  return value;
}

const runs = integer('runs', 500);
const seed = integer('seed', Math.floor(Math.random() * 2 ** 31));
const maxOps = integer('max-ops', 40);
const shrink = !process.argv.includes('--no-shrink');
const wireFaults = process.argv.includes('--wire-faults');
const rest = wireFaults || process.argv.includes('--rest');
const adversary = process.argv.includes('--adversary');
const traffic = emptyTraffic();

console.log(
  `sync soak: ${runs} scenarios of up to ${maxOps} steps, seed ${seed}${shrink ? '' : ', no shrinking'}, ` +
    (rest
      ? `REST client against the fake org, faults ${wireFaults ? 'in its answers' : 'around the client'}`
      : 'in-memory org') +
    (adversary ? `, with a hostile teammate (${ADVERSARY_KINDS.join(', ')})` : ''),
);
type Counts = Omit<RunStats, 'hostileWrites' | 'refusedByField'>;
const totals: Counts = { ops: 0, changes: 0, syncs: 0, kills: 0, faults: 0, settleRounds: 0, records: 0 };
let hostileWrites = 0;
const refusedByField: Record<string, number> = {};
let done = 0;
let maxRounds = 0;
const started = Date.now();

try {
  await checkConvergence({
    runs,
    seed,
    maxOps,
    shrink,
    ...(adversary ? { adversary: ADVERSARY_KINDS } : {}),
    ...(rest ? { makeOrg: restOrgFactory({ traffic, faults: wireFaults ? 'wire' : 'wrapper' }) } : {}),
    onRun: (stats) => {
      done++;
      for (const key of Object.keys(totals) as (keyof Counts)[]) totals[key] += stats[key];
      hostileWrites += stats.hostileWrites ?? 0;
      for (const [field, n] of Object.entries(stats.refusedByField ?? {}))
        refusedByField[field] = (refusedByField[field] ?? 0) + n;
      maxRounds = Math.max(maxRounds, stats.settleRounds);
      if (done % 100 === 0) console.log(`  ${done} scenarios, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `sync soak: ${runs} passed, 0 failed in ${seconds.toFixed(1)} s — ${totals.changes} changes, ${totals.syncs} ` +
      `syncs, ` +
      `${totals.faults} faults, ${totals.kills} worker kills, ${totals.records} records; settled within ${maxRounds} ` +
      `rounds`,
  );
  console.log(`${runs} scenarios, 0 failed`);
  if (adversary) {
    const byField = Object.entries(refusedByField)
      .sort((a, b) => b[1] - a[1])
      .map(([field, n]) => `${field} ${n}`)
      .join(', ');
    console.log(
      `sync soak: ${hostileWrites} hostile writes; records refused at the end, by field: ${byField || 'none'}`,
    );
  }
  if (rest) {
    console.log(
      `sync soak: ${traffic.requests} REST requests (${traffic.queries} queries, ${traffic.upserts} upserts), ` +
        `${traffic.faulted} met an injected fault, ${traffic.errors} refused by the org`,
    );
    if (traffic.errors > 0) {
      console.error("sync soak: the org refused requests the client built (see the fake org's answers)");
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause) console.error('Caused by:', cause instanceof Error ? cause.message : cause);
  console.error(`sync soak: ${done} passed, 1 failed (seed ${seed}, --runs ${runs})`);
  console.error(`${runs} scenarios, 1 failed`);
  process.exitCode = 1;
}
