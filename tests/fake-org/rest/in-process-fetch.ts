import type { FetchLike } from '../../../lib/crm/salesforce/rest-client';
import type { RestApi } from './api';

/**
 * A `fetch` for the REST client that calls the fake org's API in-process: no sockets, so unit and property
 * tests and the API-call benchmark run the real client against the fake org quickly. A dropped connection
 * rejects like `fetch` does.
 */
export function inProcessFetch(api: RestApi): FetchLike {
  return async (url, init) => {
    const parsed = new URL(url);
    const response = await api.handle({
      method: init.method,
      url: parsed.pathname + parsed.search,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const headers = new Map(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
    return {
      status: response.status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => response.body,
    };
  };
}
