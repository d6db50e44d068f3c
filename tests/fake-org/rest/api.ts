/**
 * The fake org's REST API, in-process: `createRestApi(org).handle(request)` answers like
 * `https://<MyDomain>.my.salesforce.com` does for the subset Partner Ledger uses. The HTTPS server routes
 * `/services/data/**` and `/id/**` of the My Domain host here; unit and property tests call `handle` directly.
 *
 * Every request is logged in `calls`. Requests under `/services/data/vXX.X/` need `Authorization: Bearer <sid>`
 * of a live My Domain session, count one against `state.apiUsage` and carry `Sforce-Limit-Info`.
 */
import type { OrgData } from '../data';
import type { ResourceResult, RestContext, RestSettings } from './context';
import { upsertCollection } from './collections';
import {
  ApiError,
  apiDisabled,
  DEFAULT_MESSAGES,
  invalidSession,
  methodNotAllowed,
  notFound,
  requestLimitExceeded,
} from './errors';
import { corruptTypes, DroppedConnectionError, FaultInjector, type ActiveFault } from './faults';
import { limitInfo } from './limits';
import { loginPage, maintenancePage } from './pages';
import { queryMore, runQuery, type QueryCursor } from './query';
import { bearerToken, createSession, expireSession, sessionUser } from './sessions';
import { basicInfo, describe, describeGlobal, retrieve, retrieveByExternalId, upsertOne } from './sobjects';
import { latestStamp } from './writes';

/** API versions the org offers, oldest first (as `GET /services/data/` lists them). */
export const API_VERSIONS = [
  { version: '62.0', label: "Winter '25" },
  { version: '63.0', label: "Spring '25" },
  { version: '64.0', label: "Summer '25" },
  { version: '65.0', label: "Winter '26" },
  { version: '66.0', label: "Spring '26" },
] as const;

export const LATEST_API_VERSION = API_VERSIONS[API_VERSIONS.length - 1]!.version;

/** Salesforce refuses request lines (URI) longer than this. */
export const MAX_URI_BYTES = 16_384;

export interface RestRequest {
  method: string;
  /** Path and query, e.g. `/services/data/v66.0/query?q=SELECT+Id+FROM+Opportunity`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RestCall {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  /** Whether it counted against the org's API requests. */
  counted: boolean;
  /** The fault rule that answered or changed it. */
  fault?: string;
}

/** Anything with the org's state (the HTTPS server's OrgContext, or `{ state }`), or the state itself. */
export type RestOrg = { state: OrgData; classicOrigin?: string } | OrgData;

export interface RestApiOptions {
  /** The clock for date literals and SystemModstamp (default: the real one). */
  now?: () => Date;
  settings?: Partial<RestSettings>;
}

