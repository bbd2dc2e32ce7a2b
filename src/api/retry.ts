/**
 * Where a 503 is retried: which failures are worth sending again, how long to wait, and when to
 * give up.
 *
 * - A refusal (HTTP 503 or 429, errorNumber 9729 or 9646) says the server did not process the
 *   request, so any method, writes included, is sent again.
 * - Other 5xx answers and dropped connections are retried for GETs only: for a POST they do not
 *   prove the write was not accepted, and sending it twice could act twice.
 * - A connection that never opened proves nothing was sent, so it is retried for any method.
 * - Waits are capped exponential backoff with full jitter; a Retry-After is a floor, never undercut.
 * - A request that got no answer at all (it timed out) is sent at most maxSilentAttempts times:
 *   a server that accepts connections and never answers would otherwise hold a run for
 *   maxAttempts whole timeouts.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';
import { VppApiError } from './errors.js';

export interface RetryPolicy {
  /** Total sends of one request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap on the backoff (not on Retry-After, which is always honoured in full). */
  maxDelayMs: number;
  /** A Retry-After longer than this fails the request instead of waiting silently. */
  maxRetryAfterMs: number;
  /** Sends of one request that time out without any answer before it fails. */
  maxSilentAttempts: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
  maxSilentAttempts: 2,
});

const REFUSAL_STATUSES = new Set([429, 503]);
const REFUSAL_ERRORS = new Set([9646, 9729]);

/** An answer that proves the request was refused before any processing. */
export function isRefusal(status: number, errorNumber: number | undefined): boolean {
  return REFUSAL_STATUSES.has(status) || (errorNumber !== undefined && REFUSAL_ERRORS.has(errorNumber));
}

export function isRetryableAnswer(method: string, status: number, errorNumber: number | undefined): boolean {
  if (isRefusal(status, errorNumber)) return true;
  return method === 'GET' && status >= 500;
}

/** Failures raised while connecting: the request never left, so it is safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isNotSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/** Timeouts: the server never answered (connect, the answer's headers, or a stretch of its body). */
const NO_ANSWER_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function isNoAnswer(code: string | undefined): boolean {
  return code !== undefined && NO_ANSWER_CODES.has(code);
}

/** Failures after the request may have been sent: retried for GETs, an unknown outcome for POSTs. */
const CONNECTION_FAILURE_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

export function isConnectionFailure(code: string | undefined): boolean {
  return code !== undefined && (NOT_SENT_CODES.has(code) || CONNECTION_FAILURE_CODES.has(code));
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(failures-1))]. */
export function backoffDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as milliseconds from `receivedAt`: delta-seconds or an HTTP-date. An HTTP-date has
 * whole-second precision, so the wait runs to the end of the named second rather than its start.
 */
export function parseRetryAfter(value: string | undefined, receivedAt: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at + 1000 - receivedAt);
}

export interface RetryInfo {
  endpoint: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** "GET /assets: retrying in 12 s (attempt 2 failed: HTTP 503 …)", for a person watching a long wait. */
export function describeRetry(info: RetryInfo): string {
  return `${info.endpoint}: retrying in ${Math.ceil(info.delayMs / 1000)} s (attempt ${info.attempt} failed: ${info.reason})`;
}

export interface RetryRun<T> {
  policy: RetryPolicy;
  endpoint: string;
  /** One send; throws VppApiError (classified) on failure. */
  send: () => Promise<T>;
  onRetry?: (info: RetryInfo) => void;
  random?: () => number;
}

export async function withRetries<T>(run: RetryRun<T>): Promise<T> {
  const { policy, endpoint } = run;
  let silent = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run.send();
    } catch (err) {
      if (!(err instanceof VppApiError) || !err.retryable) throw err;
      if (err.noAnswer && ++silent >= policy.maxSilentAttempts) {
        throw finalError(err, attempt, `gave up after ${attempt} attempts, ${silent} of them without any answer; last: ${err.reason}`);
      }
      if (attempt >= policy.maxAttempts) throw finalError(err, attempt, `gave up after ${attempt} attempts; last: ${err.reason}`);
      const asked = err.retryAfterMs;
      if (asked !== undefined && asked > policy.maxRetryAfterMs) {
        throw finalError(err, attempt, `Apple asked to wait ${Math.ceil(asked / 1000)} s before retrying, longer than vppctl waits (${Math.ceil(policy.maxRetryAfterMs / 1000)} s); last: ${err.reason}`);
      }
      const delayMs = Math.max(asked ?? 0, backoffDelayMs(policy, attempt, run.random));
      run.onRetry?.({ endpoint, attempt, delayMs, reason: err.reason });
      await sleepMs(delayMs);
    }
  }
}

function finalError(last: VppApiError, attempts: number, reason: string): VppApiError {
  return new VppApiError({ ...last, reason, attempts });
}
