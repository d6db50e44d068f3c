/**
 * What can go wrong when Partner Ledger talks to the org's REST API, as one error class with a `kind` that
 * code reacts to and a `message` a person can act on. Salesforce answers errors as a JSON array of
 * `{ message, errorCode, fields }` (REST API Developer Guide, "Status Codes and Error Responses":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm); some gateways
 * answer HTML instead.
 *
 * How callers react (the sync engine owns the policy; this is what each kind is meant for):
 * - `retryable: true` (server, network, limit_exceeded, concurrency_limit, truncated answers): back off and
 *   try again later. The daily API allowance is a rolling 24 hours, so back off long (an hour) after
 *   `limit_exceeded`; `concurrency_limit` (`REQUEST_LIMIT_EXCEEDED` for `ConcurrentPerOrgLongTxn`: too many
 *   long-running requests of the org at once, https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm)
 *   frees up within seconds, so back off briefly.
 * - session_expired: stop until the user reloads Salesforce; a new session comes from the page's cookies.
 * - api_disabled, not_installed, forbidden: stop and keep working locally; the user's admin has to act.
 * - not_found, invalid_request, multiple_matches, bad_response (wrong shape): this request will not
 *   succeed by repeating it.
 *
 * No message ever contains the session id: Salesforce's own messages are kept, with anything that looks
 * like a session id (`00D…!…`) removed.
 */
import { ATTRIBUTION_OBJECT, ATTRIBUTION_RELATIONSHIP, SUMMARY_OBJECT } from './org-objects';

export type SalesforceApiErrorKind =
  | 'session_expired'
  | 'api_disabled'
  | 'limit_exceeded'
  | 'concurrency_limit'
  | 'forbidden'
  | 'not_found'
  | 'not_installed'
  | 'invalid_request'
  | 'multiple_matches'
  | 'server'
  | 'network'
  | 'bad_response';

export interface SalesforceApiErrorOptions {
  status?: number;
  /** Salesforce's `errorCode` (`INVALID_SESSION_ID`, `REQUEST_LIMIT_EXCEEDED`, …) when it sent one. */
  errorCode?: string;
  retryable?: boolean;
  cause?: unknown;
}

/** Kinds that succeed later without anyone doing anything. */
const RETRYABLE_KINDS = new Set<SalesforceApiErrorKind>(['server', 'network', 'limit_exceeded', 'concurrency_limit']);

export class SalesforceApiError extends Error {
  readonly kind: SalesforceApiErrorKind;
  readonly status?: number;
  readonly errorCode?: string;
  readonly retryable: boolean;

  constructor(kind: SalesforceApiErrorKind, message: string, options: SalesforceApiErrorOptions = {}) {
    super(redactSessions(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SalesforceApiError';
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.errorCode !== undefined) this.errorCode = options.errorCode;
    this.retryable = options.retryable ?? RETRYABLE_KINDS.has(kind);
  }

  /** What may be logged or stored (`SyncStateRow.lastError`): never the cause, which is not ours to vouch for. */
  toJSON(): {
    name: string;
    kind: SalesforceApiErrorKind;
    message: string;
    status?: number;
    errorCode?: string;
    retryable: boolean;
  } {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.errorCode !== undefined ? { errorCode: this.errorCode } : {}),
      retryable: this.retryable,
    };
  }
}

export function isSalesforceApiError(value: unknown): value is SalesforceApiError {
  return value instanceof SalesforceApiError;
}

