import browser from 'webextension-polyfill';
import type { RequestPayload, RequestType, Response, ResponseMap } from './protocol';
import { RequestError } from './request-error';

/** Sends one typed request to the background and returns its data, or throws a RequestError. */
export async function request<K extends RequestType>(type: K, payload: RequestPayload<K>): Promise<ResponseMap[K]> {
  let response: Response<K> | undefined;
  try {
    response = (await browser.runtime.sendMessage({ type, payload })) as Response<K> | undefined;
  } catch {
    // The extension was reloaded or updated under this page: its old content script is orphaned.
    throw new RequestError('unreachable', 'Partner Ledger was updated or restarted. Reload this page to continue.');
  }
  if (!response) throw new RequestError('unreachable', 'Partner Ledger did not answer. Reload this page to continue.');
  if (!response.ok) throw new RequestError(response.error.code, response.error.message);
  return response.data;
}

/** The request function, as components and helpers take it (tests pass one that needs no background). */
export type Requester = typeof request;
