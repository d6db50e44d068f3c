// Random interleavings of changes, syncs, faults and worker kills across two or three browsers end with
// every browser agreeing with the org and nothing lost (see convergence.ts). A fixed seed keeps `npm test`
// repeatable; `npx tsx scripts/sync-soak.ts --runs 2000` explores many more. The hand-written scenarios run
// once each, through the REST API (convergence.rest.property.test.ts).
import { describe, it } from 'vitest';
import { checkConvergence } from './convergence';

const CONVERGENCE_RUN = { runs: 30, seed: 20261120, maxOps: 40 } as const;

describe('sync convergence under faults', () => {
  it(`converges with nothing lost (${CONVERGENCE_RUN.runs} scenarios of up to ${CONVERGENCE_RUN.maxOps} steps, seed ` +
    `${CONVERGENCE_RUN.seed})`, async () => {
    await checkConvergence(CONVERGENCE_RUN);
  }, 120_000);
});
