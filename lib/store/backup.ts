import { AppError } from '../errors';
import { parseVersion, type Clock } from '../sync/hlc';
import { SCHEMA_VERSION, type Actor, type AttributionRow, type OpportunityRow, type PartnerLedgerDb, type PartnerRow, type SettingRow, type SummaryRow, type TouchRow } from './db';
import { migratePartnerV1 } from './migrations/v001-to-v002';
import { initialVersion, outboxEntryFor } from './migrations/v002-to-v003';
import { READY_PREFIX } from './settings';
import {
  clockSchema,
  DATA_TABLE_NAMES,
  dataRowSchemas,
  timestampSchema,
  type DataTableName,
  type StoredAuditRow,
} from './rows';

/**
 * Backup and restore of the user's data in this browser: partners, attributions, touches, opportunities,
 * history and settings. A backup file is the way to move to another browser or recover from a reset
 * profile. The sync machinery (the outbox and the sync state) is not in it: a restore rebuilds it. A file
 * is checked completely before it may replace anything, and the replacement happens in one transaction.
 */

export const BACKUP_FORMAT = 'partner-ledger-backup';

/** Larger files are refused before they are read: a real backup is a fraction of this. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

export interface BackupTables {
  partners: PartnerRow[];
  attributions: AttributionRow[];
  touches: TouchRow[];
  opportunities: OpportunityRow[];
  audit: StoredAuditRow[];
  settings: SettingRow[];
  /** Frozen weekly snapshots: what was reported stays reported after a restore. */
  summaries: SummaryRow[];
}

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

/** Stored in settings under `lastRestore` by `restoreBackup`. */
export interface LastRestore {
  at: string;
  fileExportedAt: string;
  counts: BackupCounts;
  by?: Actor;
}

/** Stamps of the restore, passed in so tests control time and identity. */
export interface RestoreContext {
  now: string;
  actor?: Actor;
}

/** Every row of every data table, read in one transaction so the file is a consistent snapshot. */
export async function createBackup(db: PartnerLedgerDb, now: string): Promise<BackupFile> {
  const tables = DATA_TABLE_NAMES.map((name) => db.table(name));
  return db.transaction('r', tables, async () => {
    const [partners, attributions, touches, opportunities, audit, settings, summaries] = await Promise.all([
      db.partners.toArray(),
      db.attributions.toArray(),
      db.touches.toArray(),
      db.opportunities.toArray(),
      db.audit.toArray(),
      db.settings.filter((row) => !row.key.startsWith(READY_PREFIX)).toArray(),
      db.summaries.toArray(),
    ]);
    return {
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: now,
      tables: { partners, attributions, touches, opportunities, audit, settings, summaries },
    };
  });
}

/** The name offered when the backup is downloaded, dated by the export (UTC). */
export function backupFileName(exportedAt: string): string {
  return `partner-ledger-backup-${exportedAt.slice(0, 10)}.json`;
}

/** A message for a file too large to be a backup, or undefined when its size is fine. Call it before reading. */
export function checkBackupSize(bytes: number): string | undefined {
  if (bytes <= MAX_BACKUP_BYTES) return undefined;
  const megabytes = (n: number) => Math.ceil(n / (1024 * 1024)).toLocaleString('en-US');
  return `This file is too large to be a Partner Ledger backup (${megabytes(bytes)} MB; the limit is ${megabytes(MAX_BACKUP_BYTES)} MB).`;
}

// ---------------------------------------------------------------------------------------------------------
// Older schema versions

type RawTables = Record<string, unknown[]>;

/** The tables of each schema version a backup may come from. */
const TABLES_BY_VERSION: Record<number, readonly string[]> = {
  1: ['partners', 'attributions', 'opportunities', 'audit', 'settings'],
  2: ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings'],
  3: ['partners', 'attributions', 'touches', 'opportunities', 'audit', 'settings'],
  4: DATA_TABLE_NAMES,
};

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
};

/**
 * A v2 row with the version the database upgrade gives it. A row without a usable author is refused for
 * its `createdBy`; its version then names an unknown device rather than add a second, puzzling problem.
 */
function withInitialVersion(row: unknown): unknown {
  if (!isRecord(row) || row['version'] !== undefined) return row;
  const author = row['createdBy'];
  const deviceId =
    isRecord(author) && typeof author['deviceId'] === 'string' && author['deviceId'] !== '' ? author['deviceId'] : 'unknown';
  const updatedAt = typeof row['updatedAt'] === 'string' ? row['updatedAt'] : '';
  return { ...row, version: initialVersion({ updatedAt, createdBy: { deviceId } }) };
}

