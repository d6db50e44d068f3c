import { describe, expect, it } from 'vitest';
import { addAttribution, removeAttribution } from '../../../../lib/store/attributions';
import type { OpportunityRow, PartnerLedgerDb } from '../../../../lib/store/db';
import { createBackup } from '../../../../lib/store/backup/create';
import { READY_PREFIX } from '../../../../lib/store/settings';
import { createSummaryService } from '../../../../lib/services/summary/service';
import type { SummaryDataStatus } from '../../../../lib/services/summary/org-figures';
import { weekOfDate } from '../../../../lib/time/week';
import { changeContext, freshDbs, opportunityId } from '../../../builders';

/** Wednesday 18 Nov 2026, 10:00 UTC: the Monday week is 16–22 Nov; the one before 9–15 Nov. */
const NOW = new Date('2026-11-18T10:00:00.000Z');
const THIS_WEEK = '2026-11-16';
const LAST_WEEK = '2026-11-09';

const newDb = freshDbs();

function facts(n: number, createdAt: string, amount: number): OpportunityRow {
  return {
    id: opportunityId(n),
    orgKey: 'acme',
    name: `Deal ${n}`,
    source: 'api',
    seenAt: createdAt,
    createdAt,
    createdDate: createdAt.slice(0, 10),
    amount,
    currency: null,
    stage: 'Prospecting',
    closeDate: '2026-12-31',
    isClosed: false,
    isWon: false,
    fetchedAt: NOW.toISOString(),
  };
}

async function seeded(options: { prepared?: SummaryDataStatus } = {}) {
  const db = newDb();
  let now = NOW;
  const calls: string[][] = [];
  await db.settings.put({ key: 'lastOrg', value: 'acme' });
  await db.settings.put({
    key: 'page:acme',
    value: 'https://acme.lightning.force.com/lightning/r/Opportunity/006/view',
  });
  // A single-currency org in dollars, with its totals for both weeks.
  await db.settings.put({
    key: 'orgCurrency:acme',
    value: { multiCurrency: false, currency: 'USD', fetchedAt: NOW.toISOString() },
  });
  await db.weekTotals.bulkPut([
    {
      orgKey: 'acme',
      weekKey: THIS_WEEK,
      byCurrency: { USD: 400_000_00 },
      opportunities: 5,
      fetchedAt: NOW.toISOString(),
      final: false,
    },
    {
      orgKey: 'acme',
      weekKey: LAST_WEEK,
      byCurrency: { USD: 1_000_000_00 },
      opportunities: 9,
      fetchedAt: NOW.toISOString(),
      final: true,
    },
  ]);
  await db.opportunities.bulkPut([
    facts(1, '2026-11-17T09:00:00.000Z', 100_000),
    facts(2, '2026-11-10T09:00:00.000Z', 50_000),
  ]);
  const ctx = () => changeContext({ now: now.toISOString(), newId: () => crypto.randomUUID() });
  const touch = (date: string) => ({ type: 'intro_referral' as const, date, note: '' });
  await addAttribution(
    db,
    {
      orgKey: 'acme',
      opportunityId: opportunityId(1),
      partnerName: 'Northwind',
      kind: 'sourced',
      note: '',
      touch: touch('2026-11-17'),
    },
    ctx(),
  );
  const influenced = await addAttribution(
    db,
    {
      orgKey: 'acme',
      opportunityId: opportunityId(2),
      partnerName: 'Globex',
      kind: 'influenced',
      note: '',
      touch: touch('2026-11-10'),
    },
    ctx(),
  );
  const service = createSummaryService({
    db,
    now: () => now,
    timeZone: () => 'UTC',
    org: {
      lastOrg: async () => 'acme',
      knownOrgs: async () => ['acme'],
      prepare: async (_orgKey, weeks) => {
        calls.push(weeks.map((week) => week.key));
        return options.prepared ?? { fromOrg: true, calls: 0 };
      },
    },
  });
  return { db, service, calls, influenced, setNow: (next: Date) => (now = next) };
}

