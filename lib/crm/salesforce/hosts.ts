/**
 * Salesforce hosts. With enhanced domains (enforced since Winter '24) every org has one My Domain name that
 * appears in all of its hosts, so a host tells us which org a tab belongs to and where its API lives:
 *
 *   Lightning UI  acme.lightning.force.com            acme--uat.sandbox.lightning.force.com
 *   My Domain     acme.my.salesforce.com              acme--uat.sandbox.my.salesforce.com
 *   Setup         acme.my.salesforce-setup.com        acme--uat.sandbox.my.salesforce-setup.com
 *
 * Source: Salesforce Help "My Domain URL formats"
 * (https://help.salesforce.com/s/articleView?id=sf.domain_name_url_formats.htm); Salesforce Inspector Reloaded
 * (`getMyDomain`, manifest). Every function takes a hostname (`URL.hostname`); a trailing `:port` is tolerated so
 * `URL.host` works too.
 *
 * The clouds served (`SALESFORCE_HOSTS` below generates the manifest's content-script matches and host
 * permissions, so the two never disagree):
 * - Commercial: `*.lightning.force.com`, `*.my.salesforce.com`.
 * - Government Cloud Plus (included: the same enhanced-domain hosts, session cookies and REST API as
 *   commercial orgs, only on `.mil` suffixes, and a user there gets the same panel): `*.lightning.force.mil`,
 *   `*.lightning.crmforce.mil` (Defense), `*.my.salesforce.mil`. Government Cloud (not Plus) runs on the
 *   commercial hosts and is covered by them.
 * - Salesforce on Alibaba Cloud (China): Lightning `*.lightning.sfcrmapps.cn`, My Domain
 *   `*.my.sfcrmproducts.cn` (Salesforce Inspector Reloaded maps the two; Alibaba Cloud's "Salesforce on Alibaba
 *   Cloud" documentation names sfcrmproducts.cn as the product's domain:
 *   https://www.alibabacloud.com/help/en/sfoa/user-guide/enable-organization-on-salesforce-on-alibaba-cloud-crm).
 * - Microsoft Defender for Cloud Apps session proxies append `.mcas.ms` to the host
 *   (`acme.lightning.force.com.mcas.ms`, https://learn.microsoft.com/en-us/defender-cloud-apps/proxy-intro-aad).
 *   The page is Salesforce's, so the panel runs there, on this computer only: the proxy owns the cookies and
 *   rewrites every request, so Partner Ledger never reads a session or calls the API through it.
 * Regional R&D instances (`*.lightning.pc-rnd.force.com`) are parsed below but not in the manifest: a match
 * pattern cannot put a wildcard in the middle of a host, and no customer org lives there.
 */

/**
 * Labels some org types put between the My Domain name and the suffix
 * (`acme-dev-ed.develop.lightning.force.com`, `acme--uat.sandbox.my.salesforce.com`).
 */
const ORG_TYPE_LABELS = ['sandbox', 'develop', 'scratch', 'trailblaze', 'demo', 'patch', 'free'];

/** `<my domain>[.<org type>].<lightning|my>.<suffix>`; DNS labels only, so look-alikes cannot hide in it. */
const HOST_PATTERN = new RegExp(
  `^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\\.(${ORG_TYPE_LABELS.join('|')}))?\\.(lightning|my)\\.([a-z0-9.-]+)$`,
);

/**
 * Lightning suffix → My Domain suffix. Commercial, Government Cloud (`.mil`; Government Cloud Plus - Defense
 * serves Lightning on `crmforce.mil`) and Salesforce on Alibaba Cloud (`.cn`).
 */
const LIGHTNING_TO_API_SUFFIX: Record<string, string> = {
  'force.com': 'salesforce.com',
  'force.mil': 'salesforce.mil',
  'crmforce.mil': 'salesforce.mil',
  'sfcrmapps.cn': 'sfcrmproducts.cn',
};

