/**
 * An org in memory that answers the sync engine's `SyncApi` the way Salesforce does, as far as sync can
 * tell: upsert by a case-insensitive external id (sObject Collections, ≤ 200 records, one result per record,
 * duplicates in one request refused), text fields saved empty read back as null, date-times kept to the
 * second and written `…+0000`, a SystemModstamp that never goes back (to the second, so several saves share
 * one), `ORDER BY SystemModstamp, Id` with `>=` on it, paging through `nextRecordsUrl` over a snapshot taken
 * when the query ran, only the selected fields returned, and `Sforce-Limit-Info`-style usage.
 *
 * Faults (network errors, 5xx, answers lost after the org applied a call, per-record refusals, worker
 * kills) are added by `withFaults` in faults.ts, which wraps any `SyncApi`, this one or the real client.
 */
import { FIELD_LIMITS, type FieldLimit } from '../../../lib/crm/salesforce/field-limits.generated';
import { toId18, toOpportunityId } from '../../../lib/record-id';
import {
  ATTRIBUTION_EXTERNAL_ID,
  ATTRIBUTION_FIELDS,
  ATTRIBUTION_OBJECT,
  ATTRIBUTION_SELECT,
} from '../../../lib/crm/salesforce/org-objects';
import type { ApiUsage } from '../../../lib/crm/salesforce/limits';
import {
  SyncError,
  type OrgAttributionBody,
  type QueryResult,
  type SyncApi,
  type UpsertResult,
} from '../../../lib/sync/types';
import type { z } from 'zod';

export interface MemoryOrgOptions {
  /** Records per query batch (Salesforce: up to 2,000); small to make paging happen. */
  batchSize?: number;
  /** The org's clock, for SystemModstamp. */
  now?: () => number;
  dailyLimit?: number;
}

/** A record as the org stores it. */
export type StoredRecord = Record<string, unknown> & {
  Id: string;
  External_Id__c: string;
  SystemModstamp: string;
  LastModifiedBy: { Name: string };
  CreatedBy: { Name: string };
};

/** The text fields' lengths, from the metadata in salesforce/. */
const TEXT_LIMITS: Record<string, number> = Object.fromEntries(
  Object.entries(FIELD_LIMITS[ATTRIBUTION_OBJECT] as Record<string, FieldLimit>)
    .filter(([, field]) => field.length !== undefined && (field.type === 'Text' || field.type === 'LongTextArea'))
    .map(([name, field]) => [name, field.length!]),
);

const WRITABLE = new Set<string>(['attributes', ATTRIBUTION_EXTERNAL_ID, ...Object.values(ATTRIBUTION_FIELDS)]);
const SELECTABLE = new Set<string>(ATTRIBUTION_SELECT);
const KINDS = new Set(['sourced', 'influenced']);

/** `2026-11-20T10:00:00.000+0000`, as the REST API writes date-times. */
function salesforceDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function parseSoqlDateTime(literal: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/.test(literal)) {
    throw new SyncError('invalid_request', `MALFORMED_QUERY: bad date-time literal ${literal}`, false, 400);
  }
  return Date.parse(literal);
}

function parseSalesforceDateTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export class MemoryOrg {
  private readonly byExternalId = new Map<string, StoredRecord>();
  private readonly cursors = new Map<string, Record<string, unknown>[]>();
  private readonly batchSize: number;
  private readonly clock: () => number;
  private readonly dailyLimit: number;
  private lastModstamp = 0;
  private nextId = 1;
  private nextCursor = 1;
  /** Every call any connection made. */
  calls = 0;
  upsertCalls = 0;
  queryCalls = 0;

  constructor(options: MemoryOrgOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.clock = options.now ?? (() => Date.now());
    this.dailyLimit = options.dailyLimit ?? 15_000;
  }

  /** The API as one user's browser sees it: LastModifiedBy is that user. */
  connect(userName = 'Test User'): SyncApi {
    return {
      query: async <T>(soql: string, schema: z.ZodType<T>) => this.query(soql, schema),
      queryMore: async <T>(url: string, schema: z.ZodType<T>) => this.queryMore(url, schema),
      upsertCollection: async (object, field, records) => {
        // Only the attribution object lives here; summary records are exercised against the fake REST org.
        if (object !== ATTRIBUTION_OBJECT)
          throw new SyncError('not_installed', `${object} is not part of the in-memory org.`, false);
        return this.upsert(object, field, records as readonly OrgAttributionBody[], userName);
      },
      usage: (): ApiUsage => ({ used: this.calls, limit: this.dailyLimit }),
    };
  }

  /** Every record, as stored (copies). */
  all(): StoredRecord[] {
    return [...this.byExternalId.values()].map((record) => structuredClone(record));
  }

  get(externalId: string): StoredRecord | undefined {
    const record = this.byExternalId.get(externalId.toLowerCase());
    return record ? structuredClone(record) : undefined;
  }

  /** Changes a record as a person or another tool would in Salesforce (tests of unreadable records). */
  edit(externalId: string, fields: Record<string, unknown>, userName = 'Admin'): void {
    const record = this.byExternalId.get(externalId.toLowerCase());
    if (!record) throw new Error(`No record ${externalId}`);
    Object.assign(record, fields, { SystemModstamp: this.modstamp(), LastModifiedBy: { Name: userName } });
  }

  /** Adds a record as another tool would, without going through the API's checks. */
  insertRaw(fields: Record<string, unknown>, userName = 'Admin'): StoredRecord {
    const record = {
      ...fields,
      Id: this.newId(),
      External_Id__c: String(fields.External_Id__c ?? ''),
      SystemModstamp: this.modstamp(),
      LastModifiedBy: { Name: userName },
      CreatedBy: { Name: userName },
    } as StoredRecord;
    this.byExternalId.set(record.External_Id__c.toLowerCase() || record.Id, record);
    return record;
  }

  private newId(): string {
    return toId18(`a0B${String(this.nextId++).padStart(12, '0')}`)!;
  }

  private modstamp(): string {
    this.lastModstamp = Math.max(this.lastModstamp, toSeconds(this.clock()));
    return salesforceDateTime(this.lastModstamp);
  }

  private page<T>(
    rows: Record<string, unknown>[],
    offset: number,
    cursor: string,
    schema: z.ZodType<T>,
  ): QueryResult<T> {
    const slice = rows.slice(offset, offset + this.batchSize);
    const done = offset + slice.length >= rows.length;
    return {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v64.0/query/${cursor}-${offset + slice.length}` }),
      records: slice.map((row) => schema.parse(structuredClone(row))),
    };
  }

  private query<T>(soql: string, schema: z.ZodType<T>): QueryResult<T> {
    this.calls++;
    this.queryCalls++;
    const match = /^SELECT (.+?) FROM (\w+)(?: WHERE SystemModstamp >= (\S+))? ORDER BY SystemModstamp, Id$/.exec(soql);
    if (!match) throw new SyncError('invalid_request', `MALFORMED_QUERY: ${soql}`, false, 400);
    const [, fieldList, object, since] = match;
    if (object !== ATTRIBUTION_OBJECT)
      throw new SyncError('not_installed', `INVALID_TYPE: sObject type '${object}' is not supported.`, false, 400);
    const fields = fieldList!.split(/\s*,\s*/);
    for (const field of fields) {
      if (!SELECTABLE.has(field))
        throw new SyncError('invalid_request', `INVALID_FIELD: No such column '${field}'`, false, 400);
    }
    const sinceMs = since ? toSeconds(parseSoqlDateTime(since)) : undefined;
    const rows = [...this.byExternalId.values()]
      .filter((record) => sinceMs === undefined || toSeconds(parseSalesforceDateTime(record.SystemModstamp)) >= sinceMs)
      .sort(
        (a, b) =>
          parseSalesforceDateTime(a.SystemModstamp) - parseSalesforceDateTime(b.SystemModstamp) ||
          (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0),
      )
      .map((record) => {
        const row: Record<string, unknown> = {
          attributes: {
            type: ATTRIBUTION_OBJECT,
            url: `/services/data/v64.0/sobjects/${ATTRIBUTION_OBJECT}/${record.Id}`,
          },
        };
        for (const field of fields) {
          if (field === 'LastModifiedBy.Name')
            row.LastModifiedBy = { attributes: { type: 'User' }, Name: record.LastModifiedBy.Name };
          else if (field === 'CreatedBy.Name')
            row.CreatedBy = { attributes: { type: 'User' }, Name: record.CreatedBy.Name };
          else row[field] = record[field] ?? null;
        }
        return structuredClone(row);
      });
    const cursor = `01gMEM${this.nextCursor++}`;
    this.cursors.set(cursor, rows);
    return this.page(rows, 0, cursor, schema);
  }

  private queryMore<T>(url: string, schema: z.ZodType<T>): QueryResult<T> {
    this.calls++;
    this.queryCalls++;
    const match = /\/query\/(01gMEM\d+)-(\d+)$/.exec(url);
    const rows = match ? this.cursors.get(match[1]!) : undefined;
    if (!match || !rows)
      throw new SyncError('invalid_request', 'INVALID_QUERY_LOCATOR: invalid query locator', false, 400);
    return this.page(rows, Number(match[2]), match[1]!, schema);
  }

  private upsert(
    object: string,
    field: string,
    records: readonly OrgAttributionBody[],
    userName: string,
  ): UpsertResult[] {
    if (records.length > 200)
      throw new RangeError(`sObject Collections take at most 200 records, got ${records.length}`);
    this.calls++;
    this.upsertCalls++;
    if (object !== ATTRIBUTION_OBJECT) throw new SyncError('not_installed', `INVALID_TYPE: ${object}`, false, 400);
    if (field !== ATTRIBUTION_EXTERNAL_ID)
      throw new SyncError('invalid_request', `INVALID_FIELD: ${field} is not an external id`, false, 400);
    for (const record of records) {
      for (const key of Object.keys(record)) {
        if (!WRITABLE.has(key))
          throw new SyncError('invalid_request', `INVALID_FIELD: No such column '${key}'`, false, 400);
      }
      if (record.attributes?.type !== ATTRIBUTION_OBJECT)
        throw new SyncError('invalid_request', 'INVALID_TYPE: attributes.type', false, 400);
    }
    const modstamp = this.modstamp();
    const counts = new Map<string, number>();
    for (const record of records) {
      const key = String(record.External_Id__c ?? '').toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return records.map((record): UpsertResult => {
      const key = String(record.External_Id__c ?? '').toLowerCase();
      const refuse = (statusCode: string, message: string, fields: string[] = []): UpsertResult => ({
        success: false,
        errors: [{ statusCode, message, fields }],
      });
      if (!key) return refuse('MISSING_ARGUMENT', 'External_Id__c not specified', [ATTRIBUTION_EXTERNAL_ID]);
      if (counts.get(key)! > 1)
        return refuse('DUPLICATE_VALUE', 'Duplicate external id specified', [ATTRIBUTION_EXTERNAL_ID]);
      if (!KINDS.has(String(record.Kind__c))) {
        return refuse(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `Kind: bad value for restricted picklist field: ${record.Kind__c}`,
          ['Kind__c'],
        );
      }
      if (!record.Opportunity__c || !toOpportunityId(record.Opportunity__c)) {
        return refuse('INVALID_CROSS_REFERENCE_KEY', 'Opportunity: id value of incorrect type', ['Opportunity__c']);
      }
      for (const [name, limit] of Object.entries(TEXT_LIMITS)) {
        const value = (record as Record<string, unknown>)[name];
        if (typeof value === 'string' && value.length > limit) {
          return refuse('STRING_TOO_LONG', `${name}: data value too large (max length=${limit})`, [name]);
        }
      }
      const stored: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(record)) {
        if (name === 'attributes') continue;
        if (value === '') stored[name] = null;
        else if (name === 'Attributed_At__c' && typeof value === 'string')
          stored[name] = salesforceDateTime(toSeconds(Date.parse(value)));
        else if (name === 'Credit__c' && typeof value === 'number') stored[name] = Math.round(value * 100) / 100;
        else if (name === 'Opportunity__c' && typeof value === 'string') stored[name] = toOpportunityId(value);
        else stored[name] = value;
      }
      const existing = this.byExternalId.get(key);
      const next = {
        ...(existing ?? {}),
        ...stored,
        Id: existing?.Id ?? this.newId(),
        External_Id__c: existing?.External_Id__c ?? String(record.External_Id__c),
        SystemModstamp: modstamp,
        LastModifiedBy: { Name: userName },
        CreatedBy: existing?.CreatedBy ?? { Name: userName },
      } as StoredRecord;
      this.byExternalId.set(key, next);
      return { id: next.Id, success: true, created: !existing, errors: [] };
    });
  }
}
