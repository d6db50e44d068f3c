import type { ErrorCode } from '../errors';

/** A request the background refused or could not complete; `message` is meant for the user. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const FALLBACK_MESSAGE = 'Something went wrong. Please try again.';

/**
 * What to tell the user about a failure. Errors from the background and the browser carry messages
 * written for a person; anything else gets a generic sentence rather than "[object Object]".
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return FALLBACK_MESSAGE;
}
