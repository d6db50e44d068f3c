import type { z } from '../zod';
import { AppError } from '../errors';
import type { ParsedPayload, RequestType, Response, ResponseMap } from './protocol';
import { envelopeSchema, requestSchemas } from './schemas';
import { mayRequest, type SenderKind } from './sender';

/** What the background knows about a request besides its payload. */
export interface RequestMeta {
  /** The page the content script runs in, as the browser reports it (not as the message claims). */
  senderUrl?: string;
  /**
   * The cookie store of the sender's tab (Firefox: `tab.cookieStoreId`, one per container and for private
   * windows). Chrome has none: with `"incognito": "split"` its incognito windows get a background of their
   * own, whose cookie calls reach only the incognito store.
   */
  cookieStoreId?: string;
}

/** What the browser (not the message) says about the sender: its page and its tab's cookie store. */
export function requestMetaOf(sender: unknown): RequestMeta {
  const { url, tab } = (sender ?? {}) as { url?: unknown; tab?: { cookieStoreId?: unknown } };
  const cookieStoreId = tab?.cookieStoreId;
  return {
    ...(typeof url === 'string' ? { senderUrl: url } : {}),
    ...(typeof cookieStoreId === 'string' && cookieStoreId !== '' ? { cookieStoreId } : {}),
  };
}

export type Handlers = {
  [K in RequestType]: (payload: ParsedPayload<K>, meta: RequestMeta) => Promise<ResponseMap[K]>;
};

/** The first problem Zod found, in words, naming the field when there is one. */
function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not understood.';
  return issue.message;
}

/**
 * Turns a raw runtime message into a typed call of its handler. Every message is validated first;
 * every failure becomes an `{ ok: false, error }` answer the sender can show, never an exception.
 * `kindOf` tells who sent it (lib/messaging/sender.ts): anything but this extension is refused outright,
 * and a content script may make only the requests of `CONTENT_SCRIPT_REQUESTS`.
 */
export interface RouterOptions {
  /**
   * Told of a handler's failure: resolves to true when it repaired the cause (the background reopens a
   * database that was closed under it) and the handler may run once more.
   */
  recover?: (error: unknown) => Promise<boolean>;
}

export function createMessageRouter(
  handlers: Handlers,
  kindOf: (sender: unknown) => SenderKind | undefined,
  options: RouterOptions = {},
) {
  return async function route(message: unknown, sender: unknown): Promise<Response<RequestType>> {
    const kind = kindOf(sender);
    if (!kind) {
      return {
        ok: false,
        error: { code: 'forbidden_sender', message: 'Messages are accepted only from Partner Ledger itself.' },
      };
    }
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) {
      return { ok: false, error: { code: 'invalid_request', message: 'The request was not understood.' } };
    }
    const { type } = envelope.data;
    if (!mayRequest(kind, type)) {
      return {
        ok: false,
        error: {
          code: 'forbidden_sender',
          message: 'Only Partner Ledger’s own pages (its options page and popup) can do that. Nothing was changed.',
        },
      };
    }
    const payload = requestSchemas[type].safeParse(envelope.data.payload ?? {});
    if (!payload.success) {
      return { ok: false, error: { code: 'invalid_request', message: describeIssues(payload.error) } };
    }
    try {
      const handler = handlers[type] as (p: unknown, meta: RequestMeta) => Promise<ResponseMap[RequestType]>;
      const meta = requestMetaOf(sender);
      try {
        return { ok: true, data: await handler(payload.data, meta) };
      } catch (error) {
        // Once: a handler that fails again after the repair fails for good.
        if (!(await options.recover?.(error).catch(() => false))) throw error;
        return { ok: true, data: await handler(payload.data, meta) };
      }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      console.error('[Partner Ledger] request failed', type, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Partner Ledger could not complete that. Nothing was changed; please try again.',
        },
      };
    }
  };
}
