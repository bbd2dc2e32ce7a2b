/** The counts and the per-asset changes a reviewer reads (plan JSON `summary` and `changes`). */
import type { AssetDiff } from './diff-assets.js';
import type { SubscriptionDiff } from './diff-subscriptions.js';
import type { UserChanges } from './diff-users.js';
import type { RequestParts } from './requests.js';
import type { AssetChange, LocationPlan, PlanSummary, PlannedRequest } from './types.js';

export function summarize(parts: RequestParts, users: UserChanges, subscriptions: readonly SubscriptionDiff[], requests: readonly PlannedRequest[]): PlanSummary {
  const pairs = (list: RequestParts['associate']): number => list.reduce((n, b) => n + b.items.length * (b.users.length + b.devices.length), 0);
  return {
    associate: pairs(parts.associate),
    disassociate: pairs(parts.disassociate),
    revoke: parts.revoke.users.length + parts.revoke.devices.length,
    usersCreate: users.create.length,
    usersUpdate: users.update.length,
    usersRetire: users.retire.length,
    subscriptionsAssociate: subscriptions.reduce((n, s) => n + s.add.length, 0),
    subscriptionsDisassociate: subscriptions.reduce((n, s) => n + s.remove.length, 0),
    requests: requests.length,
  };
}

export function describeChanges(
  assets: readonly AssetDiff[],
  parts: RequestParts,
  users: UserChanges,
  subscriptions: readonly SubscriptionDiff[],
): Omit<LocationPlan['changes'], 'claim'> {
  const ids = (list: { clientUserId: string }[]): string[] => list.map((u) => u.clientUserId);
  return {
    assets: assets.filter((d) => d.add.users.length + d.add.devices.length + d.remove.users.length + d.remove.devices.length > 0).map(assetChange),
    revoke: { users: parts.revoke.users, devices: parts.revoke.devices },
    users: { create: ids(users.create), update: ids(users.update), retire: ids(users.retire) },
    subscriptions: subscriptions.filter((s) => s.add.length + s.remove.length > 0).map((s) => ({ adamId: s.adamId, add: s.add, remove: s.remove })),
  };
}

function assetChange(d: AssetDiff): AssetChange {
  const added = d.add.users.length + d.add.devices.length;
  const removed = d.remove.users.length + d.remove.devices.length;
  return {
    adamId: d.adamId,
    pricingParam: d.pricingParam,
    ...(d.name === undefined ? {} : { name: d.name }),
    add: d.add,
    remove: d.remove,
    liveCount: d.liveCount,
    desiredCount: d.liveCount - removed + added,
  };
}
