import type { z } from '../../zod';
import { SCHEMA_VERSION, type SettingRow } from '../db';
import { migratePartnerV1 } from '../migrations/v001-to-v002';
import { initialVersion } from '../migrations/v002-to-v003';
import { isV4PushFailuresKey } from '../migrations/v004-to-v005';
import { DATA_TABLE_NAMES, dataRowSchemas, timestampSchema, type DataTableName } from '../rows';
import { isKnownSettingKey } from '../settings';
import { checkIntegrity, isRecord, type RawTables } from './integrity';
import { describeJsonError } from './json-syntax';

/**
 * The backup file: a JSON object with the format's name, the schema version it was made with, when, and
 * one list of rows per table of the user's data. `parseBackup` checks a file completely, upgrading one
 * from an older schema version first, and says what is wrong with it, each problem with its place
 * ("attributions[12].kind: must be 'sourced' or 'influenced'").
 */

export const BACKUP_FORMAT = 'partner-ledger-backup';

/** Larger files are refused before they are read: a real backup is a fraction of this. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

/** The rows of every table of the user's data, as their schemas in rows.ts describe them. */
export type BackupTables = { [Name in DataTableName]: z.infer<(typeof dataRowSchemas)[Name]>[] };

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  /** ISO timestamp of the export. */
  exportedAt: string;
  tables: BackupTables;
}

export type ParseBackupResult = { ok: true; backup: BackupFile } | { ok: false; problems: string[] };

/** Rows per table. */
export type BackupCounts = Record<DataTableName, number>;

/** What a backup holds, in the terms the user knows: removed attributions and touches are not counted. */
export interface BackupSummary {
  exportedAt: string;
  partners: number;
  attributions: number;
  touches: number;
  opportunities: number;
  auditEntries: number;
}

/** A message for a file too large to be a backup, or undefined when its size is fine. Call it before reading. */
export function checkBackupSize(bytes: number): string | undefined {
  if (bytes <= MAX_BACKUP_BYTES) return undefined;
  const megabytes = (n: number) => Math.ceil(n / (1024 * 1024)).toLocaleString('en-US');
  return (
    `This file is too large to be a Partner Ledger backup (${megabytes(bytes)} MB; ` +
    `the limit is ${megabytes(MAX_BACKUP_BYTES)} MB).`
  );
}

/** Rows per table of a backup. */
export function countBackupRows(backup: BackupFile): BackupCounts {
  const counts = {} as BackupCounts;
  for (const name of DATA_TABLE_NAMES) counts[name] = backup.tables[name].length;
  return counts;
}

