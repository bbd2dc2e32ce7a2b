/**
 * Seats per declared subscription: users to give a seat (renewing as the file says) and, with
 * `prune`, seat holders to take it from. Undeclared subscriptions are never touched, whatever the
 * scope. A seat held with the other renewing flag is left as it is: changing it would mean taking
 * the seat away first. Seats are counted per kind: a new holder takes a seat of the kind the file
 * asks for, and a removal frees one of the kind it held.
 */
import type { DesiredState, DesiredSubscription } from '../config/types.js';
import type { LiveState } from '../live/types.js';

export interface SubscriptionDiff {
  adamId: number;
  declared: DesiredSubscription;
  owned: boolean;
  /** Seats available before the plan, of the kind the file assigns (renewing or expiring). */
  available?: number;
  /** Seats of that kind that the plan's removals free. */
  freed: number;
  add: string[];
  remove: string[];
  /** New holders left without a seat (policy.whenShort: prioritize), in serving order. */
  waiting?: string[];
}

export function diffSubscriptions(desired: DesiredState, live: LiveState): SubscriptionDiff[] {
  const owned = new Map(live.subscriptions.map((s) => [s.adamId, s]));
  const diffs: SubscriptionDiff[] = [];
  for (const s of desired.subscriptions) {
    const seats = live.subscriptionAssignments.get(s.adamId) ?? [];
    const holders = new Map(seats.map((x) => [x.clientUserId, x.renewing]));
    const wanted = new Set(s.users);
    const info = owned.get(s.adamId);
    const remove = desired.policy.prune ? [...holders.keys()].filter((u) => !wanted.has(u)).sort() : [];
    const diff: SubscriptionDiff = {
      adamId: s.adamId,
      declared: s,
      owned: info !== undefined,
      freed: remove.filter((u) => holders.get(u) === s.renewing).length,
      add: s.users.filter((u) => !holders.has(u)).sort(),
      remove,
    };
    if (info !== undefined) diff.available = s.renewing ? info.counts.available.renewing : info.counts.available.expiring;
    diffs.push(diff);
  }
  return diffs.sort((a, b) => a.adamId - b.adamId);
}

/** Seats the plan can hand out: those of the file's kind available, plus those its removals free. */
export function seatsFor(d: SubscriptionDiff): number {
  return Math.max(0, (d.available ?? 0) + d.freed);
}

/** "renewing" or "expiring": the kind of seat the file assigns. */
export function seatKind(d: SubscriptionDiff): string {
  return d.declared.renewing ? 'renewing' : 'expiring';
}
