import { describe, expect, it } from 'vitest';
import { checkBackupSize, MAX_BACKUP_BYTES, parseBackup, summarizeBackup } from '../../../../lib/store/backup/format';
import { SCHEMA_VERSION } from '../../../../lib/store/db';
import { v1 } from '../migrations/fixtures/v1';
import { v2 } from '../migrations/fixtures/v2';
import {
  ACCOUNT,
  at,
  backupText,
  CHANGED_MS,
  fileOf,
  NOW,
  problemsOf,
  sampleTables,
  SOURCED,
  versioned,
  withTables,
} from './fixtures';

describe('summarizeBackup', () => {
  it('summarises a backup as the user sees it, without removed attributions and touches', () => {
    const parsed = parseBackup(backupText());
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(summarizeBackup(parsed.backup)).toEqual({
      exportedAt: NOW,
      partners: 2,
      attributions: 2,
      touches: 2,
      opportunities: 2,
      auditEntries: 3,
    });
  });
});

describe('parseBackup: older schema versions', () => {
  it('upgrades a v1 backup through v2 and v3 and accepts it', () => {
    const result = parseBackup(fileOf(1, v1));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.backup.tables.touches).toEqual([]);
    const upgradedPartners = v1.partners.map((p) => ({ ...p, type: null, tier: null, accountId: null }));
    expect(result.backup.tables.partners).toEqual(upgradedPartners);
    expect(result.backup.tables.attributions).toEqual(v1.attributions.map(versioned));
    expect(result.backup.tables.audit).toEqual(v1.audit);
  });

  it('upgrades a v2 backup with the v2 → v3 migration: attributions and touches get their versions', () => {
    const result = parseBackup(fileOf(2, v2));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.schemaVersion).toBe(SCHEMA_VERSION);
    expect(result.backup.tables).toEqual({
      ...v2,
      attributions: v2.attributions.map(versioned),
      touches: v2.touches.map(versioned),
      summaries: [],
    });
  });
  it('reports what is wrong with a v2 row, not the version it would have been given', () => {
    const { createdBy: _createdBy, ...withoutAuthor } = v2.attributions[1]!;
    const attributions = [v2.attributions[0], withoutAuthor, ...v2.attributions.slice(2)];
    expect(problemsOf(fileOf(2, { ...v2, attributions }))).toEqual(['attributions[1].createdBy: is missing']);
  });

  it('leaves out the push failures a v4 backup kept in settings, after checking every row where it stands', () => {
    const refused = { [SOURCED]: { version: at(0), attempts: 1, retryAt: CHANGED_MS, error: 'UNABLE_TO_LOCK_ROW' } };
    const [deviceId, ...others] = sampleTables().settings;
    const settings = [deviceId, { key: 'sync.pushFailures.acme', value: refused }, ...others];
    const result = parseBackup(fileOf(4, { ...sampleTables(), settings }));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.backup.tables.settings).toEqual(sampleTables().settings);

    const broken = [...settings, { key: '', value: 1 }];
    const problems = problemsOf(fileOf(4, { ...sampleTables(), settings: broken }));
    expect(problems).toEqual(['settings[4].key: must not be empty']);
  });

  it('refuses a touches table in a v1 backup: v1 had none', () => {
    expect(problemsOf(fileOf(1, { ...v1, touches: [] }))).toEqual(['touches: is not a table of schema 1']);
  });

  it('refuses sync tables in any backup: they are never written to one', () => {
    expect(problemsOf(fileOf(2, { ...v2, outbox: [] }))).toEqual(['outbox: is not a table of schema 2']);
    expect(problemsOf(backupText({ ...sampleTables(), outbox: [], syncState: [] }))).toEqual([
      'outbox: is not a table of schema 7',
      'syncState: is not a table of schema 7',
    ]);
  });
});

