import { afterEach, describe, expect, it } from 'vitest';
import { toId18 } from '../../../lib/record-id';
import { AppError } from '../../../lib/errors';
import { parseRosterCsv, toRosterCsv } from '../../../lib/roster/csv';
import type { PartnerLedgerDb, PartnerRow } from '../../../lib/store/db';
import {
  addPartner,
  deletePartner,
  importPartners,
  listActivePartners,
  listPartners,
  updatePartner,
  type PartnerInput,
} from '../../../lib/store/partners';
import { changeContext, freshDb, opportunityId } from '../../builders';

const ACCOUNT_15 = '001Ak00000AbCdE';
const ACCOUNT_18 = toId18(ACCOUNT_15)!;

const input = (over: Partial<PartnerInput> = {}): PartnerInput => ({
  name: 'Globex Café',
  type: 'system_integrator',
  tier: 'Gold',
  accountId: null,
  active: true,
  ...over,
});

/** Ids that never repeat across calls, for tests that write several times. */
const uniqueContext = () => changeContext({ newId: () => crypto.randomUUID() });

async function counts(db: PartnerLedgerDb) {
  return { partners: await db.partners.count(), audit: await db.audit.count() };
}

describe('partner store', () => {
  let db: PartnerLedgerDb;
  afterEach(async () => {
    await db?.delete();
  });

  it('adds a partner with cleaned fields, an 18-character Account id and its audit entry', async () => {
    db = freshDb();
    const partner = await addPartner(
      db,
      input({ name: '  Globex   Café ', tier: '  Tier   1 ', accountId: ` ${ACCOUNT_15} ` }),
      changeContext(),
    );
    expect(partner).toMatchObject({
      name: 'Globex Café',
      normalizedName: 'globex cafe',
      type: 'system_integrator',
      tier: 'Tier 1',
      accountId: ACCOUNT_18,
      active: true,
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    expect(await db.partners.get(partner.id)).toEqual(partner);
    const audit = await db.audit.toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity: 'partner',
      entityId: partner.id,
      action: 'create',
      before: null,
      after: partner,
    });
  });

  it.each(['Globex Café', 'globex cafe', 'GLOBEX  CAFÉ', ' Globex Cafe '])(
    'refuses “%s” when “Globex Café” exists, naming the existing partner, and writes nothing',
    async (name) => {
      db = freshDb();
      await addPartner(db, input(), changeContext());
      const before = await counts(db);
      const attempt = addPartner(db, input({ name, tier: null }), uniqueContext());
      await expect(attempt).rejects.toMatchObject({ code: 'duplicate_partner_name' });
      await expect(attempt).rejects.toThrow('A partner named “Globex Café” already exists.');
      expect(await counts(db)).toEqual(before);
    },
  );

  it.each([
    [{ name: '   ' }, 'Enter the partner’s name.'],
    [{ name: 'x'.repeat(121) }, 'The name is 121 characters long; a partner name can be at most 120 characters.'],
    [{ tier: 'T'.repeat(41) }, 'The tier is 41 characters long; a tier can be at most 40 characters.'],
    [{ accountId: 'not-an-id' }, '“not-an-id” is not a Salesforce Account id.'],
    [{ accountId: '006Ak00000AbCdE' }, 'not an Account: Account ids start with 001.'],
    [{ type: 'distributor' as never }, 'Choose a partner type from the list'],
  ])('refuses %j with a message and writes nothing', async (over, message) => {
    db = freshDb();
    const attempt = addPartner(db, input(over), changeContext());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(attempt).rejects.toThrow(message);
    expect(await counts(db)).toEqual({ partners: 0, audit: 0 });
  });

  it('accepts a name of exactly 120 characters', async () => {
    db = freshDb();
    const partner = await addPartner(db, input({ name: 'x'.repeat(120) }), changeContext());
    expect(partner.name).toHaveLength(120);
  });

  it('lists partners alphabetically without regard to case or accents, and the active ones', async () => {
    db = freshDb();
    const ctx = uniqueContext();
    for (const [name, active] of [
      ['zeta', true],
      ['Émile Partners', true],
      ['acme', false],
      ['Beta', true],
      ['Emile North', true],
    ] as const) {
      await addPartner(db, input({ name, active }), ctx);
    }
    expect((await listPartners(db)).map((p) => p.name)).toEqual([
      'acme',
      'Beta',
      'Emile North',
      'Émile Partners',
      'zeta',
    ]);
    expect((await listActivePartners(db)).map((p) => p.name)).toEqual([
      'Beta',
      'Emile North',
      'Émile Partners',
      'zeta',
    ]);
  });

  it('updates a partner, renaming it and recording before and after', async () => {
    db = freshDb();
    const partner = await addPartner(db, input(), changeContext());
    const later = changeContext({ now: '2026-11-21T09:00:00.000Z' });
    const updated = await updatePartner(
      db,
      partner.id,
      { name: 'Globex Consulting', tier: null, accountId: ACCOUNT_15 },
      later,
    );
    expect(updated).toMatchObject({
      id: partner.id,
      name: 'Globex Consulting',
      normalizedName: 'globex consulting',
      tier: null,
      type: 'system_integrator',
      accountId: ACCOUNT_18,
      createdAt: partner.createdAt,
      updatedAt: '2026-11-21T09:00:00.000Z',
    });
    expect(await db.partners.get(partner.id)).toEqual(updated);
    const audit = await db.audit.toArray();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ entity: 'partner', entityId: partner.id, before: partner, after: updated });
  });

  it('deactivates and reactivates a partner', async () => {
    db = freshDb();
    const partner = await addPartner(db, input(), changeContext());
    await updatePartner(db, partner.id, { active: false }, changeContext());
    expect(await listActivePartners(db)).toEqual([]);
    expect((await db.partners.get(partner.id))?.active).toBe(false);
    await updatePartner(db, partner.id, { active: true }, changeContext());
    expect((await listActivePartners(db)).map((p) => p.id)).toEqual([partner.id]);
    expect(await db.audit.count()).toBe(3);
  });

  it('lets a partner change the case or accents of its own name', async () => {
    db = freshDb();
    const partner = await addPartner(db, input({ name: 'Globex Cafe' }), changeContext());
    const updated = await updatePartner(db, partner.id, { name: 'Globex Café' }, changeContext());
    expect(updated.name).toBe('Globex Café');
  });

  it('writes nothing for an update that changes nothing', async () => {
    db = freshDb();
    const partner = await addPartner(db, input(), changeContext());
    const same = await updatePartner(
      db,
      partner.id,
      { name: ' Globex  Café', tier: 'Gold' },
      changeContext({ now: '2027-01-01T00:00:00.000Z' }),
    );
    expect(same).toEqual(partner);
    expect(await db.audit.count()).toBe(1);
  });

  it('refuses to rename a partner to the name of another, and writes nothing', async () => {
    db = freshDb();
    const ctx = uniqueContext();
    await addPartner(db, input({ name: 'Initech' }), ctx);
    const globex = await addPartner(db, input(), ctx);
    const before = await counts(db);
    const attempt = updatePartner(db, globex.id, { name: 'INITECH', tier: 'Silver' }, ctx);
    await expect(attempt).rejects.toMatchObject({ code: 'duplicate_partner_name' });
    await expect(attempt).rejects.toThrow('A partner named “Initech” already exists.');
    expect(await counts(db)).toEqual(before);
    expect(await db.partners.get(globex.id)).toEqual(globex);
  });

  it('refuses an invalid update and leaves the partner as it was', async () => {
    db = freshDb();
    const partner = await addPartner(db, input(), changeContext());
    await expect(updatePartner(db, partner.id, { name: '', active: false }, changeContext())).rejects.toThrow(
      'Enter the partner’s name.',
    );
    await expect(updatePartner(db, partner.id, { accountId: 'x' }, changeContext())).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(await db.partners.get(partner.id)).toEqual(partner);
    expect(await db.audit.count()).toBe(1);
  });

  it('reports an unknown partner on update and delete', async () => {
    db = freshDb();
    await expect(updatePartner(db, 'missing', { active: false }, changeContext())).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deletePartner(db, 'missing', changeContext())).rejects.toMatchObject({ code: 'not_found' });
  });

  describe('deletePartner', () => {
    async function attribute(partnerId: string, deleted: 0 | 1) {
      await db.attributions.add({
        id: crypto.randomUUID(),
        orgKey: 'acme',
        opportunityId: opportunityId(1),
        partnerId,
        kind: 'influenced',
        note: '',
        createdBy: { deviceId: 'device-1' },
        createdAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
        deleted,
        version: '000000000000001:00000:device-1',
      });
    }

    it('deletes a partner that nothing refers to, with its audit entry', async () => {
      db = freshDb();
      const partner = await addPartner(db, input(), changeContext());
      await deletePartner(db, partner.id, changeContext());
      expect(await db.partners.count()).toBe(0);
      const audit = await db.audit.toArray();
      expect(audit[1]).toMatchObject({
        entity: 'partner',
        entityId: partner.id,
        action: 'delete',
        before: partner,
        after: null,
      });
    });

    it.each([
      ['a live attribution', 0 as const],
      ['a removed attribution not yet synced', 1 as const],
    ])('refuses to delete a partner used by %s and suggests deactivating it', async (_label, deleted) => {
      db = freshDb();
      const partner = await addPartner(db, input(), changeContext());
      await attribute(partner.id, deleted);
      const before = await counts(db);
      const attempt = deletePartner(db, partner.id, changeContext());
      await expect(attempt).rejects.toMatchObject({ code: 'partner_in_use' });
      await expect(attempt).rejects.toThrow(
        '“Globex Café” is used by 1 attribution, so it cannot be deleted. Deactivate it instead',
      );
      expect(await counts(db)).toEqual(before);
    });
  });

  describe('importPartners', () => {
    it('updates partners matched by name and creates the others, in one go', async () => {
      db = freshDb();
      const ctx = uniqueContext();
      const globex = await addPartner(db, input({ tier: 'Silver' }), ctx);
      const initech = await addPartner(db, input({ name: 'Initech', type: null, tier: null }), ctx);
      const result = await importPartners(
        db,
        [
          input({ name: 'GLOBEX CAFE', tier: 'Gold', accountId: ACCOUNT_15, active: false }),
          input({ name: 'initech', type: null, tier: null }), // unchanged
          input({ name: 'Northwind', type: 'reseller_channel', tier: null }),
        ],
        ctx,
      );
      expect(result).toEqual({ created: 1, updated: 1 });
      expect(await db.partners.get(globex.id)).toMatchObject({
        name: 'Globex Café', // the roster keeps its spelling
        tier: 'Gold',
        accountId: ACCOUNT_18,
        active: false,
      });
      expect(await db.partners.get(initech.id)).toEqual(initech);
      expect((await listPartners(db)).map((p) => p.name)).toEqual(['Globex Café', 'Initech', 'Northwind']);
      // One audit entry per kind of change, holding every row before and after.
      const audit = await db.audit.toArray();
      expect(
        audit
          .slice(2)
          .map((a) => [
            a.action,
            (a.before as PartnerRow[] | null)?.map((p) => p.tier) ?? null,
            (a.after as PartnerRow[]).map((p) => p.name),
          ]),
      ).toEqual([
        ['create', null, ['Northwind']],
        ['update', ['Silver'], ['Globex Café']],
      ]);
    });

    it('writes nothing when one row is invalid, and names its line', async () => {
      db = freshDb();
      const ctx = uniqueContext();
      await addPartner(db, input(), ctx);
      const before = await counts(db);
      const rows = [
        { ...input({ name: 'Northwind' }), line: 2 },
        { ...input({ name: 'Globex Café', tier: 'Platinum' }), line: 3 },
        { ...input({ name: 'Initech', accountId: '001-bad' }), line: 4 },
      ];
      const attempt = importPartners(db, rows, ctx);
      await expect(attempt).rejects.toThrow('Line 4: “001-bad” is not a Salesforce Account id.');
      expect(await counts(db)).toEqual(before);
      expect((await listPartners(db)).map((p) => p.tier)).toEqual(['Gold']);
    });

    it('refuses the same partner twice in one import', async () => {
      db = freshDb();
      const attempt = importPartners(
        db,
        [input({ name: 'Acme' }), input({ name: 'Northwind' }), input({ name: 'ÂCME' })],
        uniqueContext(),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'duplicate_partner_name' });
      await expect(attempt).rejects.toThrow('“ÂCME” is listed twice (row 1 and row 3)');
      expect(await counts(db)).toEqual({ partners: 0, audit: 0 });
    });

    it('leaves nothing behind when the transaction fails midway', async () => {
      db = freshDb();
      // Two new partners given the same id: the first is written before the second fails.
      const attempt = importPartners(
        db,
        [input({ name: 'Acme' }), input({ name: 'Northwind' })],
        changeContext({ newId: () => 'same-id' }),
      );
      await expect(attempt).rejects.toThrow();
      expect(await counts(db)).toEqual({ partners: 0, audit: 0 });
    });

    it('imports 10,000 partners, then re-imports them with half of them changed', async () => {
      db = freshDb();
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        input({ name: `Partner ${i}`, tier: `Tier ${i % 3}`, type: i % 2 ? 'reseller_channel' : null }),
      );
      expect(await importPartners(db, rows, uniqueContext())).toEqual({ created: 10_000, updated: 0 });
      expect(await counts(db)).toEqual({ partners: 10_000, audit: 1 });
      const again = rows.map((row, i) => ({ ...row, active: i % 2 === 0 }));
      expect(await importPartners(db, again, uniqueContext())).toEqual({ created: 0, updated: 5_000 });
      expect(await counts(db)).toEqual({ partners: 10_000, audit: 2 });
      expect(((await db.audit.orderBy('seq').last())!.after as PartnerRow[]).length).toBe(5_000);
      expect(await db.partners.where({ normalizedName: 'partner 9999' }).first()).toMatchObject({
        tier: 'Tier 0',
        type: 'reseller_channel',
        active: false,
      });
    }, 60_000);

    it('restores an exported roster into an empty browser', async () => {
      db = freshDb();
      const ctx = uniqueContext();
      await addPartner(db, input({ name: '=HYPERLINK("http://x","y")', accountId: ACCOUNT_15 }), ctx);
      await addPartner(db, input({ name: '-Acme, "the" original', type: null, tier: '+1', active: false }), ctx);
      await addPartner(db, input({ name: 'Zürich Partners', type: 'oem_embedded', tier: null }), ctx);
      const roster = await listPartners(db);
      const preview = parseRosterCsv(toRosterCsv(roster), []);
      expect(preview.problems).toEqual([]);

      const other = freshDb();
      try {
        expect(await importPartners(other, preview.rows, uniqueContext())).toEqual({ created: 3, updated: 0 });
        const strip = ({ name, normalizedName, type, tier, accountId, active }: PartnerRow) => ({
          name,
          normalizedName,
          type,
          tier,
          accountId,
          active,
        });
        expect((await listPartners(other)).map(strip)).toEqual(roster.map(strip));
      } finally {
        await other.delete();
      }
    });
  });
});
