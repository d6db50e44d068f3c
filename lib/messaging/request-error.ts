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
