/**
 * The partner roster as a CSV file, for teams that keep their partner list in a spreadsheet.
 * Pure: text in, a preview or text out. Nothing is written until the user has seen the preview.
 */
import Papa from 'papaparse';
import { PARTNER_TYPES, PARTNER_TYPE_LABELS, type PartnerType } from '../attribution/model';
import { normalizePartnerName } from '../attribution/names';
import {
  checkAccountId,
  checkPartnerName,
  checkPartnerTier,
  describePartnerTypes,
  type PartnerField,
  type PartnerInput,
} from './partner-input';

export const ROSTER_COLUMNS = [
  'name',
  'type',
  'tier',
  'account_id',
  'active',
] as const satisfies readonly PartnerField[];

export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;

export interface RosterPreviewRow extends PartnerInput {
  /** The row number a spreadsheet shows for this partner (the header is line 1). */
  line: number;
  action: 'create' | 'update';
}

export interface RosterProblem {
  line: number;
  /** A column name, or `file` / `header` / `row` for problems that are not about one cell. */
  field: string;
  message: string;
}

/** A partner already in the roster, as an import matches it (by normalised name). */
export interface KnownPartner {
  name: string;
  normalizedName: string;
}

export interface RosterPreview {
  /** The rows that can be imported. Importing is only allowed when `problems` is empty. */
  rows: RosterPreviewRow[];
  problems: RosterProblem[];
}

/**
 * Refuses a file before it is read into memory. A roster of 10,000 partners is well under 1 MB, so
 * anything near the limit is almost certainly the wrong file.
 */
