import { describe, expect, it } from 'vitest';
import { createPartnerService } from '../../../lib/services/partners';
import { freshDbs } from '../../builders';

const NOW = new Date('2026-11-20T10:00:00.000Z');

const newDb = freshDbs();

function setup() {
  const db = newDb();
  return { db, service: createPartnerService({ db, now: () => NOW, newId: () => crypto.randomUUID() }) };
}

const partner = (name: string) => ({ name, type: null, tier: null, accountId: null, active: true });

describe('the partner service', () => {
  it('adds, changes and lists partners, each change audited at the time it was made', async () => {
    const { db, service } = setup();
    const added = await service.add(partner('Globex'));
    await service.update(added.id, { tier: 'Gold' });
    expect(await service.list()).toMatchObject([{ name: 'Globex', tier: 'Gold', createdAt: NOW.toISOString() }]);
    const audit = await db.audit.toArray();
    expect(audit.map((entry) => [entry.action, entry.at])).toEqual([
      ['create', NOW.toISOString()],
      ['update', NOW.toISOString()],
    ]);
    // Both changes are this browser's, under the device id it keeps in settings.
    const deviceId = (await db.settings.get('deviceId'))?.value;
    expect(deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(audit.map((entry) => entry.actor.deviceId)).toEqual([deviceId, deviceId]);
  });

  it('imports a roster in one go, matching names that differ only by case', async () => {
    const { service } = setup();
    await service.add(partner('Globex'));
    const imported = await service.import([{ ...partner('GLOBEX'), tier: 'Gold' }, partner('Initech')]);
    expect(imported).toEqual({ created: 1, updated: 1 });
    expect((await service.list()).map((p) => [p.name, p.tier])).toEqual([
      ['Globex', 'Gold'],
      ['Initech', null],
    ]);
  });
});
