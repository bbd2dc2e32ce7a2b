/**
 * Catches an sToken pasted into a file. The token grants control of a location's licenses, and a
 * repository is read by many people, so the file may only name the environment variable that
 * holds it. Messages here never contain the value.
 */
import { Buffer } from 'node:buffer';

export const DEFAULT_TOKEN_ENV = 'VPP_TOKEN';
const TOKEN_ENV_PATTERN = /^[A-Z_][A-Z0-9_]*$/;

/** An sToken is Base64 of a JSON object {token, expDate, orgName}; decoding proves it. */
export function looksLikeSToken(value: string): boolean {
  if (value.length < 40) return false;
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return false;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  if (!text.startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && ('expDate' in parsed || 'orgName' in parsed);
  } catch {
    return false;
  }
}

/** Long Base64-looking text: not provably an sToken, but certainly not a variable name. */
function looksLikeSecret(value: string): boolean {
  return value.length >= 32 && /^[A-Za-z0-9+/_=-]+$/.test(value.replace(/\s+/g, ''));
}

export interface TokenProblem {
  message: string;
  hint: string;
}

const MOVE_TO_SECRET =
  'store the token as a secret (for example a GitHub Actions secret), expose it as an environment variable, ' +
  `write that variable's NAME here (token: ${DEFAULT_TOKEN_ENV}), and download a new token in Apple School or ` +
  'Business Manager: this one has been written into the file, so treat it as exposed';

/** What is wrong with a `location.token` value, or undefined when it is a proper variable name. */
export function tokenProblem(value: string): TokenProblem | undefined {
  if (TOKEN_ENV_PATTERN.test(value)) return undefined;
  if (looksLikeSToken(value)) {
    return { message: '`token` holds an sToken itself; it must hold the NAME of an environment variable', hint: MOVE_TO_SECRET };
  }
  if (looksLikeSecret(value)) {
    return { message: '`token` looks like a secret, not the NAME of an environment variable', hint: MOVE_TO_SECRET };
  }
  return {
    message: '`token` must be the NAME of an environment variable (capital letters, digits and _)',
    hint: `for example token: ${DEFAULT_TOKEN_ENV}; the variable holds the sToken`,
  };
}

export const PASTED_TOKEN_MESSAGE = 'this value looks like an sToken; a token must never be written into the file';
export const PASTED_TOKEN_HINT = `remove it; ${MOVE_TO_SECRET}`;

/**
 * Base64 runs long enough to be an sToken; each is decoded to confirm before it is reported. The
 * lookbehind starts a match only where a run starts, keeping the scan linear in the file size.
 */
const BASE64_RUN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}/g;

/**
 * Offsets of sTokens anywhere in the text (values, keys, comments), except inside `skip` (the
 * `token:` value, which has its own message). A token in a comment is committed all the same.
 */
export function pastedTokenOffsets(text: string, skip?: readonly [number, number]): number[] {
  const offsets: number[] = [];
  for (const match of text.matchAll(BASE64_RUN)) {
    const at = match.index;
    if (skip && at >= skip[0] && at < skip[1]) continue;
    if (looksLikeSToken(match[0])) offsets.push(at);
  }
  return offsets;
}
