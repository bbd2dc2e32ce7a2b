/**
 * One HTTP exchange with Apple over a keep-alive undici Pool: JSON in, JSON out, the Bearer
 * header, and every failure turned into a classified VppApiError (no retries here; see retry.ts).
 * Bodies carrying an errorNumber are errors whatever the HTTP status: Apple has been seen
 * answering 200 with an error body.
 */
import { Pool } from 'undici';
import { NEW_TOKEN_HINT, VppApiError } from './errors.js';
import { isNotSent, isRefusal, isRetryableAnswer, isConnectionFailure, parseRetryAfter } from './retry.js';
import type { ErrorInfo } from './types.js';

export const APPLE_BASE_URL = 'https://vpp.itunes.apple.com/mdm/v2';

export type Method = 'GET' | 'POST';
export type Query = Record<string, string | number | boolean | undefined>;

export interface HttpOptions {
  baseUrl: string;
  token: string;
  redact: (text: string) => string;
  timeoutMs: number;
}

/** 401s and the errorNumbers that mean the token itself was refused. */
const TOKEN_ERRORS = new Set([9601, 9621, 9625, 9722]);

export class HttpTransport {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly opts: HttpOptions) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new Error(`the API base URL is not a URL: ${opts.redact(opts.baseUrl)}`);
    }
    this.basePath = url.pathname.replace(/\/+$/, '');
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
          : `HTTP ${status} with a body that is not a JSON object; the write may or may not have been accepted: re-read the live state before sending it again`,
        retryable: method === 'GET',
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
    const errorMessage = apple?.errorMessage === undefined ? undefined : this.opts.redact(apple.errorMessage);
    const what = `HTTP ${status}${errorNumber === undefined ? '' : ` error ${errorNumber}`}${errorMessage ? ` (${errorMessage})` : ''}`;
    const retryable = isRetryableAnswer(method, status, errorNumber);
    const tokenRefused = status === 401 || (errorNumber !== undefined && TOKEN_ERRORS.has(errorNumber));
    const outcomeUnknown = method === 'POST' && status >= 500 && !isRefusal(status, errorNumber);
    let reason = what;
    if (tokenRefused) reason = `${what}: Apple refused the content token; ${NEW_TOKEN_HINT}`;
    else if (outcomeUnknown) reason = `${what}: the write may or may not have been accepted; re-read the live state before sending it again`;
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
    const detail = this.opts.redact(`${codeText ?? 'error'}: ${(err as Error)?.message ?? String(err)}`);
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
      reason: `the connection failed before an answer (${detail}); the write may or may not have been accepted: re-read the live state before sending it again`,
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