/** Suffixes of My Domain hosts, which also serve Salesforce Classic. */
export const API_SUFFIXES: ReadonlySet<string> = new Set(['salesforce.com', 'salesforce.mil', 'sfcrmproducts.cn']);

/** The suffix a Microsoft Defender for Cloud Apps session proxy appends to the host it proxies. */
const PROXY_SUFFIX = '.mcas.ms';

/**
 * Every Salesforce host Partner Ledger runs on, as match-pattern hosts. `api: true`: the content script runs
 * there, and the background may read its `sid` cookie and call its REST API (host permission); `api: false`:
 * the content script only (a proxy, where Partner Ledger works on this computer only).
 */
export const SALESFORCE_HOSTS: ReadonlyArray<{ host: string; api: boolean }> = [
  { host: '*.lightning.force.com', api: true },
  { host: '*.my.salesforce.com', api: true },
  { host: '*.lightning.force.mil', api: true },
  { host: '*.lightning.crmforce.mil', api: true },
  { host: '*.my.salesforce.mil', api: true },
  { host: '*.lightning.sfcrmapps.cn', api: true },
  { host: '*.my.sfcrmproducts.cn', api: true },
  { host: `*.lightning.force.com${PROXY_SUFFIX}`, api: false },
  { host: `*.my.salesforce.com${PROXY_SUFFIX}`, api: false },
];

/** Where the content script runs (the manifest's `content_scripts[].matches`). */
export const SALESFORCE_UI_MATCHES: readonly string[] = SALESFORCE_HOSTS.map(({ host }) => `https://${host}/*`);

/** Where the background reads session cookies and calls the API (the manifest's `host_permissions`). */
export const SALESFORCE_HOST_PERMISSIONS: readonly string[] = SALESFORCE_HOSTS.filter(({ api }) => api).map(
  ({ host }) => `https://${host}/*`,
);

/** Suffixes of Setup hosts → the My Domain suffix of the same org. */
const SETUP_TO_API_SUFFIX: Record<string, string> = {
  'salesforce-setup.com': 'salesforce.com',
  'salesforce-setup.mil': 'salesforce.mil',
};

/** Regional Lightning hosts: `.lightning.<x>.force.com` ↔ `.my.<x>.salesforce.com` (Inspector's mapping). */
const REGIONAL_LIGHTNING_SUFFIX = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.force\.com$/;
const REGIONAL_API_SUFFIX = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.salesforce\.com$/;

type HostKind = 'lightning' | 'classic' | 'setup';

interface ParsedHost {
  kind: HostKind;
  /** The My Domain name, e.g. `acme`, `acme--uat`, `acme-dev-ed`. */
  myDomain: string;
  orgTypeLabel?: string;
  /** Suffix of the My Domain (API) host after `.my.`. */
  apiSuffix: string;
}

function normalizeHostname(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/:\d*$/, '').replace(/\.$/, '');
}

/** True for a Salesforce host seen through a Defender for Cloud Apps proxy (`….mcas.ms`): local only. */
export function isProxiedHost(hostname: string): boolean {
  if (typeof hostname !== 'string') return false;
  const host = normalizeHostname(hostname);
  return host.endsWith(PROXY_SUFFIX) && parseHost(host.slice(0, -PROXY_SUFFIX.length)) !== undefined;
}

/** The org's own host behind a proxy host (`acme.lightning.force.com.mcas.ms` → `acme.lightning.force.com`). */
function unproxied(hostname: string): string {
  const host = normalizeHostname(hostname);
  return isProxiedHost(host) ? host.slice(0, -PROXY_SUFFIX.length) : host;
}

