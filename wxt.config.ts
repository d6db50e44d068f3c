import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { SALESFORCE_HOST_PERMISSIONS } from './lib/crm/salesforce/hosts';

export default defineConfig({
  // Explicit imports read better than auto-imports in a codebase this size.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Partner Ledger',
    description:
      'Tag Salesforce opportunities as partner-sourced or partner-influenced, with evidence, right on the record.',
    // cookies: read the Salesforce session (`sid`) of the org's own hosts, as Salesforce Inspector does.
    // alarms: sync a few seconds after a change and every few minutes, even after the worker slept.
    // storage: only its session area (memory only, cleared when the browser quits), for the cookie store of each
    // org's last tab, so background sync keeps acting as that tab's user after the worker restarts
    // (lib/services/cookie-stores.ts). No install warning:
    // https://developer.chrome.com/docs/extensions/reference/permissions-list
    permissions: ['cookies', 'alarms', 'storage'],
    // Only the org's own hosts: the session is read from them and sent nowhere else.
    // Generated from the same list as the content script's matches (lib/crm/salesforce/hosts.ts).
    host_permissions: [...SALESFORCE_HOST_PERMISSIONS],
    // Asked for only when the user turns the feature on in options: the weekly notification, and the one
    // host of the webhook the summary is posted to. MV2 (Firefox) has no optional_host_permissions (WXT
    // 0.20 drops the key there), so the host pattern joins optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: ['notifications', 'https://*/*'] }
      : { optional_permissions: ['notifications'], optional_host_permissions: ['https://*/*'] }),
    // Chrome: "split" gives incognito windows a background of their own, with the incognito cookie store only,
    // so a private window's Salesforce user is never answered with the normal window's session (and the other
    // way round); "spanning" would share one background whose cookie calls default to the normal store.
    // https://developer.chrome.com/docs/extensions/reference/manifest/incognito
    // Firefox does not support "split" (it would install as "not_allowed"): the key is left out, and every
    // request carries its tab's cookieStoreId instead (private windows and containers alike).
    // https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/incognito
    ...(browser === 'firefox' ? {} : { incognito: 'split' as const }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: { gecko: { id: 'partner-ledger@partnerledger.app', strict_min_version: '115.0' } },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
