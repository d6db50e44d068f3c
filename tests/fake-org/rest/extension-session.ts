import { toId18 } from '../../../lib/record-id';
import type { SalesforceSession } from '../../../lib/crm/salesforce/session';

/** The session the extension would find for a fake-org session id, for tests and benches that skip the cookies. */
export function extensionSessionFor(sid: string, apiHost: string, orgKey = 'acme'): SalesforceSession {
  return {
    orgKey,
    orgId: toId18(sid.slice(0, 15))!,
    apiHost,
    sessionId: sid,
    toJSON: () => ({ orgKey, orgId: '', apiHost }),
    toString: () => 'session',
  };
}