const OLDEST_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------------------
// Parsing

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a backup file completely and says what is wrong with it, each problem with its place
 * ("attributions[12].kind: must be 'sourced' or 'influenced'"). Backups of older schema versions are
 * upgraded first. Nothing is written: `restoreBackup` takes the result.
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
      `schemaVersion: must be a whole number from ${OLDEST_SCHEMA_VERSION} to ${SCHEMA_VERSION} (found ${describeValue(version)})`,
    ]);
  }

  const problems: string[] = [];
  for (const key of Object.keys(data)) {
    if (!['format', 'schemaVersion', 'exportedAt', 'tables'].includes(key)) {
      problems.push(`${key}: is not part of a Partner Ledger backup`);
    }
  }
  const exportedAt = data['exportedAt'];
  if (typeof exportedAt !== 'string' || !isIsoTimestamp(exportedAt)) {
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
  const invalid = {} as Record<DataTableName, Set<number>>;
  for (const name of DATA_TABLE_NAMES) {
    const schema = dataRowSchemas[name];
    valid[name] = [];
    invalid[name] = new Set();
    (tables[name] ?? []).forEach((row, index) => {
      const result = schema.safeParse(row);
      if (result.success) {
        valid[name].push(result.data);
        return;
      }
      invalid[name].add(index);
      for (const issue of result.error.issues) {
        problems.push(`${name}[${index}]${formatPath(issue.path)}: ${describeIssue(issue)}`);
      }
    });
  }
  problems.push(...checkIntegrity(tables, invalid));
  if (problems.length > 0) return fail(problems);

  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: exportedAt as string,
      tables: valid as unknown as BackupTables,
    },
  };
}

function fail(problems: string[]): { ok: false; problems: string[] } {
  if (problems.length <= MAX_LISTED_PROBLEMS) return { ok: false, problems };
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return {
    ok: false,
    problems: [...problems.slice(0, MAX_LISTED_PROBLEMS), `…and ${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'}.`],
  };
}

function isIsoTimestamp(value: string): boolean {
  return timestampSchema.safeParse(value).success;
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
  expected?: string;
}

