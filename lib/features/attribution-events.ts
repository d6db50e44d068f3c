import browser from 'webextension-polyfill';
import { isAttributionsChanged } from '../messaging/events';

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

/** Asks the attribution panel on this page to open (from a badge's popover). */
export const OPEN_PANEL_EVENT = 'pl:open-panel';
