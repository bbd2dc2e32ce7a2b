import { describe, expect, it } from 'vitest';
import { TokenError } from '../../src/api/errors.js';
import { decodeToken, makeRedactor } from '../../src/api/token.js';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');
const SECRET = 'VGhpcyBpcyBhIHNlY3JldCB0b2tlbg==';
const TOKEN = encode({ token: SECRET, expDate: '2030-11-08T22:33:22+0000', orgName: 'Central School' });

describe('decodeToken', () => {
  it("reads Apple's format, including the +0000 offset", () => {
    const info = decodeToken(`${TOKEN}\n`);
    expect(info.orgName).toBe('Central School');
    expect(info.expDate.toISOString()).toBe('2030-11-08T22:33:22.000Z');
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not a token!'],
    ['not JSON', Buffer.from('{"token": "abc-secret-123", oops').toString('base64')],
    ['missing fields', encode({ token: 'abc-secret-123', orgName: 'X' })],
    ['bad date', encode({ token: 'abc-secret-123', expDate: 'someday', orgName: 'X' })],
  ])('rejects a token that is %s without quoting it', (_kind, token) => {
    let error: unknown;
    try {
      decodeToken(token);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TokenError);
    const message = (error as Error).message;
    expect(message).toMatch(/content token/);
    expect(message).not.toContain('abc-secret-123');
    if (token.length > 0) expect(message).not.toContain(token);
  });
});

describe('makeRedactor', () => {
  it('hides the token and its inner secret', () => {
    const redact = makeRedactor(TOKEN);
    expect(redact(`header Bearer ${TOKEN} and ${SECRET}`)).toBe('header Bearer [redacted] and [redacted]');
  });
});
