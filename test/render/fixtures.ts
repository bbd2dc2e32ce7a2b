import type { AssetChange, LocationPlan, Plan, PlanMessage, PlanSummary } from '../../src/plan/types.js';

export function summary(s: Partial<PlanSummary> = {}): PlanSummary {
  return {
    associate: 0, disassociate: 0, revoke: 0,
    usersCreate: 0, usersUpdate: 0, usersRetire: 0,
    subscriptionsAssociate: 0, subscriptionsDisassociate: 0,
    requests: 0,
    ...s,
  };
}

export function asset(a: Partial<AssetChange> & { adamId: string }): AssetChange {
  return {
    pricingParam: 'STDQ',
    add: { users: [], devices: [] },
    remove: { users: [], devices: [] },
    liveCount: 0,
    desiredCount: 0,
    ...a,
  };
}

export function location(l: Partial<Omit<LocationPlan, 'changes'>> & { changes?: Partial<LocationPlan['changes']> } = {}): LocationPlan {
  const { changes, ...rest } = l;
  return {
    name: 'Central School',
    source: 'vpp/central.yaml',
    uId: '2049025000431439',
    fingerprint: 'sha256:abc',
    summary: summary(),
    requests: [],
    warnings: [],
    errors: [],
    tokenEnv: 'VPP_TOKEN_CENTRAL',
    batching: { assetRequests: 0, lowerBound: 0 },
    ...rest,
    changes: {
      assets: [],
      revoke: { users: [], devices: [] },
      users: { create: [], update: [], retire: [] },
      subscriptions: [],
      ...changes,
    },
  };
}

export function plan(...locations: LocationPlan[]): Plan {
  return { formatVersion: 1, createdAt: '2026-11-21T22:33:22Z', locations };
}

/** Pages gains two users and a device and loses one user; s-1001 is created first. */
export function centralWithChanges(): LocationPlan {
  return location({
    summary: summary({ associate: 3, disassociate: 1, usersCreate: 1, requests: 3 }),
    requests: [
      { endpoint: 'users/create', body: { users: [{ clientUserId: 's-1001' }] } },
      { endpoint: 'assets/disassociate', body: { assets: [{ adamId: '361309726', pricingParam: 'STDQ' }], clientUserIds: ['s-1002'] } },
      { endpoint: 'assets/associate', body: { assets: [{ adamId: '361309726', pricingParam: 'STDQ' }], clientUserIds: ['s-1003', 's-1001'], serialNumbers: ['DMPX1234ABCD'] } },
    ],
    batching: { assetRequests: 2, lowerBound: 2 },
    changes: {
      assets: [
        asset({
          adamId: '361309726', name: 'Pages',
          add: { users: ['s-1003', 's-1001'], devices: ['DMPX1234ABCD'] },
          remove: { users: ['s-1002'], devices: [] },
          liveCount: 5, desiredCount: 7,
        }),
      ],
      users: { create: ['s-1001'], update: [], retire: [] },
    },
  });
}

export const notEnoughLicenses: PlanMessage = {
  code: 'not-enough-licenses',
  message: '40 licenses wanted, 12 available',
  asset: { adamId: '361309726', pricingParam: 'STDQ', name: 'Pages' },
  at: { file: 'vpp/central.yaml', line: 31, col: 5 },
};

export function lines(s: string): string[] {
  return s.split('\n');
}
