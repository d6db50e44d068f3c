import { describe, expect, it } from 'vitest';
import { createBackupService } from '../../../lib/services/backup';
import { createPartnerService } from '../../../lib/services/partners';
import { freshDbs } from '../../builders';

const NOW = new Date('2026-11-20T10:00:00.000Z');

const database = freshDbs();

describe('the backup service', () => {
  it('writes the ledger as JSON named after the day, and restores it into another browser', async () => {
    const source = database();
    const partners = createPartnerService({ db: source, now: () => NOW, newId: () => crypto.randomUUID() });
    await partners.add({ name: 'Globex', type: null, tier: null, accountId: null, active: true });
    const backup = await createBackupService({ db: source, now: () => NOW }).create();
    expect(backup.fileName).toBe('partner-ledger-backup-2026-11-20.json');

    const target = database();
    const restored = await createBackupService({ db: target, now: () => NOW }).restore(backup.json);
    expect(restored).toMatchObject({ exportedAt: NOW.toISOString(), counts: { partners: 1 } });
    expect((await target.partners.toArray()).map((p) => p.name)).toEqual(['Globex']);
  });

  it('refuses a file that is not a backup, listing why, and changes nothing', async () => {
    const db = database();
    const service = createBackupService({ db, now: () => NOW });
    await expect(service.restore('{"hello": "world"}')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(await db.partners.count()).toBe(0);
  });
});
