/**
 * The convergence check: two or three browsers change attributions through the real store functions and
 * sync with one org through the real engine, while calls fail, answers get lost, the org refuses records
 * and workers die at any call. Then, with faults off, every browser syncs until nothing moves, and:
 *
 * - every browser holds exactly the org's attributions, each with the same claim and the same touches
 *   (tombstones included), partners compared by key;
 * - no change was lost: every attribution and touch ever written is in the org at the newest version any
 *   browser gave it, live or removed as that version says;
 * - the org holds each external id once, and every outbox is empty.
 *
 * The org is injected (`OrgFactory`), so the same scenarios run against the in-memory org here and against
 * the fake org's REST API through the real REST client. Faults wrap whatever `SyncApi` the org hands out.
 */
import fc from 'fast-check';
import { AppError } from '../../../lib/errors';
import { addAttribution, addTouch, removeAttribution, resolveDispute } from '../../../lib/store/attributions';
import { pullOpportunity, type OpportunityWithAttributions } from '../../../lib/sync/pull';
import { syncOnce } from '../../../lib/sync/run';
import { compareClockVersions } from '../../../lib/time/hlc';
import { sameState, type SyncAttribution } from '../../../lib/sync/merge';
import { ATTRIBUTION_RELATIONSHIP } from '../../../lib/crm/salesforce/org-objects';
import { pullQuery, rawAttributionRecordSchema, readOrgRecord, toSyncAttribution } from '../../../lib/sync/records';
import type { SyncApi, SyncContext } from '../../../lib/sync/types';
import { createBackup } from '../../../lib/store/backup/create';
import { parseBackup } from '../../../lib/store/backup/format';
import { restoreBackup } from '../../../lib/store/backup/restore';
import { createDb } from '../../../lib/store/db';
import { checkRemote } from '../../../lib/sync/check-remote';
import {
  ADVERSARY_USER,
  adversaryOpArbitrary,
  adversaryWrite,
  isAdversaryRecord,
  type AdversaryKind,
  type AdversaryOp,
} from './adversary';
import { withFaults, type CallFault, type FaultHooks } from './faults';
import { changeOn, clock, device, ORG, reopen, type Clock, type Device } from './helpers';
import { MemoryOrg } from './memory-org';
import { opportunityId } from '../../builders';

// ---------------------------------------------------------------------------------------------------------
// The org under test

export interface OrgUnderTest {
  /** The API as one user's browser sees it (LastModifiedBy is that user). */
  connect(userName: string): SyncApi;
  /** The id of the scenarios' opportunity `n` (1-based) in this org; default `opportunityId(n)`, any well-formed id. */
  opportunityId?(n: number): string;
  /**
   * A panel's one-call read of an opportunity with its attributions, as that user; default: every record
   * through `connect`, filtered to the opportunity.
   */
  readOpportunity?(userName: string, opportunityId: string): Promise<OpportunityWithAttributions>;
  /** Every attribution record as the org stores it, to check the API shows each of them once. */
  storedRecords?(): readonly Record<string, unknown>[];
  /**
   * One step's API for that user meeting `plan` (faults.ts), when the org injects the faults itself (e.g. on
   * the wire, so the client's own error handling meets them); default: `withFaults` around `connect`.
   */
  withFaults?(userName: string, plan: readonly CallFault[], hooks: FaultHooks): SyncApi & { calls(): number };
  dispose?(): void | Promise<void>;
}

/** A fresh, empty org for one run, stamping SystemModstamp with `now` (the simulated time). */
export type OrgFactory = (now: () => number) => OrgUnderTest | Promise<OrgUnderTest>;

