/**
 * Errors the user can be shown. `message` is written for a person ("This opportunity is already
 * partner-sourced by …"), `code` is for code that needs to react to a specific failure.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'forbidden_sender'
  | 'duplicate_sourced'
  | 'duplicate_partner'
  | 'not_found'
  | 'duplicate_partner_name'
  | 'partner_in_use'
  | 'reason_required'
  | 'partner_inactive'
  | 'not_disputed'
  | 'too_large'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
