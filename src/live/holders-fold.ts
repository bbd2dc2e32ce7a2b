import type { Assignment } from '../api/types.js';
import { assetKey, type AssetKey, type Holders } from './types.js';
import { sortUnique } from './compare.js';

/**
 * Keeps one copy of each repeated id. Every assignment page is a fresh JSON parse, so without
 * this 1,000,000 assignments over 100,000 users would hold 1,000,000 separate id strings.
 */
export class Interner {
  private readonly seen = new Map<string, string>();

  intern(value: string): string {
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    this.seen.set(value, value);
    return value;
  }
}

/** Assignments of these users no longer count: Apple keeps them only as history. */
function inactive(a: Assignment): boolean {
  return a.userStatus === 'Retired' || a.userStatus === 'Deleted';
}

/**
 * Folds assignment pages into per-asset holder lists as they arrive, so pages are dropped
 * right after they are read. Lists are sorted and de-duplicated once, in finish(): pages may
 * overlap when the data changes while it is being paged through.
 */
export class HoldersFold {
  private readonly byAsset = new Map<AssetKey, Holders>();

  constructor(private readonly ids: Interner) {}

  /** A paged read that restarted (the data changed mid-read) hands over page 0 again. */
  restart(): void {
    this.byAsset.clear();
  }

  add(assignments: readonly Assignment[]): void {
    for (const a of assignments) {
      if (inactive(a)) continue;
      const key = assetKey(a.adamId, a.pricingParam);
      let holders = this.byAsset.get(key);
      if (holders === undefined) {
        holders = { users: [], devices: [] };
        this.byAsset.set(key, holders);
      }
      if (a.clientUserId !== undefined) holders.users.push(this.ids.intern(a.clientUserId));
      if (a.serialNumber !== undefined) holders.devices.push(this.ids.intern(a.serialNumber));
    }
  }

  finish(): Map<AssetKey, Holders> {
    for (const holders of this.byAsset.values()) {
      sortUnique(holders.users);
      sortUnique(holders.devices);
    }
    return this.byAsset;
  }
}
