import { describe, expect, it } from 'vitest';
import { messageOf } from '../../../lib/errors';
import { RequestError } from '../../../lib/messaging/request-error';

describe('RequestError', () => {
  it('carries the code to react to and the message to show', () => {
    const error = new RequestError('duplicate_sourced', 'This opportunity is already partner-sourced by Northwind.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RequestError');
    expect(error.code).toBe('duplicate_sourced');
    expect(error.message).toBe('This opportunity is already partner-sourced by Northwind.');
  });
});

describe('messageOf', () => {
  it('shows an error’s own message', () => {
    const unreachable = new RequestError('unreachable', 'Reload this page to continue.');
    expect(messageOf(unreachable)).toBe('Reload this page to continue.');
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(messageOf('Permission denied')).toBe('Permission denied');
  });

  it('says something readable for errors without a message and for anything else thrown', () => {
    const generic = 'Something went wrong. Please try again.';
    expect(messageOf(new Error(''))).toBe(generic);
    expect(messageOf({ reason: 'x' })).toBe(generic);
    expect(messageOf(undefined)).toBe(generic);
    expect(messageOf('')).toBe(generic);
  });
});
