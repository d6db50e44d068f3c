/**
 * The REST API and session pages on the HTTPS server:
 *   My Domain host   /services/data/**, /id/**           → createRestApi().handle
 *                    GET /secur/frontdoor.jsp?sid=&retURL= → sets the My Domain `sid` cookie, redirects to Lightning
 *                    GET /secur/logout.jsp                 → ends the session, clears the cookie, then Lightning's
 *                    /__fake/faults (POST a rule or an array, GET, DELETE), POST /__fake/sessions, GET /__fake/calls
 *   Lightning host   GET /secur/logout.jsp                 → ends the Lightning session, clears its cookie
 * The Lightning shell sets the Lightning host's own `sid` (see `lightningSessionCookie`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrgData } from '../data';
import { redirect, send, sendHtml, sendJson, type OrgContext, type Router } from '../router';
import type { RestApi } from './api';
import { isDroppedConnection, validateRule, type FaultRule } from './faults';
import { loginPage } from './pages';
import {
  clearSidCookie,
  createLightningSession,
  expireSession,
  parseCookies,
  resolveUser,
  sessionUser,
  sidCookie,
} from './sessions';

const ALL_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function forward(api: RestApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  try {
    const response = await api.handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: flatHeaders(req),
      body: body || undefined,
    });
    const buffer = Buffer.from(response.body, 'utf8');
    res.writeHead(response.status, { ...response.headers, 'Content-Length': String(buffer.length) });
    res.end(req.method === 'HEAD' ? undefined : buffer);
  } catch (error) {
    if (!isDroppedConnection(error)) throw error;
    req.socket.destroy();
  }
}

/** A path on the same host (`/lightning/…`), never another origin. */
function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/lightning/page/home';
}

/**
 * The Lightning host's own session cookie for the page response: a new one when the browser has none that is
 * live for the org's current user. Its value has the org-id prefix but the REST API refuses it.
 */
export function lightningSessionCookie(state: OrgData, req: IncomingMessage): Record<string, string> {
  const sid = parseCookies(req.headers.cookie).sid;
  if (sid && state.lightningSessions[sid] === state.org.CurrentUserId) return {};
  return { 'Set-Cookie': sidCookie(createLightningSession(state, state.org.CurrentUserId)) };
}

export function frontdoorUrl(org: OrgContext, sid: string, retURL = '/lightning/page/home'): string {
  return `${org.classicOrigin}/secur/frontdoor.jsp?sid=${encodeURIComponent(sid)}&retURL=${encodeURIComponent(retURL)}`;
}

export function registerRestRoutes(router: Router, api: RestApi): void {
  router
    .add({
      host: 'mydomain',
      method: ALL_METHODS,
      path: /^\/services\/data(?:\/.*)?$/,
      handler: ({ req, res }) => forward(api, req, res),
    })
    .add({
      host: 'mydomain',
      method: ALL_METHODS,
      path: /^\/id\/.*$/,
      handler: ({ req, res }) => forward(api, req, res),
    })
    .add({
      host: 'mydomain',
      path: '/secur/frontdoor.jsp',
      handler: ({ res, url, org, hostname }) => {
        const sid = url.searchParams.get('sid') ?? '';
        const user = sessionUser(org.state, sid);
        if (!user) return sendHtml(res, 200, loginPage(hostname));
        // The browser is now signed in as this user: the pages show them as the current user.
        org.state.org.CurrentUserId = user.Id;
        res.setHeader('Set-Cookie', sidCookie(sid));
        redirect(res, `${org.lightningOrigin}${safeReturnPath(url.searchParams.get('retURL'))}`);
      },
    })
    .add({
      host: 'mydomain',
      path: '/secur/logout.jsp',
      handler: ({ req, res, org }) => {
        const sid = parseCookies(req.headers.cookie).sid;
        if (sid) expireSession(org.state, sid);
        res.setHeader('Set-Cookie', clearSidCookie());
        redirect(res, `${org.lightningOrigin}/secur/logout.jsp`);
      },
    })
    .add({
      host: 'lightning',
      path: '/secur/logout.jsp',
      handler: ({ req, res, org, hostname }) => {
        const sid = parseCookies(req.headers.cookie).sid;
        if (sid) expireSession(org.state, sid);
        sendHtml(res, 200, loginPage(hostname.replace('.lightning.force.com', '.my.salesforce.com')), {
          'Set-Cookie': clearSidCookie(),
        });
      },
    })
    .add({
      host: 'mydomain',
      method: ['GET', 'POST', 'DELETE'],
      path: /^\/__fake\/faults(?:\/(?<id>[^/]+))?$/,
      handler: async ({ req, res, params }) => {
        if (req.method === 'GET') return sendJson(res, 200, api.faults.list());
        if (req.method === 'DELETE') {
          if (params.id) api.faults.remove(params.id);
          else api.faults.clear();
          return send(res, 204, '', 'text/plain; charset=utf-8');
        }
        let rules: FaultRule[];
        try {
          const parsed: unknown = JSON.parse(await readBody(req));
          rules = [parsed].flat().map(validateRule);
        } catch (error) {
          return sendJson(res, 400, { error: (error as Error).message });
        }
        sendJson(res, 201, { ids: rules.map((rule) => api.faults.add(rule)) });
      },
    })
    .add({
      host: 'mydomain',
      method: 'POST',
      path: '/__fake/sessions',
      handler: async ({ req, res, org }) => {
        let user: string | undefined;
        try {
          const text = await readBody(req);
          user = text ? (JSON.parse(text) as { user?: string }).user : undefined;
        } catch (error) {
          return sendJson(res, 400, { error: (error as Error).message });
        }
        const found = resolveUser(org.state, user ?? org.state.org.CurrentUserId);
        if (!found) return sendJson(res, 404, { error: `No user ${user}` });
        const sid = api.createSession(found.Id);
        sendJson(res, 201, { sid, userId: found.Id, frontdoorUrl: frontdoorUrl(org, sid) });
      },
    })
    .add({
      host: 'mydomain',
      path: '/__fake/calls',
      handler: ({ res, org }) => sendJson(res, 200, { calls: api.calls, apiUsage: org.state.apiUsage }),
    });
}