function parseHost(hostname: string): ParsedHost | undefined {
  if (typeof hostname !== 'string') return undefined;
  const match = HOST_PATTERN.exec(normalizeHostname(hostname));
  if (!match) return undefined;
  const [, myDomain = '', orgTypeLabel, part, suffix = ''] = match;
  const base = { myDomain, ...(orgTypeLabel ? { orgTypeLabel } : {}) };

  if (part === 'lightning') {
    const regional = REGIONAL_LIGHTNING_SUFFIX.exec(suffix)?.[1];
    const apiSuffix = LIGHTNING_TO_API_SUFFIX[suffix] ?? (regional ? `${regional}.salesforce.com` : undefined);
    return apiSuffix ? { ...base, kind: 'lightning', apiSuffix } : undefined;
  }

  if (API_SUFFIXES.has(suffix) || REGIONAL_API_SUFFIX.test(suffix)) {
    return { ...base, kind: 'classic', apiSuffix: suffix };
  }
  const setupApiSuffix = SETUP_TO_API_SUFFIX[suffix];
  return setupApiSuffix ? { ...base, kind: 'setup', apiSuffix: setupApiSuffix } : undefined;
}

/** True for a Lightning Experience host (`acme.lightning.force.com` and its sandbox/developer/scratch forms). */
export function isLightningHost(hostname: string): boolean {
  return parseHost(hostname)?.kind === 'lightning';
}

/**
 * True for a My Domain host (`acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`, …): the host
 * that serves Salesforce Classic pages and the REST API.
 */
export function isClassicHost(hostname: string): boolean {
  return parseHost(hostname)?.kind === 'classic';
}

/** True for the enhanced-domains Setup host (`acme.my.salesforce-setup.com`). */
export function isSetupHost(hostname: string): boolean {
  return parseHost(hostname)?.kind === 'setup';
}

/** True for any host where a user sees an org's own UI: Lightning, Classic (My Domain) or Setup. */
export function isSalesforceUiHost(hostname: string): boolean {
  return parseHost(hostname) !== undefined;
}

/** True where the content script runs and talks to the background: the org's UI hosts, and their proxies. */
export function isSalesforcePageHost(hostname: string): boolean {
  return isSalesforceUiHost(hostname) || isProxiedHost(hostname);
}

/**
 * The My Domain host that answers the REST API for the org behind any of its UI hosts. Calling it directly,
 * rather than the Lightning host, avoids a redirect that drops the Authorization header (Inspector's
 * `getMyDomain`). Undefined for hosts that are not Salesforce.
 */
export function getApiHost(hostname: string): string | undefined {
  const host = parseHost(hostname);
  if (!host) return undefined;
  const orgType = host.orgTypeLabel ? `.${host.orgTypeLabel}` : '';
  return `${host.myDomain}${orgType}.my.${host.apiSuffix}`;
}

/**
 * The org's My Domain name (`acme`, `acme--uat`), the same for all of its hosts. It keeps data of different
 * orgs (production and its sandboxes included) apart without needing an API call to learn the org id.
 */
export function getOrgKey(hostname: string): string | undefined {
  return parseHost(typeof hostname === 'string' ? unproxied(hostname) : hostname)?.myDomain;
}

/**
 * The Lightning host of the org behind any of its UI hosts, for links to records (`acme.lightning.force.com`,
 * `acme--uat.sandbox.lightning.force.com`). Undefined for hosts that are not Salesforce, and for clouds whose
 * Lightning suffix cannot be told from the My Domain one (Government Cloud Plus - Defense).
 */
export function getLightningHost(hostname: string): string | undefined {
  const host = parseHost(hostname);
  if (!host) return undefined;
  const orgType = host.orgTypeLabel ? `.${host.orgTypeLabel}` : '';
  if (host.kind === 'lightning')
    return `${host.myDomain}${orgType}.lightning.${normalizeHostname(hostname).split('.lightning.')[1]}`;
  const suffixes = Object.entries(LIGHTNING_TO_API_SUFFIX)
    .filter(([, api]) => api === host.apiSuffix)
    .map(([lightning]) => lightning);
  const regional = REGIONAL_API_SUFFIX.exec(host.apiSuffix)?.[1];
  const suffix =
    suffixes.length === 1
      ? suffixes[0]
      : regional && !API_SUFFIXES.has(host.apiSuffix)
        ? `${regional}.force.com`
        : undefined;
  return suffix ? `${host.myDomain}${orgType}.lightning.${suffix}` : undefined;
}
