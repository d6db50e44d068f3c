/**
 * Finding the user's Salesforce session for a page, the way Salesforce Inspector Reloaded does
 * (github.com/tprouvot/Salesforce-Inspector-reloaded, its background script): the page host's `sid` cookie
 * names the org (the part before `!`); the session that works for the REST API is the `sid` cookie of the
 * org's My Domain host (the Lightning host's own `sid` does not).
 *
 * Keeping the session: the caller (the service worker) keeps it in memory only, in a
 * `Map<orgKey, SalesforceSession>`, and looks it up again from the cookies when the worker restarts or the
 * API answers `session_expired`. It is never written to storage (IndexedDB, `browser.storage`), never sent
 * to a content script or page, never logged. The session object helps: `JSON.stringify` and `String()` leave
 * the session id out (so a message or log line cannot carry it), and it holds a function, so IndexedDB and
 * structured cloning refuse it.
 *
 * `findSession` is pure over the `cookies` it is given; `findSessionForPage` binds it to `browser.cookies`.
 */
import browser from 'webextension-polyfill';
import { API_SUFFIXES, getApiHost, getOrgKey, isClassicHost, isSalesforceUiHost } from './hosts';
import { isIdOf, toId18 } from '../../record-id';

export interface SessionCookie {
  value: string;
  domain: string;
}

/** The part of `browser.cookies` used here. */
export interface CookieReader {
  get(details: { url: string; name: string; storeId?: string }): Promise<SessionCookie | null>;
  getAll(details: { name?: string; domain?: string; storeId?: string }): Promise<SessionCookie[]>;
}

export interface SalesforceSession {
  /** The org's My Domain name (`acme`, `acme--uat`): the key local data is kept under. */
  orgKey: string;
  /** 18 characters, from the session cookie. */
  orgId: string;
  /** The My Domain host the session works on; the only host it may be sent to. */
  apiHost: string;
  sessionId: string;
  /** Everything but the session id. */
  toJSON(): { orgKey: string; orgId: string; apiHost: string };
  toString(): string;
}

export type SessionFailureReason = 'no_session' | 'org_mismatch' | 'not_salesforce';

export type FindSessionResult =
  | { ok: true; session: SalesforceSession }
  | { ok: false; reason: SessionFailureReason; message: string };

export const SESSION_MESSAGES: Record<SessionFailureReason, string> = {
  not_salesforce: "This page is not one of your Salesforce org's pages, so there is no Salesforce session to use.",
  no_session:
    'Partner Ledger could not find your Salesforce session for this org. Reload the Salesforce tab (log in if ' +
    'it asks); until then Partner Ledger works on this computer only.',
  org_mismatch:
    'The Salesforce session Partner Ledger found belongs to a different org than this page, so it was not used. ' +
    'Reload the Salesforce tab (log in to this org if it asks), then try again.',
};

const SID = 'sid';
/** Parent domains whose `sid` cookies are searched when the API host's own cookie is missing. */
const PARENT_DOMAINS = [...API_SUFFIXES];
/** Salesforce's help site sets a `sid` of its own org; it is never the user's. */
const EXCLUDED_DOMAINS = new Set(['help.salesforce.com']);

/** The 15-character org id a session id starts with (`00D…!…`), or undefined. */
export function orgIdOfSession(sessionId: string): string | undefined {
  if (typeof sessionId !== 'string' || sessionId.indexOf('!') !== 15 || sessionId.length < 17) return undefined;
  const orgId = sessionId.slice(0, 15);
  return isIdOf('Organization', orgId) ? orgId : undefined;
}

function cookieHost(domain: string): string {
  return domain.trim().toLowerCase().replace(/^\./, '');
}

function fail(reason: SessionFailureReason): FindSessionResult {
  return { ok: false, reason, message: SESSION_MESSAGES[reason] };
}

function makeSession(orgKey: string, orgId15: string, apiHost: string, sessionId: string): SalesforceSession {
  const orgId = toId18(orgId15)!;
  return {
    orgKey,
    orgId,
    apiHost,
    sessionId,
    toJSON: () => ({ orgKey, orgId, apiHost }),
    toString: () => `SalesforceSession(${orgKey}, ${apiHost})`,
  };
}

/**
 * The session to call the REST API with for the org of the page at `pageUrl`. `storeId` is the tab's
 * cookie store (private windows and containers have their own).
 */
export async function findSession(
  pageUrl: string,
  cookies: CookieReader,
  options: { storeId?: string } = {},
): Promise<FindSessionResult> {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return fail('not_salesforce');
  }
  const pageHost = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || !isSalesforceUiHost(pageHost)) return fail('not_salesforce');
  const apiHost = getApiHost(pageHost);
  const orgKey = getOrgKey(pageHost);
  if (!apiHost || !orgKey) return fail('not_salesforce');
  const store = options.storeId !== undefined ? { storeId: options.storeId } : {};
  // Salesforce never shows a port; a test org on loopback does, and its API answers on the same one.
  const withPort = (host: string) => (url.port ? `${host}:${url.port}` : host);

  // 1. The page's own session names the org.
  const pageCookie = await cookies.get({ url: `https://${pageHost}/`, name: SID, ...store });
  const pageOrg = pageCookie?.value ? orgIdOfSession(pageCookie.value) : undefined;
  if (!pageOrg) return fail('no_session');

  // 2. The API host's session, when the browser has one.
  const apiCookie = await cookies.get({ url: `https://${apiHost}/`, name: SID, ...store });
  const apiOrg = apiCookie?.value ? orgIdOfSession(apiCookie.value) : undefined;
  if (apiCookie && apiOrg === pageOrg) {
    return { ok: true, session: makeSession(orgKey, pageOrg, withPort(apiHost), apiCookie.value) };
  }
  if (apiOrg && apiOrg !== pageOrg) return fail('org_mismatch');

  // 3. Otherwise any My Domain session of the same org: that cookie's host is where it works.
  const candidates: SessionCookie[] = [];
  for (const domain of PARENT_DOMAINS) {
    candidates.push(...(await cookies.getAll({ name: SID, domain, ...store })));
  }
  const ours = candidates.filter((cookie) => {
    const host = cookieHost(cookie.domain);
    return (
      !EXCLUDED_DOMAINS.has(host) &&
      isClassicHost(host) &&
      typeof cookie.value === 'string' &&
      cookie.value.startsWith(`${pageOrg}!`) &&
      orgIdOfSession(cookie.value) === pageOrg
    );
  });
  const chosen = ours.find((cookie) => cookieHost(cookie.domain) === apiHost) ?? ours[0];
  if (!chosen) return fail('no_session');
  return { ok: true, session: makeSession(orgKey, pageOrg, withPort(cookieHost(chosen.domain)), chosen.value) };
}

/** `findSession` over the browser's cookies (needs the `cookies` permission and Salesforce host permissions). */
export function findSessionForPage(pageUrl: string, storeId?: string): Promise<FindSessionResult> {
  const reader: CookieReader = {
    get: (details) => browser.cookies.get(details),
    getAll: (details) => browser.cookies.getAll(details),
  };
  return findSession(pageUrl, reader, storeId !== undefined ? { storeId } : {});
}
