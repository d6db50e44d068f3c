/** The org's daily API request allocation, as every REST response reports it. */
import type { OrgData } from '../data';

/** `api-usage=USED/LIMIT`, the value of the `Sforce-Limit-Info` header. */
export function limitInfo(state: OrgData): string {
  return `api-usage=${state.apiUsage.used}/${state.apiUsage.limit}`;
}

/** Sets the allocation (and optionally the usage so far), e.g. to be one call away from REQUEST_LIMIT_EXCEEDED. */
export function setApiLimit(state: OrgData, limit: number, used = state.apiUsage.used): void {
  state.apiUsage.limit = limit;
  state.apiUsage.used = used;
}
