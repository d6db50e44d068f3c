import { getActivePage } from '../crm/salesforce/dom';
import type { Feature } from './define-feature';

export interface FeatureRunner {
  /** Runs the features for a URL, first undoing the previous run. Same URL twice is a no-op. */
  run: (url: URL) => void;
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
 * One feature failing never stops the others.
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

  function run(url: URL) {
    if (lifetime?.aborted || url.href === lastUrl?.href) return;
    const previousUrl = lastUrl;
    // Read before anything changes: on a navigation, the active page is still the one being left.
    const previousPage = previousUrl ? getActivePage(doc) : undefined;
    stop();
    lastUrl = url;
    const current = new AbortController();
    controller = current;
    for (const feature of features) {
      if (!appliesTo(feature, url)) continue;
      try {
        const result = feature.init({ signal: current.signal, url, previousUrl, previousPage, document: doc });
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
