import { describe, expect, it } from 'vitest';
import { migratePartnerV1 } from '../../../../lib/store/migrations/v001-to-v002';
import { partnerRowSchema } from '../../../../lib/store/rows';
import { v1 } from './fixtures/v1';

describe('migratePartnerV1', () => {
  it('gives a partner from a free-text tag empty roster fields', () => {
    expect(migratePartnerV1({ ...v1.partners[0]! })).toEqual({ type: null, tier: null, accountId: null });
  });

  it('keeps roster fields a partner already has, so running it twice changes nothing', () => {
    const partner = { ...v1.partners[1]!, type: 'reseller_channel', tier: 'Gold', accountId: '001Ak00000Lw3PqIAJ' };
    expect(migratePartnerV1(partner)).toEqual({
      type: 'reseller_channel',
      tier: 'Gold',
      accountId: '001Ak00000Lw3PqIAJ',
    });
  });

  it('turns every v1 partner into a valid current partner row', () => {
    for (const partner of v1.partners) {
      const upgraded = { ...partner, ...migratePartnerV1({ ...partner }) };
      expect(partnerRowSchema.safeParse(upgraded).success, partner.name).toBe(true);
    }
  });
});