/** A session id is `<15-character org id>!<token>`; nothing of that shape may reach a message. */
const SESSION_LIKE = /00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?![^\s"'<>,;]+/g;

/** The text with anything shaped like a session id replaced. */
export function redactSessions(text: string): string {
  return text.replace(SESSION_LIKE, '[session]');
}

// ---------------------------------------------------------------------------------------------------------
// Messages, written for the person looking at the panel.

const RELOAD = 'Reload the Salesforce tab (log in again if it asks), then try again.';
const LOCAL = 'Your attributions stay saved on this computer.';

export const MESSAGES = {
  sessionExpired: `Your Salesforce session has ended or is no longer valid. ${RELOAD}`,
  loginPage: `Salesforce answered with its login page instead of data: your session has ended. ${RELOAD}`,
  redirected:
    `Salesforce redirected the request elsewhere (the org's My Domain may have changed, or the session ` +
    `ended). ${RELOAD}`,
  apiDisabled:
    `Your org does not let your user call the Salesforce API (the "API Enabled" permission is off, or API Access ` +
    `Control blocks it). Partner Ledger keeps working on this computer only; ask your Salesforce admin to allow ` +
    `API access to share attributions with your team.`,
  apiDisabledForUser:
    `Your Salesforce user is not allowed to use the Salesforce API ("API is disabled for this User": the "API ` +
    `Enabled" permission is off in your profile and permission sets). Partner Ledger keeps working on this ` +
    `computer only; ask your Salesforce admin to give your user "API Enabled" to share attributions with your team.`,
  concurrencyLimit:
    `Salesforce is busy with too many long-running requests from your org at once. Partner Ledger tries again ` +
    `in a minute. ${LOCAL}`,
  limitExceeded:
    `Your org has used up its Salesforce API allowance for now. Partner Ledger pauses syncing and tries again ` +
    `later. ${LOCAL}`,
  notInstalled:
    `Partner Ledger's Partner Attribution object is not installed in this org, is out of date, or your user ` +
    `cannot see it. Ask your Salesforce admin to deploy it and give you access; until then Partner Ledger works ` +
    `on this computer only.`,
  multipleMatches:
    'Several Salesforce records share the same Partner Ledger id, so Salesforce could not tell which one to ' +
    'update. Ask your Salesforce admin to delete the duplicate records.',
  network: `Could not reach Salesforce. Check your internet connection; Partner Ledger tries again later. ${LOCAL}`,
  timeout: (seconds: number) =>
    `Salesforce did not answer within ${seconds} seconds. Partner Ledger tries again later. ${LOCAL}`,
  truncated: "Salesforce's answer was cut off before the end. Partner Ledger tries again later.",
  notJson: 'Salesforce sent an answer that is not data Partner Ledger can read. Partner Ledger tries again later.',
  wrongShape: (what: string) =>
    `Salesforce's answer to ${what} was not in the form Partner Ledger expects, so it was ignored. If this ` +
    `keeps happening, Partner Ledger may need an update for your org.`,
  server: (status: number) =>
    `${status === 503 ? 'Salesforce is unavailable right now (often scheduled maintenance)' : `Salesforce had a temporary error (HTTP ${status})`}. ` +
    `Partner Ledger tries again later. ${LOCAL}`,
  forbidden: (detail: string) =>
    `Salesforce refused access${detail ? `: ${detail}` : '.'} Ask your Salesforce admin for the permission; ` +
    `until then Partner Ledger works on this computer only.`,
  notFound: (detail: string) =>
    `Salesforce could not find what Partner Ledger asked for${detail ? ` (${detail})` : ''}. It may have been ` +
    `deleted, or your user may not be allowed to see it.`,
  invalidRequest: (detail: string) => `Salesforce rejected the request${detail ? `: ${detail}` : '.'}`,
  tooLong: 'The request to Salesforce was too long for it to accept. Partner Ledger asks for fewer records at a time.',
  oldOrg: (newest: string, needed: number) =>
    `This org's newest Salesforce API version is ${newest}; Partner Ledger needs ${needed}.0 or newer, so it ` +
    `works on this computer only here.`,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Classification of an HTTP answer that is not a success.

export interface SalesforceErrorEntry {
  message: string;
  errorCode?: string;
  fields?: string[];
}

/** Salesforce's error entries from a body: `[{message, errorCode, fields}]`, or `{error, error_description}`. */
export function parseErrorBody(body: string): SalesforceErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const entries: SalesforceErrorEntry[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const message =
      typeof record.message === 'string'
        ? record.message
        : typeof record.error_description === 'string'
          ? record.error_description
          : '';
    const errorCode =
      typeof record.errorCode === 'string'
        ? record.errorCode
        : typeof record.error === 'string'
          ? record.error
          : undefined;
    const fields = Array.isArray(record.fields)
      ? record.fields.filter((f): f is string => typeof f === 'string')
      : undefined;
    if (!message && !errorCode) continue;
    entries.push({ message, ...(errorCode ? { errorCode } : {}), ...(fields ? { fields } : {}) });
  }
  return entries;
}

/** True when a body is a web page rather than data. */
export function looksLikeHtml(body: string, contentType: string | null): boolean {
  if (contentType && /json/i.test(contentType) && !/^\s*</.test(body)) return false;
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) return true;
  return /^\s*</.test(body);
}

const OUR_NAMES = [ATTRIBUTION_OBJECT, SUMMARY_OBJECT, ATTRIBUTION_RELATIONSHIP].map((name) => name.toLowerCase());

