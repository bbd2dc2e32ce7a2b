/**
 * Serves the msw handlers over real HTTP on 127.0.0.1 (a node:http bridge around msw's
 * getResponse), so clients, the CLI and tests talk to the simulator exactly as to Apple.
 * A handler answering HttpResponse.error() makes the bridge destroy the socket: a dropped connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { getResponse, type HttpHandler } from 'msw';
import { errorBody } from './errors.js';
import { createSimHandlers } from './handlers.js';
import { SimModel } from './model.js';
import type { SimOptions } from './options.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { type LoggedRequest, type RequestLog, SimRequestLog } from './request-log.js';
import { defaultSimState, type SimState } from './state.js';

export interface SimServer {
  /** Base URL including /mdm/v2, e.g. http://127.0.0.1:54321/mdm/v2 — pass as VPP_BASE_URL or client baseUrl. */
  url: string;
  /** The stateful model: tests inspect and mutate it. */
  model: SimModel;
  /** Every request received, in order. */
  log: RequestLog;
  /** Prepend handlers (faults) in front of the simulator's own, as msw server.use does. */
  use(...handlers: HttpHandler[]): void;
  resetHandlers(): void;
  close(): Promise<void>;
}

const PREFIX = '/mdm/v2';

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

export async function startSimServer(opts: { state?: SimState; port?: number; options?: Partial<SimOptions> } = {}): Promise<SimServer> {
  const model = new SimModel(opts.state ?? (await defaultSimState()), opts.options);
  const log = new SimRequestLog();
  const own = createSimHandlers({ model, limiter: new SlidingWindowLimiter() });
  let extra: HttpHandler[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const at = model.now();
    const url = new URL(req.url ?? '/', origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const entry: LoggedRequest = log.arrived({
      at,
      method: req.method ?? 'GET',
      path: url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(raw.length > 0 && { body: parseBody(raw) }),
    });
    const method = req.method ?? 'GET';
    const request = new Request(url, { method, headers: requestHeaders(req), ...(method !== 'GET' && method !== 'HEAD' && { body: raw }) });
    let response: Response;
    try {
      response = (await getResponse([...extra, ...own], request)) ?? Response.json(errorBody(9602), { status: 404 });
    } catch {
      response = Response.json(errorBody(9603), { status: 500 });
    }
    if (model.options.latencyMs > 0) await sleep(model.options.latencyMs);
    if (response.type === 'error') {
      log.answered(entry, model.now(), { status: 0, dropped: true });
      req.socket.destroy();
      return;
    }
    const errorNumber = await errorNumberOf(response);
    const body = Buffer.from(await response.arrayBuffer());
    const headers = Object.fromEntries(response.headers);
    delete headers['content-length'];
    log.answered(entry, model.now(), { status: response.status, errorNumber, retryAfter: response.headers.get('retry-after') });
    res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
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
    url: `${origin}${PREFIX}`,
    model,
    log,
    use: (...handlers) => {
      extra = [...handlers, ...extra];
    },
    resetHandlers: () => {
      extra = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
