/**
 * Warning `token-expires-soon`: decided by the earlier of the token's expDate and the answers'
 * tokenExpirationDate, 30 days or less away; never by whether the field is present.
 */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import type { TokenContext } from '../../src/plan/types.js';
import { desiredState, liveState, OPTIONS } from './fixtures.js';

const NOW = Date.parse('2026-12-03T09:00:00Z');
const DAY = 86_400_000;
const inDays = (days: number): string => new Date(NOW + days * DAY).toISOString();
const token = (days: number): TokenContext => ({ orgName: 'Central School', expDate: inDays(days), now: NOW });

function expiryWarnings(tokenDays: number, answeredDays?: number) {
  const live = liveState(answeredDays === undefined ? {} : { tokenExpirationDate: inDays(answeredDays) });
  return makePlan(desiredState(), live, OPTIONS, { token: token(tokenDays) }).warnings.filter((w) => w.code === 'token-expires-soon');
}

describe('token expiry', () => {
  it('is silent at 45 days, whether or not the answers carry tokenExpirationDate', () => {
    expect(expiryWarnings(45)).toEqual([]);
    expect(expiryWarnings(45, 45)).toEqual([]);
    expect(expiryWarnings(400, 45)).toEqual([]);
  });

  it('warns at 30 days and at 20, naming the date and the days left', () => {
    expect(expiryWarnings(30)).toEqual([
      {
        code: 'token-expires-soon',
        message: expect.stringMatching(/^the content token for Central School expires on 2027-01-02 \(in 30 days\); download a new content token in Apple School Manager/),
      },
    ]);
    expect(expiryWarnings(20)[0]!.message).toContain('expires on 2026-12-23 (in 20 days)');
  });

  it("takes the answers' date when it is the earlier", () => {
    expect(expiryWarnings(365, 20)[0]!.message).toContain('expires on 2026-12-23 (in 20 days)');
  });

  it("takes the token's own date when it is the earlier, and ignores an answer's date that is not a date", () => {
    expect(expiryWarnings(20, 365)[0]!.message).toContain('expires on 2026-12-23 (in 20 days)');
    const live = liveState({ tokenExpirationDate: 'soon' });
    expect(makePlan(desiredState(), live, OPTIONS, { token: token(45) }).warnings).toEqual([]);
  });

  it('says "1 day" on the last day but one, and nothing without a token context', () => {
    expect(expiryWarnings(1)[0]!.message).toContain('(in 1 day)');
    expect(makePlan(desiredState(), liveState({ tokenExpirationDate: inDays(2) }), OPTIONS).warnings).toEqual([]);
  });
});
