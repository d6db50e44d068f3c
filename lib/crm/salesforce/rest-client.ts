// Over 400 lines because the client is one closure: every call shares the session, timeout, retry and usage.
/**
 * A small client for the org's REST API, called with the user's own Salesforce session the way Salesforce
 * Inspector Reloaded does (github.com/tprouvot/Salesforce-Inspector-reloaded; requests as in the REST API
 * Developer Guide, https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_rest.htm).
 * Pure apart from the `fetch` it is given, so tests pass stubs and the service worker passes the real one.
 *
 * Guarantees:
 * - The session only ever goes to `https://<apiHost>`, and `apiHost` must be a My Domain host
 *   (`isClassicHost`); anything else is refused before any request. Paths are built here; the one path that
 *   comes from Salesforce (`nextRecordsUrl`) must be a query-locator path. Redirects are never followed and
 *   cookies are never sent (`redirect: 'manual'`, `credentials: 'omit'`).
 * - The session id is held in a closure: it is not a property, not in `toString`/`JSON.stringify` of the
 *   client, and not in any error message.
 * - Every answer is checked with Zod; anything unexpected is a `SalesforceApiError` (api-errors.ts).
 * - `Sforce-Limit-Info` is read on every answer, errors included, and reported through `onUsage`.
 * - Every request times out (30 s by default), body included.
 */
import { z } from '../../zod';
import { MIN_API_VERSION } from './org-objects';
import { classifyHtmlSuccess, classifyResponse, looksLikeHtml, MESSAGES, SalesforceApiError } from './api-errors';
import { isClassicHost } from './hosts';
import { MAX_COLLECTION_RECORDS, parseLimitInfo } from './limits';
import { isRecordId, toId18 } from '../../record-id';
import { encodeQueryValue, isApiName, isApiVersion, isFieldPath, queryPath } from './soql';

// ---------------------------------------------------------------------------------------------------------
// What the client needs from `fetch` (the real one satisfies it).

export interface HttpRequest {
  method: 'GET' | 'PATCH';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  redirect: 'manual';
  credentials: 'omit';
  cache: 'no-store';
}

export interface HttpResponse {
  status: number;
  /** `opaqueredirect` for a redirect that was not followed (browsers report status 0 then). */
  type?: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: HttpRequest) => Promise<HttpResponse>;

/** The shape of `SyncStateRow.usage`. */
export interface UsageReport {
  used: number;
  limit: number;
  at: string;
}

export interface RestClientOptions {
  /** The org's My Domain host, e.g. `acme.my.salesforce.com` (from `findSession`). */
  apiHost: string;
  /** The user's session id. Kept in memory only; never logged, stored or put in a message. */
  sessionId: string;
  /** `62.0`; when absent the newest version the org supports (≥ MIN_API_VERSION) is used. */
  apiVersion?: string;
  fetch: FetchLike;
  onUsage?: (usage: UsageReport) => void;
  /** Per request, body included. Default 30 000. */
  timeoutMs?: number;
  /** The clock for usage reports. */
  now?: () => Date;
}

// ---------------------------------------------------------------------------------------------------------
// Results

export interface ApiVersionInfo {
  version: string;
  label: string;
  url: string;
}

export interface OrgResources {
  /** The identity URL; it names the org and the user. Not called (it may live on login.salesforce.com). */
  identity: string;
  /** 18 characters. */
  orgId: string;
  /** 18 characters. */
  userId: string;
  /** Every resource the version lists (`query`, `sobjects`, `composite`, …). */
  resources: Record<string, unknown>;
}

export interface DescribeField {
  name: string;
  type: string;
  label: string;
  externalId: boolean;
  /** The parent relationship of a lookup (`Owner` for `OwnerId`), when the user can follow it. */
  relationshipName?: string;
}

export interface DescribeResult {
  name: string;
  label: string;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  fields: DescribeField[];
}

export interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  /** A path (`/services/data/vXX.X/query/01g…-2000`) when more records remain. */
  nextRecordsUrl?: string;
  records: T[];
}

export interface QueryAllResult<T> {
  totalSize: number;
  /** False when `maxPages` stopped the walk: `nextRecordsUrl` then continues it. */
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
  pages: number;
}

export interface UpsertError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface UpsertResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: UpsertError[];
}