/** The in-memory org, with small query batches so pulls page. */
export function memoryOrgFactory(batchSize = 3): OrgFactory {
  return (now) => {
    const org = new MemoryOrg({ batchSize, now });
    return { connect: (userName) => org.connect(userName) };
  };
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

export const PARTNERS = ['Northwind SI', 'Globex Café', 'GLOBEX  CAFE', 'Initech'] as const;
const OPPORTUNITIES = 3;

export type Op = { advanceMs: number } & (
  | {
      type: 'add';
      device: number;
      opportunity: number;
      partner: number;
      kind: 'sourced' | 'influenced';
      competing: boolean;
    }
  | { type: 'touch'; device: number; pick: number; day: number }
  | { type: 'remove'; device: number; pick: number }
  | { type: 'resolve'; device: number; opportunity: number; pick: number }
  | {
      type: 'sync';
      device: number;
      user: boolean;
      faults: CallFault[];
      /**
       * What happens while a `concurrent` call is out: a change here, another browser's whole sync, or a panel pull
       * here.
       */
      during: { action: 'change' | 'sync' | 'pullOpportunity'; otherDevice: number; opportunity: number };
    }
  | { type: 'pullOpportunity'; device: number; opportunity: number }
  | { type: 'adversary'; write: AdversaryOp; opportunity: number }
);

export interface Scenario {
  /** Clock skew of each browser against the org, in ms. */
  skews: number[];
  ops: Op[];
}

const faultArb: fc.Arbitrary<CallFault> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<CallFault>({ kind: 'ok' }) },
  { weight: 2, arbitrary: fc.boolean().map((applied): CallFault => ({ kind: 'network', applied })) },
  { weight: 2, arbitrary: fc.constant<CallFault>({ kind: 'server' }) },
  { weight: 3, arbitrary: fc.boolean().map((applied): CallFault => ({ kind: 'kill', applied })) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.nat(7), { minLength: 1, maxLength: 2 })
      .map((records): CallFault => ({ kind: 'refuse', records })),
  },
  { weight: 4, arbitrary: fc.constant<CallFault>({ kind: 'concurrent' }) },
  { weight: 1, arbitrary: fc.constant<CallFault>({ kind: 'session' }) },
);

function opArb(devices: number, adversary: readonly AdversaryKind[] = []): fc.Arbitrary<Op> {
  const d = fc.nat(devices - 1);
  const opp = fc.integer({ min: 1, max: OPPORTUNITIES });
  const advanceMs = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 * 60_000 }));
  const op = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('add' as const),
        device: d,
        opportunity: opp,
        partner: fc.nat(PARTNERS.length - 1),
        kind: fc.constantFrom('sourced' as const, 'influenced' as const),
        competing: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant('touch' as const),
        device: d,
        pick: fc.nat(20),
        day: fc.integer({ min: 1, max: 28 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('remove' as const), device: d, pick: fc.nat(20) }) },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('resolve' as const), device: d, opportunity: opp, pick: fc.nat(5) }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        type: fc.constant('sync' as const),
        device: d,
        user: fc.boolean(),
        faults: fc.array(faultArb, { maxLength: 5, size: 'max' }),
        during: fc.record({
          action: fc.constantFrom(
            'sync' as const,
            'sync' as const,
            'sync' as const,
            'change' as const,
            'change' as const,
            'pullOpportunity' as const,
          ),
          otherDevice: fc.nat(devices - 2),
          opportunity: opp,
        }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('pullOpportunity' as const), device: d, opportunity: opp }) },
    ...(adversary.length
      ? [
          {
            weight: 4,
            arbitrary: fc.record({
              type: fc.constant('adversary' as const),
              write: adversaryOpArbitrary(adversary),
              opportunity: opp,
            }),
          },
        ]
      : []),
  );
  return fc.tuple(op, advanceMs).map(([o, ms]) => ({ ...o, advanceMs: ms }) as Op);
}

