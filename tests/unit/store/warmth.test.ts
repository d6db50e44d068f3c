import { describe, expect, it } from 'vitest';
import { DEFAULT_WARMTH_RULES } from '../../../lib/attribution/warmth';
import { requestSchemas } from '../../../lib/messaging/schemas';
import { addAttribution, addTouch, removeAttribution } from '../../../lib/store/attributions';
import { readWarmth, taggedOpportunityIds } from '../../../lib/store/warmth';
import { changeContext, freshDb, opportunityId } from '../../builders';

const [HOT, WARM, COOL, NONE, REMOVED] = [1, 2, 3, 4, 5].map(opportunityId) as [string, string, string, string, string];
const options = { today: '2026-11-20', rules: DEFAULT_WARMTH_RULES };

async function tag(
  db: ReturnType<typeof freshDb>,
  opp: string,
  partnerName: string,
  kind: 'sourced' | 'influenced',
  date: string,
) {
  return addAttribution(
    db,
    { orgKey: 'acme', opportunityId: opp, partnerName, kind, note: '', touch: { type: 'joint_call', date, note: '' } },
    changeContext({ actor: { deviceId: 'd', userName: 'Jordan Kim' }, newId: () => crypto.randomUUID() }),
  );
}

describe('warmth for many opportunities at once', () => {
  it(
    'scores each opportunity from its live attributions and touches, and leaves out those without ' + 'partners',
    async () => {
      const db = freshDb();
      await tag(db, HOT, 'Acme SI', 'sourced', '2026-10-01');
      await tag(db, WARM, 'Globex', 'influenced', '2026-10-20');
      await tag(db, COOL, 'Initech', 'influenced', '2026-08-01');
      const removed = await tag(db, REMOVED, 'Umbrella', 'sourced', '2026-11-19');
      await removeAttribution(db, removed.id, changeContext());

      const warmth = await readWarmth(db, [HOT, WARM, COOL, NONE, REMOVED], options);
      expect(Object.keys(warmth).sort()).toEqual([COOL, HOT, WARM].sort());
      expect(warmth[HOT]?.level).toBe('hot');
      expect(warmth[WARM]).toMatchObject({
        level: 'warm',
        summary: 'Influenced by Globex · last touch 31 days ago',
        askPartnerManager: 'Jordan Kim',
      });
      expect(warmth[COOL]?.level).toBe('cool');
    },
  );

  it('counts only the claims of the page’s org: a sandbox with production’s opportunity ids is another ledger', async () => {
    const db = freshDb();
    await tag(db, HOT, 'Acme SI', 'sourced', '2026-10-01');
    expect(Object.keys(await readWarmth(db, [HOT], { ...options, orgKey: 'acme' }))).toEqual([HOT]);
    expect(await readWarmth(db, [HOT], { ...options, orgKey: 'acme--uat' })).toEqual({});
  });

  it('uses the newest touch of every attribution and the user’s thresholds', async () => {
    const db = freshDb();
    const a = await tag(db, WARM, 'Globex', 'influenced', '2026-09-01');
    expect((await readWarmth(db, [WARM], options))[WARM]?.level).toBe('cool');
    await addTouch(
      db,
      { attributionId: a.id, type: 'technical_evaluation', date: '2026-11-15', note: '' },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
    expect((await readWarmth(db, [WARM], options))[WARM]?.level).toBe('hot');
    expect(
      (await readWarmth(db, [WARM], { ...options, rules: { hotTouchDays: 2, warmTouchDays: 10 } }))[WARM]?.level,
    ).toBe('warm');
  });

  it('gives the same answer whether it looks up a few opportunities or reads the whole table for many', async () => {
    const db = freshDb();
    const ids = Array.from({ length: 12 }, (_, i) => opportunityId(100 + i));
    for (const [i, id] of ids.entries())
      await tag(
        db,
        id,
        `Partner ${i % 3}`,
        i % 2 ? 'influenced' : 'sourced',
        `2026-11-${String(1 + i).padStart(2, '0')}`,
      );
    const all = await readWarmth(db, ids, options); // 12 of 12: one read of the table
    expect(Object.keys(all)).toHaveLength(12);
    for (const id of ids.slice(0, 2)) {
      expect(await readWarmth(db, [id], options)).toEqual({ [id]: all[id] }); // 1 of 12: the index
    }
  });

  it('lists the opportunities with live attributions when there are few enough', async () => {
    const db = freshDb();
    await tag(db, HOT, 'Acme SI', 'sourced', '2026-10-01');
    await tag(db, WARM, 'Globex', 'influenced', '2026-10-20');
    await tag(db, WARM, 'Initech', 'influenced', '2026-10-21');
    const removed = await tag(db, REMOVED, 'Umbrella', 'sourced', '2026-11-19');
    await removeAttribution(db, removed.id, changeContext());
    expect((await taggedOpportunityIds(db, 10))?.sort()).toEqual([HOT, WARM].sort());
    expect(await taggedOpportunityIds(db, 1)).toBeUndefined();
  });

  it('refuses thresholds where Warm reaches less far back than Hot, and batches over 2,000', () => {
    const refused = requestSchemas.saveUiSettings.safeParse({
      patch: { warmth: { hotTouchDays: 30, warmTouchDays: 10 } },
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Warm must reach at least as far back as Hot.');
    expect(requestSchemas.saveUiSettings.safeParse({ patch: { listBadges: 'yes' } }).success).toBe(false);
    expect(requestSchemas.saveUiSettings.safeParse({ patch: { somethingElse: true } }).success).toBe(false);
    const ids = Array.from({ length: 2_001 }, (_, i) => opportunityId(i + 1));
    expect(requestSchemas.getWarmth.safeParse({ orgKey: 'acme', opportunityIds: ids }).success).toBe(false);
    expect(requestSchemas.getWarmth.safeParse({ orgKey: 'acme', opportunityIds: ids.slice(0, 2_000) }).success).toBe(
      true,
    );
    expect(requestSchemas.getWarmth.safeParse({ orgKey: 'acme', opportunityIds: ['001Ak00000AbCdEIAZ'] }).success).toBe(
      false,
    );
    // No ids only when asking for every tagged opportunity.
    expect(requestSchemas.getWarmth.safeParse({ orgKey: 'acme', opportunityIds: [] }).success).toBe(false);
    expect(
      requestSchemas.getWarmth.safeParse({ orgKey: 'acme', opportunityIds: [], includeTagged: true }).success,
    ).toBe(true);
  });
});
