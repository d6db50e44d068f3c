/** One content-script feature, in the refined-github manner: where it applies and what it does there. */
export interface FeatureRun {
  /** Aborted when the page changes (SPA navigation) or the extension goes away: undo everything then. */
  signal: AbortSignal;
  url: URL;
  /** The URL of the previous run on this tab, if any (for telling a new page from a re-render). */
  previousUrl?: URL;
  /**
   * The page to work in: the active Lightning page container (never the page being left), or the body of
   * a Classic page. Read and change nothing of Salesforce's outside it.
   */
  page: HTMLElement;
  document: Document;
}

export interface Feature {
  /** Unique, equal to the file name. */
  id: string;
  /** The feature runs when any of these matches the URL… */
  include: ReadonlyArray<(url: URL) => boolean>;
  /** …and none of these does. */
  exclude?: ReadonlyArray<(url: URL) => boolean>;
  init: (run: FeatureRun) => void | Promise<void>;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}
