/**
 * One HTTP exchange with Apple over a keep-alive undici Pool: JSON in, JSON out, the Bearer
 * header, and every failure turned into a classified VppApiError (no retries here; see retry.ts).
 * Bodies carrying an errorNumber are errors whatever the HTTP status: Apple has been seen
 * answering 200 with an error body. Every other answer is checked against the shape the API
 * documents (decode-answers.ts) before anyone reads it.
 */
import { Pool } from 'undici';
import { answerMismatch } from './decode-answers.js';
import { NEW_TOKEN_HINT, VppApiError } from './errors.js';
import { checkedBaseUrl } from './settings.js';
import { isNoAnswer, isNotSent, isRefusal, isRetryableAnswer, isConnectionFailure, parseRetryAfter } from './retry.js';
import { WaitNotices } from './wait-notice.js';
import { visibleText } from '../shared/visible-text.js';
import type { ErrorInfo } from './types.js';

export { APPLE_BASE_URL } from './settings.js';

export type Method = 'GET' | 'POST';
export type Query = Record<string, string | number | boolean | undefined>;

export interface HttpOptions {
  baseUrl: string;
  token: string;
  redact: (text: string) => string;
  /** Per attempt: connecting, the answer's headers, and each stretch of its body. */
  timeoutMs: number;
  /** Plain http:// to a host other than this machine (see settings.ts). */
  allowPlainHttp?: boolean;
  /** Told, in a sentence, what a slow request is waiting for (wait-notice.ts). */
  onWaiting?: (message: string) => void;
}

/** A request unanswered this long (or half its timeout, if shorter) is named (onWaiting), at most once per this long. */
const WAIT_NOTICE_MS = 10_000;

const OUTCOME_UNKNOWN = 'the write may or may not have been accepted: re-read the live state before sending it again';

/** 401s and the errorNumbers that mean the token itself was refused. */
const TOKEN_ERRORS = new Set([9601, 9621, 9625, 9722]);

export class HttpTransport {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;

  private readonly waits?: WaitNotices;

  constructor(private readonly opts: HttpOptions) {
    const url = checkedBaseUrl(opts.baseUrl, opts.allowPlainHttp ?? false, opts.redact);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.origin = url.origin;
    if (opts.onWaiting) {
      this.waits = new WaitNotices({ everyMs: Math.min(WAIT_NOTICE_MS, opts.timeoutMs / 2), attemptTimeoutMs: opts.timeoutMs, notify: opts.onWaiting });
    }
    this.pool = new Pool(url.origin, {
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connectTimeout: opts.timeoutMs,
    });
  }

