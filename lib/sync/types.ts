/**
 * What every sync step is given (`SyncContext`), and what it needs from the Salesforce REST API (`SyncApi`)
 * and nothing more. The REST client (lib/crm/salesforce/rest-client.ts) has the API's shape; tests pass an
 * in-memory org or a faulty wrapper.
 */
import type { z } from '../zod';
import type { CreditRules } from '../attribution/credit';
import type { PartnerLedgerDb } from '../store/db';
import type {
  ATTRIBUTION_OBJECT,
  OrgAttributionRecord,
  OrgSummaryRecord,
  SUMMARY_OBJECT,
} from '../crm/salesforce/org-objects';
import type { ApiUsage } from '../crm/salesforce/limits';
import type { OrgPartnerBody } from '../crm/salesforce/queries/partners';

export interface SyncContext {
  db: PartnerLedgerDb;
  api: SyncApi;
  /** Milliseconds since the epoch; injected so tests control time. */
  now: () => number;
  /** New local ids (partners created from the org). */
  newId: () => string;
  random?: () => number;
  /** The team's rules, for Credit__c. */
  rules?: CreditRules;
  /** Background sync pauses at or above this share of the org's daily API allocation (default 0.8). */
  pauseAboveShare?: number;
  /** The org has CurrencyIsoCode: summary records then carry their currency in it. */
  multiCurrency?: boolean;
  /** Pull and push the team's partner roster (lib/sync/roster.ts) before the attributions. */
  roster?: boolean;
}

/** One batch of a SOQL query (`/query` or `nextRecordsUrl`). */
export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  /** Where the next batch is, while `done` is false. */
  nextRecordsUrl?: string;
  records: T[];
}

/** One error of one record in an sObject Collections answer. */
export interface UpsertRecordError {
  statusCode?: string;
  message: string;
  fields?: string[];
}

/** The answer for one record of an sObject Collections upsert, in the order the records were sent. */
export interface UpsertResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: readonly UpsertRecordError[];
}

/** A record as the engine upserts it: every field we write, and the type sObject Collections needs. */
export type OrgAttributionBody = Omit<
  OrgAttributionRecord,
  'Id' | 'SystemModstamp' | 'LastModifiedBy' | 'CreatedBy'
> & {
  attributes: { type: typeof ATTRIBUTION_OBJECT };
};

/** A weekly summary record as the summary sync upserts it. */
export type OrgSummaryBody = OrgSummaryRecord & { attributes: { type: typeof SUMMARY_OBJECT } };

export interface SyncApi {
  /** Runs a SOQL query; each record is checked with `schema`. */
  query<T>(soql: string, schema: z.ZodType<T>): Promise<QueryResult<T>>;
  /** Follows `nextRecordsUrl` of an earlier batch. */
  queryMore<T>(nextRecordsUrl: string, schema: z.ZodType<T>): Promise<QueryResult<T>>;
  /** sObject Collections upsert by external id: at most 200 records, one API call, one result per record. */
  upsertCollection<B extends OrgAttributionBody | OrgSummaryBody | OrgPartnerBody>(
    object: B['attributes']['type'],
    externalIdField: string,
    records: readonly B[],
  ): Promise<readonly UpsertResult[]>;
  /** The latest usage the client has seen, when it reads `Sforce-Limit-Info`. */
  usage?(): ApiUsage | undefined;
}

/**
 * A failed call as the REST client reports it (`SalesforceApiError` in lib/crm/salesforce/api-errors.ts):
 * `retryable` for 5xx and network failures, else a `kind` that tells why (session_expired, api_disabled,
 * forbidden, limit_exceeded, …). Checked structurally so the engine does not depend on the client's class.
 */
export interface SyncErrorLike {
  kind: string;
  retryable: boolean;
  message: string;
}

export function isSyncError(error: unknown): error is SyncErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<Record<keyof SyncErrorLike, unknown>>;
  return typeof candidate.kind === 'string' && typeof candidate.retryable === 'boolean';
}

/** An error with the shape the engine understands; for in-memory APIs and tests. */
export class SyncError extends Error implements SyncErrorLike {
  constructor(
    readonly kind: string,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/**
 * The org's daily API allocation is used up: it frees up within the day, so sync waits instead of stopping
 * for good.
 */
export const LIMIT_EXCEEDED = 'limit_exceeded';
