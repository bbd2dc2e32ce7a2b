import type { Assignment } from '../api/types.js';
import { assetKey, type AssetKey, type Holders } from './types.js';
import { sortUniqueInPlace } from '../shared/sorted-ids.js';
import { isActive } from './users-fold.js';

/**
 * V8's JSON.parse already keeps one shared copy of each string value up to this many characters
 * (it internalizes them), so looking those up again would only cost time: with 8-character ids
 * the lookups were most of the fold's time. Should V8 change this, short ids take more memory.
 */
const SHARED_BY_JSON_PARSE = 10;

/**
 * Keeps one copy of each repeated id. Every assignment page is a fresh JSON parse, so without
 * this 1,000,000 assignments over 100,000 users would hold 1,000,000 separate id strings.
 */
export class Interner {
  private readonly seen = new Map<string, string>();

  intern(value: string): string {
    if (value.length <= SHARED_BY_JSON_PARSE) return value;
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    this.seen.set(value, value);
    return value;
  }
}

/**
 * Folds assignment pages into per-asset holder lists as they arrive, so pages are dropped
 * right after they are read. Lists are sorted and de-duplicated once, in finish(): pages may
 * overlap when the data changes while it is being paged through.
 */
export class HoldersFold {
  /** adamId, then pricingParam: both are JSON.parse's shared strings, while an `adamId:pricingParam` key would be a new string to hash per assignment. */
  private readonly byAsset = new Map<string, Map<string, Holders>>();
  /** Assets with rows of Retired or Deleted users: the cached read cannot tell how Apple counts those, so it re-reads them. */
  readonly inactiveRowsIn = new Set<AssetKey>();

  constructor(private readonly ids: Interner) {}

  /** A paged read that restarted (the data changed mid-read) hands over page 0 again. */
  restart(): void {
    this.byAsset.clear();
    this.inactiveRowsIn.clear();
  }

  add(assignments: readonly Assignment[]): void {
    // A page usually lists one asset's holders one after another: the previous row's list is
    // checked first, so most rows skip both map lookups.
    let adamId: string | undefined;
    let pricingParam: string | undefined;
    let holders: Holders | undefined;
    for (const a of assignments) {
      if (!isActive(a.userStatus)) {
        this.inactiveRowsIn.add(assetKey(a.adamId, a.pricingParam));
        continue;
      }
      if (holders === undefined || a.adamId !== adamId || a.pricingParam !== pricingParam) {
        ({ adamId, pricingParam } = a);
        holders = this.holdersOf(a.adamId, a.pricingParam);
      }
      if (a.clientUserId !== undefined) holders.users.push(this.ids.intern(a.clientUserId));
      if (a.serialNumber !== undefined) holders.devices.push(this.ids.intern(a.serialNumber));
    }
  }

  private holdersOf(adamId: string, pricingParam: string): Holders {
    let prices = this.byAsset.get(adamId);
    if (prices === undefined) this.byAsset.set(adamId, (prices = new Map()));
    let holders = prices.get(pricingParam);
    if (holders === undefined) prices.set(pricingParam, (holders = { users: [], devices: [] }));
    return holders;
  }

  finish(): Map<AssetKey, Holders> {
    const byKey = new Map<AssetKey, Holders>();
    for (const [adamId, prices] of this.byAsset) {
      for (const [pricingParam, holders] of prices) {
        sortUniqueInPlace(holders.users);
        sortUniqueInPlace(holders.devices);
        byKey.set(assetKey(adamId, pricingParam), holders);
      }
    }
    return byKey;
  }
}
