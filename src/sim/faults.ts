/**
 * Fault injection: msw handlers to put in front of the simulator's own with `server.use(...)`.
 * A fault that answers a request rejects it before the simulator sees it, so a rejected request
 * never takes effect. A fault that only delays, or changes the world, lets the request through.
 * Each fault draws from its own seeded PRNG, so a run reproduces.
 * (Transient 9603 failures inside events are the sim option `transientTaskFailureRate`.)
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MdmInfo } from '../api/types.js';
import { errorBody } from './errors.js';
import type { SimModel } from './model.js';
import { mulberry32 } from './prng.js';

export interface FaultOptions {
  /** Fraction of matching requests hit, 0..1. */
  rate: number;
  seed?: number;
  /** Hit at most this many requests. */
  limit?: number;
  /** Only requests this returns true for are candidates (default: all). */
  when?: (request: Request) => boolean;
}

/** Decides request by request whether the fault strikes. */
function striker(opts: FaultOptions): (request: Request) => boolean {
  const random = mulberry32(opts.seed ?? 1);
  let hits = 0;
  return (request) => {
    if (opts.when && !opts.when(request)) return false;
    if (opts.limit !== undefined && hits >= opts.limit) return false;
    if (!(random() < opts.rate)) return false;
    hits++;
    return true;
  };
}

function retryAfterValue(seconds: number, httpDate: boolean, now: () => number): string {
  if (!httpDate) return String(seconds);
  // An HTTP-date has whole seconds: round up so the date never falls before the promised wait.
  return new Date(Math.ceil((now() + seconds * 1000) / 1000) * 1000).toUTCString();
}

/** 503 + Retry-After (seconds, or an HTTP-date) + errorNumber 9729. */
export function serviceUnavailable(opts: FaultOptions & { retryAfterSeconds: number; httpDate?: boolean; now?: () => number }): HttpHandler {
  const strikes = striker(opts);
  return http.all('*', ({ request }) => {
    if (!strikes(request)) return undefined;
    return HttpResponse.json(errorBody(9729), {
      status: 503,
      headers: { 'Retry-After': retryAfterValue(opts.retryAfterSeconds, opts.httpDate ?? false, opts.now ?? Date.now) },
    });
  });
}

/** 429 + errorNumber 9646, with a Retry-After in seconds when one is given. */
export function throttled(opts: FaultOptions & { retryAfterSeconds?: number }): HttpHandler {
  const strikes = striker(opts);
  return http.all('*', ({ request }) => {
    if (!strikes(request)) return undefined;
    return HttpResponse.json(errorBody(9646), {
      status: 429,
      ...(opts.retryAfterSeconds !== undefined && { headers: { 'Retry-After': String(opts.retryAfterSeconds) } }),
    });
  });
}

/** The socket is destroyed without an answer; the request is not processed. */
export function droppedConnections(opts: FaultOptions): HttpHandler {
  const strikes = striker(opts);
  return http.all('*', ({ request }) => (strikes(request) ? HttpResponse.error() : undefined));
}

/** Holds matching requests for `ms` before the simulator handles them. */
export function latency(opts: Partial<FaultOptions> & { ms: number }): HttpHandler {
  const strikes = striker({ rate: 1, ...opts });
  return http.all('*', async ({ request }) => {
    if (strikes(request)) await new Promise((resolve) => setTimeout(resolve, opts.ms));
    return undefined;
  });
}

/**
 * Another MDM claims the location (writes its mdmInfo) once `afterRequests` requests have come
 * in (default 0: from the first request on), as a competing installation would mid-apply.
 */
export function claimedByAnotherMdm(opts: { model: SimModel; mdmInfo?: MdmInfo; afterRequests?: number }): HttpHandler {
  const info = opts.mdmInfo ?? { id: 'a3c9e5f1-0000-4000-8000-0000000000aa', name: 'Other MDM', metadata: 'mdm.other.example.com' };
  let seen = 0;
  return http.all('*', () => {
    if (seen++ === (opts.afterRequests ?? 0)) opts.model.setMdmInfo(info);
    return undefined;
  });
}
