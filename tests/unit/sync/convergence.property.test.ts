// Random interleavings of changes, syncs, faults and worker kills across two or three browsers end with
// every browser agreeing with the org and nothing lost (see convergence.ts). A fixed seed keeps `npm test`
// repeatable; `npx tsx scripts/sync-soak.ts --runs 2000` explores many more.
import { describe, expect, it } from 'vitest';
import { checkConvergence, memoryOrgFactory, runScenario, type Scenario } from './convergence';

const CONVERGENCE_RUN = { runs: 30, seed: 20261120, maxOps: 40 } as const;

describe('sync convergence under faults', () => {
  it(`converges with nothing lost (${CONVERGENCE_RUN.runs} scenarios of up to ${CONVERGENCE_RUN.maxOps} steps, seed ${CONVERGENCE_RUN.seed})`, async () => {
    await checkConvergence(CONVERGENCE_RUN);
  }, 120_000);

  it('restores a teammate’s change that another browser overwrote between its pull and its push', async () => {
    // Both browsers add a touch to the same claim; browser 2 syncs while browser 1's pull is out, so
    // browser 1 pushes a record without browser 2's touch. Browser 2 must notice and send it again.
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
      ],
    };
    const stats = await runScenario(scenario, memoryOrgFactory());
    expect(stats).toMatchObject({ changes: 3, records: 1 });
  });
});
