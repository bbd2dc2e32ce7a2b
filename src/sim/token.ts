/**
 * Sim-issued sTokens and the Authorization check. A token is base64 of JSON {token, expDate,
 * orgName}, like Apple's; a location accepts any well-formed one whose expDate is in the future
 * (or, when the simulator serves several, the one made for it).
 * Nothing here puts a token into an error message.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { SimError } from './errors.js';

const DAY_MS = 86_400_000;
/** Apple adds tokenExpirationDate to every response when the token expires within this window. */
const EXPIRY_WINDOW_MS = 15 * DAY_MS;

/** Apple's date form: 2030-11-08T22:33:22+0000 */
export function formatAppleDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function makeSimToken(opts: { orgName?: string; expDate?: Date } = {}): string {
  const payload = {
    token: cryptoRandomBytes(24).toString('base64'),
    expDate: formatAppleDate((opts.expDate ?? new Date(Date.now() + 365 * DAY_MS)).getTime()),
    orgName: opts.orgName ?? 'vppctl simulator',
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

export interface AuthorizedToken {
  /** The whole sToken: the key of rate limiting and revocation. */
  sToken: string;
  expDate: number;
}

function readToken(sToken: string): AuthorizedToken | undefined {
  try {
    const fields = JSON.parse(Buffer.from(sToken, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof fields.token !== 'string' || typeof fields.orgName !== 'string' || typeof fields.expDate !== 'string') return undefined;
    const expDate = Date.parse(fields.expDate);
    return Number.isNaN(expDate) ? undefined : { sToken, expDate };
  } catch {
    return undefined;
  }
}

/** The sToken of a well-formed `Bearer {sToken}` header, whatever the token holds. */
export function bearerToken(header: string | null): string | undefined {
  return /^Bearer ([A-Za-z0-9+/=_-]+)$/.exec(header?.trim() ?? '')?.[1];
}

/**
 * 9601 without a header, 9722 when it is not `Bearer {sToken}` with a readable token, 9625 when
 * the token reaches no location (several served, none made for it) or was revoked, 9621 expired.
 */
export function authorize(header: string | null, now: number, location: { isRevoked(sToken: string): boolean } | undefined): AuthorizedToken {
  if (header === null || header.trim() === '') throw new SimError(9601);
  const sToken = bearerToken(header);
  const token = sToken === undefined ? undefined : readToken(sToken);
  if (!token) throw new SimError(9722);
  if (!location || location.isRevoked(token.sToken)) throw new SimError(9625);
  if (token.expDate <= now) throw new SimError(9621);
  return token;
}

/** The tokenExpirationDate to put on a response, when the token is inside the warning window. */
export function expiryNotice(token: AuthorizedToken | undefined, now: number): string | undefined {
  if (!token || token.expDate - now > EXPIRY_WINDOW_MS) return undefined;
  return formatAppleDate(token.expDate);
}
