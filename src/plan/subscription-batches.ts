/**
 * Subscription seats batch like assets (every adamId of a request goes to every clientUserId in
 * it), users only; a seat's renewing flag is per request, so renewing and expiring seats are
 * batched apart.
 */
import type { Limits } from '../api/types.js';
import { batchPairs, type BatchLimits, type BatchTarget } from './batch.js';
import type { SubscriptionDiff } from './diff-subscriptions.js';
import type { SubscriptionBatch } from './requests.js';

export function subscriptionBatches(subs: readonly SubscriptionDiff[], limits: Limits): { associate: SubscriptionBatch[]; disassociate: SubscriptionBatch[] } {
  const l: BatchLimits = { maxItems: limits.maxSubscriptions, maxUsers: limits.maxSubscriptionClientUserIds, maxDevices: 1 };
  const cover = (side: 'add' | 'remove', keep: (s: SubscriptionDiff) => boolean): { adamIds: number[]; clientUserIds: string[] }[] => {
    const users = new Map<string, number[]>();
    subs.forEach((s, i) => {
      if (!keep(s)) return;
      for (const u of s[side]) {
        const list = users.get(u);
        if (list === undefined) users.set(u, [i]);
        else list.push(i);
      }
    });
    const targets: BatchTarget[] = [...users].map(([id, items]) => ({ id, kind: 'user', items }));
    return batchPairs(targets, l, true).bicliques.map((b) => ({ adamIds: b.items.map((i) => subs[i]!.adamId), clientUserIds: b.users }));
  };
  return {
    disassociate: cover('remove', () => true),
    associate: [true, false].flatMap((renewing) => cover('add', (s) => s.declared.renewing === renewing).map((b) => ({ ...b, renewing }))),
  };
}
