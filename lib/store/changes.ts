import Dexie from 'dexie';

/** The tables whose changes alter what badges and panels show. */
const ATTRIBUTION_TABLES = ['attributions', 'touches', 'partners'] as const;

/**
 * Calls `listener` once after a burst of committed changes to attributions, touches or partners of the
 * database named `dbName`, whoever wrote them: the panel, an import, a restore or a pull of teammates'
 * changes. Built on Dexie's `storagemutated` event. Returns a function that stops listening.
 */
export function onAttributionsChanged(
  dbName: string,
  listener: () => void,
  options: { debounceMs?: number } = {},
): () => void {
  return onTablesChanged(dbName, ATTRIBUTION_TABLES, listener, options);
}

/** The same for any tables; with `debounceMs: 0` the listener is called at once, for every change. */
export function onTablesChanged(
  dbName: string,
  tables: readonly string[],
  listener: () => void,
  { debounceMs = 250 } = {},
): () => void {
  const prefixes = tables.map((table) => `idb://${dbName}/${table}/`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscriber = (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
    if (debounceMs <= 0) {
      listener();
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(listener, debounceMs);
  };
  Dexie.on('storagemutated', subscriber);
  return () => {
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(subscriber);
  };
}

/** Each table's written primary keys, or `undefined` when its changes are not known key by key. */
export type ChangedKeys = Map<string, string[] | undefined>;

/** A node of the key ranges Dexie reports (its RangeSet, or the same as a plain object from another context). */
interface KeyRangeNode {
  from?: unknown;
  to?: unknown;
  l?: KeyRangeNode | null;
  r?: KeyRangeNode | null;
}

/** A string key, or the first part of a compound key of strings (touches: [attributionId, id]). */
function leadingKey(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  return Array.isArray(key) && key.every((part) => typeof part === 'string') ? key[0] : undefined;
}

function sameKey(a: unknown, b: unknown): boolean {
  return (
    a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((part, i) => part === b[i]))
  );
}

/**
 * The single string keys of a range set (of a compound key, its first part), or undefined when it holds a range (a clear, a delete by range,
 * a bulk write: Dexie reports those as ranges) or more than `maxKeys` keys.
 */
export function keysOfRangeSet(set: unknown, maxKeys: number): string[] | undefined {
  const keys: string[] = [];
  const stack: KeyRangeNode[] = [];
  if (set && typeof set === 'object') stack.push(set as KeyRangeNode);
  while (stack.length) {
    const node = stack.pop()!;
    if (!('from' in node)) continue; // empty
    const key = leadingKey(node.from);
    if (key === undefined || key !== leadingKey(node.to) || !sameKey(node.from, node.to) || keys.length >= maxKeys) {
      return undefined;
    }
    keys.push(key);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}

/**
 * Like `onTablesChanged` with no delay, and says what changed: for each of `tables` written in the burst,
 * the primary keys of the rows written (added, changed or deleted), or `undefined` when Dexie reports a
 * range (clears, restores, writes of 50 rows or more, a database created or upgraded) or the keys are too
 * many to be worth following one by one. Changes made in other pages of the extension arrive the same way.
 */
export function onRowsChanged(
  dbName: string,
  tables: readonly string[],
  listener: (changed: ChangedKeys) => void,
  { maxKeys = 1_000 } = {},
): () => void {
  const subscriber = (parts: Record<string, unknown>) => {
    const changed: ChangedKeys = new Map();
    for (const table of tables) {
      const prefix = `idb://${dbName}/${table}/`;
      const primary = parts[prefix];
      if (primary !== undefined) changed.set(table, keysOfRangeSet(primary, maxKeys));
      else if (Object.keys(parts).some((part) => part.startsWith(prefix))) changed.set(table, undefined);
    }
    if (changed.size) listener(changed);
  };
  Dexie.on('storagemutated', subscriber);
  return () => Dexie.on('storagemutated').unsubscribe(subscriber);
}
