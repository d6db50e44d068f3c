import { describe, expect, it } from 'vitest';
import { addAttribution } from '../../../../lib/store/attributions';
import type { OpportunityRow } from '../../../../lib/store/db';
import { createSummaryService } from '../../../../lib/services/summary/service';
import { changeContext, freshDbs, opportunityId } from '../../../builders';

/** Wednesday 18 Nov 2026: the Monday week is 16–22 Nov, the one before 9–15 Nov. */
const NOW = new Date('2026-11-18T10:00:00.000Z');
const THIS_DEVICE = 'd0000001-0000-4000-8000-000000000001';
const TEAMMATE_DEVICE = 'd0000002-0000-4000-8000-000000000002';

const newDb = freshDbs();

function facts(n: number, amount: number): OpportunityRow {
  const createdAt = '2026-11-17T09:00:00.000Z';
  return {
    id: opportunityId(n),
    orgKey: 'acme',
    name: `Deal ${n}`,
    source: 'api',
    seenAt: createdAt,
    createdAt,
    amount,
    currency: 'USD',
    isClosed: false,
    isWon: false,
    fetchedAt: NOW.toISOString(),
  };
}

/** Two sourced claims this week: one made in this browser, one pulled from a teammate's. */
async function seeded() {
  const db = newDb();
  await db.settings.bulkPut([
    { key: 'lastOrg', value: 'acme' },
    { key: 'deviceId', value: THIS_DEVICE },
  ]);
  await db.opportunities.bulkPut([facts(1, 100_000), facts(2, 40_000)]);
  const touch = { type: 'intro_referral' as const, date: '2026-11-17', note: '' };
  const claim = (n: number, partnerName: string, deviceId: string, userName?: string) =>
    addAttribution(
      db,
      { orgKey: 'acme', opportunityId: opportunityId(n), partnerName, kind: 'sourced', note: '', touch },
      changeContext({
        actor: { deviceId, ...(userName ? { userName } : {}) },
        now: NOW.toISOString(),
        newId: () => crypto.randomUUID(),
      }),
    );
  await claim(1, 'Northwind', THIS_DEVICE);
  await claim(2, 'Globex', TEAMMATE_DEVICE, 'Grace Hopper');
  const service = createSummaryService({
    db,
    now: () => NOW,
    timeZone: () => 'UTC',
    org: {
      lastOrg: async () => 'acme',
      knownOrgs: async () => ['acme'],
      prepare: async () => ({ fromOrg: true, calls: 0 }),
    },
  });
  return { db, service };
}

const sourced = (report: { summary: { figures: { byCurrency: { sourcedPipelineCents: number }[] } } }) =>
  report.summary.figures.byCurrency[0]?.sourcedPipelineCents;

describe('the summary’s scope', () => {
  it('counts every claim for the team, and only this user’s for mine', async () => {
    const { service } = await seeded();
    const team = await service.report();
    expect(team.scope).toBe('team');
    expect(sourced(team)).toBe(140_000_00);
    const mine = await service.report(undefined, {}, 'mine');
    expect(mine.scope).toBe('mine');
    expect(sourced(mine)).toBe(100_000_00);
    expect(mine.summary.byPartner.map((line) => line.partnerName)).toEqual(['Northwind']);
  });

  it('counts a teammate’s claim as the user’s once connected as its author', async () => {
    const { db, service } = await seeded();
    await db.settings.put({ key: 'user', value: { userId: '005Ak00000000AAIAY', userName: 'Grace Hopper' } });
    expect(sourced(await service.report(undefined, {}, 'mine'))).toBe(140_000_00);
  });

  it('opens in the scope last chosen, and keeps a ready report per scope', async () => {
    const { service } = await seeded();
    expect((await service.readyReport()).scope).toBe('team');
    expect(await service.chooseScope('mine')).toBe('mine');
    const reopened = await service.readyReport();
    expect(reopened.scope).toBe('mine');
    expect(sourced(reopened)).toBe(100_000_00);
    expect(sourced(await service.readyReport(undefined, { scope: 'team' }))).toBe(140_000_00);
  });

  it('freezes the team’s number whatever the popup shows, and compares a week only within its scope', async () => {
    const { db, service } = await seeded();
    await service.chooseScope('mine');
    const later = createSummaryService({
      db,
      now: () => new Date('2026-11-24T10:00:00.000Z'),
      timeZone: () => 'UTC',
      org: {
        lastOrg: async () => 'acme',
        knownOrgs: async () => ['acme'],
        prepare: async () => ({ fromOrg: true, calls: 0 }),
      },
    });
    const [frozen] = await later.freezeEndedWeeks();
    expect(frozen).toMatchObject({ weekKey: '2026-11-16', scope: 'team' });
    expect(frozen!.figures.byCurrency[0]?.sourcedPipelineCents).toBe(140_000_00);
    const mine = await later.report('2026-11-16', {}, 'mine');
    expect(mine.snapshot?.scope).toBe('team');
    expect(mine.changes).toEqual([]);
  });
});
