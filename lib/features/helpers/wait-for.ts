/**
 * Resolves with the first defined value of `read()`, re-checking whenever the DOM under `root` changes.
 * Resolves undefined when `signal` aborts or after `timeoutMs`. Observes only while waiting.
 */
export function waitFor<T>(
  read: () => T | undefined,
  { root, signal, timeoutMs = 10_000 }: { root: Node; signal: AbortSignal; timeoutMs?: number },
): Promise<T | undefined> {
  const now = read();
  if (now !== undefined || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const value = read();
      if (value !== undefined) finish(value);
    });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const onAbort = () => finish(undefined);
    function finish(value: T | undefined) {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
    signal.addEventListener('abort', onAbort, { once: true });
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class', 'hidden', 'aria-hidden'],
      characterData: true,
    });
  });
}
