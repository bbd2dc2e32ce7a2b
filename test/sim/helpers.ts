import { fetch } from 'undici';
import { makeSimToken, startSimServer, type SimOptions, type SimServer, type SimState } from '../../src/sim/index.js';

/** Apple's example token expiry; with the clock at EXAMPLE_NOW the sim reports it on every answer. */
export const EXAMPLE_EXPIRY = '2030-11-08T22:33:22+0000';
export const EXAMPLE_NOW = Date.parse('2030-11-01T00:00:00Z');

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

export interface Harness {
  server: SimServer;
  token: string;
  clock: { t: number };
  get(path: string): Promise<Answer>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  send(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Answer>;
  /** POSTs a write, expects an eventId, moves the clock past the pending time, returns the settled status. */
  settled(path: string, body: unknown): Promise<any>;
  close(): Promise<void>;
}

export function baseState(overrides: Partial<SimState> = {}): SimState {
  return {
    uId: '2049025000431439',
    locationName: 'Test School',
    limits: { maxRequestPerSecond: 100_000 },
    assets: [],
    assignments: {},
    users: [],
    ...overrides,
  };
}

export function app(adamId: string, totalCount: number, extra: Partial<SimState['assets'][number]> = {}): SimState['assets'][number] {
  return { adamId, pricingParam: 'STDQ', productType: 'App', totalCount, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'], ...extra };
}

export function users(...ids: string[]): SimState['users'] {
  return ids.map((clientUserId) => ({ clientUserId, status: 'Registered' as const, inviteCode: `inv-${clientUserId}` }));
}

export async function harness(state: SimState, options: Partial<SimOptions> = {}, token?: string): Promise<Harness> {
  const clock = { t: EXAMPLE_NOW };
  const server = await startSimServer({ state, options: { now: () => clock.t, ...options } });
  const tok = token ?? makeSimToken({ orgName: state.locationName, expDate: new Date(EXAMPLE_EXPIRY.replace('+0000', 'Z')) });
  const send = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tok}`, ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body !== undefined && { body: init.body }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers as unknown as Headers, json: text ? JSON.parse(text) : undefined };
  };
  const h: Harness = {
    server,
    token: tok,
    clock,
    get: (path) => send('GET', path),
    post: (path, body, headers) => send('POST', path, { body: body === undefined ? undefined : JSON.stringify(body), headers }),
    send,
    async settled(path, body) {
      const accepted = await h.post(path, body);
      if (accepted.status !== 200 || typeof accepted.json.eventId !== 'string') throw new Error(`not accepted: ${JSON.stringify(accepted.json)}`);
      clock.t += server.model.options.eventPendingMs;
      return (await h.get(`/status?eventId=${accepted.json.eventId}`)).json;
    },
    close: () => server.close(),
  };
  return h;
}
