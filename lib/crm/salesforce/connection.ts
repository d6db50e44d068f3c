/**
 * What Partner Ledger learns when it first talks to an org with a new session. Costs five calls, once per
 * session (the service worker keeps the result next to the session, in memory):
 *   1. GET /services/data/                        versions → the newest ≥ MIN_API_VERSION
 *   2. GET /services/data/vXX.X/                  identity URL → org id and user id
 *   3. query  SELECT Id, Name, LocaleSidKey FROM User WHERE Id = '<user id>'   (the locale: how the user's
 *                                                 pages format dates; read with the name, at no extra call)
 *   4. describe Partner_Attribution__c            404 / INVALID_TYPE → not installed (local only)
 *   5. describe Opportunity                       CurrencyIsoCode present → multi-currency org; the fact
 *                                                 fields it leaves out are hidden from the user (field-access.ts)
 * Any other failure (session expired, API disabled, limit, network…) is thrown as the SalesforceApiError it is.
 */
import { z } from '../../zod';
import { ATTRIBUTION_OBJECT } from './org-objects';
import { SalesforceApiError } from './api-errors';
import type { RestClient } from './rest-client';
import { toId18 } from '../../record-id';
import { quote } from './soql';
import { hiddenFactFields, type HideableFactField } from './field-access';

export interface OrgConnection {
  /** 18 characters. Callers compare it with the session's org id. */
  orgId: string;
  /** 18 characters. */
  userId: string;
  userName: string;
  /** The user's Salesforce locale (`en_GB`), when the org says: page dates are parsed with it. */
  localeSidKey?: string;
  /** `62.0`. */
  apiVersion: string;
  /** Partner_Attribution__c is deployed and visible to the user. */
  objectsInstalled: boolean;
  /** Opportunity has CurrencyIsoCode (select it only then). */
  multiCurrency: boolean;
  /** Fact fields the user's field access hides: never selected (see field-access.ts). */
  hiddenFields: HideableFactField[];
}

const userSchema = z.object({ Id: z.string(), Name: z.string(), LocaleSidKey: z.string().nullish() });

export async function connect(client: RestClient): Promise<OrgConnection> {
  const apiVersion = await client.apiVersion();
  const { orgId, userId } = await client.resources();

  const users = await client.query(`SELECT Id, Name, LocaleSidKey FROM User WHERE Id = ${quote(userId)}`, userSchema);
  const user = users.records.find((record) => toId18(record.Id) === userId) ?? users.records[0];
  if (!user) {
    throw new SalesforceApiError(
      'bad_response',
      'Salesforce did not return your own user record, so Partner Ledger cannot tell who is signed in.',
      { retryable: false },
    );
  }

  let objectsInstalled = true;
  try {
    await client.describe(ATTRIBUTION_OBJECT);
  } catch (error) {
    if (error instanceof SalesforceApiError && (error.kind === 'not_found' || error.kind === 'not_installed')) {
      objectsInstalled = false;
    } else {
      throw error;
    }
  }

  const opportunity = await client.describe('Opportunity');
  const multiCurrency = opportunity.fields.some((field) => field.name === 'CurrencyIsoCode');

  const hiddenFields = hiddenFactFields(opportunity.fields);
  const locale = user.LocaleSidKey ? { localeSidKey: user.LocaleSidKey } : {};
  return { orgId, userId, userName: user.Name, ...locale, apiVersion, objectsInstalled, multiCurrency, hiddenFields };
}