export interface RestClient {
  readonly apiHost: string;
  /** The version in use (`62.0`), choosing it on first use (one call to `/services/data/`). */
  apiVersion(): Promise<string>;
  /** GET `/services/data/`: the versions the org supports, oldest first. */
  versions(): Promise<ApiVersionInfo[]>;
  /** GET `/services/data/vXX.X/`: the resources, with the org and user ids from the identity URL. */
  resources(): Promise<OrgResources>;
  /** GET `/sobjects/{object}/describe`. */
  describe(object: string): Promise<DescribeResult>;
  /** One page (up to 2,000 records) of a query. */
  query<T>(soql: string, schema: z.ZodType<T>): Promise<QueryPage<T>>;
  /** The page after one whose `nextRecordsUrl` this is. */
  queryMore<T>(nextRecordsUrl: string, schema: z.ZodType<T>): Promise<QueryPage<T>>;
  /** A query and its following pages, at most `maxPages` pages (default 25) in all. */
  queryAll<T>(soql: string, schema: z.ZodType<T>, options?: { maxPages?: number }): Promise<QueryAllResult<T>>;
  /**
   * Upsert up to 200 records of one object by external id in one call (`allOrNone: false`): one result per
   * record, in order. More than 200 records is a programming error (RangeError); none makes no call.
   */
  upsertCollection(
    object: string,
    externalIdField: string,
    records: readonly Record<string, unknown>[],
  ): Promise<UpsertResult[]>;
  /** GET `/sobjects/{object}/{id}?fields=…`. */
  getRecord<T>(object: string, id: string, fields: readonly string[], schema: z.ZodType<T>): Promise<T>;
  /** The latest `Sforce-Limit-Info` usage seen, if any. */
  usage(): UsageReport | undefined;
  toString(): string;
  toJSON(): { apiHost: string; apiVersion?: string };
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_PAGES = 25;
const CALL_OPTIONS = 'client=PartnerLedger';

// ---------------------------------------------------------------------------------------------------------
// Answer shapes

const versionsSchema = z.array(
  z.object({ version: z.string().refine(isApiVersion), label: z.string(), url: z.string() }),
);

const resourcesSchema = z.looseObject({ identity: z.string() });

const describeSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  custom: z.boolean(),
  queryable: z.boolean().optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      label: z.string().optional(),
      externalId: z.boolean().optional(),
      relationshipName: z.string().nullish(),
    }),
  ),
});

/** A page of query results whose records match `schema` (also the shape of a child relationship's records). */
export function queryPageSchema<T>(schema: z.ZodType<T>) {
  return z
    .object({
      totalSize: z.number().int().nonnegative(),
      done: z.boolean(),
      nextRecordsUrl: z.string().nullish(),
      records: z.array(schema),
    })
    .refine((page) => page.done || typeof page.nextRecordsUrl === 'string', {
      message: 'more records announced without nextRecordsUrl',
    });
}

const upsertResultSchema = z.object({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().nullish(),
  errors: z.array(
    z.object({
      statusCode: z.string(),
      message: z.string(),
      fields: z.array(z.string()).nullish(),
    }),
  ),
});

