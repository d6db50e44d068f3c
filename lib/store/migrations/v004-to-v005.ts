import type { SyncStateRow } from '../db';
import { syncStateRowSchema } from '../rows';

/**
 * Schema v4 → v5: the backoff of records the org refused leaves `settings`, where v4 kept it per org under
 * `sync.pushFailures.<org>`, for the org's `syncState` row. It is sync machinery like the cursors beside
 * it: backups leave it out, and a restore starts it over. Each failure's retry time becomes an ISO
 * timestamp, as the row's other times are. A failure that cannot be read is dropped: it only held a
 * refused record back, which is then sent again at the next sync.
 */

/** How v4 named the setting of an org's push failures. */
export const V4_PUSH_FAILURES_PREFIX = 'sync.pushFailures.';

type PushFailures = NonNullable<SyncStateRow['pushFailures']>;

const pushFailuresSchema = syncStateRowSchema.shape.pushFailures.unwrap();
const orgKeySchema = syncStateRowSchema.shape.orgKey;

export function isV4PushFailuresKey(key: unknown): boolean {
  return typeof key === 'string' && key.startsWith(V4_PUSH_FAILURES_PREFIX);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A v4 retry time (milliseconds since the epoch) as an ISO timestamp, when it is one. */
function retryTime(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The org and its push failures in the v5 shape, from one v4 setting; undefined when the setting is not
 * one, names no valid org, or holds no failure that can be read.
 */
export function pushFailuresOfV4Setting(setting: {
  key: string;
  value: unknown;
}): { orgKey: string; pushFailures: PushFailures } | undefined {
  if (!isV4PushFailuresKey(setting.key) || !isRecord(setting.value)) return undefined;
  const orgKey = setting.key.slice(V4_PUSH_FAILURES_PREFIX.length);
  if (!orgKeySchema.safeParse(orgKey).success) return undefined;
  const pushFailures: PushFailures = {};
  for (const [attributionId, failure] of Object.entries(setting.value)) {
    if (!isRecord(failure)) continue;
    const candidate = {
      [attributionId]: {
        version: failure['version'],
        attempts: failure['attempts'],
        retryAt: retryTime(failure['retryAt']),
        error: failure['error'],
      },
    };
    const parsed = pushFailuresSchema.safeParse(candidate);
    if (parsed.success) Object.assign(pushFailures, parsed.data);
  }
  return Object.keys(pushFailures).length ? { orgKey, pushFailures } : undefined;
}
