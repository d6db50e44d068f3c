import type { Feature } from './define-feature';
import { getPageBeingLeft, waitForActivePage } from './active-page';

export interface FeatureRunner {
  /**
   * Runs the features for a URL, first undoing the previous run. Same URL twice is a no-op. Resolves once
   * the features have started (after the page came), or at once when none applies.
   */
  run: (url: URL) => Promise<void>;
  /** Undoes the current run. */
  stop: () => void;
}

/** Whether a feature applies to a URL. */
export function appliesTo(feature: Feature, url: URL): boolean {
  return feature.include.some((test) => test(url)) && !(feature.exclude ?? []).some((test) => test(url));
}

/**
 * Runs the feature list for each page. Every run gets its own AbortController, aborted on the next
 * navigation (Lightning is a single-page app) or when `lifetime` ends (the extension was reloaded).
 * Each feature is handed the page to work in, so none looks for it itself. One feature failing never
 * stops the others.
 */
export function createFeatureRunner(
  features: readonly Feature[],
  { document: doc = document, lifetime }: { document?: Document; lifetime?: AbortSignal } = {},
): FeatureRunner {
  let controller: AbortController | undefined;
  let lastUrl: URL | undefined;

  function stop() {
    controller?.abort();
    controller = undefined;
  }
  lifetime?.addEventListener('abort', stop, { once: true });

  async function run(url: URL) {
    if (lifetime?.aborted || url.href === lastUrl?.href) return;
    const previousUrl = lastUrl;
    // Read before anything changes: on a navigation, the active page is still the one being left.
    const leaving = getPageBeingLeft(doc, previousUrl, url);
    stop();
    lastUrl = url;
    const { signal } = (controller = new AbortController());
    const applicable = features.filter((feature) => appliesTo(feature, url));
    if (!applicable.length) return;
    const page = await waitForActivePage(doc, { signal, leaving });
    if (!page || signal.aborted) return;
    for (const feature of applicable) {
      try {
        const result = feature.init({ signal, url, previousUrl, page, document: doc });
        if (result instanceof Promise) result.catch((error: unknown) => report(feature.id, error));
      } catch (error) {
        report(feature.id, error);
      }
    }
  }

  return { run, stop };
}

function report(id: string, error: unknown) {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  console.warn(`[Partner Ledger] feature ${id} failed`, error);
}
