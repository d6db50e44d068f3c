/**
 * What the org's REST API allows: how many records one sObject Collections call takes, and the org's API
 * usage from the `Sforce-Limit-Info` header every REST answer but `/services/data/` carries
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm):
 * `api-usage=USED/LIMIT`, possibly with other entries such as `per-app-api-usage=17/250(appName=…)`.
 */

/**
 * The most records one sObject Collections call (create, update or upsert) takes; more is refused whole.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-upsert.html
 */
export const MAX_COLLECTION_RECORDS = 200;

export interface ApiUsage {
  used: number;
  limit: number;
}

/** `api-usage=` as its own entry (not the tail of `per-app-api-usage=`). */
const API_USAGE = /(?:^|[\s,;])api-usage\s*=\s*(\d+)\s*\/\s*(\d+)/i;

/** The org-wide usage in a `Sforce-Limit-Info` header, or undefined when the header is absent or unreadable. */
export function parseLimitInfo(header: string | null | undefined): ApiUsage | undefined {
  if (!header) return undefined;
  const match = API_USAGE.exec(header);
  if (!match) return undefined;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  if (!Number.isSafeInteger(used) || !Number.isSafeInteger(limit) || limit <= 0) return undefined;
  return { used, limit };
}
