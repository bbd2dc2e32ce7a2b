/**
 * Serves the simulator over real HTTP on 127.0.0.1 (a node:http bridge around web Requests and
 * Responses), so clients, the CLI and tests talk to it exactly as to Apple. Faults answer first,
 * then the router. A `Response.error()` answer makes the bridge destroy the socket: a dropped
 * connection. Every request is logged with the location its token reaches.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, apiPath } from './endpoints.js';
import { errorBody } from './errors.js';
import { answerFromFaults, type Fault } from './faults.js';
import { SimLocations } from './locations.js';
import { SimModel } from './model.js';
import type { SimOptions } from './options.js';
import { type LoggedRequest, type RequestLog, SimRequestLog } from './request-log.js';
import { simRouter } from './routes.js';
import { defaultSimState, type SimState } from './state.js';
import { bearerToken, makeSimToken } from './token.js';

export interface SimServer {
  /** Base URL including /mdm/v2, e.g. http://127.0.0.1:54321/mdm/v2 — pass as VPP_BASE_URL or client baseUrl. */
  url: string;
  /** The first (or only) location's model: tests inspect and mutate it. */
  model: SimModel;
  /**
   * Every location served, in the order given, each with the token made for it. With one
   * location any well-formed token reaches it; with several, only its own token does.
   */
  locations: readonly { model: SimModel; token: string }[];
  /** Every request received, in order. */
  log: RequestLog;
  /** Puts faults in front of the simulator's routes (and of faults put there before). */
  use(...faults: Fault[]): void;
  /** Removes every fault. */
  resetHandlers(): void;
  close(): Promise<void>;
}

export interface SimServerOptions {
  /** One location (default: the Central School example). */
  state?: SimState;
  /** Several locations behind one base URL, told apart by their tokens. */
  locations?: SimState[];
  /** Tokens to serve the locations with, in order, instead of made ones (e.g. an expired one). */
  tokens?: (string | undefined)[];
  port?: number;
  /** Shared by every location; location i draws from seed + i, so their versionIds differ. */
  options?: Partial<SimOptions>;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function errorNumberOf(response: Response): Promise<number | undefined> {
  if (response.status < 400) return undefined;
  try {
    const n = ((await response.clone().json()) as { errorNumber?: unknown }).errorNumber;
    return typeof n === 'number' ? n : undefined;
  } catch {
    return undefined;
  }
}

async function servedLocations(opts: SimServerOptions): Promise<SimLocations> {
  if (opts.state && opts.locations) throw new Error('give the simulator a state or locations, not both');
  const states = opts.locations ?? [opts.state ?? (await defaultSimState())];
  const seed = opts.options?.seed ?? 1;
  return new SimLocations(
    states.map((state, i) => ({
      model: new SimModel(state, { ...opts.options, seed: seed + i }),
      token: opts.tokens?.[i] ?? makeSimToken({ orgName: state.locationName }),
    })),
  );
}

export async function startSimServer(opts: SimServerOptions = {}): Promise<SimServer> {
  const locations = await servedLocations(opts);
  const log = new SimRequestLog();
  const router = simRouter({ locations });
  let faults: Fault[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const at = locations.now();
    const url = new URL(req.url ?? '/', origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers = requestHeaders(req);
    const location = locations.reach(bearerToken(headers.get('authorization')));
    const uId = location?.model.uId;
    const entry: LoggedRequest = log.arrived({
      at,
      method: req.method ?? 'GET',
      path: apiPath(url.pathname),
      query: Object.fromEntries(url.searchParams),
      ...(uId !== undefined && { uId }),
      ...(raw.length > 0 && { body: parseBody(raw) }),
    });
    // Aborted when the client goes away before the answer: a fault holding a request can let go.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const method = req.method ?? 'GET';
    const request = new Request(url, { method, headers, signal: gone.signal, ...(method !== 'GET' && method !== 'HEAD' && { body: raw }) });
    let response: Response;
    try {
      response = (await answerFromFaults(faults, request)) ?? (await router.handle(request));
    } catch {
      response = Response.json(errorBody(9603), { status: 500 });
    }
    const { latencyMs } = (location ?? locations.all[0]!).model.options;
    if (latencyMs > 0) await sleep(latencyMs);
    const abandoned = gone.signal.aborted;
    if (response.type === 'error') {
      log.answered(entry, locations.now(), { status: 0, dropped: true, abandoned });
      req.socket.destroy();
      return;
    }
    const errorNumber = await errorNumberOf(response);
    const body = Buffer.from(await response.arrayBuffer());
    const answerHeaders = Object.fromEntries(response.headers);
    delete answerHeaders['content-length'];
    log.answered(entry, locations.now(), { status: response.status, errorNumber, retryAfter: response.headers.get('retry-after'), abandoned });
    res.writeHead(response.status, { ...answerHeaders, 'content-length': String(body.length) });
    res.end(body);
  }

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res, origin).catch(() => req.socket.destroy());
  });

  return {
    url: `${origin}${API_PREFIX}`,
    model: locations.all[0]!.model,
    locations: locations.all.map(({ model, token }) => ({ model, token })),
    log,
    use: (...added) => {
      faults = [...added, ...faults];
    },
    resetHandlers: () => {
      faults = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
