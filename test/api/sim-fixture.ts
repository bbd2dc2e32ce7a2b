/**
 * A small location served by the simulator over real HTTP, and a client pointed at it with
 * short backoff (Retry-After is still honoured in full).
 */
import { createClient, type ClientOptions, type VppClient } from '../../src/api/client.js';
import type { VppApiError } from '../../src/api/errors.js';
import type { Limits, MdmInfo } from '../../src/api/types.js';
import type { SimOptions } from '../../src/sim/options.js';
import { startSimServer, type SimServer } from '../../src/sim/server.js';
import type { SimState } from '../../src/sim/state.js';
import { makeSimToken } from '../../src/sim/token.js';

export const OURS: MdmInfo = { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl', metadata: 'ci.example.com' };
export const THEIRS: MdmInfo = { id: 'a3c9e5f1-0000-4000-8000-0000000000aa', name: 'Other MDM', metadata: 'mdm.other.example.com' };

export const userId = (i: number): string => `u-${String(i).padStart(4, '0')}`;

/** `users` active users; 3 apps and a book; the first `assigned` users hold every app; 2 subscriptions. */
export function simState(opts: { users?: number; assigned?: number; limits?: Partial<Limits>; mdmInfo?: MdmInfo } = {}): SimState {
  const users = Array.from({ length: opts.users ?? 30 }, (_, i) => ({ clientUserId: userId(i), status: 'Registered' as const }));
  const holders = users.slice(0, opts.assigned ?? 10).map((u) => u.clientUserId);
  const apps = ['100000001', '100000002', '100000003'];
  return {
    uId: '2049025000431439',
    locationName: 'Central School',
    ...(opts.mdmInfo && { mdmInfo: opts.mdmInfo }),
    ...(opts.limits && { limits: opts.limits }),
    assets: [
      ...apps.map((adamId) => ({ adamId, pricingParam: 'STDQ' as const, productType: 'App' as const, totalCount: 1000, deviceAssignable: true, revocable: true })),
      { adamId: '200000001', pricingParam: 'STDQ', productType: 'Book', totalCount: 100, deviceAssignable: false, revocable: false },
    ],
    assignments: Object.fromEntries(apps.map((adamId) => [`${adamId}:STDQ`, { users: holders, devices: ['DMPX0001', 'DMPX0002'] }])),
    users,
    subscriptions: [
      { adamId: 67890, total: { renewing: 50, expiring: 10 } },
      { adamId: 67891, parentAdamId: 67890, total: { renewing: 5, expiring: 0 } },
    ],
    subscriptionAssignments: users.slice(0, 7).map((u) => ({ adamId: 67890, clientUserId: u.clientUserId, renewing: true })),
  };
}

export interface Sim {
  server: SimServer;
  token: string;
  client(opts?: Partial<ClientOptions>): VppClient;
  close(): Promise<void>;
}

export async function startSim(state: SimState = simState(), options: Partial<SimOptions> = {}): Promise<Sim> {
  const server = await startSimServer({ state, options: { pageSize: 5, ...options } });
  const token = makeSimToken({ orgName: 'Central School' });
  const clients: VppClient[] = [];
  return {
    server,
    token,
    client(opts = {}) {
      const client = createClient({ token, baseUrl: server.url, mdmId: OURS.id, ...opts, retry: { baseDelayMs: 5, maxDelayMs: 40, ...opts.retry } });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
    },
  };
}

/** What `promise` rejected with; fails the test when it resolves. */
export async function rejection<E extends Error = VppApiError>(promise: Promise<unknown>): Promise<E> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof Error)) throw new Error(`expected an Error, got ${String(outcome.error)}`);
  return outcome.error as E;
}

/** Requests the simulator logged for a path (after /mdm/v2). */
export function requestsTo(sim: Sim, method: string, path: string) {
  return sim.server.log.entries.filter((e) => e.method === method && e.path === path);
}