export interface RestApi {
  handle(request: RestRequest): Promise<RestResponse>;
  /** Every request handled, in order. */
  readonly calls: RestCall[];
  /** Fault rules: `faults.add({ path: '/query', status: 503 })`. */
  readonly faults: FaultInjector;
  readonly settings: RestSettings;
  readonly state: OrgData;
  /** A My Domain session for the user (id, username or name; default the org's current user). */
  createSession(userId?: string): string;
  expireSession(sid: string): void;
  /** Calls that counted against the API limit (optionally only those whose path matches). */
  countCalls(path?: RegExp | string): number;
  resetCalls(): void;
  /** The My Domain origin used in identity URLs, e.g. `https://acme.my.salesforce.com:8443`. */
  apiOrigin(): string;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function stateOf(org: RestOrg): OrgData {
  return 'state' in org ? org.state : org;
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function jsonResponse(status: number, value: unknown, extra: Record<string, string> = {}): RestResponse {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...extra }, body: JSON.stringify(value) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createRestApi(org: RestOrg, options: RestApiOptions = {}): RestApi {
  const state = stateOf(org);
  const now = options.now ?? (() => new Date());
  const settings: RestSettings = { upsertUpdateStatus: 200, ...options.settings };
  const calls: RestCall[] = [];
  const faults = new FaultInjector();
  const cursors = new Map<string, QueryCursor>();

  const apiOrigin = () => {
    const origin = 'state' in org ? org.classicOrigin : undefined;
    return origin || `https://${state.org.MyDomain}.my.salesforce.com`;
  };

  async function handle(request: RestRequest): Promise<RestResponse> {
    const method = request.method.toUpperCase();
    const url = new URL(request.url, 'https://api.invalid');
    let path = url.pathname;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // keep it encoded
    }
    // Status 0 until answered: a dropped connection leaves it at 0.
    const call: RestCall = { method, path, url: request.url, status: 0, counted: false };
    calls.push(call);
    const response = await answer(request, method, path, url, call);
    call.status = response.status;
    return method === 'HEAD' ? { ...response, body: '' } : response;
  }

  async function answer(
    request: RestRequest,
    method: string,
    path: string,
    url: URL,
    call: RestCall,
  ): Promise<RestResponse> {
    const headers = lowerCaseHeaders(request.headers);
    const limitHeader = (): Record<string, string> => ({ 'Sforce-Limit-Info': limitInfo(state) });

    const uriBytes = Buffer.byteLength(request.url);
    if (uriBytes > MAX_URI_BYTES)
      return { status: 414, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: 'URI Too Long' };
    const headerBytes = Object.entries(request.headers).reduce(
      (sum, [name, value]) => sum + name.length + value.length + 4,
      0,
    );
    if (uriBytes + headerBytes > MAX_URI_BYTES) {
      return {
        status: 431,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: 'Request Header Fields Too Large',
      };
    }

    const isUpsert = method === 'PATCH' && /^\/services\/data\/v[^/]+\/(?:composite\/sobjects|sobjects)\//.test(path);
    const fault = faults.take(method, request.url, isUpsert);
    if (fault) call.fault = fault.id;
    const rule = fault?.rule;
    if (rule?.delayMs) await sleep(rule.delayMs);
    if (rule?.dropConnection) throw new DroppedConnectionError();
    if (rule?.htmlLoginPage) {
      return {
        status: 200,
        headers: { 'Content-Type': 'text/html;charset=UTF-8' },
        body: loginPage(new URL(apiOrigin()).host),
      };
    }
    if (rule?.status !== undefined) {
      const status = rule.status;
      if (rule.html || (status === 503 && !rule.errorCode)) {
        return { status, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body: maintenancePage() };
      }
      const errorCode =
        rule.errorCode ??
        { 401: 'INVALID_SESSION_ID', 403: 'REQUEST_LIMIT_EXCEEDED', 404: 'NOT_FOUND', 503: 'SERVER_UNAVAILABLE' }[
          status
        ] ??
        'UNKNOWN_EXCEPTION';
      const message = rule.message ?? DEFAULT_MESSAGES[errorCode] ?? errorCode;
      return jsonResponse(status, [{ message, errorCode }], limitHeader());
    }

    let response: RestResponse;
    try {
      response = route(method, path, url, headers, request.body, fault, call, limitHeader);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = jsonResponse(error.status, error.toBody(), path.startsWith('/services/data/v') ? limitHeader() : {});
    }
    if (rule?.wrongTypes && response.headers['Content-Type'] === JSON_TYPE && response.body) {
      response = { ...response, body: JSON.stringify(corruptTypes(JSON.parse(response.body))) };
    }
    if (rule?.truncatedJson && response.body) {
      response = { ...response, body: response.body.slice(0, Math.floor(response.body.length / 2)) };
    }
    return response;
  }

  function route(
    method: string,
    path: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    fault: ActiveFault | undefined,
    call: RestCall,
    limitHeader: () => Record<string, string>,
  ): RestResponse {
    if (path === '/services/data' || path === '/services/data/') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, ['GET', 'HEAD']);
      return jsonResponse(
        200,
        API_VERSIONS.map(({ version, label }) => ({ label, url: `/services/data/v${version}`, version })),
      );
    }

    const identity = /^\/id\/([^/]+)\/([^/]+)\/?$/.exec(path);
    if (identity) return identityResponse(identity[1]!, identity[2]!, headers);

    if (!path.startsWith('/services/data/')) throw notFound();

    // Authentication, permission and the daily limit, then the call counts.
    const user = sessionUser(state, bearerToken(headers.authorization));
    if (!user) throw invalidSession();
    if (!state.org.apiEnabled || !user.apiEnabled) throw apiDisabled();
    if (state.apiUsage.used >= state.apiUsage.limit) throw requestLimitExceeded();
    state.apiUsage.used += 1;
    call.counted = true;

