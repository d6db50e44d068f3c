/**
 * The org's API usage, from the `Sforce-Limit-Info` header every REST answer but `/services/data/` carries:
 * `api-usage=USED/LIMIT`, possibly with other entries such as `per-app-api-usage=17/250(appName=…)`,
 * comma-separated (REST API Developer Guide, "Limit Info Header":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
 */

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
