/**
 * Fault injection for the REST API. A rule matches requests by method and a path regular expression and
 * changes the answer: an error status (with a Salesforce error code, or an HTML maintenance page for 503), a
 * dropped connection, a delay, a login page instead of JSON, truncated or wrongly typed JSON, per-record
 * failures inside an upsert, or a forced 300 on a single-record upsert.
 *
 * Rules fire in the order they were added; each fires `times` times (default 1) unless `persistent`. Only
 * one rule applies to a request.
 */

export interface PerRecordFailure {
  /** External ids that fail (exact, case-insensitive). */
  externalIds?: string[];
  /** Or: a regular expression the external id must match. */
  externalIdPattern?: string;
  /** Default UNABLE_TO_LOCK_ROW. */
  statusCode?: string;
  message?: string;
}

export interface FaultRule {
  /** Methods to match (any when absent). */
  method?: string | string[];
  /** Regular expression (source) tested against the request's path and query, raw and decoded. Any path when absent. */
  path?: string;
  /** How many requests the rule answers (default 1). */
  times?: number;
  /** Answers every matching request until removed. */
  persistent?: boolean;

  /** Wait before answering (alone: then answer normally). */
  delayMs?: number;
  /** Destroy the connection without answering (in-process: `handle` rejects with a TypeError like fetch's). */
  dropConnection?: boolean;
  /** 200 with Salesforce's HTML login page, as when a session bounces to login. */
  htmlLoginPage?: boolean;
  /**
   * Answer with this status. With `errorCode` (or a default for 401, 403, 404, 500) a JSON error; 503 without a code is
   * the HTML maintenance page.
   */
  status?: number;
  errorCode?: string;
  message?: string;
  /** Force an HTML body for `status`. */
  html?: boolean;
  /** Run the request, then cut the JSON body in half. */
  truncatedJson?: boolean;
  /**
   * Run the request, then turn numbers and booleans of well-known keys (totalSize, done, success, created, …) into
   * strings.
   */
  wrongTypes?: boolean;
  /** Inside an upsert (collection or single), fail these records. */
  perRecordFailure?: PerRecordFailure;
  /** Single-record upsert answers 300 Multiple Choices as if the external id matched several records. */
  multipleChoices?: boolean;
}

export interface ActiveFault {
  id: string;
  rule: FaultRule;
}

interface StoredRule {
  id: string;
  rule: FaultRule;
  remaining: number;
}

/** Actions that need the resource to run (the rest answer instead of it). */
export function changesResourceAnswer(rule: FaultRule): boolean {
  return Boolean(rule.perRecordFailure || rule.multipleChoices);
}

export function isPostProcessing(rule: FaultRule): boolean {
  return Boolean(rule.truncatedJson || rule.wrongTypes);
}

export function validateRule(rule: unknown): FaultRule {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    throw new TypeError('A fault rule is a JSON object');
  const candidate = rule as FaultRule;
  if (candidate.path !== undefined) new RegExp(candidate.path);
  if (candidate.perRecordFailure?.externalIdPattern !== undefined)
    new RegExp(candidate.perRecordFailure.externalIdPattern);
  if (candidate.times !== undefined && (!Number.isInteger(candidate.times) || candidate.times < 1))
    throw new TypeError('times must be a positive integer');
  const actions = [
    'delayMs',
    'dropConnection',
    'htmlLoginPage',
    'status',
    'truncatedJson',
    'wrongTypes',
    'perRecordFailure',
    'multipleChoices',
  ] as const;
  if (!actions.some((action) => candidate[action] !== undefined && candidate[action] !== false))
    throw new TypeError('A fault rule needs an action');
  return candidate;
}

export class FaultInjector {
  private rules: StoredRule[] = [];
  private counter = 0;

  /** Adds a rule; returns its id (for `remove`). */
  add(rule: FaultRule): string {
    validateRule(rule);
    const id = `fault-${++this.counter}`;
    this.rules.push({ id, rule, remaining: rule.persistent ? Infinity : (rule.times ?? 1) });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules still armed, with how many requests each will still answer (null: persistent). */
  list(): Array<{ id: string; rule: FaultRule; remaining: number | null }> {
    return this.rules.map(({ id, rule, remaining }) => ({
      id,
      rule,
      remaining: Number.isFinite(remaining) ? remaining : null,
    }));
  }

  /** The first rule matching the request, consumed once. Upsert-only rules only match upserts. */
  take(method: string, url: string, isUpsert: boolean): ActiveFault | undefined {
    let decoded = url;
    try {
      decoded = decodeURIComponent(url.replace(/\+/g, ' '));
    } catch {
      // keep the raw form
    }
    const stored = this.rules.find(({ rule }) => {
      const methods = rule.method === undefined ? undefined : [rule.method].flat().map((m) => m.toUpperCase());
      if (methods && !methods.includes(method.toUpperCase())) return false;
      if (rule.path !== undefined) {
        const pattern = new RegExp(rule.path);
        if (!pattern.test(url) && !pattern.test(decoded)) return false;
      }
      if (changesResourceAnswer(rule) && !isUpsert) return false;
      return true;
    });
    if (!stored) return undefined;
    stored.remaining -= 1;
    if (stored.remaining <= 0) this.remove(stored.id);
    return { id: stored.id, rule: stored.rule };
  }
}

/** Whether a per-record failure rule hits this external id. */
export function failsRecord(failure: PerRecordFailure, externalId: string | null): boolean {
  if (externalId === null) return false;
  if (failure.externalIds?.some((id) => id.toLowerCase() === externalId.toLowerCase())) return true;
  if (failure.externalIdPattern !== undefined && new RegExp(failure.externalIdPattern).test(externalId)) return true;
  return failure.externalIds === undefined && failure.externalIdPattern === undefined;
}

const WRONG_TYPE_KEYS = new Set([
  'totalSize',
  'done',
  'success',
  'created',
  'Amount',
  'Probability',
  'Credit__c',
  'Touch_Count__c',
  'Deleted__c',
  'IsClosed',
  'IsWon',
]);

/** Numbers and booleans under well-known keys become strings, anywhere in the JSON. */
export function corruptTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(corruptTypes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      WRONG_TYPE_KEYS.has(key) && (typeof inner === 'number' || typeof inner === 'boolean')
        ? String(inner)
        : corruptTypes(inner),
    ]),
  );
}

/** The error a network failure gives `fetch`: a TypeError. `handle` rejects with it for `dropConnection`. */
export class DroppedConnectionError extends TypeError {
  readonly dropped = true;

  constructor() {
    super('Failed to fetch', { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
  }
}

export function isDroppedConnection(error: unknown): error is DroppedConnectionError {
  return error instanceof DroppedConnectionError;
}
