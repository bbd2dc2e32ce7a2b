/**
 * When the location's content token stops working, and warning `token-expires-soon` when that is
 * 30 days away or less (Jamf mails at 31). Two dates say it: the token's own `expDate` and the
 * `tokenExpirationDate` Apple's answers may carry. Apple's text says the field appears only in the
 * last 15 days, its worked examples carry it on every answer years ahead: its presence means
 * nothing, so the earlier of the two dates decides. An expired or revoked token never gets here:
 * the client refuses it before (or at) the first request.
 */
import { NEW_TOKEN_HINT } from '../api/errors.js';
import { plural } from '../shared/plural.js';
import { visibleText } from '../shared/visible-text.js';
import type { PlanMessage, TokenContext } from './types.js';

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TokenExpiry {
  /** The earlier of the token's expDate and the answers' tokenExpirationDate (ISO 8601). */
  date: string;
  /** Whole days left, rounded up (0 on the day itself). */
  daysLeft: number;
}

/** The earlier of the two dates; an answer's date that is not a date is ignored. */
export function tokenExpiry(token: TokenContext, tokenExpirationDate: string | undefined): TokenExpiry {
  const own = Date.parse(token.expDate);
  const answered = tokenExpirationDate === undefined ? NaN : Date.parse(tokenExpirationDate);
  const at = Number.isNaN(answered) ? own : Math.min(own, answered);
  return { date: new Date(at).toISOString(), daysLeft: Math.max(0, Math.ceil((at - token.now) / DAY_MS)) };
}

export function tokenExpiryWarnings(token: TokenContext | undefined, tokenExpirationDate: string | undefined): PlanMessage[] {
  if (token === undefined) return [];
  const { date, daysLeft } = tokenExpiry(token, tokenExpirationDate);
  if (daysLeft > EXPIRY_WARNING_DAYS) return [];
  return [
    {
      code: 'token-expires-soon',
      message: `the content token for ${visibleText(token.orgName)} expires on ${date.slice(0, 10)} (in ${plural(daysLeft, 'day')}); ${NEW_TOKEN_HINT}`,
    },
  ];
}
