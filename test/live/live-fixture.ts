import type { PricingParam, ResponseAsset } from '../../src/api/types.js';
import { DEFAULT_LIMITS } from '../../src/api/types.js';
import { assetKey, type Holders, type LiveState, type LiveUser } from '../../src/live/types.js';

export interface FixtureAsset {
  adamId: string;
  pricingParam?: PricingParam;
  productType?: 'App' | 'Book';
  users?: string[];
  devices?: string[];
}

/** A LiveState built by hand: import is pure, so its tests need no server. */
export function liveFixture(spec: {
  assets: FixtureAsset[];
  users?: LiveUser[];
  seats?: { adamId: number; clientUserId: string; renewing: boolean }[];
  subscriptions?: number[];
  mdm?: { id: string; name: string };
  locationName?: string;
}): LiveState {
  const assets: ResponseAsset[] = spec.assets.map((a) => ({
    adamId: a.adamId,
    pricingParam: a.pricingParam ?? 'STDQ',
    productType: a.productType ?? 'App',
    assignedCount: (a.users?.length ?? 0) + (a.devices?.length ?? 0),
    availableCount: 100,
    retiredCount: 0,
    totalCount: 100 + (a.users?.length ?? 0) + (a.devices?.length ?? 0),
    deviceAssignable: true,
    revocable: true,
    supportedPlatforms: ['iOS'],
  }));
  const assignments = new Map<string, Holders>();
  for (const a of spec.assets) {
    if (!a.users?.length && !a.devices?.length) continue;
    assignments.set(assetKey(a.adamId, a.pricingParam ?? 'STDQ'), {
      users: [...(a.users ?? [])].sort(),
      devices: [...(a.devices ?? [])].sort(),
    });
  }
  const subscriptionAssignments = new Map<number, { clientUserId: string; renewing: boolean }[]>();
  for (const s of spec.seats ?? []) {
    const list = subscriptionAssignments.get(s.adamId) ?? [];
    list.push({ clientUserId: s.clientUserId, renewing: s.renewing });
    subscriptionAssignments.set(s.adamId, list);
  }
  const subscriptionIds = new Set([...(spec.subscriptions ?? []), ...subscriptionAssignments.keys()]);
  const live: LiveState = {
    uId: '2049025000431439',
    limits: { ...DEFAULT_LIMITS },
    assets,
    assignments,
    users: spec.users ?? [],
    subscriptions: [...subscriptionIds].map((adamId) => ({
      adamId,
      counts: {
        assigned: { renewing: 0, expiring: 0 },
        available: { renewing: 10, expiring: 10 },
        total: { renewing: 10, expiring: 10 },
      },
    })),
    subscriptionAssignments,
    versions: { assignments: 'v1', users: 'v1' },
    fingerprint: 'sha256:unused',
  };
  if (spec.locationName !== undefined) live.locationName = spec.locationName;
  if (spec.mdm !== undefined) live.mdmInfo = spec.mdm;
  return live;
}

/** Expands a parsed import back into holders per asset and seat holders per subscription. */
export function expandImported(doc: any): {
  holders: Map<string, { users: string[]; devices: string[] }>;
  seats: Map<number, string[]>;
} {
  const groups = doc.groups ?? {};
  const holders = new Map<string, { users: string[]; devices: string[] }>();
  for (const a of doc.assets ?? []) {
    const users = new Set<string>(a.users ?? []);
    const devices = new Set<string>(a.devices ?? []);
    for (const g of a.groups ?? []) {
      for (const u of groups[g].users ?? []) users.add(u);
      for (const d of groups[g].devices ?? []) devices.add(d);
    }
    if (users.size + devices.size === 0) continue;
    holders.set(`${a.adamId}:${a.pricingParam}`, { users: [...users].sort(), devices: [...devices].sort() });
  }
  const seats = new Map<number, string[]>();
  for (const s of doc.subscriptions ?? []) {
    const users = new Set<string>(s.users ?? []);
    for (const g of s.groups ?? []) for (const u of groups[g].users ?? []) users.add(u);
    if (users.size > 0) seats.set(s.adamId, [...users].sort());
  }
  return { holders, seats };
}

/** The holders of `live`, in the shape expandImported returns. */
export function liveHolders(live: LiveState): {
  holders: Map<string, { users: string[]; devices: string[] }>;
  seats: Map<number, string[]>;
} {
  const holders = new Map<string, { users: string[]; devices: string[] }>();
  for (const [k, h] of live.assignments) {
    if (h.users.length + h.devices.length > 0) holders.set(k, { users: [...h.users].sort(), devices: [...h.devices].sort() });
  }
  const seats = new Map<number, string[]>();
  for (const [id, list] of live.subscriptionAssignments) {
    if (list.length > 0) seats.set(id, list.map((s) => s.clientUserId).sort());
  }
  return { holders, seats };
}