function mentionsOurObjects(message: string): boolean {
  const lower = message.toLowerCase();
  return OUR_NAMES.some((name) => lower.includes(name));
}

const SOQL_ECHO = /^[\s\S]*ERROR at Row:\d+:Column:\d+\s*/;

/** Salesforce's message, shortened to something that fits a panel. */
function detailOf(entries: SalesforceErrorEntry[]): string {
  const text = entries
    // A SOQL error repeats the query before the reason ("…^\nERROR at Row:1:Column:8\nNo such column …"):
    // keep the reason.
    .map((entry) => entry.message.replace(SOQL_ECHO, '').trim())
    .filter(Boolean)
    .join(' ');
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/** Salesforce's message for the org's limit on concurrent long-running requests (`ConcurrentPerOrgLongTxn`). */
const CONCURRENCY_LIMIT = /ConcurrentPerOrg|Concurrent\s*(?:API\s*)?Requests?\b/i;

/**
 * The error for an HTTP answer that is not a 2xx, from its status and body (JSON or not).
 * 3xx other than 300 are handled by the client (a redirect is never followed).
 */
export function classifyResponse(status: number, body: string): SalesforceApiError {
  const entries = parseErrorBody(body);
  const first = entries[0];
  const errorCode = first?.errorCode;
  const detail = detailOf(entries);
  const base = { status, ...(errorCode ? { errorCode } : {}) };
  const codes = new Set(entries.map((entry) => entry.errorCode).filter(Boolean));

  if (status >= 500) return new SalesforceApiError('server', MESSAGES.server(status), base);
  // The user's profile lacks "API Enabled" (sent with 401 or 403 depending on the endpoint).
  if (codes.has('API_CURRENTLY_DISABLED') || /API is disabled for this User/i.test(detail)) {
    return new SalesforceApiError('api_disabled', MESSAGES.apiDisabledForUser, base);
  }
  if (status === 401) return new SalesforceApiError('session_expired', MESSAGES.sessionExpired, base);
  if (status === 300) return new SalesforceApiError('multiple_matches', MESSAGES.multipleMatches, base);
  if (status === 403) {
    if (codes.has('REQUEST_LIMIT_EXCEEDED') && CONCURRENCY_LIMIT.test(detail)) {
      return new SalesforceApiError('concurrency_limit', MESSAGES.concurrencyLimit, {
        ...base,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
      });
    }
    if (codes.has('REQUEST_LIMIT_EXCEEDED')) {
      return new SalesforceApiError('limit_exceeded', MESSAGES.limitExceeded, {
        ...base,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
      });
    }
    if (codes.has('API_DISABLED_FOR_ORG') || /API is not enabled/i.test(detail) || /API is not enabled/i.test(body)) {
      return new SalesforceApiError('api_disabled', MESSAGES.apiDisabled, base);
    }
    return new SalesforceApiError('forbidden', MESSAGES.forbidden(detail), base);
  }
  if (status === 404) return new SalesforceApiError('not_found', MESSAGES.notFound(detail), base);
  if (status === 429) return new SalesforceApiError('limit_exceeded', MESSAGES.limitExceeded, base);
  if (status === 414 || status === 431) return new SalesforceApiError('invalid_request', MESSAGES.tooLong, base);
  if (status === 400 && (codes.has('INVALID_TYPE') || codes.has('INVALID_FIELD')) && mentionsOurObjects(detail)) {
    return new SalesforceApiError('not_installed', MESSAGES.notInstalled, base);
  }
  if (status >= 400)
    return new SalesforceApiError('invalid_request', MESSAGES.invalidRequest(detail || `HTTP ${status}`), base);
  return new SalesforceApiError('bad_response', MESSAGES.notJson, { ...base, retryable: false });
}

/** Words of a login or session-ended page; the REST API itself never answers a success with HTML. */
const LOGIN_PAGE = /login|log in|sign in|session|frontdoor|authenticat/i;

/**
 * The error for a 2xx answer whose body is a web page: Salesforce's login page when the session bounced
 * (session_expired), else some other page in the way (a proxy, a captive portal), which may go away.
 */
export function classifyHtmlSuccess(status: number, body: string): SalesforceApiError {
  if (LOGIN_PAGE.test(body)) return new SalesforceApiError('session_expired', MESSAGES.loginPage, { status });
  return new SalesforceApiError('bad_response', MESSAGES.notJson, { status, retryable: true });
}
