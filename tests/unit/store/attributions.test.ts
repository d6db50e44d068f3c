import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate } from '../../../lib/attribution/format';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { listHistory } from '../../../lib/store/history';
import { listActivePartners } from '../../../lib/store/partners';
import {
  addAttribution,
  addTouch,
  resolveDispute,
  countAttributions,
  listAttributions,
  removeAttribution,
} from '../../../lib/store/attributions';
import type { PartnerLedgerDb } from '../../../lib/store/db';
import { AppError } from '../../../lib/errors';
import { changeContext, freshDb, opportunityId } from '../../builders';

const OPP = opportunityId(1);
const touch = { type: 'joint_call' as const, date: '2026-11-18', note: '' };
const base = { orgKey: 'acme', opportunityId: OPP, opportunityName: 'Acme renewal', note: '', touch };

describe('attribution store', () => {
  let db: PartnerLedgerDb;
  afterEach(async () => {
    await db?.delete();
  });

  it('adds an attribution with its partner, opportunity and audit entries in one go', async () => {
    db = freshDb();
    const ctx = changeContext();
    const view = await addAttribution(
      db,
      { ...base, partnerName: '  Northwind   SI ', kind: 'sourced', note: ' intro ' },
      ctx,
    );
    expect(view).toMatchObject({ partnerName: 'Northwind SI', kind: 'sourced', note: 'intro', opportunityId: OPP });
    expect(await db.partners.count()).toBe(1);
    expect((await db.opportunities.get(OPP))?.name).toBe('Acme renewal');
    const audit = await db.audit.toArray();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([
      ['partner', 'create'],
      ['attribution', 'create'],
      ['touch', 'create'],
    ]);
    expect(view.touches).toEqual([expect.objectContaining({ type: 'joint_call', date: '2026-11-18' })]);
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
    expect((await listActivePartners(db)).map((p) => p.name)).toEqual(['Globex Café']);
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
      addAttribution(
        db,
        { ...base, partnerName: 'NORTHWIND', kind: 'sourced' },
        changeContext({ newId: () => crypto.randomUUID() }),
      ),
    ).rejects.toMatchObject({ code: 'duplicate_partner' });
  });

  it('refuses an empty partner name', async () => {
    db = freshDb();
    await expect(
      addAttribution(db, { ...base, partnerName: '   ', kind: 'sourced' }, changeContext()),
    ).rejects.toBeInstanceOf(AppError);
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
    expect(lastAudit).toMatchObject({
      action: 'delete',
      entityId: first.id,
      before: { deleted: 0 },
      after: { deleted: 1 },
    });
    await addAttribution(
      db,
      { ...base, partnerName: 'Initech', kind: 'sourced' },
      changeContext({ newId: () => crypto.randomUUID() }),
    );
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
    await addAttribution(
      db,
      { ...base, partnerName: 'B infl', kind: 'influenced' },
      changeContext({ newId: ids, now: '2026-01-01T00:00:00Z' }),
    );
    await addAttribution(
      db,
      { ...base, partnerName: 'A infl', kind: 'influenced' },
      changeContext({ newId: ids, now: '2026-01-02T00:00:00Z' }),
    );
    await addAttribution(
      db,
      { ...base, partnerName: 'Sourcer', kind: 'sourced' },
      changeContext({ newId: ids, now: '2026-01-03T00:00:00Z' }),
    );
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

describe('attribution rules in the store', () => {
  let db: PartnerLedgerDb;
  afterEach(async () => {
    await db?.delete();
  });
  const ids = () => crypto.randomUUID();
  const ruled = (today: string) => changeContext({ newId: ids, today, rules: DEFAULT_RULES });

  it('asks for a reason after the lock and keeps it in the audit trail', async () => {
    db = freshDb();
    const input = { ...base, createdDate: '2026-10-01', partnerName: 'Northwind', kind: 'influenced' as const };
    // Created 1 Oct: locked on 15 Oct (14 days).
    await expect(addAttribution(db, input, ruled('2026-10-20'))).rejects.toMatchObject({
      code: 'reason_required',
      message: expect.stringMatching(/locked on .*Give a reason/),
    });
    expect(await db.attributions.count()).toBe(0);
    await addAttribution(db, { ...input, reason: 'Partner confirmed in QBR' }, ruled('2026-10-20'));
    const audit = (await db.audit.toArray()).find((row) => row.entity === 'attribution');
    expect(audit?.reason).toBe('Partner confirmed in QBR');
    // Before the lock no reason is needed.
    await addAttribution(
      db,
      { ...input, partnerName: 'Initech', opportunityId: opportunityId(9) },
      ruled('2026-10-14'),
    );
  });

  it('remembers the created date from the page, so later changes are checked even without it', async () => {
    db = freshDb();
    await addAttribution(
      db,
      { ...base, createdDate: '2026-10-01', partnerName: 'A', kind: 'influenced' },
      ruled('2026-10-02'),
    );
    expect((await db.opportunities.get(OPP))?.createdDate).toBe('2026-10-01');
    const view = (await listAttributions(db, OPP))[0]!;
    await expect(removeAttribution(db, view.id, ruled('2026-11-01'))).rejects.toMatchObject({
      code: 'reason_required',
    });
    await removeAttribution(db, view.id, ruled('2026-11-01'), { reason: 'Tagged the wrong deal' });
    expect((await db.audit.orderBy('seq').last())?.reason).toBe('Tagged the wrong deal');
    expect(await db.touches.where({ opportunityId: OPP, deleted: 0 }).count()).toBe(0);
  });

  it('warns on a sourced claim whose evidence is outside the window, and records the override reason', async () => {
    db = freshDb();
    const late = {
      ...base,
      createdDate: '2026-11-01',
      partnerName: 'Northwind',
      kind: 'sourced' as const,
      touch: { ...touch, date: '2026-12-05' },
    };
    await expect(addAttribution(db, late, ruled('2026-11-03'))).rejects.toMatchObject({
      code: 'reason_required',
      message: expect.stringContaining('more than 30 days after the opportunity was created'),
    });
    const saved = await addAttribution(db, { ...late, reason: 'Registration was filed late' }, ruled('2026-11-03'));
    expect(saved.windowOverrideReason).toBe('Registration was filed late');
    // Inside the window: no reason needed.
    await addAttribution(
      db,
      { ...late, opportunityId: opportunityId(4), touch: { ...touch, date: '2026-10-20' } },
      ruled('2026-11-03'),
    );
  });

  it('records a competing claim as a dispute and resolves it by keeping one claim', async () => {
    db = freshDb();
    const a = await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'sourced' }, ruled('2026-11-20'));
    await expect(
      addAttribution(db, { ...base, partnerName: 'Globex', kind: 'sourced' }, ruled('2026-11-20')),
    ).rejects.toMatchObject({
      code: 'duplicate_sourced',
    });
    const b = await addAttribution(
      db,
      { ...base, partnerName: 'Globex', kind: 'sourced', competingClaim: true },
      ruled('2026-11-20'),
    );
    expect((await listAttributions(db, OPP)).filter((x) => x.kind === 'sourced')).toHaveLength(2);

    await resolveDispute(db, { opportunityId: OPP, keepAttributionId: b.id }, ruled('2026-11-21'));
    const left = await listAttributions(db, OPP);
    expect(left.map((x) => x.partnerName)).toEqual(['Globex']);
    expect((await db.attributions.get(a.id))?.deleted).toBe(1);
    const history = await listHistory(db, OPP);
    expect(history[0]).toMatchObject({
      what: 'Removed Northwind (partner-sourced)',
      reason: 'Dispute resolved: kept Globex as partner-sourced.',
    });
    await expect(
      resolveDispute(db, { opportunityId: OPP, keepAttributionId: b.id }, ruled('2026-11-21')),
    ).rejects.toMatchObject({
      code: 'not_disputed',
    });
  });

  it('adds touches to an attribution and lists them oldest first', async () => {
    db = freshDb();
    const a = await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'influenced' }, ruled('2026-11-20'));
    await addTouch(
      db,
      {
        attributionId: a.id,
        type: 'technical_evaluation',
        date: '2026-11-01',
        note: 'POC',
        link: 'https://example.com/poc',
      },
      ruled('2026-11-20'),
    );
    const [view] = await listAttributions(db, OPP);
    expect(view?.touches.map((t) => [t.date, t.type, t.link])).toEqual([
      ['2026-11-01', 'technical_evaluation', 'https://example.com/poc'],
      ['2026-11-18', 'joint_call', undefined],
    ]);
    expect((await listHistory(db, OPP)).map((h) => h.what)).toContain(
      `Logged technical evaluation on ${formatCalendarDate('2026-11-01')} for Northwind`,
    );
  });

  it('refuses an inactive partner from the roster', async () => {
    db = freshDb();
    await db.partners.add({
      id: 'p1',
      name: 'Sleepy',
      normalizedName: 'sleepy',
      type: null,
      tier: null,
      accountId: null,
      active: false,
      createdAt: '',
      updatedAt: '',
    });
    await expect(
      addAttribution(db, { ...base, partnerName: 'sleepy', kind: 'influenced' }, ruled('2026-11-20')),
    ).rejects.toMatchObject({
      code: 'partner_inactive',
    });
  });
});

