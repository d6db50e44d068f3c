import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  // Explicit imports read better than auto-imports in a codebase this size.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Partner Ledger',
    description:
      'Tag Salesforce opportunities as partner-sourced or partner-influenced, with evidence, right on the record.',
    // cookies: read the Salesforce session (`sid`) of the org's own hosts, as Salesforce Inspector does.
    // alarms: sync a few seconds after a change and every few minutes, even after the worker slept.
    permissions: ['cookies', 'alarms'],
    // Only the org's own hosts: the session is read from them and sent nowhere else.
    host_permissions: ['https://*.my.salesforce.com/*', 'https://*.lightning.force.com/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'partner-ledger@partnerledger.app', strict_min_version: '115.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