/** `https://…/id/<org id>/<user id>` (the identity URL). */
const IDENTITY = /\/id\/(00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/(005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/?$/;

/** A query locator path, the only form of `nextRecordsUrl` followed. */
const NEXT_RECORDS_PATH = /^\/services\/data\/v\d{2,3}\.\d\/(?:query|queryAll)\/[A-Za-z0-9]{15,18}-\d+$/;

/** Orders API versions such as `62.0` and `66.0` by number, not as text. */
function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.length ? issue.path.map(String).join('.') : 'answer';
  return `${path}: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------------------

export function createRestClient(options: RestClientOptions): RestClient {
  const { apiHost, sessionId } = options;
  const doFetch = options.fetch;
  const onUsage = options.onUsage;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  // A port appears only with a test org on loopback (Salesforce itself never shows one).
  const hostAndPort = /^[a-z0-9.-]+(:\d{1,5})?$/;
  if (typeof apiHost !== 'string' || !hostAndPort.test(apiHost) || !isClassicHost(apiHost.split(':')[0]!)) {
    throw new TypeError(
      `Partner Ledger only sends your Salesforce session to your org's My Domain host (…my.salesforce.com); ` +
        `refused ${JSON.stringify(String(apiHost))}.`,
    );
  }
  if (typeof sessionId !== 'string' || !/^[\x21-\x7e]+$/.test(sessionId)) {
    throw new TypeError('The Salesforce session id is missing or malformed.');
  }
  if (options.apiVersion !== undefined) {
    if (!isApiVersion(options.apiVersion)) {
      throw new TypeError(`Not an API version: ${JSON.stringify(options.apiVersion)}`);
    }
    if (majorOf(options.apiVersion) < MIN_API_VERSION) {
      throw new RangeError(`API version ${options.apiVersion} is older than ${MIN_API_VERSION}.0.`);
    }
  }
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive.');

  const origin = `https://${apiHost}`;
  let chosenVersion: string | undefined = options.apiVersion;
  let choosing: Promise<string> | undefined;

  /** Salesforce's text with this session removed, should it ever echo it. */
  const scrub = (text: string) => text.split(sessionId).join('[session]');

  let latestUsage: UsageReport | undefined;

  function reportUsage(response: HttpResponse): void {
    const usage = parseLimitInfo(response.headers.get('Sforce-Limit-Info'));
    if (!usage) return;
    latestUsage = { ...usage, at: now().toISOString() };
    if (!onUsage) return;
    try {
      onUsage({ ...latestUsage });
    } catch {
      // Recording usage must never fail the request it came with.
    }
  }

  /** The one place a request leaves: `path` must be an absolute path on the API host. */
  async function send<T>(
    method: HttpRequest['method'],
    path: string,
    schema: z.ZodType<T>,
    what: string,
    body?: unknown,
  ): Promise<T> {
    if (!path.startsWith('/services/data/') || path.includes('..') || path.includes('\\') || path.includes('//')) {
      throw new TypeError(`Refusing to request ${JSON.stringify(path)}: not an API path.`);
    }
    const url = new URL(origin + path);
    if (url.protocol !== 'https:' || url.host !== apiHost || url.username || url.password) {
      throw new TypeError(`Refusing to request ${JSON.stringify(path)}: not on the org's API host.`);
    }

    const headers: Record<string, string> = {
      Authorization: `Bearer ${sessionId}`,
      Accept: 'application/json',
      'Sforce-Call-Options': CALL_OPTIONS,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    let response: HttpResponse;
    let text: string;
    try {
      const init: HttpRequest = {
        method,
        headers,
        signal: controller.signal,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      };
      response = await doFetch(url.href, init);
      reportUsage(response);
      text = await response.text();
    } catch (error) {
      const seconds = Math.round(timeoutMs / 1000);
      throw new SalesforceApiError('network', timedOut ? MESSAGES.timeout(seconds) : MESSAGES.network, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }

    const status = response.status;
    if (response.type === 'opaqueredirect' || status === 0 || (status >= 301 && status <= 308 && status !== 304)) {
      throw new SalesforceApiError('session_expired', MESSAGES.redirected, { status });
    }
    if (status < 200 || status >= 300) throw classifyResponse(status, scrub(text));

    const contentType = response.headers.get('Content-Type');
    if (looksLikeHtml(text, contentType)) throw classifyHtmlSuccess(status, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const startsLikeJson = /^\s*[[{]/.test(text);
      throw new SalesforceApiError('bad_response', startsLikeJson ? MESSAGES.truncated : MESSAGES.notJson, {
        status,
        retryable: true,
        cause: error,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const detail = scrub(firstIssue(parsed.error));
      throw new SalesforceApiError('bad_response', `${MESSAGES.wrongShape(what)} (${detail})`, {
        status,
        retryable: false,
      });
    }
    return parsed.data;
  }

  async function versions(): Promise<ApiVersionInfo[]> {
    const list = await send('GET', '/services/data/', versionsSchema, 'the list of API versions');
    return [...list].sort((a, b) => compareApiVersions(a.version, b.version));
  }

  function apiVersion(): Promise<string> {
    if (chosenVersion) return Promise.resolve(chosenVersion);
    choosing ??= versions()
      .then((list) => {
        const newest = list[list.length - 1];
        if (!newest || majorOf(newest.version) < MIN_API_VERSION) {
          throw new SalesforceApiError('api_disabled', MESSAGES.oldOrg(newest?.version ?? 'unknown', MIN_API_VERSION), {
            errorCode: 'UNSUPPORTED_API_VERSION',
            retryable: false,
          });
        }
        chosenVersion = newest.version;
        return newest.version;
      })
      .finally(() => {
        choosing = undefined;
      });
    return choosing;
  }

  async function base(): Promise<string> {
    return `/services/data/v${await apiVersion()}`;
  }

  function assertObject(object: string): void {
    if (!isApiName(object)) throw new TypeError(`Not an object API name: ${JSON.stringify(object)}`);
  }

  async function page<T>(path: string, schema: z.ZodType<T>): Promise<QueryPage<T>> {
    const result = await send('GET', path, queryPageSchema(schema), 'a query');
    return {
      totalSize: result.totalSize,
      done: result.done,
      ...(typeof result.nextRecordsUrl === 'string' ? { nextRecordsUrl: result.nextRecordsUrl } : {}),
      records: result.records,
    };
  }

  async function query<T>(soql: string, schema: z.ZodType<T>): Promise<QueryPage<T>> {
    if (typeof soql !== 'string' || !soql.trim()) throw new TypeError('A query needs SOQL text.');
    return page(queryPath(await apiVersion(), soql), schema);
  }

  async function queryMore<T>(nextRecordsUrl: string, schema: z.ZodType<T>): Promise<QueryPage<T>> {
    if (typeof nextRecordsUrl !== 'string' || !NEXT_RECORDS_PATH.test(nextRecordsUrl)) {
      throw new SalesforceApiError(
        'bad_response',
        "Salesforce pointed to the next page of results somewhere other than your org's API, so Partner Ledger " +
          'did not follow it.',
        { retryable: false },
      );
    }
    return page(nextRecordsUrl, schema);
  }

  async function queryAll<T>(
    soql: string,
    schema: z.ZodType<T>,
    queryOptions: { maxPages?: number } = {},
  ): Promise<QueryAllResult<T>> {
    const maxPages = queryOptions.maxPages ?? DEFAULT_MAX_PAGES;
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError('maxPages must be a positive integer.');
    let current = await query(soql, schema);
    const records = [...current.records];
    let pages = 1;
    while (!current.done && current.nextRecordsUrl && pages < maxPages) {
      current = await queryMore(current.nextRecordsUrl, schema);
      records.push(...current.records);
      pages += 1;
    }
    return {
      totalSize: current.totalSize,
      done: current.done,
      ...(current.nextRecordsUrl && !current.done ? { nextRecordsUrl: current.nextRecordsUrl } : {}),
      records,
      pages,
    };
  }

  async function resources(): Promise<OrgResources> {
    const list = await send('GET', `${await base()}/`, resourcesSchema, 'the list of API resources');
    const match = IDENTITY.exec(list.identity);
    const orgId = match && toId18(match[1]!);
    const userId = match && toId18(match[2]!);
    if (!orgId || !userId) {
      const message = MESSAGES.wrongShape('the list of API resources');
      throw new SalesforceApiError('bad_response', message, { retryable: false });
    }
    return { identity: list.identity, orgId, userId, resources: list };
  }

  async function describe(object: string): Promise<DescribeResult> {
    assertObject(object);
    const path = `${await base()}/sobjects/${object}/describe`;
    const result = await send('GET', path, describeSchema, `describing ${object}`);
    return {
      name: result.name,
      label: result.label,
      custom: result.custom,
      queryable: result.queryable ?? true,
      createable: result.createable ?? false,
      updateable: result.updateable ?? false,
      fields: result.fields.map((field) => ({
        name: field.name,
        type: field.type,
        label: field.label ?? field.name,
        externalId: field.externalId ?? false,
        ...(field.relationshipName ? { relationshipName: field.relationshipName } : {}),
      })),
    };
  }

  async function upsertCollection(
    object: string,
    externalIdField: string,
    records: readonly Record<string, unknown>[],
  ): Promise<UpsertResult[]> {
    assertObject(object);
    if (!isApiName(externalIdField)) throw new TypeError(`Not a field API name: ${JSON.stringify(externalIdField)}`);
    if (records.length > MAX_COLLECTION_RECORDS) {
      throw new RangeError(`upsertCollection takes at most ${MAX_COLLECTION_RECORDS} records; got ${records.length}.`);
    }
    if (records.length === 0) return [];
    const body = {
      allOrNone: false,
      records: records.map((record, index) => {
        const key = record[externalIdField];
        if ((typeof key !== 'string' || !key) && typeof key !== 'number') {
          throw new TypeError(`Record ${index} has no ${externalIdField}.`);
        }
        return { attributes: { type: object }, ...record };
      }),
    };
    const results = await send(
      'PATCH',
      `${await base()}/composite/sobjects/${object}/${externalIdField}`,
      z.array(upsertResultSchema).length(records.length),
      `saving ${object} records`,
      body,
    );
    return results.map((result) => ({
      ...(result.id ? { id: result.id } : {}),
      success: result.success,
      ...(typeof result.created === 'boolean' ? { created: result.created } : {}),
      errors: result.errors.map((error) => ({
        statusCode: error.statusCode,
        message: error.message,
        fields: error.fields ?? [],
      })),
    }));
  }

  async function getRecord<T>(object: string, id: string, fields: readonly string[], schema: z.ZodType<T>): Promise<T> {
    assertObject(object);
    if (!isRecordId(id)) throw new TypeError(`Not a Salesforce record id: ${JSON.stringify(id)}`);
    if (fields.length === 0 || !fields.every(isFieldPath)) throw new TypeError('getRecord needs field names.');
    const path = `${await base()}/sobjects/${object}/${id}?fields=${encodeQueryValue(fields.join(','))}`;
    return send('GET', path, schema, `reading a ${object} record`);
  }

  const describeSelf = () => ({ apiHost, ...(chosenVersion ? { apiVersion: chosenVersion } : {}) });

  return {
    apiHost,
    apiVersion,
    versions,
    resources,
    describe,
    query,
    queryMore,
    queryAll,
    upsertCollection,
    getRecord,
    usage: () => (latestUsage ? { ...latestUsage } : undefined),
    toString: () => `SalesforceRestClient(${apiHost})`,
    toJSON: describeSelf,
  };
}
