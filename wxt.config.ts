import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  // Explicit imports read better than auto-imports in a codebase this size.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Partner Ledger',
    description:
      'Tag Salesforce opportunities as partner-sourced or partner-influenced, with evidence, right on the record.',
    // No permissions yet: tags live in the extension's own IndexedDB and UI state goes through the background.
    permissions: [],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'partner-ledger@partnerledger.app', strict_min_version: '115.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
