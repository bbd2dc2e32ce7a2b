import { describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/errors.js';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  isRetryableAnswer,
  parseRetryAfter,
  withRetries,
  type RetryInfo,
} from '../../src/api/retry.js';

describe('which answers are retried', () => {
  it.each([
    ['GET', 503, 9729, true],
    ['POST', 503, 9729, true],
    ['POST', 429, 9646, true],
    ['POST', 200, 9646, true],
    ['GET', 500, 9603, true],
    ['POST', 500, 9603, false],
    ['POST', 502, undefined, false],
    ['GET', 400, 9702, false],
    ['GET', 401, 9621, false],
  ] as const)('%s HTTP %i error %s -> %s', (method, status, errorNumber, expected) => {
    expect(isRetryableAnswer(method, status, errorNumber)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T22:33:22.400Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });
  it('reads an HTTP-date and waits to the end of its second', () => {
    const at = new Date(Date.parse('2026-11-21T22:33:24Z')).toUTCString();
    expect(parseRetryAfter(at, now)).toBe(2_600);
  });
  it('ignores garbage', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('is full jitter under a growing, capped ceiling', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 3, () => 0.999)).toBe(399);
    expect(backoffDelayMs(policy, 20, () => 0.999)).toBe(999);
    expect(backoffDelayMs(policy, 20, () => 0)).toBe(0);
  });
});

describe('withRetries', () => {
  const refused = (retryAfterMs?: number) =>
    new VppApiError({ endpoint: 'GET /assets', status: 503, errorNumber: 9729, retryable: true, reason: 'HTTP 503 error 9729', retryAfterMs });

  it('never waits less than Retry-After and gives up naming the last reason', async () => {
    const retries: RetryInfo[] = [];
    let sends = 0;
    const run = withRetries({
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      endpoint: 'GET /assets',
      send: async () => {
        sends++;
        throw refused(30);
      },
      onRetry: (info) => retries.push(info),
    });
    await expect(run).rejects.toMatchObject({
      message: 'GET /assets: gave up after 3 attempts; last: HTTP 503 error 9729',
      retryable: true,
      attempts: 3,
      errorNumber: 9729,
    });
    expect(sends).toBe(3);
    expect(retries.map((r) => r.delayMs)).toEqual([30, 30]);
  });

  it('fails at once when Retry-After exceeds what it will wait', async () => {
    let sends = 0;
    const run = withRetries({
      policy: { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 1000 },
      endpoint: 'GET /assets',
      send: async () => {
        sends++;
        throw refused(120_000);
      },
    });
    await expect(run).rejects.toThrow(/asked to wait 120 s/);
    expect(sends).toBe(1);
  });

  it('does not retry what is not retryable', async () => {
    let sends = 0;
    const run = withRetries({
      policy: DEFAULT_RETRY_POLICY,
      endpoint: 'POST /assets/associate',
      send: async () => {
        sends++;
        throw new VppApiError({ endpoint: 'POST /assets/associate', status: 400, errorNumber: 9702, retryable: false, reason: 'x' });
      },
    });
    await expect(run).rejects.toMatchObject({ errorNumber: 9702, attempts: 1 });
    expect(sends).toBe(1);
  });
});
