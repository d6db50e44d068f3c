/**
 * Events the background sends to content scripts (the other direction from requests). They carry no
 * data: a content script that hears one asks again through the usual validated requests.
 */
export const ATTRIBUTIONS_CHANGED = 'pl:attributions-changed';

/** True for a message that is the attributions-changed event (anything else is ignored). */
export function isAttributionsChanged(message: unknown): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === ATTRIBUTIONS_CHANGED
  );
}
