import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../lib/store/db';
import { freshDb } from '../../builders';

describe('database schema', () => {
  it('opens at the current schema version with every table and its indexes', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'attributions',
      'audit',
      'opportunities',
      'outbox',
      'partners',
      'settings',
      'summaries',
      'syncState',
      'touches',
      'weekTotals',
    ]);
    const partners = db.table('partners').schema;
    expect(partners.idxByName['normalizedName']?.unique).toBe(true);
    expect(db.table('attributions').schema.indexes.map((i) => i.name)).toContain('[opportunityId+deleted]');
    // One snapshot and one total per org and week.
    expect(db.table('summaries').schema.primKey.name).toBe('[orgKey+weekKey]');
    expect(db.table('weekTotals').schema.primKey.name).toBe('[orgKey+weekKey]');
    db.close();
  });

  it('refuses two partners with the same normalised name at the storage level too', async () => {
    const db = freshDb();
    const row = {
      name: 'A',
      normalizedName: 'a',
      type: null,
      tier: null,
      accountId: null,
      active: true,
      createdAt: '',
      updatedAt: '',
    };
    await db.partners.add({ id: '1', ...row });
    await expect(db.partners.add({ id: '2', ...row })).rejects.toThrow();
  });
});