  async send<T>(method: Method, path: string, query?: Query, body?: unknown): Promise<T> {
    const endpoint = `${method} ${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.opts.token}`,
      accept: 'application/json',
    };
    if (method === 'POST') headers['content-type'] = 'application/json';
    let status: number;
    let retryAfter: string | undefined;
    let text: string;
    const answered = this.waits?.start(`${endpoint}${queryString(query)}`);
    try {
      const res = await this.pool.request({
        method,
        path: this.basePath + path + queryString(query),
        headers,
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      });
      status = res.statusCode;
      const header = res.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      text = await res.body.text();
    } catch (err) {
      throw this.connectionError(endpoint, method, err);
    } finally {
      answered?.();
    }
    const receivedAt = Date.now();
    const parsed = parseJson(text);
    const apple = appleError(parsed);
    if (status >= 300 || apple !== undefined) {
      throw this.answerError(endpoint, method, status, apple, parseRetryAfter(retryAfter, receivedAt));
    }
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
      throw new VppApiError({
        endpoint,
        status,
        reason: method === 'GET'
          ? `HTTP ${status} with a body that is not a JSON object`
          : `HTTP ${status} with a body that is not a JSON object; ${OUTCOME_UNKNOWN}`,
        retryable: method === 'GET',
        outcomeUnknown: method === 'POST',
      });
    }
    const mismatch = answerMismatch(method, path, query, status, parsed);
    if (mismatch !== undefined) {
      // Not retried: an answer of the wrong shape is a fault of the server, not of the moment.
      // A write's answer without a usable eventId leaves its fate unknown.
      throw new VppApiError({
        endpoint,
        status,
        reason: method === 'GET' ? `${mismatch}, which the API does not document` : `${mismatch}; ${OUTCOME_UNKNOWN}`,
        retryable: false,
        outcomeUnknown: method === 'POST',
      });
    }
    return parsed as T;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private answerError(
    endpoint: string,
    method: Method,
    status: number,
    apple: { errorNumber?: number; errorMessage?: string; errorInfo?: ErrorInfo } | undefined,
    retryAfterMs: number | undefined,
  ): VppApiError {
    const errorNumber = apple?.errorNumber;
    const errorMessage = apple?.errorMessage === undefined ? undefined : visibleText(this.opts.redact(apple.errorMessage));
    const what = `HTTP ${status}${errorNumber === undefined ? '' : ` error ${errorNumber}`}${errorMessage ? ` (${errorMessage})` : ''}`;
    const retryable = isRetryableAnswer(method, status, errorNumber);
    const tokenRefused = status === 401 || (errorNumber !== undefined && TOKEN_ERRORS.has(errorNumber));
    const outcomeUnknown = method === 'POST' && status >= 500 && !isRefusal(status, errorNumber);
    let reason = what;
    if (tokenRefused) reason = `${what}: Apple refused the content token; ${NEW_TOKEN_HINT}`;
    else if (outcomeUnknown) reason = `${what}: ${OUTCOME_UNKNOWN}`;
    else if (retryAfterMs !== undefined) reason = `${what}, retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return new VppApiError({
      endpoint,
      status,
      errorNumber,
      errorMessage,
      errorInfo: apple?.errorInfo,
      retryable: retryable && !tokenRefused,
      outcomeUnknown,
      retryAfterMs,
      reason,
    });
  }

  private connectionError(endpoint: string, method: Method, err: unknown): VppApiError {
    const code = (err as { code?: unknown })?.code;
    const codeText = typeof code === 'string' ? code : undefined;
    const detail = visibleText(this.opts.redact(`${codeText ?? 'error'}: ${(err as Error)?.message ?? String(err)}`));
    const seconds = Math.round(this.opts.timeoutMs / 1000);
    if (codeText === 'UND_ERR_CONNECT_TIMEOUT') {
      return new VppApiError({ endpoint, status: 0, retryable: true, noAnswer: true, reason: `could not connect to ${this.origin} within ${seconds} s` });
    }
    if (isNoAnswer(codeText)) {
      const silent = `no answer within ${seconds} s (${this.origin} accepted the connection but did not answer)`;
      return method === 'GET'
        ? new VppApiError({ endpoint, status: 0, retryable: true, noAnswer: true, reason: silent })
        : new VppApiError({ endpoint, status: 0, retryable: false, outcomeUnknown: true, noAnswer: true, reason: `${silent}; ${OUTCOME_UNKNOWN}` });
    }
    if (isNotSent(codeText)) {
      return new VppApiError({ endpoint, status: 0, retryable: true, reason: `could not connect (${detail})` });
    }
    if (!isConnectionFailure(codeText)) {
      return new VppApiError({ endpoint, status: 0, retryable: false, reason: `request failed (${detail})` });
    }
    if (method === 'GET') {
      return new VppApiError({ endpoint, status: 0, retryable: true, reason: `the connection failed before an answer (${detail})` });
    }
    return new VppApiError({
      endpoint,
      status: 0,
      retryable: false,
      outcomeUnknown: true,
      reason: `the connection failed before an answer (${detail}); ${OUTCOME_UNKNOWN}`,
    });
  }
}

function queryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function appleError(body: unknown): { errorNumber?: number; errorMessage?: string; errorInfo?: ErrorInfo } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errorNumber, errorMessage, errorInfo } = body as Record<string, unknown>;
  if (typeof errorNumber !== 'number') return undefined;
  return {
    errorNumber,
    errorMessage: typeof errorMessage === 'string' ? errorMessage : undefined,
    errorInfo: typeof errorInfo === 'object' && errorInfo !== null ? (errorInfo as ErrorInfo) : undefined,
  };
}
