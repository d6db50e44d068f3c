/**
 * Where the content script runs: Lightning (`*.lightning.force.com`, incl. sandbox, developer and scratch
 * orgs) and Classic (`*.my.salesforce.com`). Nothing else. Chrome match patterns ignore the port, which lets
 * the tests and the demo serve the fake org on an unprivileged port.
 */
export const SALESFORCE_UI_MATCHES = ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'];
