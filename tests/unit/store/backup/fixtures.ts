import type { BackupFile, BackupTables } from '../../../../lib/store/backup/format';
import { BACKUP_FORMAT, parseBackup } from '../../../../lib/store/backup/format';
import { createBackup } from '../../../../lib/store/backup/create';
import { SCHEMA_VERSION, type PartnerLedgerDb } from '../../../../lib/store/db';
import { formatVersion } from '../../../../lib/time/hlc';

// A current-schema backup that uses every field and every table, and the helpers the backup tests share.

export const NOW = '2026-11-20T10:00:00.000Z';
export const DEVICE = '6f1c2b7e-4d3a-4e8f-9a21-3c5d7e9f0b14';
export const OTHER_DEVICE = '2d1e0f9a-8b7c-4d6e-9f5a-4b3c2d1e0f9a';
export const OPP_1 = '006Ak00000Rn4sYIAR';
export const OPP_2 = '006Ak00000Rn4tBIAR';
export const ACCOUNT = '001Ak00000Lw3PqIAJ';
export const NORTHWIND = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
export const GLOBEX = '9a7b330a-a736-4d51-9b6e-a0b1c2d3e4f5';
export const SOURCED = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const INFLUENCED = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const REMOVED = 'a8098c1a-f86e-41da-9d74-3c8f2b9e0c55';
export const me = { deviceId: DEVICE };
export const stamps = { createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-02T09:30:00.000Z' };
export const CHANGED_MS = Date.parse(stamps.updatedAt);
/** The version of a change made at `stamps.updatedAt`. */
export const at = (counter: number, device = DEVICE) => formatVersion({ wallMs: CHANGED_MS, counter }, device);
export const REMOTE_SOURCED = 'a0BAk000001XyZaMAK';
export const REMOTE_INFLUENCED = 'a0BAk000001XyZbMAK';

/** A current-schema database content that uses every field and every table. */
export function sampleTables(): BackupTables {
  return {
    partners: [
      {
        id: NORTHWIND,
        name: 'Northwind Systems',
        normalizedName: 'northwind systems',
        type: 'system_integrator',
        tier: 'Gold',
        accountId: ACCOUNT,
        active: true,
        ...stamps,
      },
      {
        id: GLOBEX,
        name: 'Globex Café',
        normalizedName: 'globex cafe',
        type: null,
        tier: null,
        accountId: null,
        active: false,
        ...stamps,
      },
    ],
    attributions: [
      {
        id: SOURCED,
        orgKey: 'acme',
        opportunityId: OPP_1,
        partnerId: NORTHWIND,
        kind: 'sourced',
        note: 'Registered deal.',
        windowOverrideReason: 'Intro happened at the partner summit before the opportunity existed.',
        createdBy: me,
        ...stamps,
        deleted: 0,
        version: at(0),
        remoteId: REMOTE_SOURCED,
      },
      {
        id: INFLUENCED,
        orgKey: 'acme',
        opportunityId: OPP_1,
        partnerId: GLOBEX,
        kind: 'influenced',
        note: '',
        createdBy: { deviceId: DEVICE, userId: '005Ak00000Ab1CdIAJ', userName: 'Dana Whitfield' },
        ...stamps,
        deleted: 0,
        version: at(2, OTHER_DEVICE),
        remoteId: REMOTE_INFLUENCED,
        lastModifiedByName: 'Priya Raman',
      },
      {
        id: REMOVED,
        orgKey: 'acme',
        opportunityId: OPP_2,
        partnerId: GLOBEX,
        kind: 'sourced',
        note: 'Tagged by mistake.',
        createdBy: me,
        ...stamps,
        deleted: 1,
        version: at(1),
      },
    ],
    touches: [
      {
        id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
        attributionId: SOURCED,
        opportunityId: OPP_1,
        type: 'deal_registration',
        date: '2026-09-28',
        note: 'Reg #4411',
        link: 'https://partners.example.com/deals/4411?ref=pl',
        createdBy: me,
        ...stamps,
        deleted: 0,
        version: at(0),
      },
      {
        id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60',
        attributionId: INFLUENCED,
        opportunityId: OPP_1,
        type: 'joint_call',
        date: '2026-10-01',
        note: '',
        link: null,
        createdBy: me,
        ...stamps,
        deleted: 0,
        version: at(2, OTHER_DEVICE),
      },
      {
        id: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071',
        attributionId: REMOVED,
        opportunityId: OPP_2,
        type: 'other',
        date: '2024-02-29',
        note: '',
        link: null,
        createdBy: me,
        ...stamps,
        deleted: 1,
        version: at(1),
      },
    ],
    opportunities: [
      {
        id: OPP_1,
        orgKey: 'acme',
        name: 'Acme — 2027 renewal',
        createdDate: '2026-09-30',
        source: 'api',
        seenAt: NOW,
        amount: 125000.5,
        currency: 'EUR',
        stage: 'Negotiation/Review',
        closeDate: '2026-12-15',
        probability: 80,
        forecastCategory: 'Commit',
        isClosed: false,
        isWon: false,
        ownerId: '005Ak00000Ab1CdIAJ',
        ownerName: 'Dana Whitfield',
        fetchedAt: NOW,
        attributionsPulledAt: NOW,
      },
      {
        id: OPP_2,
        orgKey: 'acme',
        name: 'Acme expansion',
        source: 'api',
        seenAt: NOW,
        amount: null,
        currency: null,
        probability: null,
        forecastCategory: null,
      },
    ],
    audit: [
      {
        seq: 1,
        at: NOW,
        actor: me,
        entity: 'partner',
        entityId: NORTHWIND,
        action: 'create',
        before: null,
        after: { name: 'Northwind Systems' },
      },
      {
        seq: 2,
        at: NOW,
        actor: me,
        entity: 'attribution',
        entityId: SOURCED,
        opportunityId: OPP_1,
        action: 'create',
        before: null,
        after: { kind: 'sourced' },
        reason: 'Outside the window, see note.',
      },
      {
        seq: 7,
        at: NOW,
        actor: me,
        entity: 'touch',
        entityId: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071',
        opportunityId: OPP_2,
        action: 'delete',
        before: { deleted: 0 },
        after: { deleted: 1 },
      },
    ],
    settings: [
      { key: 'deviceId', value: DEVICE },
      { key: 'ui', value: { panelCollapsed: true } },
      { key: 'clock', value: { wallMs: CHANGED_MS, counter: 2 } },
    ],
    summaries: [
      {
        orgKey: 'acme',
        weekKey: '2026-09-28',
        frozenAt: '2026-10-05T00:00:00.000Z',
        scope: 'team',
        figures: {
          weekKey: '2026-09-28',
          byCurrency: [
            {
              currency: 'EUR',
              sourcedPipelineCents: 12500050,
              sourcedOpportunities: 1,
              influencedPipelineCents: 12500050,
              influencedOpportunities: 1,
              sourcedWonCents: 0,
              sourcedWonOpportunities: 0,
              influencedWonCents: 0,
              influencedWonOpportunities: 0,
              newPipelineCents: 50000000,
              sourcedShare: 0.250001,
            },
          ],
        },
        byPartner: [
          {
            partnerId: NORTHWIND,
            partnerName: 'Northwind Systems',
            currency: 'EUR',
            sourcedPipelineCents: 12500050,
            sourcedOpportunities: 1,
            influencedPipelineCents: 0,
            influencedOpportunities: 0,
            sourcedWonCents: 0,
            influencedWonCents: 0,
          },
        ],
        deals: [
          {
            opportunityId: OPP_1,
            name: 'Acme — 2027 renewal',
            amountCents: 12500050,
            currency: 'EUR',
            kinds: ['sourced', 'influenced'],
            partnerNames: ['Globex Café', 'Northwind Systems'],
            stage: 'Negotiation/Review',
          },
        ],
        userId: '005Ak00000Ab1CdIAJ',
        synced: 1,
        remoteIds: { EUR: 'a0CAk000001XyZaMAK' },
      },
    ],
  };
}

export function backupText(tables: unknown = sampleTables(), overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: NOW,
    tables,
    ...overrides,
  });
}

