/** What a REST resource handler sees of one request. */
import type { OrgData } from '../data';
import type { ActiveFault } from './faults';
import type { QueryCursor } from './query';

export interface RestSettings {
  /** Status of a single-record upsert that updated: 200 with a body (API 46.0+) or 204 (older clients saw it). */
  upsertUpdateStatus: 200 | 204;
}

export interface RestContext {
  state: OrgData;
  method: string;
  /** Decoded path, without the query. */
  path: string;
  searchParams: URLSearchParams;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  body: string | undefined;
  /** `v66.0` */
  version: string;
  /** The session's user. */
  userId: string;
  now(): Date;
  cursors: Map<string, QueryCursor>;
  /** The fault rule that matched this request, when it changes how the resource answers. */
  fault: ActiveFault | undefined;
  settings: RestSettings;
  /** Hands out strictly increasing SystemModstamp values. */
  nextStamp(): number;
}

/** A resource's answer before the router adds the common headers. */
export interface ResourceResult {
  status: number;
  /** JSON-serialised unless `raw` is set. */
  json?: unknown;
  raw?: { body: string; contentType: string };
}

export const ok = (json: unknown, status = 200): ResourceResult => ({ status, json });