export function scenarioArbitrary(
  options: { maxOps?: number; adversary?: readonly AdversaryKind[] } = {},
): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 2, max: 3 }).chain((devices) =>
    fc.record({
      skews: fc.array(fc.integer({ min: -120_000, max: 120_000 }), { minLength: devices, maxLength: devices }),
      // `size: 'max'`: lengths over the whole range, not fast-check's default of short arrays.
      ops: fc.array(opArb(devices, options.adversary), { minLength: 1, maxLength: options.maxOps ?? 30, size: 'max' }),
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// What was written: the newest version of everything, to prove nothing was lost

interface Written {
  version: string;
  deleted: boolean;
  attributionId?: string;
  claim?: Pick<SyncAttribution, 'opportunityId' | 'partnerKey' | 'kind' | 'note'>;
}

class Ledger {
  readonly attributions = new Map<string, Written>();
  readonly touches = new Map<string, Written>();

  private note(map: Map<string, Written>, id: string, entry: Written) {
    const seen = map.get(id);
    if (!seen || compareClockVersions(entry.version, seen.version) > 0) map.set(id, entry);
  }

  /** Notes these attributions and their touches as this browser now has them, right after a local change. */
  async record(d: Device, attributionIds: readonly string[]): Promise<void> {
    for (const id of attributionIds) {
      const row = await d.db.attributions.get(id);
      if (!row) continue;
      const [touches, partner] = await Promise.all([
        d.db.touches.where({ attributionId: id }).toArray(),
        d.db.partners.get(row.partnerId),
      ]);
      const state = toSyncAttribution(row, touches, partner);
      this.note(this.attributions, id, {
        version: state.version,
        deleted: state.deleted,
        claim: { opportunityId: state.opportunityId, partnerKey: state.partnerKey, kind: state.kind, note: state.note },
      });
      for (const touch of state.touches)
        this.note(this.touches, touch.id, { version: touch.version, deleted: touch.deleted, attributionId: id });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running a scenario

export interface RunStats {
  ops: number;
  changes: number;
  syncs: number;
  kills: number;
  faults: number;
  settleRounds: number;
  records: number;
  /** Hostile writes made, and the records the browsers refused at the end, by field. */
  hostileWrites?: number;
  refusedByField?: Record<string, number>;
}

export class ConvergenceError extends Error {
  override name = 'ConvergenceError';
}

function fail(message: string, detail?: unknown): never {
  throw new ConvergenceError(detail === undefined ? message : `${message}\n${JSON.stringify(detail, null, 2)}`);
}

/** Every record in the org, through the API. */
async function readAll(api: SyncApi): Promise<unknown[]> {
  let page = await api.query(pullQuery(undefined), rawAttributionRecordSchema);
  const records: unknown[] = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await api.queryMore(page.nextRecordsUrl, rawAttributionRecordSchema);
    records.push(...page.records);
  }
  return records;
}

async function localStates(d: Device): Promise<Map<string, SyncAttribution>> {
  const [rows, touches, partners] = await Promise.all([
    d.db.attributions.toArray(),
    d.db.touches.toArray(),
    d.db.partners.toArray(),
  ]);
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  return new Map(rows.map((row) => [row.id, toSyncAttribution(row, touches, partnerById.get(row.partnerId))]));
}

async function liveIds(d: Device): Promise<string[]> {
  return (await d.db.attributions.filter((row) => row.deleted === 0).primaryKeys()).sort();
}

/** Ignores what the store refuses on purpose (a duplicate partner, a claim removed meanwhile). */
async function attempt<T>(change: () => Promise<T>): Promise<T | undefined> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

const SETTLE_ROUNDS = 8;
const HOUR = 60 * 60_000;

export async function runScenario(scenario: Scenario, makeOrg: OrgFactory): Promise<RunStats> {
  const adversary = scenario.ops.some((op) => op.type === 'adversary');
  const time: Clock = clock();
  const org = await makeOrg(() => time.ms);
  const devices = scenario.skews.map((skewMs, i) => device(i + 1, time, { skewMs, prefix: 'convergence' }));
  const ledger = new Ledger();
  const stats: RunStats = {
    ops: scenario.ops.length,
    changes: 0,
    syncs: 0,
    kills: 0,
    faults: 0,
    settleRounds: 0,
    records: 0,
  };
  let noteCounter = 0;
  const opportunityOf = (n: number) => org.opportunityId?.(n) ?? opportunityId(n);

  const context = (d: Device, api: SyncApi): SyncContext => ({
    db: d.db,
    api,
    now: () => time.ms + d.skewMs,
    newId: d.newId,
    random: () => 0.5,
  });

  const change = async (d: Device, ids: readonly string[] | undefined) => {
    if (!ids) return;
    stats.changes++;
    await ledger.record(d, ids);
  };

  const addTouchSomewhere = async (d: Device, pick: number, day: number) => {
    const live = await liveIds(d);
    if (live.length === 0) return;
    const attributionId = live[pick % live.length]!;
    const touch = await attempt(() =>
      addTouch(
        d.db,
        {
          attributionId,
          type: 'joint_call',
          date: `2026-11-${String(day).padStart(2, '0')}`,
          note: `t${++noteCounter}`,
        },
        changeOn(d, time),
      ),
    );
    await change(d, touch ? [attributionId] : undefined);
  };

  /** A panel opening on an opportunity: one query for it with its attributions, then `pullOpportunity`. */
  const pullOne = async (d: Device, n: number) => {
    const id = opportunityOf(n);
    let record: OpportunityWithAttributions;
    if (org.readOpportunity) {
      record = await org.readOpportunity(d.userName, id);
    } else {
      const records = (await readAll(org.connect('Reader'))).filter(
        (r) => (r as { Opportunity__c?: unknown }).Opportunity__c === id,
      );
      record = { Name: `Opportunity ${n}`, [ATTRIBUTION_RELATIONSHIP]: { done: true, records } };
    }
    await pullOpportunity(context(d, org.connect(d.userName)), ORG, id, record);
  };

  /** Runs one step with faults; a kill drops the step and restarts the worker (the database is reopened). */
  const step = async (
    d: Device,
    faults: readonly CallFault[],
    during: Extract<Op, { type: 'sync' }>['during'],
    run: (api: SyncApi) => Promise<unknown>,
  ) => {
    let onKill!: () => void;
    const killed = new Promise<'killed'>((resolve) => (onKill = () => resolve('killed')));
    // Never this browser itself: another one, counted from the next.
    const other = devices[(devices.indexOf(d) + 1 + during.otherDevice) % devices.length]!;
    const hooks: FaultHooks = {
      onKill: () => onKill(),
      // While this browser's call is out: its user changes something, or a teammate's browser syncs
      // (its write lands between this browser's pull and push), or the panel pulls one opportunity here.
      whileOut: async () => {
        if (during.action === 'sync') {
          stats.syncs++;
          await syncOnce(context(other, org.connect(other.userName)), ORG, { userTriggered: true });
        } else if (during.action === 'pullOpportunity') {
          await pullOne(d, during.opportunity);
        } else {
          await addTouchSomewhere(d, noteCounter, 17);
        }
      },
    };
    const api = org.withFaults
      ? org.withFaults(d.userName, faults, hooks)
      : withFaults(org.connect(d.userName), faults, hooks);
    const outcome = await Promise.race([run(api).then(() => 'done' as const), killed]);
    stats.faults += faults.filter((f, i) => f.kind !== 'ok' && i < api.calls()).length;
    if (outcome === 'killed') {
      stats.kills++;
      reopen(d);
    }
  };

  try {
    for (const op of scenario.ops) {
      time.advance(op.advanceMs);
      const d = devices['device' in op ? op.device : 0]!;
      switch (op.type) {
        case 'add': {
          const view = await attempt(() =>
            addAttribution(
              d.db,
              {
                orgKey: ORG,
                opportunityId: opportunityOf(op.opportunity),
                partnerName: PARTNERS[op.partner]!,
                kind: op.kind,
                note: `n${++noteCounter}`,
                touch: { type: 'intro_referral', date: '2026-11-02', note: '' },
                competingClaim: op.competing,
              },
              changeOn(d, time),
            ),
          );
          await change(d, view ? [view.id] : undefined);
          break;
        }
        case 'touch':
          await addTouchSomewhere(d, op.pick, op.day);
          break;
        case 'remove': {
          const live = await liveIds(d);
          if (live.length === 0) break;
          const id = live[op.pick % live.length]!;
          const done = await attempt(() => removeAttribution(d.db, id, changeOn(d, time)).then(() => true));
          await change(d, done ? [id] : undefined);
          break;
        }
        case 'resolve': {
          const sourced = (
            await d.db.attributions.where({ opportunityId: opportunityOf(op.opportunity), deleted: 0 }).toArray()
          )
            .filter((row) => row.kind === 'sourced')
            .map((row) => row.id)
            .sort();
          if (sourced.length < 2) break;
          const keep = sourced[op.pick % sourced.length]!;
          const done = await attempt(() =>
            resolveDispute(
              d.db,
              { opportunityId: opportunityOf(op.opportunity), keepAttributionId: keep },
              changeOn(d, time),
            ).then(() => true),
          );
          await change(d, done ? sourced : undefined);
          break;
        }
        case 'sync':
          stats.syncs++;
          await step(d, op.faults, op.during, (api) => syncOnce(context(d, api), ORG, { userTriggered: op.user }));
          break;
        case 'pullOpportunity':
          await pullOne(d, op.opportunity);
          break;
        case 'adversary': {
          const honest = (await readAll(org.connect('Reader'))) as Record<string, unknown>[];
          const api = org.connect(ADVERSARY_USER);
          await adversaryWrite(api, op.write, honest, opportunityOf(op.opportunity), time.ms);
          stats.hostileWrites = (stats.hostileWrites ?? 0) + 1;
          break;
        }
      }
    }

    // Faults off: sync every browser until a whole round moves nothing.
    let quiet = false;
    for (let round = 1; round <= SETTLE_ROUNDS && !quiet; round++) {
      stats.settleRounds = round;
      let moved = 0;
      for (const d of devices) {
        time.advance(HOUR);
        const summary = await syncOnce(context(d, org.connect(d.userName)), ORG, { userTriggered: true });
        if (summary.status !== 'synced') fail(`${d.name} could not sync without faults`, summary);
        moved += summary.pushed + summary.merged + summary.failedRecords;
      }
      const queued = await Promise.all(devices.map((d) => d.db.outbox.count()));
      quiet = moved === 0 && queued.every((n) => n === 0);
    }
    if (!quiet) fail(`The browsers were still changing things after ${SETTLE_ROUNDS} rounds of sync without faults`);

    await check(org, devices, ledger, stats, adversary);
    if (adversary) await checkBackups(devices, time, stats);
    return stats;
  } finally {
    await Promise.all(devices.map((d) => d.db.delete()));
    await org.dispose?.();
  }
}

async function check(
  org: OrgUnderTest,
  devices: readonly Device[],
  ledger: Ledger,
  stats: RunStats,
  adversary = false,
): Promise<void> {
  const raw = await readAll(org.connect('Auditor'));
  stats.records = raw.length;
  const inOrg = new Map<string, SyncAttribution>();
  for (const record of raw) {
    const read = readOrgRecord(record);
    // With a hostile teammate, the org holds records no browser takes: only the acceptable ones must agree.
    if (adversary && (!read.ok || checkRemote(read.record, ORG, new Date().toISOString()))) {
      const id = String((record as { External_Id__c?: unknown }).External_Id__c ?? '').toLowerCase();
      if (ledger.attributions.has(id)) fail(`Honest attribution ${id} is still broken in the org`, record);
      continue;
    }
    if (!read.ok) fail('The org holds a record the engine cannot read', { record, reason: read.reason });
    if (inOrg.has(read.record.state.id)) fail(`External id ${read.record.state.id} is in the org twice`);
    inOrg.set(read.record.state.id, read.record.state);
  }
  const stored = adversary ? undefined : org.storedRecords?.();
  if (stored) {
    const storedIds = stored.map((record) => String(record.External_Id__c).toLowerCase());
    if (new Set(storedIds).size !== storedIds.length) fail('The org stores an external id twice', storedIds.sort());
    if (storedIds.length !== inOrg.size || storedIds.some((id) => !inOrg.has(id))) {
      fail('The API does not show every record the org stores', {
        stored: storedIds.sort(),
        shown: [...inOrg.keys()].sort(),
      });
    }
  }

  for (const d of devices) {
    const outbox = await d.db.outbox.count();
    if (outbox) fail(`${d.name} still has ${outbox} queued changes`, await d.db.outbox.toArray());
    const state = await d.db.syncState.get(ORG);
    if (state?.stoppedReason) fail(`${d.name} is stopped`, state);
    const local = await localStates(d);
    const missing = [...inOrg.keys()].filter((id) => !local.has(id));
    const extra = [...local.keys()].filter((id) => !inOrg.has(id));
    if (missing.length || extra.length) fail(`${d.name} and the org hold different attributions`, { missing, extra });
    for (const [id, mine] of local) {
      if (!sameState(mine, inOrg.get(id)!))
        fail(`${d.name} differs from the org on ${id}`, { device: mine, org: inOrg.get(id) });
    }
  }

  for (const [id, written] of ledger.attributions) {
    if (adversary && isAdversaryRecord(id)) continue;
    const state = inOrg.get(id);
    if (!state) fail(`Attribution ${id} was written but never reached the org`, written);
    if (state.version !== written.version || state.deleted !== written.deleted) {
      fail(`Attribution ${id} lost its newest change`, { written, org: state });
    }
    const claim = {
      opportunityId: state.opportunityId,
      partnerKey: state.partnerKey,
      kind: state.kind,
      note: state.note,
    };
    if (JSON.stringify(claim) !== JSON.stringify(written.claim))
      fail(`Attribution ${id} has other content than its newest change`, { written, org: claim });
  }
  for (const [id, written] of ledger.touches) {
    if (adversary && isAdversaryRecord(written.attributionId)) continue;
    const touch = inOrg.get(written.attributionId!)?.touches.find((t) => t.id === id);
    if (!touch) fail(`Touch ${id} was written but never reached the org`, written);
    if (touch.version !== written.version || touch.deleted !== written.deleted)
      fail(`Touch ${id} lost its newest change`, { written, org: touch });
  }
}

/** Every browser's backup restores, into a fresh database; and what each browser refused, by field. */
async function checkBackups(devices: readonly Device[], time: Clock, stats: RunStats): Promise<void> {
  const refused: Record<string, number> = {};
  for (const d of devices) {
    const state = await d.db.syncState.get(ORG);
    for (const entry of Object.values(state?.refusedRecords ?? {})) {
      const field = entry.field.replace(/\[\d+\]/g, '[]');
      refused[field] = (refused[field] ?? 0) + 1;
    }
    const file = JSON.stringify(await createBackup(d.db, new Date(time.ms).toISOString()));
    const parsed = parseBackup(file);
    if (!parsed.ok) fail(`${d.name}'s backup does not restore`, parsed.problems);
    const restored = createDb(`${d.dbName}-restored`);
    try {
      await restoreBackup(restored, parsed.backup, { now: new Date(time.ms).toISOString() });
    } finally {
      await restored.delete();
    }
  }
  stats.refusedByField = refused;
}

// ---------------------------------------------------------------------------------------------------------
// The property

export interface ConvergenceOptions {
  runs: number;
  seed: number;
  makeOrg?: OrgFactory;
  maxOps?: number;
  /** Called after each run (progress for long runs). */
  onRun?: (stats: RunStats) => void;
  /** Shrink a failing scenario to a smallest one (default true; slow for long scenarios). */
  shrink?: boolean;
  /** A hostile teammate writes these kinds of records among the honest browsers' steps (adversary.ts). */
  adversary?: readonly AdversaryKind[];
}

/** Runs `runs` scenarios from `seed`; throws fast-check's report (seed, path, smallest scenario) on failure. */
export async function checkConvergence(options: ConvergenceOptions): Promise<void> {
  const makeOrg = options.makeOrg ?? memoryOrgFactory();
  await fc.assert(
    fc.asyncProperty(
      scenarioArbitrary({ maxOps: options.maxOps ?? 30, adversary: options.adversary }),
      async (scenario) => {
        const stats = await runScenario(scenario, makeOrg);
        options.onRun?.(stats);
      },
    ),
    {
      numRuns: options.runs,
      seed: options.seed,
      endOnFailure: options.shrink === false,
    },
  );
}