export function checkRosterFileSize(bytes: number): string | undefined {
  if (bytes <= MAX_ROSTER_FILE_BYTES) return undefined;
  const megabytes = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return (
    `The file is ${megabytes.toFixed(1)} MB; a roster file can be at most ` +
    `${MAX_ROSTER_FILE_BYTES / (1024 * 1024)} MB.`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @ tab or CR.
// Such cells are exported behind a `'`. A cell that already starts with quotes before such a character
// gets one more, so that removing exactly one quote on import gives back every value unchanged.

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The cell as written to a file a spreadsheet may open. */
export function escapeCsvCell(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `'${value}` : value;
}

/** The value of a cell written by `escapeCsvCell`. */
export function unescapeCsvCell(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

/** The roster as a CSV file; importing it again gives the same roster. */
export function toRosterCsv(partners: readonly PartnerInput[]): string {
  const rows = partners.map((partner) =>
    [
      partner.name,
      partner.type ?? '',
      partner.tier ?? '',
      partner.accountId ?? '',
      partner.active ? 'true' : 'false',
    ].map(escapeCsvCell),
  );
  return `${Papa.unparse([[...ROSTER_COLUMNS], ...rows], { newline: '\r\n', quotes: false })}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

const TYPES_BY_WORD = new Map<string, PartnerType>(
  PARTNER_TYPES.flatMap((type) => [
    [type, type],
    [PARTNER_TYPE_LABELS[type].toLocaleLowerCase('en'), type],
  ]),
);

const ACTIVE_WORDS = new Map<string, boolean>([
  ['', true],
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const HEADER_HINT = ROSTER_COLUMNS.join(',');
const SAVE_AS_HINT = 'In Excel, use File › Save As › “CSV UTF-8 (Comma delimited)”.';

type Column = (typeof ROSTER_COLUMNS)[number];

function isColumn(value: string): value is Column {
  return (ROSTER_COLUMNS as readonly string[]).includes(value);
}

/** "Account ID" and "account_id" name the same column. */
function headerKey(cell: string): string {
  return cell
    .trim()
    .toLocaleLowerCase('en')
    .replace(/[\s_]+/g, '_');
}

function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function quoteForMessage(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

function wrongDelimiter(headerLine: string): string | undefined {
  if (headerLine.includes(',')) return undefined;
  if (headerLine.includes(';')) return 'semicolons (;)';
  if (headerLine.includes('\t')) return 'tabs';
  return undefined;
}

interface Header {
  /** Column index → roster column, or null for an empty column to ignore. */
  columns: (Column | null)[];
  problems: RosterProblem[];
}

function readHeader(record: readonly string[], data: readonly (readonly string[])[], headerIndex: number): Header {
  const problems: RosterProblem[] = [];
  const line = headerIndex + 1;
  const keys = record.map(headerKey);
  const known = keys.filter(isColumn);
  if (known.length === 0) {
    const first = record.join(',');
    problems.push({
      line,
      field: 'header',
      message:
        `The first line must be the header “${HEADER_HINT}”, but it reads “${quoteForMessage(first)}”. Add ` +
        `the header line at the top of the file.`,
    });
    return { columns: [], problems };
  }
  const seen = new Set<string>();
  const columns = keys.map((key, index): Column | null => {
    if (key === '') {
      const used = data.some((row, rowIndex) => rowIndex > headerIndex && (row[index] ?? '').trim() !== '');
      if (used) {
        problems.push({
          line,
          field: `column ${index + 1}`,
          message:
            `Column ${index + 1} has values but no name in the header. Name it (${ROSTER_COLUMNS.join(', ')}) ` +
            `or remove it.`,
        });
      }
      return null;
    }
    if (!isColumn(key)) {
      problems.push({
        line,
        field: record[index]!.trim(),
        message:
          `Unknown column “${quoteForMessage(record[index]!)}”. A roster has the columns ` +
          `${ROSTER_COLUMNS.join(', ')}; remove the others.`,
      });
      return null;
    }
    if (seen.has(key)) {
      problems.push({ line, field: key, message: `The column “${key}” appears twice in the header; keep only one.` });
      return null;
    }
    seen.add(key);
    return key;
  });
  if (!seen.has('name')) {
    problems.push({
      line,
      field: 'name',
      message: `The header has no “name” column; every partner needs a name. The header should be “${HEADER_HINT}”.`,
    });
  }
  return { columns, problems };
}

function describeParseError(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return (
        'A double quote (") opens a value here but is never closed, so the rest of the file cannot be read. ' +
        'Close the quote, or double a quote that is part of a name ("").'
      );
    case 'InvalidQuotes':
      return (
        'A double quote (") appears inside a value that is not quoted. Put the whole value in double quotes and ' +
        'double the quote inside it ("").'
      );
    default:
      return `This line cannot be read as CSV (${error.message}).`;
  }
}

/**
 * Reads a roster file and reports, row by row, what an import would do and what stops it. Line
 * numbers are those a spreadsheet shows (a name with a line break in it stays on one row), so the
 * user can find each problem in the file they edit.
 */
export function parseRosterCsv(text: string, existing: readonly KnownPartner[]): RosterPreview {
  const problems: RosterProblem[] = [];
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (content.trim() === '') {
    return {
      rows: [],
      problems: [
        {
          line: 1,
          field: 'file',
          message: `The file is empty. A roster starts with the header “${HEADER_HINT}”, then one partner per line.`,
        },
      ],
    };
  }

  const parsed = Papa.parse<string[]>(content, { delimiter: ',', skipEmptyLines: false });
  const data = parsed.data;
  const headerIndex = data.findIndex((record) => !isBlankRecord(record));
  const headerRecord = data[headerIndex]!;

  const undecodable = data.findIndex((record) => record.some((cell) => cell.includes('\uFFFD')));
  if (undecodable >= 0) {
    problems.push({
      line: undecodable + 1,
      field: 'file',
      message: `Some characters cannot be read because the file is not saved as UTF-8. ${SAVE_AS_HINT}`,
    });
    return { rows: [], problems };
  }

  const delimiter = headerRecord.length === 1 ? wrongDelimiter(headerRecord[0]!) : undefined;
  if (delimiter) {
    problems.push({
      line: headerIndex + 1,
      field: 'file',
      message: `The columns are separated by ${delimiter}, but a roster file must use commas. ${SAVE_AS_HINT}`,
    });
    return { rows: [], problems };
  }

  const header = readHeader(headerRecord, data, headerIndex);
  problems.push(...header.problems);
  if (!header.columns.includes('name')) return { rows: [], problems };

  const parseErrors = new Map<number, Papa.ParseError>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && !parseErrors.has(error.row)) parseErrors.set(error.row, error);
  }

  const existingByKey = new Map(existing.map((partner) => [partner.normalizedName, partner]));
  const candidates: { row: RosterPreviewRow; key: string }[] = [];
  const linesWithProblems = new Set<number>();
  const report = (problem: RosterProblem) => {
    problems.push(problem);
    linesWithProblems.add(problem.line);
  };

  for (let index = headerIndex + 1; index < data.length; index++) {
    const record = data[index]!;
    const line = index + 1;
    const parseError = parseErrors.get(index);
    if (parseError) {
      report({ line, field: 'row', message: describeParseError(parseError) });
      continue;
    }
    if (isBlankRecord(record)) continue;
    if (record.slice(header.columns.length).some((cell) => cell.trim() !== '')) {
      report({
        line,
        field: 'row',
        message:
          `This line has ${record.length} values but the header has ${header.columns.length} columns. A value ` +
          `that contains a comma must be in double quotes.`,
      });
      continue;
    }

    const cells: Partial<Record<Column, string>> = {};
    header.columns.forEach((column, columnIndex) => {
      if (column) cells[column] = unescapeCsvCell(record[columnIndex] ?? '');
    });

    const name = checkPartnerName(cells.name ?? '');
    if (!name.ok) report({ line, field: 'name', message: name.message });

    let type: PartnerType | null = null;
    const typeCell = (cells.type ?? '').trim();
    if (typeCell) {
      const found = TYPES_BY_WORD.get(typeCell.toLocaleLowerCase('en'));
      if (found) type = found;
      else {
        report({
          line,
          field: 'type',
          message:
            `“${quoteForMessage(typeCell)}” is not a partner type. Use one of: ${describePartnerTypes()}; or ` +
            `leave it empty.`,
        });
      }
    }

    const tier = checkPartnerTier(cells.tier ?? '');
    if (!tier.ok) report({ line, field: 'tier', message: tier.message });

    const accountId = checkAccountId(cells.account_id ?? '');
    if (!accountId.ok) report({ line, field: 'account_id', message: accountId.message });

    const activeCell = (cells.active ?? '').trim();
    const active = ACTIVE_WORDS.get(activeCell.toLocaleLowerCase('en'));
    if (active === undefined) {
      report({
        line,
        field: 'active',
        message:
          `“${quoteForMessage(activeCell)}” is not a yes/no value. Use true or false (yes/no and 1/0 work ` +
          `too), or leave it empty for an active partner.`,
      });
    }

    if (!name.ok) continue;
    const key = normalizePartnerName(name.value);
    candidates.push({
      key,
      row: {
        line,
        name: name.value,
        type,
        tier: tier.ok ? tier.value : null,
        accountId: accountId.ok ? accountId.value : null,
        active: active ?? true,
        action: existingByKey.has(key) ? 'update' : 'create',
      },
    });
  }

  // The same partner twice: report every line involved, so neither copy is silently dropped.
  const linesByKey = new Map<string, RosterPreviewRow[]>();
  for (const { key, row } of candidates) {
    const group = linesByKey.get(key);
    if (group) group.push(row);
    else linesByKey.set(key, [row]);
  }
  for (const group of linesByKey.values()) {
    if (group.length < 2) continue;
    for (const row of group) {
      const others = group.filter((other) => other !== row).map((other) => other.line);
      const where =
        others.length === 1 ? `line ${others[0]}` : `lines ${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
      report({
        line: row.line,
        field: 'name',
        message: `“${quoteForMessage(row.name)}” is the same partner as ${where}; each partner can appear only once.`,
      });
    }
  }

  problems.sort((a, b) => a.line - b.line);
  return {
    rows: candidates.map(({ row }) => row).filter((row) => !linesWithProblems.has(row.line)),
    problems,
  };
}
