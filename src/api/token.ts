/**
 * Reading the sToken (base64 of JSON {token, expDate, orgName}) and keeping it out of text.
 * Nothing here echoes the token or any part of it: parse failures are reported by kind only,
 * because JSON.parse and Buffer messages quote their input.
 */
import { NEW_TOKEN_HINT, TokenError } from './errors.js';

export interface TokenInfo {
  orgName: string;
  expDate: Date;
}

export function decodeToken(sToken: string): TokenInfo {
  const text = sToken.trim();
  if (text === '') throw new TokenError('the content token (sToken) is empty');
  if (!/^[A-Za-z0-9+/=_-]+$/.test(text)) {
    throw new TokenError('the content token (sToken) is not readable: it is not base64 text');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw new TokenError('the content token (sToken) is not readable: it does not decode to JSON');
  }
  const fields = (parsed ?? {}) as Record<string, unknown>;
  if (typeof fields.token !== 'string' || typeof fields.expDate !== 'string' || typeof fields.orgName !== 'string') {
    throw new TokenError('the content token (sToken) is not readable: it lacks token, expDate or orgName');
  }
  const expDate = new Date(fields.expDate);
  if (Number.isNaN(expDate.getTime())) {
    throw new TokenError(`the content token (sToken) for ${fields.orgName} is not readable: its expDate is not a date`);
  }
  return { orgName: fields.orgName, expDate };
}

export function expiredTokenMessage(info: TokenInfo): string {
  return `the content token for ${info.orgName} expired on ${info.expDate.toISOString()}; ${NEW_TOKEN_HINT}`;
}

/** Replaces the token and its inner secret wherever they appear in `text`. */
export function makeRedactor(sToken: string): (text: string) => string {
  const secrets = [sToken, sToken.trim()];
  try {
    const inner = (JSON.parse(Buffer.from(sToken.trim(), 'base64').toString('utf8')) as { token?: unknown }).token;
    if (typeof inner === 'string') secrets.push(inner);
  } catch {
    // an unreadable token has no inner secret to hide
  }
  const hidden = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
