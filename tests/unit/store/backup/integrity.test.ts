import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../../../lib/store/backup/format';
import { OPP_1, OPP_2, problemsOf, REMOTE_SOURCED, withTables } from './fixtures';

describe('parseBackup: checks between rows', () => {
  it('refuses two attributions for one record in the org', () => {
    const text = withTables((t) => {
      t.attributions[2]!.remoteId = REMOTE_SOURCED;
    });
    expect(problemsOf(text)).toEqual([
      'attributions[2].remoteId: is also the remoteId of attributions[0], in the same org',
    ]);
  });
  it('refuses duplicate keys and two partners with one normalised name', () => {
    const text = withTables((t) => {
      t.partners.push({
        ...t.partners[1]!,
        id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
        name: 'GLOBEX  cafe',
        normalizedName: 'globex cafe',
      });
      t.touches.push({ ...t.touches[0]! });
      t.opportunities.push({ ...t.opportunities[1]! });
      t.audit.push({ ...t.audit[2]! });
      t.settings.push({ key: 'ui', value: {} });
    });
    expect(problemsOf(text)).toEqual([
      'touches[3].id: is also the id of touches[0], in the same attribution',
      'opportunities[2].id: is also the id of opportunities[1]',
      'audit[3].seq: is also the seq of audit[2]',
      'settings[3].key: is also the key of settings[1]',
      "partners[2].normalizedName: 'globex cafe' is already used by partners[1] (Globex Café)",
    ]);
  });

  it('allows one touch id on two attributions: each claim has its own evidence', () => {
    const text = withTables((t) => {
      const other = t.touches.find((touch) => touch.attributionId !== t.touches[0]!.attributionId)!;
      t.touches.push({ ...other, id: t.touches[0]!.id });
    });
    expect(parseBackup(text).ok).toBe(true);
  });

  it('allows one record id in two orgs: a sandbox keeps production’s record ids', () => {
    const text = withTables((t) => {
      t.attributions[2]!.remoteId = REMOTE_SOURCED;
      t.attributions[2]!.orgKey = 'acme--uat';
    });
    expect(parseBackup(text).ok).toBe(true);
  });

  it('refuses references to rows that are not in the file', () => {
    const text = withTables((t) => {
      t.attributions[1]!.partnerId = '00000000-0000-4000-8000-000000000099';
      t.touches[0]!.attributionId = '00000000-0000-4000-8000-000000000098';
      t.touches[1]!.opportunityId = OPP_2;
      // A new claim, not yet in the org.
      t.attributions.push({
        ...t.attributions[0]!,
        id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
        kind: 'influenced',
        remoteId: undefined,
      });
      t.attributions[0]!.id = t.attributions[2]!.id;
    });
    expect(problemsOf(text)).toEqual([
      'attributions[2].id: is also the id of attributions[0]',
      'attributions[1].partnerId: no partner in this backup has the id 00000000-0000-4000-8000-000000000099',
      'touches[0].attributionId: no attribution in this backup has the id 00000000-0000-4000-8000-000000000098',
      `touches[1].opportunityId: must be the opportunity of its attribution, ${OPP_1} (attributions[1])`,
    ]);
  });

  it('allows a partner on an opportunity again once the earlier attribution was removed', () => {
    const text = withTables((t) => {
      t.attributions.push({ ...t.attributions[2]!, id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', deleted: 0 });
    });
    expect(parseBackup(text).ok).toBe(true);
  });

  it('restores two live claims of one partner on one opportunity, as two browsers can make them before syncing', () => {
    const text = withTables((t) => {
      t.attributions.push({
        ...t.attributions[0]!,
        id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
        kind: 'influenced',
        remoteId: undefined,
      });
    });
    expect(parseBackup(text).ok).toBe(true);
  });
});
