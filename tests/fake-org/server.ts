/**
 * The fake Salesforce org: one HTTPS server on loopback that answers for
 * `https://<MyDomain>.lightning.force.com:<port>` (Lightning UI) and `https://<MyDomain>.my.salesforce.com:<port>`
 * (Classic UI; the REST API will live under `/services/data/` on the same host). The browser reaches it through
 * `--host-resolver-rules=MAP *.lightning.force.com 127.0.0.1, MAP *.my.salesforce.com 127.0.0.1`.
 *
 * The org's data is `state`, mutable while the server runs: pages render from it on every request.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ensureCertificate } from './certs';
import { createSeedData, type OrgData } from './data';
import { escapeHtml } from './pages/format';
import { notFoundPage } from './pages/errors';
import { registerClassicRoutes } from './routes/classic';
import { registerLightningRoutes } from './routes/lightning';
import { createRestApi, type RestApi } from './rest/api';
import { frontdoorUrl, registerRestRoutes } from './rest/http';
import { hostKindOf, Router, send, sendHtml, type LightningUiSettings, type OrgContext } from './router';
import { DEFAULT_PAGE_VARIANTS, PAGE_VARIANT_CHOICES, parsePageVariants, type PageVariantName } from './variants';

export const DEFAULT_PORT = 8443;

export interface StartFakeOrgOptions {
  /** Defaults to 8443; 0 picks a free port. */
  port?: number;
  /** Interface to listen on; defaults to 127.0.0.1. */
  host?: string;
  /** Org data; defaults to `createSeedData()` (relative to now). */
  data?: OrgData;
  /**
   * Lightning page behaviour (render delay, page cache) and how pages render (record layout, highlights, related
   * lists, shadow mode, datatables: see variants.ts).
   */
  ui?: Partial<LightningUiSettings>;
  /** Where the TLS certificate is kept; defaults to `<repo>/.tmp/fake-org-certs/`. */
  certDir?: string;
}

export interface FakeOrg {
  port: number;
  /** `https://acme.lightning.force.com:<port>` */
  lightningOrigin: string;
  /** `https://acme.my.salesforce.com:<port>` (Classic UI and the REST API) */
  classicOrigin: string;
  /** The org's data; mutate it in place to change what the pages show on their next load. */
  state: OrgData;
  /** Lightning page settings, read by the browser at each full page load. */
  ui: LightningUiSettings;
  /** More routes: `router.add` (tried after the built-in ones) or `router.prepend` (to override or inject faults). */
  router: Router;
  /** The REST API on the My Domain host: `rest.calls`, `rest.faults`, `rest.createSession()`, `rest.handle()`. */
  rest: RestApi;
  /**
   * `https://acme.my.salesforce.com:<port>/secur/frontdoor.jsp?sid=…&retURL=…`: opening it in the browser sets the
   * My Domain `sid` cookie (the one that works for the API) and lands on `retURL` in Lightning.
   */
  frontdoorUrl(sid: string, retURL?: string): string;
  /** The Lightning record page of an opportunity. */
  opportunityUrl(id: string): string;
  /** The Classic detail page of an opportunity (the id as given: Classic links use 15 characters). */
  classicOpportunityUrl(id: string): string;
  /** Stops listening and drops open connections (keep-alive included), so the process can exit. */
  close(): Promise<void>;
}

export const DEFAULT_UI: LightningUiSettings = {
  renderDelayMs: 50,
  pageCacheSize: 4,
  reusePages: true,
  ...DEFAULT_PAGE_VARIANTS,
};

/** The page-variant settings of `ui`, checked: a caller outside TypeScript may pass any string. */
function variantsOf(ui: Partial<LightningUiSettings> | undefined) {
  const names = Object.keys(PAGE_VARIANT_CHOICES) as PageVariantName[];
  const given = names.filter((name) => ui?.[name] !== undefined).map((name) => [name, ui?.[name]]);
  return parsePageVariants(Object.fromEntries(given));
}

function origin(hostname: string, port: number): string {
  return port === 443 ? `https://${hostname}` : `https://${hostname}:${port}`;
}

function requestHostname(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  try {
    return new URL(`https://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export async function startFakeOrg(options: StartFakeOrgOptions = {}): Promise<FakeOrg> {
  const certificate = ensureCertificate(options.certDir);
  const state = options.data ?? createSeedData();
  const ui: LightningUiSettings = { ...DEFAULT_UI, ...options.ui, ...variantsOf(options.ui) };
  const router = new Router();
  const org: OrgContext = { state, ui, lightningOrigin: '', classicOrigin: '' };
  const rest = createRestApi(org);
  registerLightningRoutes(router);
  registerClassicRoutes(router);
  registerRestRoutes(router, rest);

  // Headers up to 64 KiB reach the handlers, so the REST API itself answers 414/431 as Salesforce does at 16 KiB.
  const tls = { key: certificate.key, cert: certificate.cert, maxHeaderSize: 64 * 1024 };
  const server: Server = createServer(tls, (req, res) => {
    const hostname = requestHostname(req.headers.host);
    const hostKind = hostKindOf(hostname);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `https://${hostname || 'localhost'}`);
    } catch {
      send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const method = (req.method ?? 'GET').toUpperCase();

    if (hostKind === 'unknown') {
      sendHtml(
        res,
        404,
        notFoundPage(
          path,
          `This server answers for ${org.lightningOrigin} and ${org.classicOrigin}, not for "${hostname}".`,
        ),
      );
      return;
    }

    const found = router.match(hostKind, method, path);
    if (!('route' in found)) {
      if (found.methodMismatch) send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      else sendHtml(res, 404, notFoundPage(path));
      return;
    }
    Promise.resolve()
      .then(() => found.route.handler({ req, res, url, hostname, hostKind, params: found.params, org }))
      .catch((error: unknown) => {
        console.error('[fake-org] handler failed', error);
        if (!res.headersSent) {
          sendHtml(res, 500, `<!DOCTYPE html><title>Internal error</title><pre>${escapeHtml(String(error))}</pre>`);
        } else {
          res.destroy();
        }
      });
  });
  // Keep-alive connections must not outlive close(); these timeouts only matter to a forgotten client.
  server.keepAliveTimeout = 5_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  org.lightningOrigin = origin(`${state.org.MyDomain}.lightning.force.com`, port);
  org.classicOrigin = origin(`${state.org.MyDomain}.my.salesforce.com`, port);

  let closing: Promise<void> | undefined;
  return {
    port,
    lightningOrigin: org.lightningOrigin,
    classicOrigin: org.classicOrigin,
    state,
    ui,
    router,
    rest,
    frontdoorUrl: (sid, retURL) => frontdoorUrl(org, sid, retURL),
    opportunityUrl: (id) => `${org.lightningOrigin}/lightning/r/Opportunity/${id}/view`,
    classicOpportunityUrl: (id) => `${org.classicOrigin}/${id}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
