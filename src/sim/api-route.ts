/**
 * What every simulated endpoint does around its own work, in order: find the location the
 * Bearer token reaches, settle its due events, check the Authorization header, apply the
 * location's per-token request cap, check Content-Type and parse the JSON body, run, and put the
 * envelope (uId, mdmInfo, tokenExpirationDate) on the answer. A SimError anywhere becomes Apple's
 * error body with its HTTP status.
 */
import { SimError } from './errors.js';
import type { SimLocations } from './locations.js';
import type { SimModel } from './model.js';
import type { Handler } from './router.js';
import { authorize, bearerToken, expiryNotice } from './token.js';

export interface SimContext {
  locations: SimLocations;
}

export interface Call {
  url: URL;
  query: URLSearchParams;
  body: unknown;
}

export interface RouteSpec {
  /**
   * GET /service/config is the one endpoint without authentication (and without envelope). It
   * answers for the location a token reaches when one is sent, else for the first location.
   */
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

export function apiRoute(ctx: SimContext, spec: RouteSpec, run: (model: SimModel, call: Call) => object): Handler {
  return async (request) => {
    const header = request.headers.get('authorization');
    const location = ctx.locations.reach(bearerToken(header)) ?? (spec.public ? ctx.locations.all[0] : undefined);
    location?.model.settle();
    const now = ctx.locations.now();
    try {
      const url = new URL(request.url);
      if (spec.public) return Response.json(run(location!.model, { url, query: url.searchParams, body: undefined }));
      const token = authorize(header, now, location?.model);
      const { model, limiter } = location!;
      if (!limiter.admit(token.sToken, now, model.limits.maxRequestPerSecond)) throw new SimError(9646);
      const body = spec.json ? await readJson(request) : undefined;
      const result = run(model, { url, query: url.searchParams, body });
      const expiry = expiryNotice(token, now);
      return Response.json({
        ...result,
        ...(model.mdmInfo && { mdmInfo: model.mdmInfo }),
        ...(expiry && { tokenExpirationDate: expiry }),
        uId: model.uId,
      });
    } catch (err) {
      if (err instanceof SimError) return Response.json(err.body(), { status: err.status });
      throw err;
    }
  };
}
