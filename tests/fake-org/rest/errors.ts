/**
 * Salesforce REST errors: a JSON array of `{ message, errorCode, fields? }` with an HTTP status. Handlers throw
 * `ApiError`; the REST router turns it into the response.
 */

export interface SalesforceErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** One error inside a per-record result of sObject Collections (note: `statusCode`, not `errorCode`). */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): SalesforceErrorBody[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function notFound(message = NOT_FOUND_MESSAGE): ApiError {
  return new ApiError(404, 'NOT_FOUND', message);
}

export function invalidSession(): ApiError {
  return new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

export function apiDisabled(): ApiError {
  return new ApiError(403, 'API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner');
}

export function requestLimitExceeded(): ApiError {
  return new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
}

export function methodNotAllowed(method: string, allowed: string[]): ApiError {
  return new ApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
  );
}

export function invalidTypeMessage(objectName: string): string {
  return (
    `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to ` +
    `append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
  );
}

export function noSuchColumnMessage(field: string, objectName: string): string {
  return (
    `No such column '${field}' on entity '${objectName}'. If you are attempting to use a custom field, be sure ` +
    `to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
    `appropriate names.`
  );
}

/** Default messages for error codes a fault may name without a message. */
export const DEFAULT_MESSAGES: Record<string, string> = {
  INVALID_SESSION_ID: 'Session expired or invalid',
  REQUEST_LIMIT_EXCEEDED: 'TotalRequests Limit exceeded.',
  API_DISABLED_FOR_ORG: 'API is not enabled for this Organization or Partner',
  NOT_FOUND: NOT_FOUND_MESSAGE,
  UNKNOWN_EXCEPTION:
    'An unexpected error occurred. Please include this ErrorId if you contact support: 1618033988-42 (-1140411131)',
  SERVER_UNAVAILABLE: 'Server temporarily unavailable. Please try again later.',
  UNABLE_TO_LOCK_ROW: 'unable to obtain exclusive access to this record or 1 records',
  INSUFFICIENT_ACCESS: 'insufficient access rights on object id',
};
