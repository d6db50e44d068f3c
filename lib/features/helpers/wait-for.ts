import { observeDeep } from '../../crm/salesforce/shadow-dom';

/**
 * Resolves with the first defined value of `read()`, re-checking whenever the DOM under `root` changes, inside
 * open shadow roots too (native-shadow Lightning renders a page's content there). Resolves undefined when
 * `signal` aborts or after `timeoutMs`. Observes only while waiting.
 */
export function waitFor<T>(
  read: () => T | undefined,
  { root, signal, timeoutMs = 10_000 }: { root: Element | Document; signal: AbortSignal; timeoutMs?: number },
): Promise<T | undefined> {
  const now = read();
  if (now !== undefined || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const watching = new AbortController();
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const onAbort = () => finish(undefined);
    function finish(value: T | undefined) {
      watching.abort();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
    signal.addEventListener('abort', onAbort, { once: true });
    observeDeep(
      root,
      () => {
        const value = read();
        if (value !== undefined) finish(value);
      },
      {
        signal: watching.signal,
        attributes: true,
        attributeFilter: ['class', 'hidden', 'aria-hidden'],
        characterData: true,
      },
    );
  });
}