describe('the weekly summary report', () => {
  it('summarises the current week from stored facts and the org’s totals, in the org’s currency', async () => {
    const { service, calls } = await seeded();
    const report = await service.report();
    expect(calls).toEqual([[THIS_WEEK, LAST_WEEK]]);
    expect(report).toMatchObject({
      currentWeekKey: THIS_WEEK,
      previousWeekKey: LAST_WEEK,
      newPipelineKnown: true,
      changes: [],
    });
    expect(report.nextWeekKey).toBeUndefined();
    expect(report.lightningOrigin).toBe('https://acme.lightning.force.com');
    expect(report.summary.figures.byCurrency).toEqual([
      expect.objectContaining({
        currency: 'USD',
        sourcedPipelineCents: 100_000_00,
        sourcedOpportunities: 1,
        newPipelineCents: 400_000_00,
        sourcedShare: 0.25,
      }),
    ]);
    expect(report.summary.previous.byCurrency).toEqual([
      expect.objectContaining({ influencedPipelineCents: 50_000_00, sourcedPipelineCents: 0 }),
    ]);
  });

  it('reads the org’s attributed opportunities, and leaves out other orgs’ tags', async () => {
    const { db, service } = await seeded();
    await db.opportunities.put({ ...facts(4, '2026-11-17T12:00:00.000Z', 30_000), orgKey: 'acme' });
    const ctx = changeContext({ now: NOW.toISOString(), newId: () => crypto.randomUUID() });
    const touch = { type: 'intro_referral' as const, date: '2026-11-17', note: '' };
    await addAttribution(
      db,
      { orgKey: 'acme', opportunityId: opportunityId(4), partnerName: 'Initech', kind: 'influenced', note: '', touch },
      ctx,
    );
    await db.opportunities.put({ ...facts(5, '2026-11-17T12:00:00.000Z', 70_000), orgKey: 'globex' });
    await addAttribution(
      db,
      {
        orgKey: 'globex',
        opportunityId: opportunityId(5),
        partnerName: 'Initech',
        kind: 'influenced',
        note: '',
        touch,
      },
      ctx,
    );
    const report = await service.report();
    expect(report.summary.figures.byCurrency[0]).toMatchObject({
      influencedPipelineCents: 30_000_00,
      influencedOpportunities: 1,
    });
  });

  it('moves to another week and back', async () => {
    const { service } = await seeded();
    const last = await service.report(LAST_WEEK);
    expect(last).toMatchObject({ previousWeekKey: '2026-11-02', nextWeekKey: THIS_WEEK });
    expect(last.summary.byPartner.map((line) => line.partnerName)).toEqual(['Globex']);
    expect((await service.report('2026-11-19')).summary.week.key).toBe(THIS_WEEK);
  });

  it('says why the share is unknown when the org’s total is not there', async () => {
    const { db, service } = await seeded({
      prepared: { fromOrg: false, reason: 'Open Salesforce in a tab to connect.', calls: 0 },
    });
    await db.weekTotals.clear();
    const report = await service.report();
    expect(report).toMatchObject({
      newPipelineKnown: false,
      newPipelineUnknownReason: 'Open Salesforce in a tab to connect.',
    });
    expect(report.summary.figures.byCurrency[0]).toMatchObject({
      sourcedPipelineCents: 100_000_00,
      newPipelineCents: null,
      sourcedShare: null,
    });
  });
});

