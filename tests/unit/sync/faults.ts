/**
 * Faults for any `SyncApi` (the in-memory org or the real REST client over the fake org): the k-th call of a
 * step fails the way networks, Salesforce and MV3 workers fail.
 */
import { SyncError, type SyncApi, type UpsertResult } from '../../../lib/sync/types';

export type CallFault =
  | { kind: 'ok' }
  /** A retryable network error; `applied`: the org did the work and only the answer was lost. */
  | { kind: 'network'; applied: boolean }
  /** HTTP 503, before the org did anything. */
  | { kind: 'server' }
  /** HTTP 401 INVALID_SESSION_ID: sync must stop until the user acts. */
  | { kind: 'session' }
  /** The worker dies while the call is out (`applied`: after the org did the work). The step never resumes. */
  | { kind: 'kill'; applied: boolean }
  /** The org refuses these records of an upsert (by index); other calls pass. */
  | { kind: 'refuse'; records: readonly number[] }
  /** The org does the work, then `whileOut` runs (a local change made while the answer is on its way). */
  | { kind: 'concurrent' };

export interface FaultHooks {
  /** Called when a `kill` fault fires: the caller drops the step and "restarts the worker". */
  onKill?: () => void;
  whileOut?: () => Promise<void>;
}

export const networkError = () => new SyncError('network', 'Could not reach Salesforce (connection reset).', true);
export const serverError = () => new SyncError('server', 'Salesforce is unavailable right now (HTTP 503).', true, 503);
export const sessionError = () => new SyncError('session_expired', 'Your Salesforce session has ended.', false, 401);

/** A promise that never settles: what an await looks like from a worker that was killed. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/**
 * Wraps `api` so that call number i (0-based, counting every call through this wrapper) meets `plan[i]`;
 * calls beyond the plan pass through.
 */
export function withFaults(
  api: SyncApi,
  plan: readonly CallFault[],
  hooks: FaultHooks = {},
): SyncApi & { calls(): number } {
  let index = 0;
  async function around<T>(
    call: () => Promise<T>,
    refuse?: (fault: { records: readonly number[] }) => Promise<T>,
  ): Promise<T> {
    const fault = plan[index++] ?? { kind: 'ok' };
    switch (fault.kind) {
      case 'ok':
        return call();
      case 'network':
        if (fault.applied) await call();
        throw networkError();
      case 'server':
        throw serverError();
      case 'session':
        throw sessionError();
      case 'kill':
        if (fault.applied) await call();
        hooks.onKill?.();
        return never();
      case 'refuse':
        return refuse ? refuse(fault) : call();
      case 'concurrent': {
        const result = await call();
        await hooks.whileOut?.();
        return result;
      }
    }
  }
  return {
    query: (soql, schema) => around(() => api.query(soql, schema)),
    queryMore: (url, schema) => around(() => api.queryMore(url, schema)),
    upsertCollection: (object, field, records) =>
      around(
        () => api.upsertCollection(object, field, records),
        async ({ records: refused }) => {
          const refusedSet = new Set(refused.map((i) => ((i % records.length) + records.length) % records.length));
          const passed = records.filter((_, i) => !refusedSet.has(i));
          const answers = passed.length ? [...(await api.upsertCollection(object, field, passed))] : [];
          return records.map(
            (_, i): UpsertResult =>
              refusedSet.has(i)
                ? {
                    success: false,
                    errors: [
                      {
                        statusCode: 'UNABLE_TO_LOCK_ROW',
                        message: 'unable to obtain exclusive access to this record',
                        fields: [],
                      },
                    ],
                  }
                : answers.shift()!,
          );
        },
      ),
    usage: () => api.usage?.(),
    calls: () => index,
  };
}
