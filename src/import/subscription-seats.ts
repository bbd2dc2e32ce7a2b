import type { LiveState } from '../live/types.js';
import { compareStrings } from '../shared/sorted-ids.js';
import type { ImportedGroup } from './cohorts.js';

export interface ImportedSubscription {
  adamId: number;
  renewing: boolean;
  groups: string[];
  users: string[];
  /** Seat holders whose seat renews the other way than `renewing` says (kept as they are). */
  otherwise: string[];
}

/**
 * One entry per subscription, every seat holder listed. A subscription entry has one `renewing`
 * flag, which only decides what kind of seat a NEW holder gets; the plan compares holders, not
 * how each seat renews. So a subscription with mixed seats is declared once with the flag most
 * seats have (renewing on a tie) and the others are named in a comment: declaring it twice
 * would make two entries claim the same subscription.
 * Groups made only of users, all holding a seat, stand in for their members.
 */
export function importSubscriptions(live: LiveState, groups: readonly ImportedGroup[]): ImportedSubscription[] {
  const adamIds = new Set<number>(live.subscriptions.map((s) => s.adamId));
  for (const adamId of live.subscriptionAssignments.keys()) adamIds.add(adamId);
  return [...adamIds]
    .sort((a, b) => a - b)
    .map((adamId) => {
      const seats = live.subscriptionAssignments.get(adamId) ?? [];
      const renewingCount = seats.filter((s) => s.renewing).length;
      const renewing = renewingCount * 2 >= seats.length;
      const holders = new Set(seats.map((s) => s.clientUserId));
      const usedGroups: string[] = [];
      for (const g of groups) {
        if (g.devices.length > 0 || !g.users.every((u) => holders.has(u))) continue;
        usedGroups.push(g.name);
        for (const u of g.users) holders.delete(u);
      }
      return {
        adamId,
        renewing,
        groups: usedGroups.sort(compareStrings),
        users: [...holders].sort(compareStrings),
        otherwise: seats.filter((s) => s.renewing !== renewing).map((s) => s.clientUserId).sort(compareStrings),
      };
    });
}