describe('changes queue themselves for the org', () => {
  let db: PartnerLedgerDb;
  afterEach(async () => {
    await db?.delete();
  });

  it('writes an outbox entry with a rising version in the same transaction as each change', async () => {
    db = freshDb();
    const ctx = () => changeContext({ newId: () => crypto.randomUUID(), now: new Date().toISOString() });
    const a = await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'influenced' }, ctx());
    await addTouch(db, { attributionId: a.id, type: 'joint_call', date: '2026-11-19', note: '' }, ctx());
    await removeAttribution(db, a.id, ctx());
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.attributionId)).toEqual([a.id, a.id, a.id]);
    const versions = outbox.map((o) => o.version);
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
    const row = await db.attributions.get(a.id);
    expect(row?.version).toBe(versions[2]);
    // Touches carry the version of the change that last touched them.
    expect(
      (await db.touches.where({ attributionId: a.id }).toArray()).every(
        (t) => t.deleted === 1 && t.version === versions[2],
      ),
    ).toBe(true);
  });

  it('queues nothing when a change is refused', async () => {
    db = freshDb();
    await addAttribution(db, { ...base, partnerName: 'Northwind', kind: 'sourced' }, changeContext());
    await expect(
      addAttribution(
        db,
        { ...base, partnerName: 'Initech', kind: 'sourced' },
        changeContext({ newId: () => crypto.randomUUID() }),
      ),
    ).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
  });
});
