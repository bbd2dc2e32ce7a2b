/**
 * What every simulated endpoint does around its own work, in order: settle due events, check the
 * Authorization header, apply the per-token request cap, check Content-Type and parse the JSON
 * body, run, and put the envelope (uId, mdmInfo, tokenExpirationDate) on the answer. A SimError
 * anywhere becomes Apple's error body with its HTTP status.
 */
import { HttpResponse } from 'msw';
import { SimError } from './errors.js';
import type { SimModel } from './model.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import { authorize, expiryNotice } from './token.js';

export interface SimContext {
  model: SimModel;
  limiter: SlidingWindowLimiter;
}

export interface Call {
  url: URL;
  query: URLSearchParams;
  body: unknown;
}

export interface RouteSpec {
  /** GET /service/config is the one endpoint without authentication (and without envelope). */
  public?: boolean;
  /** The endpoint takes a JSON body. */
  json?: boolean;
}

async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new SimError(9727);
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new SimError(9602);
  }
}

export function apiRoute(ctx: SimContext, spec: RouteSpec, run: (call: Call) => object) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const { model } = ctx;
    model.settle();
    const now = model.now();
    try {
      const token = spec.public ? undefined : authorize(request.headers.get('authorization'), now, (t) => model.isRevoked(t));
      if (token && !ctx.limiter.admit(token.sToken, now, model.limits.maxRequestPerSecond)) throw new SimError(9646);
      const body = spec.json ? await readJson(request) : undefined;
      const url = new URL(request.url);
      const result = run({ url, query: url.searchParams, body });
      if (spec.public) return HttpResponse.json(result);
      const expiry = expiryNotice(token, now);
      return HttpResponse.json({
        ...result,
        ...(model.mdmInfo && { mdmInfo: model.mdmInfo }),
        ...(expiry && { tokenExpirationDate: expiry }),
        uId: model.uId,
      });
    } catch (err) {
      if (err instanceof SimError) return HttpResponse.json(err.body(), { status: err.status });
      throw err;
    }
  };
}
