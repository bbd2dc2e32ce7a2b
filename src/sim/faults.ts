/**
 * Fault injection: faults put in front of the simulator's routes with `sim.use(...)` (the first
 * to answer wins; `sim.resetHandlers()` removes them all). A fault that answers a request rejects
 * it before the simulator sees it, so a rejected request never takes effect. A fault that only
 * delays, or changes the world, lets the request through. Each fault draws from its own seeded
 * PRNG, so a run reproduces. (Transient 9603 failures inside events are the sim option
 * `transientTaskFailureRate`.)
 */
import type { MdmInfo } from '../api/types.js';
import { apiPath } from './endpoints.js';
import { errorBody } from './errors.js';
import type { SimModel } from './model.js';
import { mulberry32 } from './prng.js';

/**
 * What a fault does with a request: a Response answers it (`Response.error()` drops the
 * connection), undefined lets it through to the next fault and then to the simulator.
 */
export type Fault = (request: Request) => Response | undefined | Promise<Response | undefined>;

/** Which requests a fault may strike. */
export interface FaultTarget {
  /** Only these paths (after /mdm/v2, e.g. "/assignments"; other paths whole). Default: all. */
  paths?: readonly string[];
  /** Only requests this returns true for (default: all). */
  when?: (request: Request) => boolean;
  /** Strike at most this many requests. */
  limit?: number;
}

export interface FaultOptions extends FaultTarget {
  /** Fraction of targeted requests struck, 0..1. */
  rate: number;
  seed?: number;
}

/** The first fault that answers a request answers it; undefined when every fault let it through. */
export async function answerFromFaults(faults: readonly Fault[], request: Request): Promise<Response | undefined> {
  for (const fault of faults) {
    const response = await fault(request);
    if (response) return response;
  }
  return undefined;
}

/** Decides request by request whether the fault strikes. */
function striker(opts: FaultOptions): (request: Request) => boolean {
  const random = mulberry32(opts.seed ?? 1);
  const paths = opts.paths && new Set(opts.paths);
  let hits = 0;
  return (request) => {
    if (paths && !paths.has(apiPath(new URL(request.url).pathname))) return false;
    if (opts.when && !opts.when(request)) return false;
    if (opts.limit !== undefined && hits >= opts.limit) return false;
    if (!(random() < opts.rate)) return false;
    hits++;
    return true;
  };
}

/**
 * The general fault: `reply` answers the targeted requests (or returns undefined to let one
 * through, e.g. after changing the world). Tests use it to stand in for Apple's odd answers.
 */
export function respond(target: FaultTarget & { rate?: number; seed?: number }, reply: Fault): Fault {
  const strikes = striker({ rate: 1, ...target });
  return (request) => (strikes(request) ? reply(request) : undefined);
}

function retryAfterValue(seconds: number, httpDate: boolean, now: () => number): string {
  if (!httpDate) return String(seconds);
  // An HTTP-date has whole seconds: round up so the date never falls before the promised wait.
  return new Date(Math.ceil((now() + seconds * 1000) / 1000) * 1000).toUTCString();
}

/** 503 + Retry-After (seconds, or an HTTP-date) + errorNumber 9729. */
export function serviceUnavailable(opts: FaultOptions & { retryAfterSeconds: number; httpDate?: boolean; now?: () => number }): Fault {
  return respond(opts, () =>
    Response.json(errorBody(9729), {
      status: 503,
      headers: { 'Retry-After': retryAfterValue(opts.retryAfterSeconds, opts.httpDate ?? false, opts.now ?? Date.now) },
    }),
  );
}

/** 429 + errorNumber 9646, with a Retry-After in seconds when one is given. */
export function throttled(opts: FaultOptions & { retryAfterSeconds?: number }): Fault {
  return respond(opts, () =>
    Response.json(errorBody(9646), {
      status: 429,
      ...(opts.retryAfterSeconds !== undefined && { headers: { 'Retry-After': String(opts.retryAfterSeconds) } }),
    }),
  );
}

/** The socket is destroyed without an answer; the request is not processed. */
export function droppedConnections(opts: FaultOptions): Fault {
  return respond(opts, () => Response.error());
}

/** Holds targeted requests for `ms` before the simulator handles them. */
export function latency(opts: Partial<FaultOptions> & { ms: number }): Fault {
  return respond(opts, async () => {
    await new Promise((resolve) => setTimeout(resolve, opts.ms));
    return undefined;
  });
}

/**
 * Another MDM claims the location (writes its mdmInfo) once `afterRequests` requests have come
 * in (default 0: from the first request on), as a competing installation would mid-apply.
 */
export function claimedByAnotherMdm(opts: { model: SimModel; mdmInfo?: MdmInfo; afterRequests?: number }): Fault {
  const info = opts.mdmInfo ?? { id: 'a3c9e5f1-0000-4000-8000-0000000000aa', name: 'Other MDM', metadata: 'mdm.other.example.com' };
  let seen = 0;
  return () => {
    if (seen++ === (opts.afterRequests ?? 0)) opts.model.setMdmInfo(info);
    return undefined;
  };
}
