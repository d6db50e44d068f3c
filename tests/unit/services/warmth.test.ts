import { describe, expect, it } from 'vitest';
import { createWarmthService } from '../../../lib/services/warmth';
import { addAttribution } from '../../../lib/store/attributions';
import { updateUiSettings } from '../../../lib/store/settings';
import { changeContext, freshDbs, opportunityId } from '../../builders';

const [TAGGED, OTHER, ASKED] = [1, 2, 3].map(opportunityId) as [string, string, string];

const newDb = freshDbs();

async function setup() {
  const db = newDb();
  for (const opportunityId of [TAGGED, OTHER]) {
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId,
        partnerName: 'Globex',
        kind: 'sourced',
        note: '',
        touch: { type: 'intro_referral', date: '2026-11-18', note: '' },
      },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
  }
  return { db, service: createWarmthService({ db, now: () => new Date(2026, 10, 20, 12) }) };
}

describe('the warmth service', () => {
  it('answers with the badges the user wants and the warmth of the opportunities asked about', async () => {
    const { db, service } = await setup();
    await updateUiSettings(db, { boardBadges: false });
    const answer = await service.read([TAGGED, ASKED]);
    expect(answer.settings).toEqual({ recordBadge: true, listBadges: true, boardBadges: false });
    expect(Object.keys(answer.warmth)).toEqual([TAGGED]);
    expect(answer.warmth[TAGGED]?.level).toBe('hot');
    expect(answer.allTagged).toBeUndefined();
  });

  it('adds every tagged opportunity when asked, and says the list is complete', async () => {
    const { service } = await setup();
    const answer = await service.read([ASKED], true);
    expect(Object.keys(answer.warmth).sort()).toEqual([TAGGED, OTHER].sort());
    expect(answer.allTagged).toBe(true);
  });
});
