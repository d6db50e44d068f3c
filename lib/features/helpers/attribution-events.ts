import browser from 'webextension-polyfill';
import { isAttributionsChanged } from '../../messaging/events';

/**
 * Calls `callback` whenever the background says attributions changed (a teammate's change synced, a tag
 * made in another tab), until `signal` aborts. The message carries nothing to trust: callers ask again.
 */
export function onAttributionsChanged(signal: AbortSignal, callback: () => void): void {
  if (signal.aborted) return;
  const listener = (message: unknown) => {
    if (isAttributionsChanged(message)) callback();
    // Returning nothing: this listener never answers, so other listeners can.
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}

/** The page event a badge's "Open partner panel" sends to the panel on the same page. */
const OPEN_PANEL_EVENT = 'pl:open-panel';

/** Asks the panel on this page, if any, to open. */
export function requestOpenPanel(doc: Document): void {
  doc.dispatchEvent(new CustomEvent(OPEN_PANEL_EVENT));
}

/** Calls `callback` whenever something on the page asks the panel to open, until `signal` aborts. */
export function onOpenPanelRequested(doc: Document, signal: AbortSignal, callback: () => void): void {
  if (signal.aborted) return;
  doc.addEventListener(OPEN_PANEL_EVENT, callback, { signal });
}
