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
