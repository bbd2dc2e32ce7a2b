/**
 * Seats per declared subscription: users to give a seat (renewing as the file says) and, with
 * `prune`, seat holders to take it from. Undeclared subscriptions are never touched, whatever the
 * scope. A seat held with the other renewing flag is left as it is: changing it would mean taking
 * the seat away first.
 */
import type { DesiredState, DesiredSubscription } from '../config/types.js';
import type { LiveState } from '../live/types.js';

export interface SubscriptionDiff {
  adamId: number;
  declared: DesiredSubscription;
  owned: boolean;
  /** Seats available (renewing + expiring) before the plan. */
  available?: number;
  add: string[];
  remove: string[];
}

export function diffSubscriptions(desired: DesiredState, live: LiveState): SubscriptionDiff[] {
  const owned = new Map(live.subscriptions.map((s) => [s.adamId, s]));
  const diffs: SubscriptionDiff[] = [];
  for (const s of desired.subscriptions) {
    const seats = live.subscriptionAssignments.get(s.adamId) ?? [];
    const holders = new Set(seats.map((x) => x.clientUserId));
    const wanted = new Set(s.users);
    const info = owned.get(s.adamId);
    const diff: SubscriptionDiff = {
      adamId: s.adamId,
      declared: s,
      owned: info !== undefined,
      add: s.users.filter((u) => !holders.has(u)).sort(),
      remove: desired.policy.prune ? [...holders].filter((u) => !wanted.has(u)).sort() : [],
    };
    if (info !== undefined) diff.available = info.counts.available.renewing + info.counts.available.expiring;
    diffs.push(diff);
  }
  return diffs.sort((a, b) => a.adamId - b.adamId);
}
