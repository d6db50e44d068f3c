/**
 * The query resources: `GET …/query?q=` and `…/queryAll?q=` (the same here: nothing is ever hard-deleted),
 * and `GET …/query/<locator>-<offset>` (queryMore). Results come in batches of 2,000 by default;
 * `Sforce-Query-Options: batchSize=N` asks for N (clamped to 200–2,000, as Salesforce does).
 */
import { hiddenOpportunityFields } from './field-access';
import { randomInt } from 'node:crypto';
import { toId18 } from '../../../lib/record-id';
import { ApiError } from './errors';
import type { RestContext } from './context';
import { executeQuery, type JsonRecord } from './soql/evaluator';
import { locate, SoqlSyntaxError } from './soql/lexer';
import { parseSoql } from './soql/parser';

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 2000;

/** A server-side cursor: the whole result, taken when the query ran. */
export interface QueryCursor {
  records: JsonRecord[];
  batchSize: number;
}

export function batchSizeFrom(header: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

/** A query locator id, shaped like Salesforce's (`01g…`). */
function newLocator(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let body = '';
  for (let i = 0; i < 12; i++) body += alphabet.charAt(randomInt(alphabet.length));
  return toId18(`01g${body}`)!;
}

function page(
  context: RestContext,
  resource: string,
  locator: string,
  cursor: QueryCursor,
  offset: number,
): JsonRecord {
  const records = cursor.records.slice(offset, offset + cursor.batchSize);
  const done = offset + cursor.batchSize >= cursor.records.length;
  return {
    totalSize: cursor.records.length,
    done,
    ...(done
      ? {}
      : { nextRecordsUrl: `/services/data/${context.version}/${resource}/${locator}-${offset + cursor.batchSize}` }),
    records,
  };
}

export function runQuery(context: RestContext, resource: 'query' | 'queryAll'): JsonRecord {
  const q = context.searchParams.get('q');
  if (q === null) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  if (!q.trim()) throw new ApiError(400, 'MALFORMED_QUERY', 'SOQL statements cannot be empty or null');
  let parsed: ReturnType<typeof parseSoql>;
  try {
    parsed = parseSoql(q);
  } catch (error) {
    if (error instanceof SoqlSyntaxError)
      throw new ApiError(400, 'MALFORMED_QUERY', `${locate(q, error.position)}${error.message}`);
    throw error;
  }
  const result = executeQuery(
    {
      state: context.state,
      now: context.now(),
      version: context.version,
      source: q,
      hiddenOpportunityFields: hiddenOpportunityFields(context.state, context.userId),
    },
    parsed,
  );
  if (result.kind === 'count') return { totalSize: result.totalSize, done: true, records: [] };
  if (result.aggregate) {
    if (result.records.length > MAX_BATCH_SIZE) {
      throw new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
      );
    }
    return { totalSize: result.records.length, done: true, records: result.records };
  }
  const cursor: QueryCursor = {
    records: result.records,
    batchSize: batchSizeFrom(context.header('sforce-query-options')),
  };
  const locator = newLocator();
  if (cursor.records.length > cursor.batchSize) context.cursors.set(locator, cursor);
  return page(context, resource, locator, cursor, 0);
}

export function queryMore(context: RestContext, resource: 'query' | 'queryAll', locatorAndOffset: string): JsonRecord {
  const match = /^(.+)-(\d+)$/.exec(locatorAndOffset);
  const cursor = match ? context.cursors.get(match[1]!) : undefined;
  if (!match || !cursor) throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(context, resource, match[1]!, cursor, Number(match[2]));
}
