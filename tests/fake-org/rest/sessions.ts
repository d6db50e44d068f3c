/**
 * Sessions. A session id looks like Salesforce's: `<15-character org id>!<random>`. My Domain sessions
 * (`state.sessions`) are the ones the REST API accepts; the Lightning host has sessions of its own
 * (`state.lightningSessions`) with the same org-id prefix that the API refuses, as real Lightning `sid` cookies.
 */
import { randomBytes } from 'node:crypto';
import { toId18 } from '../../../lib/record-id';
import type { OrgData, User } from '../data';

function randomPart(): string {
  // Real session ids: "AQ" + ~110 characters of [A-Za-z0-9._].
  return `AQ${randomBytes(84).toString('base64').replace(/\+/g, '.').replace(/\//g, '_').replace(/=+$/, '')}`;
}

function newSessionId(state: OrgData): string {
  return `${state.org.Id.slice(0, 15)}!${randomPart()}`;
}

/** A user by id (15 or 18 characters), username or full name. */
export function resolveUser(state: OrgData, user: string): User | undefined {
  const id = toId18(user);
  const lower = user.toLowerCase();
  return state.users.find(
    (candidate) =>
      candidate.Id === id || candidate.Username.toLowerCase() === lower || candidate.Name.toLowerCase() === lower,
  );
}

/** Starts a My Domain session for the user (id, username or name); returns its session id. */
export function createSession(state: OrgData, userId: string = state.org.CurrentUserId): string {
  const user = resolveUser(state, userId);
  if (!user) throw new Error(`No user ${userId} in the org`);
  const sid = newSessionId(state);
  state.sessions[sid] = user.Id;
  return sid;
}

/** Ends a session (My Domain or Lightning): later calls with it get 401 INVALID_SESSION_ID. */
export function expireSession(state: OrgData, sid: string): void {
  delete state.sessions[sid];
  delete state.lightningSessions[sid];
}

/** Starts a Lightning host session (UI only) for the user. */
export function createLightningSession(state: OrgData, userId: string): string {
  const sid = newSessionId(state);
  state.lightningSessions[sid] = userId;
  return sid;
}

/** The user of a live My Domain session, or undefined (unknown, expired, Lightning-only, or inactive user). */
export function sessionUser(state: OrgData, sid: string | undefined): User | undefined {
  if (!sid || !Object.hasOwn(state.sessions, sid)) return undefined;
  const userId = state.sessions[sid];
  const user = state.users.find((candidate) => candidate.Id === userId);
  return user?.IsActive ? user : undefined;
}

/** The session id of an `Authorization: Bearer <sid>` (or `OAuth <sid>`) header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^\s*(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(index + 1).trim();
  }
  return cookies;
}

/** `sid` cookie as Salesforce sets it for a host: Secure, whole site, usable cross-site; not HttpOnly. */
export function sidCookie(sid: string): string {
  return `sid=${sid}; Path=/; Secure; SameSite=None`;
}

export function clearSidCookie(): string {
  return 'sid=; Path=/; Secure; SameSite=None; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
}
