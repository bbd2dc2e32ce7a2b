/**
 * Every request the simulator received, in arrival order, with what it was answered. Tests read
 * it to prove behaviour from the outside: the rate cap held (maxPerSecond), nothing came early
 * after a Retry-After (earlyAfterRetryAfter), no write was sent twice (writes). With several
 * locations served, each of these takes `{ uId }` to look at one location's requests only.
 */
import { WRITE_PATHS } from './endpoints.js';

export interface LoggedRequest {
  /** Arrival time on the simulator's clock. */
  at: number;
  method: string;
  /** The location the request's token reaches (absent when it reaches none). */
  uId?: string;
  /** After /mdm/v2, e.g. "/assets/associate". */
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
  errorNumber?: number;
  /** When a Retry-After given with this answer passes. */
  retryAfterUntil?: number;
  /** The connection was destroyed instead of answered. */
  dropped?: boolean;
  /** The client closed the connection before the answer (or the drop) was ready. */
  abandoned?: boolean;
  /** When the answer (or the drop) was sent. */
  respondedAt?: number;
}

/** One location's requests (by the uId its token reaches), or every request. */
export interface LocationFilter {
  uId?: string;
}

export interface RequestLog {
  entries: LoggedRequest[];
  /** POSTs to the asynchronous write endpoints that were accepted (answered with an eventId). */
  writes(opts?: LocationFilter): LoggedRequest[];
  /** The most requests seen in any sliding 1-second window. */
  maxPerSecond(opts?: LocationFilter): number;
  /**
   * Requests that arrived before a Retry-After they were given had passed. A request arriving
   * within `graceMs` of that answer is not counted: it may have been on the wire already.
   */
  earlyAfterRetryAfter(opts?: LocationFilter & { graceMs?: number }): LoggedRequest[];
  clear(): void;
}

/** Default grace for requests already in flight when a Retry-After was sent. */
const IN_FLIGHT_GRACE_MS = 100;

export class SimRequestLog implements RequestLog {
  entries: LoggedRequest[] = [];

  /** Records an arrival; the server fills in the answer with `answered`. */
  arrived(entry: Omit<LoggedRequest, 'status'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, status: 0 };
    this.entries.push(logged);
    return logged;
  }

  answered(entry: LoggedRequest, respondedAt: number, response: { status: number; errorNumber?: number; retryAfter?: string | null; dropped?: boolean; abandoned?: boolean }): void {
    entry.status = response.status;
    entry.respondedAt = respondedAt;
    if (response.errorNumber !== undefined) entry.errorNumber = response.errorNumber;
    if (response.dropped) entry.dropped = true;
    if (response.abandoned) entry.abandoned = true;
    const until = retryAfterUntil(response.retryAfter, respondedAt);
    if (until !== undefined) entry.retryAfterUntil = until;
  }

  writes(opts: LocationFilter = {}): LoggedRequest[] {
    return this.of(opts).filter((e) => e.method === 'POST' && e.status === 200 && WRITE_PATHS.has(e.path));
  }

  maxPerSecond(opts: LocationFilter = {}): number {
    const times = this.of(opts).map((e) => e.at).sort((a, b) => a - b);
    let best = 0;
    for (let start = 0, end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= 1000) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  earlyAfterRetryAfter(opts: LocationFilter & { graceMs?: number } = {}): LoggedRequest[] {
    const grace = opts.graceMs ?? IN_FLIGHT_GRACE_MS;
    const entries = this.of(opts);
    const givers = entries.filter((e) => e.retryAfterUntil !== undefined && e.respondedAt !== undefined);
    return entries.filter((e) => givers.some((g) => g !== e && e.at >= g.respondedAt! + grace && e.at < g.retryAfterUntil!));
  }

  private of(opts: LocationFilter): LoggedRequest[] {
    return opts.uId === undefined ? this.entries : this.entries.filter((e) => e.uId === opts.uId);
  }

  clear(): void {
    this.entries = [];
  }
}

/** Retry-After in seconds or as an HTTP-date. */
function retryAfterUntil(header: string | null | undefined, respondedAt: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return respondedAt + Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date;
}
