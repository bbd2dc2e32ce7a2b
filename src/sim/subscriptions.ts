/**
 * Subscriptions and their seats. A seat is renewing or expiring; a holder takes a seat of the
 * kind it was assigned with, so each kind is counted on its own.
 */
import type { ResponseSubscription, SeatCounts, SubscriptionAssignment } from '../api/types.js';
import type { SimState } from './state.js';
import { ViewCache } from './view-cache.js';

export interface SubscriptionRecord {
  adamId: number;
  parentAdamId?: number;
  total: SeatCounts;
  /** clientUserId -> whether the seat renews */
  holders: Map<string, boolean>;
}

export interface SubscriptionAssignmentFilter {
  adamId?: number;
  parentAdamId?: number;
  clientUserIds?: string[];
}

function assignedSeats(s: SubscriptionRecord): SeatCounts {
  let renewing = 0;
  for (const r of s.holders.values()) if (r) renewing++;
  return { renewing, expiring: s.holders.size - renewing };
}

export function freeSeats(s: SubscriptionRecord, renewing: boolean): number {
  const assigned = assignedSeats(s);
  return renewing ? s.total.renewing - assigned.renewing : s.total.expiring - assigned.expiring;
}

export function toResponseSubscription(s: SubscriptionRecord): ResponseSubscription {
  const assigned = assignedSeats(s);
  return {
    ...(s.parentAdamId !== undefined && { parentAdamId: s.parentAdamId }),
    adamId: s.adamId,
    counts: {
      assigned,
      available: { renewing: s.total.renewing - assigned.renewing, expiring: s.total.expiring - assigned.expiring },
      total: { ...s.total },
    },
  };
}

export class SubscriptionStore {
  readonly byAdamId = new Map<number, SubscriptionRecord>();
  private readonly views = new ViewCache<SubscriptionAssignment[]>();

  constructor(state: SimState) {
    for (const s of state.subscriptions ?? []) {
      this.byAdamId.set(s.adamId, { adamId: s.adamId, parentAdamId: s.parentAdamId, total: { ...s.total }, holders: new Map() });
    }
    for (const a of state.subscriptionAssignments ?? []) this.byAdamId.get(a.adamId)!.holders.set(a.clientUserId, a.renewing);
  }

  list(filter: { adamId?: number; parentAdamId?: number }): SubscriptionRecord[] {
    return [...this.byAdamId.values()].filter(
      (s) => (filter.adamId === undefined || s.adamId === filter.adamId) && (filter.parentAdamId === undefined || s.parentAdamId === filter.parentAdamId),
    );
  }

  assignments(filter: SubscriptionAssignmentFilter, version: number): SubscriptionAssignment[] {
    return this.views.get(JSON.stringify(filter), version, () => {
      const only = filter.clientUserIds && new Set(filter.clientUserIds);
      const rows: SubscriptionAssignment[] = [];
      for (const s of this.list(filter)) {
        for (const [clientUserId, renewing] of s.holders) {
          if (!only || only.has(clientUserId)) rows.push({ adamId: s.adamId, clientUserId, renewing });
        }
      }
      return rows;
    });
  }

  /** Frees every seat `clientUserId` holds (a retired user); returns whether any was held. */
  release(clientUserId: string): boolean {
    let any = false;
    for (const s of this.byAdamId.values()) any = s.holders.delete(clientUserId) || any;
    return any;
  }
}