describe('the report kept ready for the popup', () => {
  const sourced = (report: Awaited<ReturnType<ReturnType<typeof createSummaryService>['report']>>) =>
    report.summary.figures.byCurrency[0]?.sourcedPipelineCents;

  it(
    'answers from the last report while nothing changed — also in a worker started anew — and makes it again after ' +
      'a change',
    async () => {
      const { db, service, calls } = await seeded();
      expect(sourced(await service.readyReport())).toBe(100_000_00);
      expect(calls).toHaveLength(1);
      expect(sourced(await service.readyReport())).toBe(100_000_00);
      expect(calls).toHaveLength(1); // answered from memory

      // A new sourced deal this week, written without telling the service: the ready report still stands,
      // also for a service made anew on the same database (a worker woken by the popup).
      await db.opportunities.put(facts(3, '2026-11-18T08:00:00.000Z', 20_000));
      await addAttribution(
        db,
        {
          orgKey: 'acme',
          opportunityId: opportunityId(3),
          partnerName: 'Initech',
          kind: 'sourced',
          note: '',
          touch: { type: 'intro_referral', date: '2026-11-18', note: '' },
        },
        changeContext({ now: NOW.toISOString(), newId: () => crypto.randomUUID() }),
      );
      const woken = createSummaryService({ db, now: () => NOW, timeZone: () => 'UTC' });
      await db.settings.put({ key: 'lastOrg', value: 'acme' });
      expect(sourced(await woken.readyReport())).toBe(100_000_00);

      await service.dataChanged();
      expect(sourced(await service.readyReport())).toBe(120_000_00);
    },
  );

  it(
    'answers at once after a change with the last report marked updating, and with the new one when asked for it ' +
      'fresh',
    async () => {
      const { db, service } = await seeded();
      expect(sourced(await service.readyReport())).toBe(100_000_00);
      await db.opportunities.put(facts(3, '2026-11-18T08:00:00.000Z', 20_000));
      await addAttribution(
        db,
        {
          orgKey: 'acme',
          opportunityId: opportunityId(3),
          partnerName: 'Initech',
          kind: 'sourced',
          note: '',
          touch: { type: 'intro_referral', date: '2026-11-18', note: '' },
        },
        changeContext({ now: NOW.toISOString(), newId: () => crypto.randomUUID() }),
      );
      await service.forgetReady();

      const outdated = await service.readyReport();
      expect(outdated.updating).toBe(true);
      expect(sourced(outdated)).toBe(100_000_00);
      const fresh = await service.readyReport(undefined, { fresh: true });
      expect(fresh.updating).toBeUndefined();
      expect(sourced(fresh)).toBe(120_000_00);
      expect(sourced(await service.readyReport())).toBe(120_000_00);

      // A worker started after a change finds the last report in settings, marked outdated.
      await service.forgetReady();
      const org = {
        lastOrg: async () => 'acme',
        knownOrgs: async () => ['acme'],
        prepare: async () => ({ fromOrg: true, calls: 0 }),
      };
      const woken = createSummaryService({ db, now: () => NOW, timeZone: () => 'UTC', org });
      expect(await woken.readyReport()).toMatchObject({ updating: true });
      expect((await woken.readyReport(undefined, { fresh: true })).updating).toBeUndefined();
    },
  );

  it('leaves ready reports out of backups', async () => {
    const { db, service } = await seeded();
    await service.readyReport();
    expect((await db.settings.toArray()).some((row) => row.key.startsWith(READY_PREFIX))).toBe(true);
    const backup = await createBackup(db, NOW.toISOString());
    expect(backup.tables.settings.some((row) => row.key.startsWith(READY_PREFIX))).toBe(false);
  });
});

describe('long lists', () => {
  /** Adds `count` open deals whose only partner touch was in September: stale by mid-November. */
  async function addStaleDeals(db: PartnerLedgerDb, count: number) {
    for (let n = 10; n < 10 + count; n++) {
      await db.opportunities.put(facts(n, '2026-08-20T09:00:00.000Z', 1_000));
      await addAttribution(
        db,
        {
          orgKey: 'acme',
          opportunityId: opportunityId(n),
          partnerName: 'Contoso',
          kind: 'influenced',
          note: '',
          touch: { type: 'joint_call', date: '2026-09-01', note: '' },
        },
        changeContext({ now: '2026-09-01T10:00:00.000Z', newId: () => crypto.randomUUID() }),
      );
    }
  }

  it('keeps the first stale deals in the ready report, with their count, and gives them all on request', async () => {
    const { db, service } = await seeded();
    await addStaleDeals(db, 8);
    const ready = await service.readyReport();
    expect(ready.summary.staleCount).toBe(8);
    expect(ready.summary.stale).toHaveLength(5);
    const lists = await service.lists(THIS_WEEK);
    expect(lists.stale).toHaveLength(8);
    expect(lists.stale.slice(0, 5)).toEqual(ready.summary.stale);
    expect(new Set(lists.stale.map((deal) => deal.opportunityId)).size).toBe(8);
  });

  it('reads and indexes the tags once, then updates the index for the changed deals only', async () => {
    const { db, service } = await seeded();
    let reads = 0;
    const toArray = db.touches.toArray.bind(db.touches);
    db.touches.toArray = (async () => {
      reads++;
      return toArray();
    }) as typeof db.touches.toArray;
    await service.report(THIS_WEEK);
    await service.report(LAST_WEEK);
    await service.lists(LAST_WEEK);
    expect(reads).toBe(1);
    await addStaleDeals(db, 1);
    expect((await service.lists(THIS_WEEK)).stale).toHaveLength(1);
    expect(reads).toBe(1); // the new deal's rows only

    // Writes Dexie reports as a range of keys (here 60 rows at once) cannot be followed: all rows again.
    await db.partners.bulkPut(
      Array.from({ length: 60 }, (_, i) => ({
        id: crypto.randomUUID(),
        name: `Bulk ${i}`,
        normalizedName: `bulk ${i}`,
        type: null,
        tier: null,
        accountId: null,
        active: true,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      })),
    );
    expect((await service.lists(THIS_WEEK)).stale).toHaveLength(1);
    expect(reads).toBe(2);
  });
});

