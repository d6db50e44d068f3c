import { isSalesforcePageHost } from '../crm/salesforce/hosts';
import type { RequestType } from './schemas';

/** The parts of `runtime.MessageSender` the check needs. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Who sent a message: one of this extension's own pages (the popup, the options page), or its content
 * script in a Salesforce tab. A content script shares its tab with Salesforce's page, which runs code
 * anyone with a Lightning component or a static resource in the org can write, so it gets less.
 */
export type SenderKind = 'extension_page' | 'content_script';

/**
 * The extension's pages as WXT names them (one per folder of entrypoints/ with an index.html); they may be
 * opened in a tab (the options and Partner impact pages usually are).
 */
export const EXTENSION_PAGES: ReadonlySet<string> = new Set(['popup.html', 'options.html', 'impact.html']);

/**
 * What kind of sender this is, or undefined for anything else (other extensions, other sites). An
 * extension page is a page of the extension's own origin that is not in a tab, or the popup or options
 * page: any other page of the extension's origin inside a tab would be one framed by a web page.
 */
export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind | undefined {
  if (sender.id !== extensionId || !sender.url) return undefined;
  // Compare the prefix, not URL.origin: non-web schemes such as chrome-extension: have an opaque ("null") origin.
  const base = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  if (sender.url.startsWith(base)) {
    const page = sender.url.slice(base.length).split(/[?#]/)[0] ?? '';
    return !sender.tab || EXTENSION_PAGES.has(page) ? 'extension_page' : undefined;
  }
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  // Proxied pages (Defender for Cloud Apps) too: the background finds no session there, so they stay local.
  return sender.tab && url.protocol === 'https:' && isSalesforcePageHost(url.hostname) ? 'content_script' : undefined;
}

/**
 * Accepts messages only from this extension: its own pages (popup, options, Partner impact), or its content script
 * running in a tab on a Salesforce host. Anything else (other extensions, other sites) is refused.
 */
export function isTrustedSender(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return senderKind(sender, extensionId, extensionOrigin) !== undefined;
}

/**
 * The requests a content script may send: what the panel on an opportunity and the warmth badges need,
 * and nothing more. Everything else (backups and restores, the roster's import, the rules, the summary's
 * settings with the Slack webhook, the connection's settings) answers only the extension's own pages.
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'getPanelData',
  'refreshOpportunity',
  'addAttribution',
  'addTouch',
  'removeAttribution',
  'resolveDispute',
  'setPanelCollapsed',
  'getWarmth',
  'fetchOpportunities',
  // The lead panel tells the background that the user converted the lead in this tab.
  'leadConverted',
]);

/** Whether a sender of this kind may make this request. */
export function mayRequest(kind: SenderKind, type: RequestType): boolean {
  return kind === 'extension_page' || CONTENT_SCRIPT_REQUESTS.has(type);
}
