/**
 * SOQL text, built only from vetted parts: literals go through `quote`, ids must be record ids, names must
 * be API names. Pure; the REST client sends what these build, with the same URL encoding (`queryPath`), so
 * the lengths measured here are the lengths sent. The queries Partner Ledger makes are in `queries/`.
 */
import { isRecordId } from '../../record-id';

/** SOQL escapes (Salesforce "Quoted String Escape Sequences"); other control characters become `\uXXXX`. */
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: SOQL strings escape control characters.
const NEEDS_ESCAPE = /[\\'"\u0000-\u001f\u007f\u2028\u2029]/g;

function escapeChar(char: string): string {
  return ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A SOQL string literal, quotes included: `quote("Bob's")` → `'Bob\'s'`. */
export function quote(value: string): string {
  return `'${String(value).replace(NEEDS_ESCAPE, escapeChar)}'`;
}

/** A literal for a LIKE pattern that matches `value` exactly where it appears (`_` and `%` escaped too). */
export function quoteLike(value: string): string {
  return quote(value).replace(/[_%]/g, (char) => `\\${char}`);
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** True for an object or field API name (`Opportunity`, `Partner_Attribution__c`). */
export function isApiName(name: string): boolean {
  return typeof name === 'string' && API_NAME.test(name);
}

/** True for a field or relationship path (`Owner.Name`). */
export function isFieldPath(path: string): boolean {
  return typeof path === 'string' && FIELD_PATH.test(path);
}

/** Throws a TypeError unless every field is a field path: a query's field list is never free text. */
export function assertFields(fields: readonly string[]): void {
  if (fields.length === 0) throw new TypeError('A query needs at least one field.');
  for (const field of fields) {
    if (!isFieldPath(field)) throw new TypeError(`Not a field name: ${JSON.stringify(field)}`);
  }
}

/** Throws a TypeError for anything but a record id: ids are the only values spliced into a query unquoted. */
export function assertRecordId(id: string): void {
  if (!isRecordId(id)) throw new TypeError(`Not a Salesforce record id: ${JSON.stringify(id)}`);
}

// ---------------------------------------------------------------------------------------------------------
// URLs

/** A version as the REST API spells it in paths: `62.0`. */
const VERSION = /^\d{2,3}\.\d$/;

export function isApiVersion(version: string): boolean {
  return typeof version === 'string' && VERSION.test(version);
}

/**
 * `encodeURIComponent`, plus the characters it leaves alone that a URL parser would still escape in a query
 * (`'` becomes `%27` in `new URL(...)`), so the string measured is exactly the string sent.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/['()!*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `/services/data/vXX.X/query?q=…` for a SOQL statement. */
export function queryPath(version: string, soql: string): string {
  if (!isApiVersion(version)) throw new TypeError(`Not an API version: ${JSON.stringify(version)}`);
  return `/services/data/v${version}/query?q=${encodeQueryValue(soql)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Chunking `IN (…)` lists

/**
 * Request line + headers above this answer 414/431 (Salesforce Help, "Maximum number of rows returned by SOQL
 * queries over the REST API": https://help.salesforce.com/s/articleView?id=000386264&type=1).
 */
export const MAX_REQUEST_URI_BYTES = 16_384;
/**
 * Room kept for the request headers, which count towards the same 16 KB: ours (the bearer session is
 * ~120 bytes) and the browser's (User-Agent, client hints, Origin…). Cookies are never sent (the client
 * uses `credentials: 'omit'`), so 2 KB is ample.
 */
export const HEADER_ALLOWANCE_BYTES = 2_048;

export interface IdChunkOptions {
  /** SOQL before the list, ending with `IN (`. */
  prefix: string;
  /** SOQL after the list, starting with `)`. */
  suffix: string;
  apiHost: string;
  /** `62.0`. */
  version: string;
  /** Limit on `https://<apiHost>/services/data/vXX.X/query?q=…` plus `headerBytes`. */
  maxUrlBytes?: number;
  headerBytes?: number;
}

export interface IdChunk {
  ids: string[];
  soql: string;
}

/**
 * The ids split into as few queries as fit: every resulting request URI (scheme, host, path and encoded
 * query), plus `headerBytes` for the headers, stays within `maxUrlBytes`. Ids are de-duplicated; an
 * invalid id is a programming error (TypeError), as is a prefix so long that not even one id fits.
 */
export function buildIdChunks(ids: readonly string[], options: IdChunkOptions): IdChunk[] {
  const { prefix, suffix, apiHost, version } = options;
  const maxUrlBytes = options.maxUrlBytes ?? MAX_REQUEST_URI_BYTES;
  const headerBytes = options.headerBytes ?? HEADER_ALLOWANCE_BYTES;
  const unique = [...new Set(ids)];
  unique.forEach(assertRecordId);
  if (unique.length === 0) return [];

  const budget = maxUrlBytes - headerBytes;
  const uriLength = (soql: string) => utf8Length(`https://${apiHost}${queryPath(version, soql)}`);
  // Percent-encoding works character by character, so lengths add up: the empty list plus each id's share.
  const base = uriLength(prefix + suffix);
  const separator = encodeQueryValue(',').length;

  const chunks: IdChunk[] = [];
  let current: string[] = [];
  let length = base;
  for (const id of unique) {
    const idCost = encodeQueryValue(quote(id)).length;
    if (current.length && length + separator + idCost > budget) {
      chunks.push(toChunk(current, prefix, suffix));
      current = [];
      length = base;
    }
    const cost = idCost + (current.length ? separator : 0);
    if (length + cost > budget) throw new RangeError('The query is too long to hold even one id.');
    current.push(id);
    length += cost;
  }
  chunks.push(toChunk(current, prefix, suffix));

  for (const chunk of chunks) {
    // Guard the arithmetic above: a chunk that does not fit would fail with 414 in front of the user.
    if (uriLength(chunk.soql) > budget) throw new RangeError('A chunk of ids does not fit in one request.');
  }
  return chunks;
}

/** The query for exactly these ids, `prefix` and `suffix` around the quoted list. */
export function toChunk(ids: string[], prefix: string, suffix: string): IdChunk {
  return { ids, soql: `${prefix}${ids.map(quote).join(',')}${suffix}` };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

// ---------------------------------------------------------------------------------------------------------
// Literals

/**
 * A SOQL date-time literal (`2026-11-16T00:00:00Z`) for an ISO instant; SOQL takes no quotes and no milliseconds here.
 */
export function soqlDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || ms % 1000 !== 0) throw new TypeError(`Not a whole-second instant: ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
