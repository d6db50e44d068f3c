import { describe, expect, it } from 'vitest';
import { snapshotRowSchema } from '../../../lib/store/rows';
import { unsyncedSnapshots } from '../../../lib/store/snapshots';
import { freshDbs } from '../../builders';

const newDb = freshDbs();

describe('a frozen snapshot’s scope', () => {
  const row = {
    orgKey: 'acme',
    weekKey: '2026-11-16',
    frozenAt: '2026-11-23T00:00:00.000Z',
    figures: { weekKey: '2026-11-16', byCurrency: [] },
    byPartner: [],
    deals: [],
    synced: 0 as const,
  };

  it('is the team’s for a row frozen before scopes were recorded', () => {
    expect(snapshotRowSchema.parse(row).scope).toBe('team');
    expect(snapshotRowSchema.parse({ ...row, scope: 'mine' }).scope).toBe('mine');
    expect(snapshotRowSchema.safeParse({ ...row, scope: 'everyone' }).success).toBe(false);
  });

  it('keeps a snapshot of the user’s own number out of the org', async () => {
    const db = newDb();
    await db.summaries.bulkPut([
      row,
      { ...row, weekKey: '2026-11-09', scope: 'team' },
      { ...row, weekKey: '2026-11-02', scope: 'mine' },
    ]);
    expect((await unsyncedSnapshots(db, 'acme')).map((r) => r.weekKey)).toEqual(['2026-11-09', '2026-11-16']);
  });
});
