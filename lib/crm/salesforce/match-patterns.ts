/**
 * Where the content script runs: every Salesforce host in `SALESFORCE_HOSTS` (hosts.ts), which also generates
 * the host permissions, so the two never disagree. Chrome match patterns ignore the port, which lets the
 * tests and the demo serve the fake org on an unprivileged port.
 */
export { SALESFORCE_HOST_PERMISSIONS, SALESFORCE_UI_MATCHES } from './hosts';
