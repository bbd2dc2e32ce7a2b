/** Small builders of desired and live states for the plan tests. */
import { DEFAULT_LIMITS, type Limits, type PricingParam, type ResponseAsset } from '../../src/api/types.js';
import { DEFAULT_POLICY, type DesiredAsset, type DesiredState, type Policy } from '../../src/config/types.js';
import { assetKey, type Holders, type LiveState } from '../../src/live/types.js';
import type { PlanOptions } from '../../src/plan/types.js';

export const at = { file: 'loc.yaml', line: 1, col: 1 };

export const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: false, takeOver: false };

export function owned(adamId: string, extra: Partial<ResponseAsset> = {}): ResponseAsset {
  return {
    adamId,
    pricingParam: 'STDQ',
    productType: 'App',
    assignedCount: 0,
    availableCount: 1000,
    retiredCount: 0,
    totalCount: 1000,
    deviceAssignable: true,
    revocable: true,
    supportedPlatforms: ['iOS'],
    ...extra,
  };
}

export function asset(adamId: string, users: string[], devices: string[] = [], extra: Partial<DesiredAsset> = {}): DesiredAsset {
  return { adamId, pricingParam: 'STDQ' as PricingParam, users: [...users].sort(), devices: [...devices].sort(), at, ...extra };
}

export function desiredState(over: Partial<Omit<DesiredState, 'policy'>> & { policy?: Partial<Policy> } = {}): DesiredState {
  const { policy, ...rest } = over;
  const assets = rest.assets ?? [];
  const referenced = new Set([...assets.flatMap((a) => a.users), ...(rest.subscriptions ?? []).flatMap((s) => s.users)]);
  return {
    source: 'loc.yaml',
    location: { name: 'Central', tokenEnv: 'VPP_TOKEN' },
    users: [...referenced].sort().map((clientUserId) => ({ clientUserId })),
    assets,
    subscriptions: [],
    undeclaredUsers: [],
    warnings: [],
    ...rest,
    policy: { ...DEFAULT_POLICY, ...policy },
  };
}

export function liveState(over: Partial<Omit<LiveState, 'assignments' | 'limits'>> & { assignments?: Record<string, Holders>; limits?: Partial<Limits> } = {}): LiveState {
  const { assignments, limits, ...rest } = over;
  const map = new Map<string, Holders>();
  for (const [adamId, h] of Object.entries(assignments ?? {})) {
    map.set(assetKey(adamId, 'STDQ'), { users: [...h.users].sort(), devices: [...h.devices].sort() });
  }
  return {
    uId: '1',
    assets: [],
    users: [],
    subscriptions: [],
    subscriptionAssignments: new Map(),
    versions: { assignments: 'v', users: 'v' },
    fingerprint: 'sha256:x',
    ...rest,
    assignments: map,
    limits: { ...DEFAULT_LIMITS, ...limits },
  };
}
