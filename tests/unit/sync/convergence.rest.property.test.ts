// The sync convergence property (convergence.ts) through the real REST client against the fake org's REST
// API, in-process (rest-org.ts): SOQL text, sObject Collections upserts, SystemModstamp, the panel's one-call
// opportunity read and Zod-checked answers are all on the path. Fixed seeds keep `npm test` repeatable;
// `npx tsx scripts/sync-soak.ts --rest [--wire-faults] --runs 1000` explores many more.
import { describe, expect, it } from 'vitest';
import { checkConvergence, runScenario, type Scenario } from './convergence';
import { emptyTraffic, restOrgFactory } from './rest-org';

const FAULTS_AROUND_CLIENT = { runs: 12, seed: 20261121, maxOps: 40 } as const;
const FAULTS_ON_WIRE = { runs: 12, seed: 20261122, maxOps: 40 } as const;

describe('sync convergence through the REST API', () => {
  it(`converges with nothing lost, faults around the client (${FAULTS_AROUND_CLIENT.runs} scenarios, seed ` +
    `${FAULTS_AROUND_CLIENT.seed})`, async () => {
    const traffic = emptyTraffic();
    await checkConvergence({ ...FAULTS_AROUND_CLIENT, makeOrg: restOrgFactory({ traffic }) });
    expect(traffic.runs).toBe(FAULTS_AROUND_CLIENT.runs);
    expect(traffic.upserts).toBeGreaterThan(0);
    expect(traffic.queries).toBeGreaterThan(0);
    // The org never refused a request as a whole: every query and upsert the client built was well formed.
    expect(traffic.errors).toBe(0);
  }, 60_000);

  it(`converges with nothing lost, faults in the org's answers (${FAULTS_ON_WIRE.runs} scenarios, seed ` +
    `${FAULTS_ON_WIRE.seed})`, async () => {
    const traffic = emptyTraffic();
    await checkConvergence({ ...FAULTS_ON_WIRE, makeOrg: restOrgFactory({ faults: 'wire', traffic }) });
    expect(traffic.runs).toBe(FAULTS_ON_WIRE.runs);
    expect(traffic.faulted).toBeGreaterThan(0);
    expect(traffic.errors).toBe(0);
  }, 60_000);

  it('restores a teammate’s change that another browser overwrote between its pull and its push', async () => {
    const scenario: Scenario = {
      skews: [0, 0],
      ops: [
        { type: 'add', device: 0, opportunity: 1, partner: 0, kind: 'influenced', competing: false, advanceMs: 1000 },
        {
          type: 'sync',
          device: 0,
          user: true,
          faults: [],
          during: { action: 'change', otherDevice: 0, opportunity: 1 },
          advanceMs: 1000,
        },
        {
          type: 'sync',
          device: 1,
          user: true,
          faults: [],
          during: { action: 'change', otherDevice: 0, opportunity: 1 },
          advanceMs: 1000,
        },
        { type: 'touch', device: 0, pick: 0, day: 3, advanceMs: 1000 },
        { type: 'touch', device: 1, pick: 0, day: 4, advanceMs: 1000 },
        {
          type: 'sync',
          device: 0,
          user: true,
          faults: [{ kind: 'concurrent' }],
          during: { action: 'sync', otherDevice: 0, opportunity: 1 },
          advanceMs: 1000,
        },
        { type: 'pullOpportunity', device: 1, opportunity: 1, advanceMs: 1000 },
      ],
    };
    const stats = await runScenario(scenario, restOrgFactory());
    expect(stats).toMatchObject({ changes: 3, records: 1 });
  });
});