describe('the deal index after changes', () => {
  /** What a service made anew (an index from every row) says about both weeks. */
  async function fromEveryRow(db: PartnerLedgerDb) {
    const service = createSummaryService({ db, now: () => NOW, timeZone: () => 'UTC' });
    await db.settings.put({ key: 'lastOrg', value: 'acme' });
    return {
      week: await service.compute('acme', ...(await weekOf(service, THIS_WEEK))),
      lists: await service.lists(LAST_WEEK),
    };
  }

  async function weekOf(service: ReturnType<typeof createSummaryService>, weekKey: string) {
    const settings = await service.weekSettings();
    return [weekOfDate(weekKey, settings), settings] as const;
  }

  it('gives the figures of an index made from every row after tags, touches, partners and facts change', async () => {
    const { db, service, influenced } = await seeded();
    const summaries = async () => ({
      week: await service.compute('acme', ...(await weekOf(service, THIS_WEEK))),
      lists: await service.lists(LAST_WEEK),
    });
    let reads = 0;
    const toArray = db.touches.toArray.bind(db.touches);
    db.touches.toArray = (async () => {
      reads++;
      return toArray();
    }) as typeof db.touches.toArray;
    await summaries(); // the index is made and kept

    // A new sourced deal, a second sourced claim on deal 1 (a dispute), a rename, a removed tag, new facts.
    await db.opportunities.put(facts(3, '2026-11-18T08:00:00.000Z', 20_000));
    const ctx = changeContext({ now: NOW.toISOString(), newId: () => crypto.randomUUID() });
    const intro = { type: 'intro_referral' as const, date: '2026-11-18', note: '' };
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId: opportunityId(3),
        partnerName: 'Initech',
        kind: 'sourced',
        note: '',
        touch: intro,
      },
      ctx,
    );
    expect(await summaries()).toEqual(await fromEveryRow(db));
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId: opportunityId(1),
        partnerName: 'Globex',
        kind: 'sourced',
        note: '',
        touch: intro,
        competingClaim: true,
      },
      ctx,
    );
    const globex = (await db.partners.where('normalizedName').equals('globex').first())!;
    await db.partners.update(globex.id, { name: 'Globex Europe' });
    const now = await summaries();
    expect(now).toEqual(await fromEveryRow(db));
    expect(JSON.stringify(now)).toContain('Globex Europe');
    expect(now.lists.needsReview.map((item) => item.reason)).toContain('disputed');

    await removeAttribution(db, influenced.id, ctx);
    await db.opportunities.update(opportunityId(1), { amount: 90_000, isClosed: true });
    await db.touches.where('opportunityId').equals(opportunityId(3)).modify({ date: '2026-09-01' });
    expect(await summaries()).toEqual(await fromEveryRow(db));
    // A tag deleted for good is traced through the index to its deal.
    await db.attributions.where('opportunityId').equals(opportunityId(3)).delete();
    const after = await summaries();
    expect(after).toEqual(await fromEveryRow(db));
    expect(after.week.deals.map((deal) => deal.opportunityId)).not.toContain(opportunityId(3));
    // Every row was read once for the kept index and once for each index made anew here: never again.
    expect(reads).toBe(1 + 4);
  });
});
