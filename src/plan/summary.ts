/** The counts and the per-asset changes a reviewer reads (plan JSON `summary` and `changes`). */
import { pairCount, type AssetDiff } from './diff-assets.js';
import type { SubscriptionDiff } from './diff-subscriptions.js';
import { compareStrings } from '../shared/sorted-ids.js';
import type { UserChanges } from './diff-users.js';
import type { RequestParts } from './requests.js';
import type { AssetChange, LocationPlan, PlanSummary, PlannedRequest, SubscriptionChange } from './types.js';

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
    assets: assets
      .filter((d) => pairCount(d.add) + pairCount(d.remove) > 0 || d.waiting !== undefined)
      .map(assetChange)
      .sort(byShownName),
    revoke: { users: parts.revoke.users, devices: parts.revoke.devices },
    users: { create: ids(users.create), update: ids(users.update), retire: ids(users.retire) },
    subscriptions: subscriptions.filter((s) => s.add.length + s.remove.length > 0 || s.waiting !== undefined).map(subscriptionChange),
  };
}

function assetChange(d: AssetDiff): AssetChange {
  return {
    adamId: d.adamId,
    pricingParam: d.pricingParam,
    ...(d.name === undefined ? {} : { name: d.name }),
    ...(d.kind === undefined ? {} : { kind: d.kind }),
    add: d.add,
    remove: d.remove,
    liveCount: d.liveCount,
    desiredCount: d.liveCount - pairCount(d.remove) + pairCount(d.add),
    ...(d.waiting === undefined ? {} : { waiting: d.waiting }),
  };
}

/** Reviewers read assets by the name shown, store names included (the requests keep their own order). */
function byShownName(a: AssetChange, b: AssetChange): number {
  return compareStrings(a.name ?? '', b.name ?? '') || compareStrings(a.adamId, b.adamId) || compareStrings(a.pricingParam, b.pricingParam);
}

function subscriptionChange(s: SubscriptionDiff): SubscriptionChange {
  return { adamId: s.adamId, add: s.add, remove: s.remove, ...(s.waiting === undefined ? {} : { waiting: s.waiting }) };
}