describe('parseBackup: what is wrong, and where', () => {
  it('refuses text that is not JSON, saying where it breaks', () => {
    const cut = backupText().slice(0, 1234);
    expect(problemsOf(cut)).toEqual(['The file is not valid JSON (unexpected end at position 1234).']);
    expect(problemsOf('{\n  "format": tru\n}')).toEqual([
      'The file is not valid JSON (unexpected "\\n" at position 17, line 2 column 16).',
    ]);
    expect(problemsOf('{"format": "partner-ledger-backup",}')).toEqual([
      'The file is not valid JSON (unexpected "}" at position 35, line 1 column 36).',
    ]);
    expect(problemsOf('')).toEqual(['The file is empty.']);
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${backupText()}`).ok).toBe(true);
  });

  it('refuses anything that is not a Partner Ledger backup', () => {
    for (const text of ['[]', '42', 'null', '{"format":"other-backup","schemaVersion":2}', '{"tables":{}}']) {
      expect(problemsOf(text), text).toEqual(['This is not a Partner Ledger backup.']);
    }
  });

  it('refuses a backup from a newer version and asks for an update', () => {
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: 8 }))).toEqual([
      'This backup was made by a newer version of Partner Ledger (schema 8); update the extension first.',
    ]);
  });

  it('refuses a schema version that is not a known version number', () => {
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: '2' }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 7 (found "2")',
    ]);
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: 0 }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 7 (found 0)',
    ]);
    expect(problemsOf(backupText(sampleTables(), { schemaVersion: undefined }))).toEqual([
      'schemaVersion: must be a whole number from 1 to 7 (found nothing)',
    ]);
  });

  it('names missing, unknown and malformed parts of the file', () => {
    expect(problemsOf(backupText(sampleTables(), { tables: undefined }))).toEqual(['tables: is missing']);
    expect(problemsOf(backupText([]))).toEqual(['tables: must be an object with one list per table']);
    const { touches: _touches, ...withoutTouches } = sampleTables();
    const tables = { ...withoutTouches, settings: {}, notes: [] };
    expect(problemsOf(backupText(tables, { exportedAt: 'yesterday', comment: 'x' }))).toEqual([
      'comment: is not part of a Partner Ledger backup',
      'exportedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'notes: is not a table of schema 7',
      'touches: is missing',
      'settings: must be a list of rows',
    ]);
  });

  it('names each invalid field with its row', () => {
    const text = withTables((t) => {
      const [northwind, globex] = t.partners as unknown as Record<string, unknown>[];
      Object.assign(northwind!, { colour: 'blue', type: 'distributor', accountId: '001Ak00000Lw3Pq' });
      Object.assign(globex!, { name: 'G'.repeat(121), normalizedName: 'g'.repeat(121), active: 'yes' });
      const [a0, a1] = t.attributions as unknown as Record<string, unknown>[];
      Object.assign(a0!, { opportunityId: '001Ak00000Lw3PqIAJ', createdBy: { deviceId: 'device-1' }, deleted: false });
      delete a0!['note'];
      Object.assign(a1!, { kind: 'partner', updatedAt: '2026-11-20 10:00' });
      const [t0, t1] = t.touches as unknown as Record<string, unknown>[];
      Object.assign(t0!, { link: 'javascript:alert(1)', date: '2026-02-30' });
      Object.assign(t1!, { type: 'lunch', link: undefined });
      const [o0] = t.opportunities as unknown as Record<string, unknown>[];
      Object.assign(o0!, { source: 'csv', createdDate: '30/09/2026' });
      const [e0] = t.audit as unknown as Record<string, unknown>[];
      Object.assign(e0!, { seq: 1.5, entity: 'opportunity' });
      delete e0!['after'];
      t.settings[0]!.value = 'device-1';
      (t.settings as unknown[]).push('ui');
    });
    expect(problemsOf(text)).toEqual([
      "partners[0].type: must be null or one of 'technology_alliance', 'reseller_channel', 'system_integrator', " +
        "'oem_embedded', 'strategic_gtm' or 'isv_marketplace'",
      'partners[0].accountId: must be an 18-character Account id (starting 001)',
      "partners[0]: has an unknown field 'colour'",
      'partners[1].name: must be at most 120 characters',
      'partners[1].normalizedName: must be at most 120 characters',
      'partners[1].active: must be true or false',
      'attributions[0].opportunityId: must be an 18-character Opportunity or Lead id (starting 006 or 00Q)',
      'attributions[0].note: is missing',
      'attributions[0].createdBy.deviceId: must be a UUID',
      'attributions[0].deleted: must be 0 or 1',
      "attributions[1].kind: must be 'sourced' or 'influenced'",
      'attributions[1].updatedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'touches[0].date: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      'touches[0].link: must be an http or https address',
      "touches[1].type: must be one of 'intro_referral', 'deal_registration', 'joint_call', 'technical_evaluation', " +
        "'executive_sponsor', 'marketplace_cosell' or 'other'",
      'touches[1].link: is missing',
      'opportunities[0].createdDate: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      "opportunities[0].source: must be 'page' or 'api'",
      'audit[0].seq: must be a whole number',
      "audit[0].entity: must be 'attribution', 'partner' or 'touch'",
      'audit[0].after: is missing',
      'settings[0].value: must be a UUID (this browser’s device id)',
      'settings[3]: must be an object',
    ]);
  });

  it('names each invalid sync field with its row', () => {
    const text = withTables((t) => {
      const [a0, a1, a2] = t.attributions as unknown as Record<string, unknown>[];
      Object.assign(a0!, { version: '1790933400000:0:device', remoteId: 'a0BAk000001XyZa' });
      Object.assign(a1!, { version: `${at(0)}${'x'.repeat(30)}`, lastModifiedByName: '' });
      delete a2!['version'];
      const [t0] = t.touches as unknown as Record<string, unknown>[];
      Object.assign(t0!, { version: 42 });
      const [o0, o1] = t.opportunities as unknown as Record<string, unknown>[];
      Object.assign(o0!, { amount: '125000', currency: 'eur', probability: 150, closeDate: '2026-12-32', isWon: 'no' });
      Object.assign(o1!, { ownerId: ACCOUNT, fetchedAt: 'today', forecastCategory: '' });
      t.settings[2]!.value = { wallMs: -1, counter: 0 };
    });
    const version = 'must be a version written <15-digit time>:<5-digit counter>:<device id>, at most 60 characters';
    expect(problemsOf(text)).toEqual([
      `attributions[0].version: ${version}`,
      'attributions[0].remoteId: must be an 18-character Salesforce record id',
      `attributions[1].version: ${version}`,
      'attributions[1].lastModifiedByName: must not be empty',
      'attributions[2].version: is missing',
      `touches[0].version: ${version}`,
      'opportunities[0].amount: must be a number, or null',
      'opportunities[0].currency: must be a three-letter currency code such as USD, or null',
      'opportunities[0].closeDate: must be a calendar date written YYYY-MM-DD, such as 2026-11-20',
      'opportunities[0].probability: must be a number from 0 to 100, or null',
      'opportunities[0].isWon: must be true or false',
      'opportunities[1].forecastCategory: must not be empty',
      'opportunities[1].ownerId: must be an 18-character User id (starting 005)',
      'opportunities[1].fetchedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
      'settings[2].value: must be this browser’s clock, { wallMs, counter }: ' +
        'whole numbers of at most 15 and 5 digits',
    ]);
  });

  it('requires the stored normalised form of each partner name', () => {
    const text = withTables((t) => {
      t.partners[1]!.normalizedName = 'globex café';
    });
    expect(problemsOf(text)).toEqual([
      "partners[1].normalizedName: must be the normalised form of the name ('globex cafe')",
    ]);
  });
  it('lists at most 50 problems and counts the rest', () => {
    const text = withTables((t) => {
      for (let i = 0; i < 60; i++) t.opportunities.push({ ...t.opportunities[0]!, id: `bad-${i}` });
    });
    const problems = problemsOf(text);
    expect(problems).toHaveLength(51);
    expect(problems[0]).toBe('opportunities[2].id: must be an 18-character Opportunity id (starting 006)');
    expect(problems[50]).toBe('…and 10 more problems.');
  });
});

describe('backup size', () => {
  it('accepts up to 100 MB and explains a larger file', () => {
    expect(MAX_BACKUP_BYTES).toBe(100 * 1024 * 1024);
    expect(checkBackupSize(MAX_BACKUP_BYTES)).toBeUndefined();
    expect(checkBackupSize(120 * 1024 * 1024)).toBe(
      'This file is too large to be a Partner Ledger backup (120 MB; the limit is 100 MB).',
    );
  });

  it('refuses an oversized text before parsing it', () => {
    expect(problemsOf(' '.repeat(MAX_BACKUP_BYTES + 1))).toEqual([
      'This file is too large to be a Partner Ledger backup (101 MB; the limit is 100 MB).',
    ]);
  });
});

describe('parseBackup: settings', () => {
  it('accepts only settings Partner Ledger keeps', () => {
    const problems = problemsOf(
      withTables((tables) => {
        tables.settings.push({ key: 'evil', value: 1 });
        tables.settings.push({ key: 'page:acme', value: 'https://acme.lightning.force.com/' });
        tables.settings.push({ key: 'sync.secret', value: {} });
      }),
    );
    expect(problems).toEqual([
      'settings[3].key: "evil" is not a setting Partner Ledger keeps',
      'settings[5].key: "sync.secret" is not a setting Partner Ledger keeps',
    ]);
  });
});
