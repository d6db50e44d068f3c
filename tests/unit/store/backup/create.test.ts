import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../../builders';
import { backupFileName, createBackup } from '../../../../lib/store/backup/create';
import { parseBackup, type BackupTables } from '../../../../lib/store/backup/format';
import { SCHEMA_VERSION } from '../../../../lib/store/db';
import { at, fill, NOW, OPP_2, sampleTables, SOURCED } from './fixtures';

const newDb = freshDbs();

describe('createBackup', () => {
  it('exports every row of every table with the format, schema version and time', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    const backup = await createBackup(db, NOW);
    expect(backup.format).toBe('partner-ledger-backup');
    expect(backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(backup.exportedAt).toBe(NOW);
    const expected = sampleTables();
    for (const name of Object.keys(expected) as (keyof BackupTables)[]) {
      expect(new Set<unknown>(backup.tables[name]), name).toEqual(new Set<unknown>(expected[name]));
    }
    expect(backup.tables.audit.map((a) => a.seq)).toEqual([1, 2, 7]);
  });

  it('leaves out the sync machinery: the outbox and the sync state, push failures included', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    await db.outbox.add({ orgKey: 'acme', attributionId: SOURCED, version: at(0), queuedAt: NOW });
    const refused = { version: at(0), attempts: 2, retryAt: NOW, error: 'UNABLE_TO_LOCK_ROW: record locked' };
    await db.syncState.add({
      orgKey: 'acme',
      pullCursor: '2026-11-20T09:59:00.000+0000',
      lastPullAt: NOW,
      pushFailures: { [SOURCED]: refused },
    });
    const backup = await createBackup(db, NOW);
    expect(JSON.stringify(backup)).not.toContain('UNABLE_TO_LOCK_ROW');
    expect(JSON.stringify(backup)).not.toContain('pushFailures');
    expect(Object.keys(backup.tables)).toEqual([
      'partners',
      'attributions',
      'touches',
      'opportunities',
      'audit',
      'settings',
      'summaries',
    ]);
    expect(parseBackup(JSON.stringify(backup)).ok).toBe(true);
  });

  it('is a consistent snapshot: a change made meanwhile is in it whole or not at all', async () => {
    const db = newDb();
    await fill(db, sampleTables());
    const partner = {
      ...sampleTables().partners[0]!,
      id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      name: 'Initech',
      normalizedName: 'initech',
    };
    const attribution = {
      ...sampleTables().attributions[1]!,
      id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
      partnerId: partner.id,
      opportunityId: OPP_2,
    };
    const [backup] = await Promise.all([
      createBackup(db, NOW),
      db.transaction('rw', db.partners, db.attributions, async () => {
        await db.partners.add(partner);
        await db.attributions.add(attribution);
      }),
    ]);
    const hasPartner = backup.tables.partners.some((p) => p.id === partner.id);
    const hasAttribution = backup.tables.attributions.some((a) => a.id === attribution.id);
    expect(hasPartner).toBe(hasAttribution);
  });

  it('names the file after the export date', () => {
    expect(backupFileName(NOW)).toBe('partner-ledger-backup-2026-11-20.json');
  });
});

describe('createBackup: the Slack webhook', () => {
  const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/secretsecret';
  const withWebhook = () => {
    const tables = sampleTables();
    tables.settings.push({
      key: 'summary',
      value: { firstDayOfWeek: 1, notifications: { enabled: false, weekday: 1, hour: 9 }, webhookUrl: WEBHOOK },
    });
    return tables;
  };

  it('leaves the webhook’s address out unless asked, and the file still restores', async () => {
    const db = newDb();
    await fill(db, withWebhook());
    const backup = await createBackup(db, NOW);
    expect(JSON.stringify(backup)).not.toContain('hooks.slack.com');
    expect(backup.tables.settings.find((row) => row.key === 'summary')?.value).toMatchObject({ firstDayOfWeek: 1 });
    expect(parseBackup(JSON.stringify(backup)).ok).toBe(true);
  });

  it('includes it when the user ticks Include the Slack webhook', async () => {
    const db = newDb();
    await fill(db, withWebhook());
    const backup = await createBackup(db, NOW, { includeWebhook: true });
    expect(JSON.stringify(backup)).toContain(WEBHOOK);
  });
});
