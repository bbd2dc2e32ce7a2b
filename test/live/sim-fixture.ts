import { createClient, type VppClient } from '../../src/api/client.js';
import type { SimState } from '../../src/sim/state.js';
import { startSimServer, type SimServer } from '../../src/sim/server.js';
import { makeSimToken } from '../../src/sim/token.js';
import type { LiveState, LiveUser } from '../../src/live/types.js';

export interface SimHarness {
  server: SimServer;
  api: VppClient;
  close(): Promise<void>;
}

/** The simulator on 127.0.0.1 (port 0) and a real client talking HTTP to it. */
export async function startSim(state: SimState | undefined, pageSize?: number): Promise<SimHarness> {
  const server = await startSimServer({
    ...(state === undefined ? {} : { state }),
    port: 0,
    options: pageSize === undefined ? {} : { pageSize },
  });
  const mdmId = server.model.snapshot().mdmInfo?.id;
  const api = createClient({
    token: makeSimToken(),
    baseUrl: server.url,
    ...(mdmId === undefined ? {} : { mdmId }),
    retry: { baseDelayMs: 1, maxDelayMs: 10 },
  });
  return {
    server,
    api,
    close: async () => {
      await api.close();
      await server.close();
    },
  };
}

/** A location with many pages at a small page size: users with and without mail, retired
 * entries (one sharing its clientUserId with an active user), apps, books, devices, seats. */
export function generatedState(): SimState {
  const users: SimState['users'] = [];
  for (let i = 0; i < 120; i++) {
    const id = `s-${String(i).padStart(4, '0')}`;
    const user: SimState['users'][number] = { clientUserId: id, status: i % 3 === 0 ? 'Associated' : 'Registered' };
    if (i % 2 === 0) user.email = `${id}@school.example.com`;
    if (i % 5 === 0) user.managedAppleId = `${id}@appleid.school.example.com`;
    users.push(user);
  }
  for (let i = 0; i < 15; i++) users.push({ clientUserId: i === 0 ? 's-0007' : `gone-${i}`, status: 'Retired' });
  const devices = Array.from({ length: 40 }, (_, i) => `DMPX${String(i).padStart(4, '0')}AB`);
  const assets: SimState['assets'] = [];
  const assignments: SimState['assignments'] = {};
  for (let a = 0; a < 12; a++) {
    const book = a % 4 === 3;
    const asset = {
      adamId: String(361309700 + a * 13),
      pricingParam: a === 5 ? ('PLUS' as const) : ('STDQ' as const),
      productType: book ? ('Book' as const) : ('App' as const),
      totalCount: 500,
      deviceAssignable: !book,
      revocable: !book,
    };
    assets.push(asset);
    const holders = {
      users: users.slice(0, 120).filter((_, i) => (i * 7 + a * 3) % 5 < 2).map((u) => u.clientUserId),
      devices: book ? [] : devices.filter((_, i) => (i + a) % 3 === 0),
    };
    if (a !== 11) assignments[`${asset.adamId}:${asset.pricingParam}`] = holders;
  }
  return {
    uId: '2049025000431439',
    locationName: 'Generated District',
    // Many small pages: let the client go faster than Apple's example rate, so tests stay quick.
    limits: { maxRequestPerSecond: 1000 },
    mdmInfo: { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl' },
    assets,
    assignments,
    users,
    subscriptions: [
      { adamId: 67890, total: { renewing: 100, expiring: 100 } },
      { adamId: 67891, total: { renewing: 10, expiring: 10 } },
    ],
    subscriptionAssignments: users.slice(0, 30).map((u, i) => ({ adamId: 67890, clientUserId: u.clientUserId, renewing: i % 4 !== 0 })),
  };
}

function active(status: string): boolean {
  return status === 'Registered' || status === 'Associated';
}

/** What a snapshot of `state` must hold, in a shape both sides can be brought to. */
export function expectedLive(state: SimState) {
  const users: LiveUser[] = state.users
    .filter((u) => active(u.status))
    .map((u) => {
      const user: LiveUser = { clientUserId: u.clientUserId, status: u.status };
      if (u.email !== undefined) user.email = u.email;
      // No managedAppleId: Apple's ResponseUser has none, and the simulator does not show it.
      return user;
    })
    .sort((a, b) => (a.clientUserId < b.clientUserId ? -1 : 1));
  const holders: Record<string, { users: string[]; devices: string[] }> = {};
  for (const [key, h] of Object.entries(state.assignments)) {
    if ((h.users?.length ?? 0) + (h.devices?.length ?? 0) === 0) continue;
    holders[key] = { users: [...(h.users ?? [])].sort(), devices: [...(h.devices ?? [])].sort() };
  }
  const seats: Record<string, { clientUserId: string; renewing: boolean }[]> = {};
  for (const s of state.subscriptionAssignments ?? []) (seats[s.adamId] ??= []).push({ clientUserId: s.clientUserId, renewing: s.renewing });
  for (const list of Object.values(seats)) list.sort((a, b) => (a.clientUserId < b.clientUserId ? -1 : 1));
  return {
    uId: state.uId,
    locationName: state.locationName,
    mdmInfo: state.mdmInfo,
    assets: state.assets
      .map((a) => ({
        key: `${a.adamId}:${a.pricingParam}`,
        productType: a.productType,
        totalCount: a.totalCount,
        deviceAssignable: a.deviceAssignable,
        revocable: a.revocable,
        assignedCount: (holders[`${a.adamId}:${a.pricingParam}`]?.users.length ?? 0) + (holders[`${a.adamId}:${a.pricingParam}`]?.devices.length ?? 0),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    holders,
    users,
    subscriptions: (state.subscriptions ?? []).map((s) => s.adamId).sort((a, b) => a - b),
    seats,
  };
}

export function actualLive(live: LiveState): ReturnType<typeof expectedLive> {
  const holders: Record<string, { users: string[]; devices: string[] }> = {};
  for (const [key, h] of live.assignments) if (h.users.length + h.devices.length > 0) holders[key] = h;
  return {
    uId: live.uId,
    locationName: live.locationName!,
    mdmInfo: live.mdmInfo,
    assets: live.assets.map((a) => ({
      key: `${a.adamId}:${a.pricingParam}`,
      productType: a.productType,
      totalCount: a.totalCount,
      deviceAssignable: a.deviceAssignable,
      revocable: a.revocable,
      assignedCount: a.assignedCount,
    })),
    holders,
    users: live.users,
    subscriptions: live.subscriptions.map((s) => s.adamId),
    seats: Object.fromEntries([...live.subscriptionAssignments].map(([k, v]) => [String(k), v])),
  };
}
