/** The request log's computations over hand-made timelines. */
import { describe, expect, test } from 'vitest';
import { SimRequestLog } from '../../src/sim/request-log.js';

function logOf(...requests: { at: number; path?: string; method?: string; status?: number; retryAfter?: string; took?: number }[]): SimRequestLog {
  const log = new SimRequestLog();
  for (const r of requests) {
    const entry = log.arrived({ at: r.at, method: r.method ?? 'GET', path: r.path ?? '/assets', query: {} });
    log.answered(entry, r.at + (r.took ?? 0), { status: r.status ?? 200, retryAfter: r.retryAfter });
  }
  return log;
}

describe('maxPerSecond', () => {
  test('counts a sliding window, not fixed one-second buckets', () => {
    expect(logOf(...[900, 950, 1000, 1050, 1100].map((at) => ({ at }))).maxPerSecond()).toBe(5);
    expect(logOf(...[0, 999, 1999, 2998].map((at) => ({ at }))).maxPerSecond()).toBe(2);
    expect(logOf(...[0, 1000, 2000].map((at) => ({ at }))).maxPerSecond()).toBe(1);
    expect(logOf().maxPerSecond()).toBe(0);
  });
});

describe('earlyAfterRetryAfter', () => {
  test('requests after the answer (past the in-flight grace) and before the Retry-After passed', () => {
    const log = logOf(
      { at: 990, took: 10, status: 503, retryAfter: '2' },
      { at: 1050 },
      { at: 1500 },
      { at: 2999 },
      { at: 3000 },
    );
    expect(log.earlyAfterRetryAfter().map((e) => e.at)).toEqual([1500, 2999]);
    expect(log.earlyAfterRetryAfter({ graceMs: 0 }).map((e) => e.at)).toEqual([1050, 1500, 2999]);
  });

  test('an HTTP-date Retry-After is read as the moment it names', () => {
    const at = Date.parse('2030-11-01T10:00:00Z');
    const log = logOf({ at, status: 503, retryAfter: 'Fri, 01 Nov 2030 10:00:05 GMT' }, { at: at + 4000 }, { at: at + 5000 });
    expect(log.entries[0]!.retryAfterUntil).toBe(at + 5000);
    expect(log.earlyAfterRetryAfter().map((e) => e.at)).toEqual([at + 4000]);
  });
});

describe('writes', () => {
  test('only accepted POSTs to the asynchronous write endpoints', () => {
    const log = logOf(
      { at: 1, method: 'POST', path: '/assets/associate' },
      { at: 2, method: 'POST', path: '/assets/associate', status: 503 },
      { at: 3, method: 'POST', path: '/client/config' },
      { at: 4, method: 'GET', path: '/assets' },
      { at: 5, method: 'POST', path: '/users/retire' },
    );
    expect(log.writes().map((e) => e.at)).toEqual([1, 5]);
    log.clear();
    expect(log.entries).toEqual([]);
  });
});