/** A backup whose tables are the sample with some rows changed. */
export function withTables(change: (tables: BackupTables) => void): string {
  const tables = sampleTables();
  change(tables);
  return backupText(tables);
}

export function problemsOf(text: string): string[] {
  const result = parseBackup(text);
  if (result.ok) throw new Error('The backup was accepted');
  return result.problems;
}

export async function fill(db: PartnerLedgerDb, tables: BackupTables): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const [name, rows] of Object.entries(tables)) await db.table(name).bulkAdd(rows);
  });
}

export async function contentOf(db: PartnerLedgerDb): Promise<BackupTables> {
  return (await createBackup(db, NOW)).tables;
}

// Older schema versions.
/** The version a row made before sync gets: its last change, counter 0, its author's device. */
export const versioned = <T extends { updatedAt: string; createdBy: { deviceId: string } }>(row: T) => ({
  ...row,
  version: formatVersion({ wallMs: Date.parse(row.updatedAt), counter: 0 }, row.createdBy.deviceId),
});
export const fileOf = (schemaVersion: number, tables: unknown) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    schemaVersion,
    exportedAt: NOW,
    tables,
  });

/** The sample backup, checked as a restore would take it. */
export function parsedSample(): BackupFile {
  const parsed = parseBackup(backupText());
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.backup;
}
