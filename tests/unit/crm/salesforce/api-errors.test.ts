import { describe, expect, it } from 'vitest';
import {
  classifyHtmlSuccess,
  classifyResponse,
  isSalesforceApiError,
  looksLikeHtml,
  parseErrorBody,
  redactSessions,
  SalesforceApiError,
} from '../../../../lib/crm/salesforce/api-errors';

const body = (errorCode: string, message: string) => JSON.stringify([{ message, errorCode, fields: [] }]);

describe('classifyResponse', () => {
  const cases: Array<[string, number, string, string, boolean]> = [
    ['401 INVALID_SESSION_ID', 401, body('INVALID_SESSION_ID', 'Session expired or invalid'), 'session_expired', false],
    ['401 without a body', 401, '', 'session_expired', false],
    [
      '403 REQUEST_LIMIT_EXCEEDED',
      403,
      body('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
      'limit_exceeded',
      true,
    ],
    [
      '403 API_DISABLED_FOR_ORG',
      403,
      body('API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.'),
      'api_disabled',
      false,
    ],
    [
      '403 "API is not enabled"',
      403,
      body('FUNCTIONALITY_NOT_ENABLED', 'API is not enabled for this Organization or Partner'),
      'api_disabled',
      false,
    ],
    [
      '403 API_CURRENTLY_DISABLED (the user lacks "API Enabled")',
      403,
      body('API_CURRENTLY_DISABLED', 'API is disabled for this User'),
      'api_disabled',
      false,
    ],
    [
      '401 API_CURRENTLY_DISABLED',
      401,
      body('API_CURRENTLY_DISABLED', 'API is disabled for this User'),
      'api_disabled',
      false,
    ],
    [
      '403 REQUEST_LIMIT_EXCEEDED ConcurrentPerOrgLongTxn',
      403,
      body('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
      'concurrency_limit',
      true,
    ],
    ['403 permissions', 403, body('INSUFFICIENT_ACCESS', 'You do not have access to this record'), 'forbidden', false],
    ['404', 404, body('NOT_FOUND', 'The requested resource does not exist'), 'not_found', false],
    [
      '400 INVALID_TYPE (ours)',
      400,
      body('INVALID_TYPE', "sObject type 'Partner_Attribution__c' is not supported."),
      'not_installed',
      false,
    ],
    [
      '400 INVALID_TYPE (our relationship)',
      400,
      body('INVALID_TYPE', "Didn't understand relationship 'Partner_Attributions__r' in FROM part of query call."),
      'not_installed',
      false,
    ],
    [
      '400 INVALID_FIELD (ours)',
      400,
      body('INVALID_FIELD', "No such column 'Touches__c' on entity 'Partner_Attribution__c'."),
      'not_installed',
      false,
    ],
    [
      '400 INVALID_TYPE (not ours)',
      400,
      body('INVALID_TYPE', "sObject type 'Widget__c' is not supported."),
      'invalid_request',
      false,
    ],
    ['400 MALFORMED_QUERY', 400, body('MALFORMED_QUERY', 'unexpected token: FORM'), 'invalid_request', false],
    ['414', 414, '', 'invalid_request', false],
    [
      '300',
      300,
      JSON.stringify(['/services/data/v62.0/sobjects/X__c/a0B1', '/services/data/v62.0/sobjects/X__c/a0B2']),
      'multiple_matches',
      false,
    ],
    ['500', 500, body('UNKNOWN_EXCEPTION', 'An unexpected error occurred'), 'server', true],
    ['503 HTML', 503, '<html><body>Maintenance</body></html>', 'server', true],
  ];

  it.each(cases)('%s', (_name, status, text, kind, retryable) => {
    const error = classifyResponse(status, text);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it("keeps the error code and Salesforce's message for invalid requests", () => {
    const error = classifyResponse(400, body('MALFORMED_QUERY', "unexpected token: 'FORM'"));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe("Salesforce rejected the request: unexpected token: 'FORM'");
  });

  it('tells people what to do', () => {
    expect(classifyResponse(401, '').message).toMatch(/Reload the Salesforce tab/);
    expect(classifyResponse(403, body('API_DISABLED_FOR_ORG', 'x')).message).toMatch(/ask your Salesforce admin/);
    expect(classifyResponse(403, body('REQUEST_LIMIT_EXCEEDED', 'x')).message).toMatch(/tries again later/);
    expect(classifyResponse(400, body('INVALID_TYPE', 'Partner_Attribution__c')).message).toMatch(/deploy/);
  });

  it('explains a user without API access as "API disabled", in words for that user', () => {
    const error = classifyResponse(403, body('API_CURRENTLY_DISABLED', 'API is disabled for this User'));
    expect(error.errorCode).toBe('API_CURRENTLY_DISABLED');
    expect(error.message).toMatch(/API Enabled/);
    expect(error.message).toMatch(/your Salesforce user/i);
    expect(error.message).toMatch(/ask your Salesforce admin/);
  });

  it('tells the concurrency limit from the daily allowance, each in its own words', () => {
    const busy = classifyResponse(403, body('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'));
    expect(busy.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(busy.message).toMatch(/at once/);
    expect(busy.message).toMatch(/in a minute/);
    expect(busy.message).not.toMatch(/allowance/);
    const daily = classifyResponse(403, body('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
    expect(daily.kind).toBe('limit_exceeded');
    expect(daily.message).toMatch(/allowance/);
  });

  it('shortens a very long Salesforce message', () => {
    const error = classifyResponse(400, body('X', 'y'.repeat(2000)));
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('classifyHtmlSuccess', () => {
  it('a login page means the session ended', () => {
    expect(classifyHtmlSuccess(200, '<html><title>Login | Salesforce</title></html>').kind).toBe('session_expired');
  });
  it('another page is a bad response that may go away', () => {
    const error = classifyHtmlSuccess(200, '<html><body>Wi-Fi portal</body></html>');
    expect(error.kind).toBe('bad_response');
    expect(error.retryable).toBe(true);
  });
});

describe('parseErrorBody and looksLikeHtml', () => {
  it('reads Salesforce error arrays and OAuth-style objects', () => {
    expect(parseErrorBody('[{"message":"m","errorCode":"E","fields":["A"]}]')).toEqual([
      { message: 'm', errorCode: 'E', fields: ['A'] },
    ]);
    expect(parseErrorBody('{"error":"invalid_grant","error_description":"expired"}')).toEqual([
      { message: 'expired', errorCode: 'invalid_grant' },
    ]);
    expect(parseErrorBody('<html>')).toEqual([]);
    expect(parseErrorBody('[1, null, {}]')).toEqual([]);
  });

  it('tells HTML from JSON', () => {
    expect(looksLikeHtml('<!DOCTYPE html>', null)).toBe(true);
    expect(looksLikeHtml('whatever', 'text/html; charset=UTF-8')).toBe(true);
    expect(looksLikeHtml('{"a":1}', 'application/json')).toBe(false);
    expect(looksLikeHtml('[]', null)).toBe(false);
  });
});

describe('SalesforceApiError', () => {
  const sid = '00D5g000004bBcD!AQ0AQH8vS3cR3t.t0k3n';

  it('removes anything shaped like a session id from messages', () => {
    expect(redactSessions(`token ${sid} here`)).toBe('token [session] here');
    const error = new SalesforceApiError('invalid_request', `Bearer ${sid}`);
    expect(error.message).not.toContain(sid);
    expect(JSON.stringify(error)).not.toContain(sid);
  });

  it('serialises kind, message, status, code and retryable, never the cause', () => {
    const error = new SalesforceApiError('network', 'Could not reach Salesforce.', {
      cause: new Error(`secret ${sid}`),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'SalesforceApiError',
      kind: 'network',
      message: 'Could not reach Salesforce.',
      retryable: true,
    });
    expect(isSalesforceApiError(error)).toBe(true);
    expect(isSalesforceApiError(new Error('x'))).toBe(false);
  });

  it('lets the retryable default be overridden', () => {
    expect(new SalesforceApiError('bad_response', 'x').retryable).toBe(false);
    expect(new SalesforceApiError('bad_response', 'x', { retryable: true }).retryable).toBe(true);
    expect(new SalesforceApiError('server', 'x').retryable).toBe(true);
  });
});