function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const names = issue.keys.map((k) => `'${k}'`).join(', ');
    return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${names}`;
  }
  return issue.message;
}

// ---------------------------------------------------------------------------------------------------------
// Referential integrity

function stringField(row: unknown, key: string): string | undefined {
  if (!isRecord(row)) return undefined;
  const value = row[key];
  return typeof value === 'string' ? value : undefined;
}

/** Index of the first row of each key; a repeated key is reported at the later row and added to `repeated`. */
function indexRows(
  table: string,
  rows: readonly unknown[],
  key: string,
  problems: string[],
  repeated = new Set<string>(),
): Map<string, number> {
  const first = new Map<string, number>();
  rows.forEach((row, index) => {
    const raw = isRecord(row) ? row[key] : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const value = String(raw);
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else {
      repeated.add(value);
      problems.push(`${table}[${index}].${key}: is also the ${key} of ${table}[${earlier}]`);
    }
  });
  return first;
}

/**
 * What no single row shows: duplicate keys, partners that only differ by case or accents, and references
 * to rows that are not in the file. Rows that are invalid in themselves still count as present, and are
 * not compared with the rows that refer to them, so one bad row is reported once.
 */
function checkIntegrity(tables: RawTables, invalid: Record<DataTableName, Set<number>>): string[] {
  const problems: string[] = [];
  const partners = tables['partners'] ?? [];
  const attributions = tables['attributions'] ?? [];
  const touches = tables['touches'] ?? [];

  const partnerIds = indexRows('partners', partners, 'id', problems);
  const repeatedAttributionIds = new Set<string>();
  const attributionIds = indexRows('attributions', attributions, 'id', problems, repeatedAttributionIds);
  // One org record is one attribution: two rows pointing at it would overwrite each other on every pull.
  indexRows('attributions', attributions, 'remoteId', problems);
  indexRows('touches', touches, 'id', problems);
  indexRows('opportunities', tables['opportunities'] ?? [], 'id', problems);
  indexRows('audit', tables['audit'] ?? [], 'seq', problems);
  indexRows('settings', tables['settings'] ?? [], 'key', problems);

  const byName = new Map<string, number>();
  partners.forEach((row, index) => {
    const normalizedName = stringField(row, 'normalizedName');
    if (normalizedName === undefined) return;
    const earlier = byName.get(normalizedName);
    if (earlier === undefined) byName.set(normalizedName, index);
    else {
      const earlierName = stringField(partners[earlier], 'name') ?? '';
      problems.push(`partners[${index}].normalizedName: '${normalizedName}' is already used by partners[${earlier}] (${earlierName})`);
    }
  });

  const livePartnerOnOpportunity = new Map<string, number>();
  attributions.forEach((row, index) => {
    const partnerId = stringField(row, 'partnerId');
    if (partnerId === undefined) return;
    if (!partnerIds.has(partnerId)) {
      problems.push(`attributions[${index}].partnerId: no partner in this backup has the id ${partnerId}`);
    }
    const opportunityId = stringField(row, 'opportunityId');
    if (opportunityId === undefined || !isRecord(row) || row['deleted'] !== 0) return;
    const pair = `${opportunityId} ${partnerId}`;
    const earlier = livePartnerOnOpportunity.get(pair);
    if (earlier === undefined) livePartnerOnOpportunity.set(pair, index);
    else {
      problems.push(
        `attributions[${index}].partnerId: this partner is already attributed to opportunity ${opportunityId} by attributions[${earlier}]`,
      );
    }
  });

  touches.forEach((row, index) => {
    const attributionId = stringField(row, 'attributionId');
    if (attributionId === undefined) return;
    const attributionIndex = attributionIds.get(attributionId);
    if (attributionIndex === undefined) {
      problems.push(`touches[${index}].attributionId: no attribution in this backup has the id ${attributionId}`);
      return;
    }
    if (invalid.attributions.has(attributionIndex) || repeatedAttributionIds.has(attributionId)) return;
    const expected = stringField(attributions[attributionIndex], 'opportunityId');
    const actual = stringField(row, 'opportunityId');
    if (expected !== undefined && actual !== undefined && actual !== expected) {
      problems.push(
        `touches[${index}].opportunityId: must be the opportunity of its attribution, ${expected} (attributions[${attributionIndex}])`,
      );
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// JSON syntax errors

/**
 * Where the JSON goes wrong, in the same words in every browser (engines word and place their own
 * errors differently, and some give no position at all). Only runs once `JSON.parse` has failed.
 */
function describeJsonError(text: string, error: unknown): string {
  const position = findJsonError(text);
  if (position === undefined) return error instanceof Error ? error.message : String(error);
  if (position >= text.length) return `unexpected end at position ${text.length}`;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `unexpected ${JSON.stringify(text.charAt(position))} at position ${position}, line ${line} column ${column}`;
}

/** The offset of the first character that cannot continue valid JSON; the text's length for an early end. */
export function findJsonError(text: string): number | undefined {
  let pos = 0;
  const stack: ('object' | 'array')[] = [];
  const at = () => text.charAt(pos);
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(at())) pos++;
  };
  const digits = (): boolean => {
    const start = pos;
    while (at() >= '0' && at() <= '9' && pos < text.length) pos++;
    return pos > start;
  };
  // Each scanner returns false with `pos` on the offending character (or at the end).
  const scanString = (): boolean => {
    pos++; // opening quote
    while (pos < text.length) {
      const c = at();
      if (c === '"') {
        pos++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        pos++;
        if (pos >= text.length) return false;
        if (at() === 'u') {
          for (let i = 0; i < 4; i++) {
            pos++;
            if (!/^[0-9a-fA-F]$/.test(at())) return false;
          }
        } else if (!'"\\/bfnrt'.includes(at())) return false;
      }
      pos++;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    if (at() === '-') pos++;
    if (at() === '0') pos++;
    else if (!digits()) return false;
    if (at() === '.') {
      pos++;
      if (!digits()) return false;
    }
    if (at() === 'e' || at() === 'E') {
      pos++;
      if (at() === '+' || at() === '-') pos++;
      if (!digits()) return false;
    }
    return true;
  };
  const scanWord = (word: string): boolean => {
    for (const c of word) {
      if (at() !== c) return false;
      pos++;
    }
    return true;
  };
  const scanKey = (): boolean => {
    skipSpace();
    if (at() !== '"' || !scanString()) return false;
    skipSpace();
    if (at() !== ':') return false;
    pos++;
    return true;
  };

  for (;;) {
    // A value is expected here.
    skipSpace();
    const c = at();
    let ok: boolean;
    if (c === '{' || c === '[') {
      pos++;
      skipSpace();
      if (at() === (c === '{' ? '}' : ']')) {
        pos++;
        ok = true;
      } else {
        stack.push(c === '{' ? 'object' : 'array');
        if (c === '{' && !scanKey()) return pos;
        continue;
      }
    } else if (c === '"') ok = scanString();
    else if (c === '-' || (c >= '0' && c <= '9' && pos < text.length)) ok = scanNumber();
    else if (c === 't') ok = scanWord('true');
    else if (c === 'f') ok = scanWord('false');
    else if (c === 'n') ok = scanWord('null');
    else ok = false;
    if (!ok) return pos;

    // After a value: close containers, or go on to the next element.
    for (;;) {
      skipSpace();
      const container = stack.at(-1);
      if (!container) return pos < text.length ? pos : undefined;
      const close = container === 'object' ? '}' : ']';
      if (at() === close) {
        pos++;
        stack.pop();
        continue;
      }
      if (at() !== ',') return pos;
      pos++;
      if (container === 'object' && !scanKey()) return pos;
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Restoring

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

/**
 * Replaces everything in the database with a checked backup (from `parseBackup`), in one transaction over
 * every table: if any write fails, the transaction aborts and the database keeps what it had.
 *
 * Three settings are not taken from the file as they are. This browser keeps its own `deviceId`: it names
 * the author of changes made here, and two browsers restored from one file must not pass for the same
 * device. Its `clock` never goes back: it becomes the latest of this browser's clock, the file's and every
 * restored version, so a change made after the restore is newer than what was restored. And the restore is
 * recorded in `lastRestore` rather than in the audit log: the audit log is part of what is being replaced
 * (it comes back exactly as the file has it), and its entries describe changes to one partner,
 * attribution or touch, which a restore is not.
 *
 * The sync machinery starts over: what was waiting in the outbox belonged to the replaced data, and the
 * sync state's cursors describe what the replaced data had seen of the org. Every restored attribution,
 * tombstones included, is queued for the org; the next pull, from the start, brings what the org has,
 * and versions decide which copy of each record stands.
 */
export async function restoreBackup(
  db: PartnerLedgerDb,
  backup: BackupFile,
  change: RestoreContext = { now: new Date().toISOString() },
): Promise<BackupCounts> {
  if (backup.format !== BACKUP_FORMAT || backup.schemaVersion !== SCHEMA_VERSION) {
    throw new AppError('invalid_request', 'This backup has not been checked for this version of Partner Ledger.');
  }
  const counts = countBackupRows(backup);
  const { tables } = backup;
  const replaced = [...DATA_TABLE_NAMES.map((name) => db.table(name)), db.outbox, db.syncState];
  try {
    await db.transaction('rw', replaced, async () => {
      const ownDevice = await db.settings.get('deviceId');
      const ownClock = await db.settings.get('clock');
      await Promise.all(replaced.map((table) => table.clear()));
      await db.partners.bulkAdd(tables.partners);
      await db.attributions.bulkAdd(tables.attributions);
      await db.touches.bulkAdd(tables.touches);
      await db.opportunities.bulkAdd(tables.opportunities);
      await db.audit.bulkAdd(tables.audit);
      // Snapshots come back as reported, with whether the org has them.
      await db.summaries.bulkAdd(tables.summaries);
      await db.settings.bulkAdd(
        tables.settings.filter(
          (row) => row.key !== 'lastRestore' && row.key !== 'clock' && !(ownDevice && row.key === 'deviceId'),
        ),
      );
      if (ownDevice) await db.settings.add(ownDevice);
      const clock = latestClock([
        ownClock?.value,
        tables.settings.find((row) => row.key === 'clock')?.value,
        ...tables.attributions.map((row) => row.version),
        ...tables.touches.map((row) => row.version),
      ]);
      if (clock) await db.settings.add({ key: 'clock', value: clock });
      await db.outbox.bulkAdd(tables.attributions.map((row) => outboxEntryFor(row, change.now)));
      const lastRestore: LastRestore = {
        at: change.now,
        fileExportedAt: backup.exportedAt,
        counts,
        ...(change.actor ? { by: change.actor } : {}),
      };
      await db.settings.add({ key: 'lastRestore', value: lastRestore });
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('internal', `The backup could not be restored, so nothing was changed (${detail}).`);
  }
  return counts;
}

/**
 * The latest of some clocks (`clock` settings) and versions, or undefined when there are none. A clock
 * that cannot be read is passed over: one from the file was checked, and this browser's own is replaced.
 */
function latestClock(sources: readonly unknown[]): Clock | undefined {
  let latest: Clock | undefined;
  for (const source of sources) {
    const clock = typeof source === 'string' ? parseVersion(source) : clockSchema.safeParse(source).data;
    if (!clock) continue;
    const later =
      !latest || clock.wallMs > latest.wallMs || (clock.wallMs === latest.wallMs && clock.counter > latest.counter);
    if (later) latest = { wallMs: clock.wallMs, counter: clock.counter };
  }
  return latest;
}
