import { afterEach, describe, expect, it } from 'vitest';
import {
  addAttribution,
  countAttributions,
  listAttributions,
  listPartnerNames,
  removeAttribution,
} from '../../../lib/store/attributions';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { AppError } from '../../../lib/errors';
import { changeContext, freshDb, opportunityId } from '../helpers';

const OPP = opportunityId(1);
const base = { orgKey: 'acme', opportunityId: OPP, opportunityName: 'Acme renewal', note: '' };

describe('attribution store', () => {
  let db: PartnerLedgerDb;
  afterEach(async () => {
    await db?.delete();
  });

  it('adds an attribution with its partner, opportunity and audit entries in one go', async () => {
    db = freshDb();
    const ctx = changeContext();
    const view = await addAttribution(db, { ...base, partnerName: '  Northwind   SI ', kind: 'sourced', note: ' intro ' }, ctx);
    expect(view).toMatchObject({ partnerName: 'Northwind SI', kind: 'sourced', note: 'intro', opportunityId: OPP });
    expect(await db.partners.count()).toBe(1);
    expect((await db.opportunities.get(OPP))?.name).toBe('Acme renewal');
    const audit = await db.audit.toArray();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([
      ['partner', 'create'],
      ['attribution', 'create'],
    ]);
    expect(audit[1]).toMatchObject({ before: null, actor: { deviceId: 'device-1' }, opportunityId: OPP });
  });

  it('reuses a partner whose name differs only by case, accents or spaces', async () => {
    db = freshDb();
    await addAttribution(db, { ...base, partnerName: 'Globex Café', kind: 'influenced' }, changeContext());
    await addAttribution(
      db,
      { ...base, opportunityId: opportunityId(2), partnerName: 'globex  cafe', kind: 'influenced' },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
    expect(await db.partners.count()).toBe(1);
    expect(await listPartnerNames(db)).toEqual(['Globex Café']);
  });

  it('refuses a second partner-sourced attribution and writes nothing', async () => {
    db = freshDb();
    await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'sourced' }, changeContext());
    const auditBefore = await db.audit.count();
    const attempt = addAttribution(
      db,
      { ...base, partnerName: 'Initech', kind: 'sourced' },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'duplicate_sourced' });
    await expect(attempt).rejects.toThrow(/already partner-sourced by Northwind/);
    expect(await db.attributions.count()).toBe(1);
    expect(await db.partners.count()).toBe(1); // the new partner was not left behind
    expect(await db.audit.count()).toBe(auditBefore);
  });

  it('refuses the same partner twice on one opportunity', async () => {
    db = freshDb();
    await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'influenced' }, changeContext());
    await expect(
      addAttribution(db, { ...base, partnerName: 'NORTHWIND', kind: 'sourced' }, changeContext({ newId: () => crypto.randomUUID() })),
    ).rejects.toMatchObject({ code: 'duplicate_partner' });
  });

  it('refuses an empty partner name', async () => {
    db = freshDb();
    await expect(addAttribution(db, { ...base, partnerName: '   ', kind: 'sourced' }, changeContext())).rejects.toBeInstanceOf(
      AppError,
    );
    expect(await db.partners.count()).toBe(0);
  });

  it('removes by tombstone, audits it, and allows a new sourced partner afterwards', async () => {
    db = freshDb();
    const first = await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'sourced' }, changeContext());
    await removeAttribution(db, first.id, changeContext({ now: '2026-11-21T08:00:00.000Z' }));
    const row = await db.attributions.get(first.id);
    expect(row).toMatchObject({ deleted: 1, updatedAt: '2026-11-21T08:00:00.000Z' });
    expect(await listAttributions(db, OPP)).toEqual([]);
    const lastAudit = await db.audit.orderBy('seq').last();
    expect(lastAudit).toMatchObject({ action: 'delete', entityId: first.id, before: { deleted: 0 }, after: { deleted: 1 } });
    await addAttribution(db, { ...base, partnerName: 'Initech', kind: 'sourced' }, changeContext({ newId: () => crypto.randomUUID() }));
    expect((await listAttributions(db, OPP)).map((a) => a.partnerName)).toEqual(['Initech']);
  });

  it('says so when removing something already removed', async () => {
    db = freshDb();
    const first = await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'sourced' }, changeContext());
    await removeAttribution(db, first.id, changeContext());
    await expect(removeAttribution(db, first.id, changeContext())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists sourced first, then influencers by creation time', async () => {
    db = freshDb();
    let n = 100;
    const ids = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    await addAttribution(db, { ...base, partnerName: 'B infl', kind: 'influenced' }, changeContext({ newId: ids, now: '2026-01-01T00:00:00Z' }));
    await addAttribution(db, { ...base, partnerName: 'A infl', kind: 'influenced' }, changeContext({ newId: ids, now: '2026-01-02T00:00:00Z' }));
    await addAttribution(db, { ...base, partnerName: 'Sourcer', kind: 'sourced' }, changeContext({ newId: ids, now: '2026-01-03T00:00:00Z' }));
    expect((await listAttributions(db, OPP)).map((a) => a.partnerName)).toEqual(['Sourcer', 'B infl', 'A infl']);
  });

  it('counts opportunities, not attributions, per kind', async () => {
    db = freshDb();
    const ids = () => crypto.randomUUID();
    await addAttribution(db, { ...base, partnerName: 'P1', kind: 'sourced' }, changeContext({ newId: ids }));
    await addAttribution(db, { ...base, partnerName: 'P2', kind: 'influenced' }, changeContext({ newId: ids }));
    await addAttribution(db, { ...base, partnerName: 'P3', kind: 'influenced' }, changeContext({ newId: ids }));
    const other = await addAttribution(
      db,
      { ...base, opportunityId: opportunityId(2), partnerName: 'P1', kind: 'influenced' },
      changeContext({ newId: ids }),
    );
    expect(await countAttributions(db)).toEqual({ opportunities: 2, sourced: 1, influenced: 2 });
    await removeAttribution(db, other.id, changeContext());
    expect(await countAttributions(db)).toEqual({ opportunities: 1, sourced: 1, influenced: 1 });
  });
});