/** What the user is about to restore, for the confirmation. */
export function summarizeBackup(backup: BackupFile): BackupSummary {
  const { tables } = backup;
  return {
    exportedAt: backup.exportedAt,
    partners: tables.partners.length,
    attributions: tables.attributions.filter((row) => row.deleted === 0).length,
    touches: tables.touches.filter((row) => row.deleted === 0).length,
    opportunities: tables.opportunities.length,
    auditEntries: tables.audit.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Older schema versions

/** The tables of each schema version a backup may come from. */
const TABLES_BY_VERSION: Record<number, readonly string[]> = {
  1: ['partners', 'attributions', 'opportunities', 'audit', 'settings'],
  2: ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings'],
  3: ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings'],
  4: ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings', 'summaries'],
  5: DATA_TABLE_NAMES,
  6: DATA_TABLE_NAMES,
  7: DATA_TABLE_NAMES,
};

const OLDEST_SCHEMA_VERSION = 1;

/**
 * Upgrades the tables of a backup from the version of the key to the next one, with the same functions
 * the database upgrade runs (`migrations/`), so an old file ends up exactly as an old database would.
 */
const UPGRADES: Record<number, (tables: RawTables) => RawTables> = {
  1: (tables) => ({
    ...tables,
    partners: (tables['partners'] ?? []).map((p) => (isRecord(p) ? { ...p, ...migratePartnerV1(p) } : p)),
    touches: [],
  }),
  // The outbox is not in a backup: the restore queues every attribution, as the database upgrade does.
  2: (tables) => ({
    ...tables,
    attributions: (tables['attributions'] ?? []).map(withInitialVersion),
    touches: (tables['touches'] ?? []).map(withInitialVersion),
  }),
  // Snapshots arrive with v4; an older file reported nothing.
  3: (tables) => ({ ...tables, summaries: [] }),
  // v5 moves push failures out of settings: they are left out after the check (see parseBackup).
  4: (tables) => tables,
  // v6 and v7 only change how touches are keyed in the database; a backup's rows stay as they are.
  5: (tables) => tables,
  6: (tables) => tables,
};

/**
 * A v2 row with the version the database upgrade gives it. A row without a usable author is refused for
 * its `createdBy`; its version then names an unknown device rather than add a second, puzzling problem.
 */
function withInitialVersion(row: unknown): unknown {
  if (!isRecord(row) || row['version'] !== undefined) return row;
  const author = row['createdBy'];
  const deviceId =
    isRecord(author) && typeof author['deviceId'] === 'string' && author['deviceId'] !== ''
      ? author['deviceId']
      : 'unknown';
  const updatedAt = typeof row['updatedAt'] === 'string' ? row['updatedAt'] : '';
  return { ...row, version: initialVersion({ updatedAt, createdBy: { deviceId } }) };
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

/**
 * Checks a backup file completely and says what is wrong with it, each problem with its place. Backups of
 * older schema versions are upgraded first. Nothing is written: `restoreBackup` takes the result.
 */
export function parseBackup(text: string): ParseBackupResult {
  const tooLarge = checkBackupSize(text.length);
  if (tooLarge) return fail([tooLarge]);
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.trim() === '') return fail(['The file is empty.']);

  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return fail([`The file is not valid JSON (${describeJsonError(source, error)}).`]);
  }

  if (!isRecord(data) || data['format'] !== BACKUP_FORMAT) return fail(['This is not a Partner Ledger backup.']);

  const version = data['schemaVersion'];
  if (typeof version === 'number' && Number.isInteger(version) && version > SCHEMA_VERSION) {
    return fail([
      `This backup was made by a newer version of Partner Ledger (schema ${version}); update the extension first.`,
    ]);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_SCHEMA_VERSION) {
    return fail([
      `schemaVersion: must be a whole number from ${OLDEST_SCHEMA_VERSION} to ${SCHEMA_VERSION} ` +
        `(found ${describeValue(version)})`,
    ]);
  }

  const problems: string[] = [];
  for (const key of Object.keys(data)) {
    if (!['format', 'schemaVersion', 'exportedAt', 'tables'].includes(key)) {
      problems.push(`${key}: is not part of a Partner Ledger backup`);
    }
  }
  const exportedAt = data['exportedAt'];
  const exportedAtChecked = timestampSchema.safeParse(exportedAt);
  if (!exportedAtChecked.success) {
    problems.push(
      exportedAt === undefined
        ? 'exportedAt: is missing'
        : 'exportedAt: must be an ISO timestamp in UTC, such as 2026-11-20T10:00:00.000Z',
    );
  }

  const rawTables = data['tables'];
  if (!isRecord(rawTables)) {
    problems.push(rawTables === undefined ? 'tables: is missing' : 'tables: must be an object with one list per table');
    return fail(problems);
  }
  let tables: RawTables = {};
  const expected = TABLES_BY_VERSION[version] ?? [];
  for (const name of Object.keys(rawTables)) {
    if (!expected.includes(name)) problems.push(`${name}: is not a table of schema ${version}`);
  }
  for (const name of expected) {
    const rows = rawTables[name];
    if (Array.isArray(rows)) tables[name] = rows;
    else problems.push(rows === undefined ? `${name}: is missing` : `${name}: must be a list of rows`);
  }

  for (let from = version; from < SCHEMA_VERSION; from++) {
    const upgrade = UPGRADES[from];
    if (!upgrade) throw new Error(`No backup upgrade from schema ${from}`);
    tables = upgrade(tables);
  }

  const valid = {} as Record<DataTableName, unknown[]>;
  const invalidAttributions = new Set<number>();
  for (const name of DATA_TABLE_NAMES) {
    const schema: z.ZodType = dataRowSchemas[name];
    valid[name] = [];
    (tables[name] ?? []).forEach((row, index) => {
      const result = schema.safeParse(row);
      if (result.success) {
        valid[name].push(result.data);
        return;
      }
      if (name === 'attributions') invalidAttributions.add(index);
      for (const issue of result.error.issues) {
        problems.push(`${name}[${index}]${formatPath(issue.path)}: ${describeIssue(issue)}`);
      }
    });
  }
  problems.push(...settingsProblems(tables['settings'] ?? []));
  problems.push(...checkIntegrity(tables, invalidAttributions));
  if (problems.length > 0 || !exportedAtChecked.success) return fail(problems);
  // Sync machinery that files before v5 kept in settings. Left out only now, so that every problem above
  // names its row by its place in the file.
  valid.settings = valid.settings.filter((row) => !isV4PushFailuresKey((row as SettingRow).key));

  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: exportedAtChecked.data,
      // Every row passed its table's schema above.
      tables: valid as BackupTables,
    },
  };
}

/**
 * Settings are taken from a file only under keys Partner Ledger keeps (each value is checked against its
 * key's schema when it is read): a file cannot plant a setting that something would later read as its own.
 */
function settingsProblems(rows: readonly unknown[]): string[] {
  const problems: string[] = [];
  rows.forEach((row, index) => {
    // A row without a usable key is reported by its schema.
    if (!isRecord(row) || typeof row['key'] !== 'string' || row['key'] === '') return;
    const key = row['key'];
    if (isV4PushFailuresKey(key) || isKnownSettingKey(key)) return; // v4 push failures are left out below
    problems.push(`settings[${index}].key: ${describeValue(key)} is not a setting Partner Ledger keeps`);
  });
  return problems;
}

function fail(problems: string[]): { ok: false; problems: string[] } {
  if (problems.length <= MAX_LISTED_PROBLEMS) return { ok: false, problems };
  const more = problems.length - MAX_LISTED_PROBLEMS;
  const rest = `…and ${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'}.`;
  return { ok: false, problems: [...problems.slice(0, MAX_LISTED_PROBLEMS), rest] };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

interface Issue {
  code: string;
  message: string;
  keys?: string[];
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const names = issue.keys.map((k) => `'${k}'`).join(', ');
    return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${names}`;
  }
  return issue.message;
}
