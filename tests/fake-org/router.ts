/**
 * A tiny router for the fake org. Routes are chosen by host kind (from the Host header's suffix), method and
 * path; each route module (Lightning, Classic, later the REST API) registers its routes on the same router.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrgData } from './data';
import type { PageVariants } from './variants';

/** `lightning`: `*.lightning.force.com`; `mydomain`: `*.my.salesforce.com` (Classic UI and the API). */
export type HostKind = 'lightning' | 'mydomain' | 'unknown';

export function hostKindOf(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.endsWith('.lightning.force.com')) return 'lightning';
  if (host.endsWith('.my.salesforce.com')) return 'mydomain';
  return 'unknown';
}

/** Lightning-page settings the browser-side app reads from the embedded data. */
export interface LightningUiSettings extends PageVariants {
  /** Delay before record highlights, layouts and list rows appear (ms); 0 renders synchronously. */
  renderDelayMs: number;
  /** How many hidden earlier pages stay in the DOM. */
  pageCacheSize: number;
  /** Going back to a cached page shows the cached container again instead of rendering a new one. */
  reusePages: boolean;
}

/** What every handler can see of the running org. */
export interface OrgContext {
  state: OrgData;
  ui: LightningUiSettings;
  lightningOrigin: string;
  classicOrigin: string;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  hostname: string;
  hostKind: HostKind;
  /** Named groups (or numbered groups as "1", "2", …) of a RegExp path. */
  params: Record<string, string>;
  org: OrgContext;
}

export type Handler = (context: RequestContext) => void | Promise<void>;

export interface Route {
  host: HostKind | '*';
  /** Defaults to GET (HEAD is answered by GET routes too). */
  method?: string | string[];
  /** Exact path, a prefix ending with `*`, or a RegExp tested against the decoded path. */
  path: string | RegExp;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route tried after the ones already there. */
  add(route: Route): this {
    this.routes.push(route);
    return this;
  }

  /** Adds a route tried before all others (to override a page or inject a fault). */
  prepend(route: Route): this {
    this.routes.unshift(route);
    return this;
  }

  /** The first matching route, or undefined. `methodMismatch` tells a 405 from a 404. */
  match(
    hostKind: HostKind,
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.host !== '*' && route.host !== hostKind) continue;
      const params = matchPath(route.path, path);
      if (!params) continue;
      const methods = [route.method ?? 'GET'].flat().map((m) => m.toUpperCase());
      if (methods.includes(method) || (method === 'HEAD' && methods.includes('GET'))) return { route, params };
      methodMismatch = true;
    }
    return { methodMismatch };
  }
}

function matchPath(pattern: string | RegExp, path: string): Record<string, string> | undefined {
  if (typeof pattern === 'string') {
    if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1)) ? {} : undefined;
    return path === pattern ? {} : undefined;
  }
  const match = pattern.exec(path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  match.slice(1).forEach((value, index) => {
    if (value !== undefined) params[String(index + 1)] = value;
  });
  for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) params[name] = value;
  return params;
}

// ---------------------------------------------------------------------------------------------------------
// Response helpers

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string | string[]> = {},
): void {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(buffer.length),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buffer);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers?: Record<string, string | string[]>,
): void {
  send(res, status, html, 'text/html; charset=utf-8', headers);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string | string[]>,
): void {
  send(res, status, JSON.stringify(value), 'application/json;charset=UTF-8', headers);
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { ...SECURITY_HEADERS, Location: location, 'Content-Length': '0' });
  res.end();
}