    const versioned = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!versioned || !API_VERSIONS.some(({ version }) => version === versioned[1])) throw notFound();
    const version = `v${versioned[1]}`;
    const rest = (versioned[2] ?? '/').replace(/\/+$/, '') || '/';

    const context: RestContext = {
      state,
      method,
      path,
      searchParams: url.searchParams,
      header: (name) => headers[name.toLowerCase()],
      body,
      version,
      userId: user.Id,
      now,
      cursors,
      fault,
      settings,
      nextStamp: (() => {
        let last: number | undefined;
        return () => {
          last = Math.max(now().getTime(), (last ?? latestStamp(state)) + 1);
          return last;
        };
      })(),
    };
    const result = dispatch(context, method, rest);
    if (result.raw)
      return {
        status: result.status,
        headers: { 'Content-Type': result.raw.contentType, ...limitHeader() },
        body: result.raw.body,
      };
    if (result.json === undefined) {
      return { status: result.status, headers: limitHeader(), body: '' };
    }
    return jsonResponse(result.status, result.json, limitHeader());
  }

  function dispatch(context: RestContext, method: string, rest: string): ResourceResult {
    const segments = rest.split('/').filter(Boolean);
    const allow = (...methods: string[]) => {
      const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
      if (!allowed.includes(method)) throw methodNotAllowed(method, allowed);
    };
    const [first, second, third, fourth, ...more] = segments;
    if (!first) {
      allow('GET');
      return { status: 200, json: resourceMap(context) };
    }
    if (first === 'limits' && !second) {
      allow('GET');
      return {
        status: 200,
        json: {
          DailyApiRequests: {
            Max: state.apiUsage.limit,
            Remaining: Math.max(0, state.apiUsage.limit - state.apiUsage.used),
          },
        },
      };
    }
    if ((first === 'query' || first === 'queryAll') && !third) {
      allow('GET');
      return { status: 200, json: second ? queryMore(context, first, second) : runQuery(context, first) };
    }
    if (first === 'sobjects') {
      if (!second) {
        allow('GET');
        return describeGlobal(context);
      }
      if (!third) {
        allow('GET');
        return basicInfo(context, second);
      }
      if (third === 'describe' && !fourth) {
        allow('GET');
        return describe(context, second);
      }
      if (!fourth) {
        allow('GET');
        return retrieve(context, second, third);
      }
      if (more.length === 0) {
        allow('GET', 'PATCH');
        return method === 'PATCH'
          ? upsertOne(context, second, third, fourth)
          : retrieveByExternalId(context, second, third, fourth);
      }
    }
    if (first === 'composite' && second === 'sobjects' && third && fourth && more.length === 0) {
      allow('PATCH');
      return upsertCollection(context, third, fourth);
    }
    throw notFound();
  }

  function resourceMap(context: RestContext): Record<string, string> {
    const base = `/services/data/${context.version}`;
    const orgId = state.org.Id;
    return {
      tooling: `${base}/tooling`,
      metadata: `${base}/metadata`,
      eclair: `${base}/eclair`,
      folders: `${base}/folders`,
      prechatForms: `${base}/prechatForms`,
      contact: `${base}/contact`,
      chatter: `${base}/chatter`,
      tabs: `${base}/tabs`,
      appMenu: `${base}/appMenu`,
      quickActions: `${base}/quickActions`,
      queryAll: `${base}/queryAll`,
      commerce: `${base}/commerce`,
      wave: `${base}/wave`,
      analytics: `${base}/analytics`,
      search: `${base}/search`,
      identity: `${apiOrigin()}/id/${orgId}/${context.userId}`,
      composite: `${base}/composite`,
      parameterizedSearch: `${base}/parameterizedSearch`,
      theme: `${base}/theme`,
      nouns: `${base}/nouns`,
      recent: `${base}/recent`,
      licensing: `${base}/licensing`,
      limits: `${base}/limits`,
      async: `${base}/async-queries`,
      query: `${base}/query`,
      sobjects: `${base}/sobjects`,
      actions: `${base}/actions`,
      support: `${base}/support`,
    };
  }

  /** The identity service: who the session's user is. A bad token gets 403 `Bad_OAuth_Token`, as Salesforce answers. */
  function identityResponse(orgId: string, userId: string, headers: Record<string, string>): RestResponse {
    const user = sessionUser(state, bearerToken(headers.authorization));
    if (!user) return { status: 403, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: 'Bad_OAuth_Token' };
    if (orgId !== state.org.Id || userId !== user.Id)
      return { status: 403, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: 'Bad_Id' };
    const origin = apiOrigin();
    const base = `${origin}/services/data/v{version}`;
    return {
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      body: JSON.stringify({
        id: `${origin}/id/${state.org.Id}/${user.Id}`,
        asserted_user: true,
        user_id: user.Id,
        organization_id: state.org.Id,
        username: user.Username,
        nick_name: user.Alias,
        display_name: user.Name,
        email: user.Email,
        first_name: user.FirstName,
        last_name: user.LastName,
        active: user.IsActive,
        user_type: 'STANDARD',
        language: 'en_US',
        locale: 'en_US',
        timezone: state.org.TimeZoneSidKey,
        utcOffset: 0,
        urls: {
          enterprise: `${origin}/services/Soap/c/{version}/${state.org.Id.slice(0, 15)}`,
          partner: `${origin}/services/Soap/u/{version}/${state.org.Id.slice(0, 15)}`,
          rest: `${base}/`,
          sobjects: `${base}/sobjects/`,
          query: `${base}/query/`,
          recent: `${base}/recent/`,
          profile: `${origin}/${user.Id}`,
        },
      }),
    };
  }

  return {
    handle,
    calls,
    faults,
    settings,
    state,
    createSession: (userId) => createSession(state, userId),
    expireSession: (sid) => expireSession(state, sid),
    countCalls: (pattern) =>
      calls.filter(
        (call) =>
          call.counted &&
          (pattern === undefined ||
            (typeof pattern === 'string' ? call.path.includes(pattern) : pattern.test(call.path))),
      ).length,
    resetCalls: () => {
      calls.length = 0;
    },
    apiOrigin,
  };
}
