import { isSalesforcePageHost } from '../crm/salesforce/hosts';

/** The parts of `runtime.MessageSender` the check needs. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Accepts messages only from this extension: its own pages (popup, options), or its content script
 * running in a tab on a Salesforce host. Anything else (other extensions, other sites) is refused.
 */
export function isTrustedSender(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || !sender.url) return false;
  // Compare the prefix, not URL.origin: non-web schemes such as chrome-extension: have an opaque ("null") origin.
  const base = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  if (sender.url.startsWith(base)) return true;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // Proxied pages (Defender for Cloud Apps) too: the background finds no session there, so they stay local.
  return Boolean(sender.tab) && url.protocol === 'https:' && isSalesforcePageHost(url.hostname);
}
