/**
 * Answers decoded against the documented shapes, settings that would put a token at risk, and
 * the bound on requests that never get an answer (issue 16, items 5, 6 and 7).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMismatch } from '../../src/api/decode-answers.js';
import { VppApiError } from '../../src/api/errors.js';
import { DEFAULT_RETRY_POLICY, withRetries } from '../../src/api/retry.js';
import { checkedBaseUrl, checkPollInterval, isLoopback, settingsFromEnv } from '../../src/api/settings.js';
import { WaitNotices } from '../../src/api/wait-notice.js';

const page = { currentPageIndex: 3, totalPages: 5, nextPageIndex: 4, size: 1, versionId: 'v1', uId: '1' };
const assignment = { adamId: '1', pricingParam: 'STDQ', clientUserId: 'u-1' };

describe('answers are checked against the shapes the API documents', () => {
  it.each([
    [{ ...page, assignments: 'oops' }, 'page 3 answered HTTP 200 but `assignments` is not a list (it is the text "oops")'],
    [{ ...page, assignments: { 0: assignment } }, 'page 3 answered HTTP 200 but `assignments` is not a list (it is an object)'],
    [{ ...page }, 'page 3 answered HTTP 200 but `assignments` is missing'],
    [{ ...page, assignments: [assignment, { adamId: '1', pricingParam: 'STDQ' }] }, 'page 3 answered HTTP 200 but `assignments[1]` has neither a clientUserId nor a serialNumber'],
    [{ ...page, assignments: [{ ...assignment, adamId: 1 }] }, 'page 3 answered HTTP 200 but `assignments[0].adamId` is not text (it is the number 1)'],
    [{ ...page, versionId: undefined, assignments: [] }, 'page 3 answered HTTP 200 but `versionId` is missing'],
    [{ ...page, assignments: [], mdmInfo: { id: 7 } }, 'page 3 answered HTTP 200 but `mdmInfo.id` is not text (it is the number 7)'],
    [[assignment], 'page 3 answered HTTP 200 but the answer is not an object (it is a list of 1)'],
  ])('GET /assignments %#', (body, said) => {
    expect(answerMismatch('GET', '/assignments', { pageIndex: 3 }, 200, body)).toBe(said);
  });

  it('a documented answer passes, and null in an optional field counts as absent', () => {
    const body: Record<string, unknown> = { ...page, nextPageIndex: null, assignments: [assignment, { adamId: '2', pricingParam: 'PLUS', serialNumber: 'X', userStatus: 'Weird' }] };
    expect(answerMismatch('GET', '/assignments', { pageIndex: 3 }, 200, body)).toBeUndefined();
    expect('nextPageIndex' in body).toBe(false);
  });

  it('writes need an eventId; /status needs a known eventStatus', () => {
    expect(answerMismatch('POST', '/assets/associate', undefined, 200, { uId: '1' })).toBe('answered HTTP 200 but `eventId` is missing');
    expect(answerMismatch('POST', '/users/create', undefined, 200, { eventId: '' })).toBe('answered HTTP 200 but the answer is an empty eventId');
    expect(answerMismatch('GET', '/status', { eventId: 'e' }, 200, { eventStatus: 'DONE' })).toBe('answered HTTP 200 but `eventStatus` is not one of PENDING, COMPLETE, FAILED (it is the text "DONE")');
    expect(answerMismatch('GET', '/status', { eventId: 'e' }, 200, { eventStatus: 'FAILED', failures: [{ errorNumber: '9603' }] })).toMatch(/`failures\[0\]\.errorNumber` is not a whole number/);
  });

  it('never throws anything but a sentence, whatever the body', () => {
    const paths = ['/assets', '/assignments', '/users', '/subscriptions', '/subscriptions/assignments', '/status', '/client/config', '/service/config'];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, body) => {
        const said = answerMismatch('GET', path, { pageIndex: 0 }, 200, body);
        if (said !== undefined) expect(said).toMatch(/^page 0 answered HTTP 200 but /);
      }),
    );
  });
});

describe('settings that put a token at risk', () => {
  it('plain HTTP is refused to any host but this machine, unless VPP_ALLOW_PLAIN_HTTP allows it', () => {
    for (const ok of ['http://127.0.0.1:8080/mdm/v2', 'http://localhost/mdm/v2', 'http://[::1]:9/mdm/v2', 'https://vpp.itunes.apple.com/mdm/v2']) {
      expect(() => checkedBaseUrl(ok, false)).not.toThrow();
    }
    for (const bad of ['http://10.0.0.5/mdm/v2', 'http://vpp.itunes.apple.com/mdm/v2', 'http://127.0.0.1.evil.example/mdm/v2']) {
      expect(() => checkedBaseUrl(bad, false)).toThrow(/refusing to send the content token over plain HTTP to .*VPP_ALLOW_PLAIN_HTTP=1/);
      expect(() => checkedBaseUrl(bad, true)).not.toThrow();
    }
    expect(() => checkedBaseUrl('ftp://x/', true)).toThrow(/not http:\/\/ or https:\/\//);
    expect(isLoopback('127.9.9.9')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });

  it("a poll interval under Apple's 30 s is refused against Apple, allowed against the simulator", () => {
    expect(() => checkPollInterval(1, 'https://vpp.itunes.apple.com/mdm/v2')).toThrow(/--poll-interval 1 is under Apple's minimum of 30 s/);
    expect(() => checkPollInterval(29.9, 'https://proxy.example.com/mdm/v2')).toThrow(/under Apple's minimum/);
    expect(() => checkPollInterval(30, 'https://vpp.itunes.apple.com/mdm/v2')).not.toThrow();
    expect(() => checkPollInterval(0.05, 'http://127.0.0.1:4000/mdm/v2')).not.toThrow();
  });

  it('reads the environment', () => {
    expect(settingsFromEnv({})).toEqual({ baseUrl: 'https://vpp.itunes.apple.com/mdm/v2', allowPlainHttp: false, timeoutMs: 30_000 });
    expect(settingsFromEnv({ VPP_BASE_URL: 'http://x/', VPP_ALLOW_PLAIN_HTTP: '1', VPP_REQUEST_TIMEOUT: '2.5' })).toEqual({ baseUrl: 'http://x/', allowPlainHttp: true, timeoutMs: 2500 });
    expect(() => settingsFromEnv({ VPP_REQUEST_TIMEOUT: 'soon' })).toThrow(/VPP_REQUEST_TIMEOUT must be a number of seconds/);
  });
});

describe('requests that never get an answer', () => {
  it('are sent at most maxSilentAttempts times, whatever maxAttempts allows', async () => {
    let sends = 0;
    const silent = () => {
      sends++;
      return Promise.reject(new VppApiError({ endpoint: 'GET /assets', status: 0, retryable: true, noAnswer: true, reason: 'no answer within 30 s' }));
    };
    const attempt = withRetries({ policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 1 }, endpoint: 'GET /assets', send: silent });
    await expect(attempt).rejects.toThrow('GET /assets: gave up after 2 attempts, 2 of them without any answer; last: no answer within 30 s');
    expect(sends).toBe(2);
  });

  it('a slow request is named, at most one line per interval', async () => {
    const lines: string[] = [];
    const waits = new WaitNotices({ everyMs: 20, attemptTimeoutMs: 1000, notify: (m) => lines.push(m) });
    const first = waits.start('GET /assets?pageIndex=0');
    const second = waits.start('GET /users?pageIndex=0');
    await new Promise((r) => setTimeout(r, 50));
    first();
    second();
    const done = lines.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.length).toBe(done);
    expect(lines[0]).toMatch(/^waiting for an answer to GET \/assets\?pageIndex=0: none after 0 s \(1 more request waiting\); each attempt gives up after 1 s$/);
    expect(done).toBeLessThanOrEqual(3);
  });
});
