/**
 * What changes per asset: pairs to add (desired, not live) and pairs to remove (live, not desired;
 * only with `prune`). Managed assets are the declared ones, plus every live asset with
 * `scope: all`; with `scope: declared` an undeclared asset is never touched.
 */
import type { PricingParam, ProductType, ResponseAsset } from '../api/types.js';
import type { DesiredAsset, DesiredState } from '../config/types.js';
import { assetKey, type AssetKey, type Holders, type LiveState } from '../live/types.js';
import { compareStrings } from '../shared/sorted-ids.js';
import { difference } from '../shared/sorted-ids.js';
import type { AssetKind, AssetName } from './types.js';

export interface AssetDiff {
  key: AssetKey;
  adamId: string;
  pricingParam: PricingParam;
  /** The file's name for it, else the store's (content metadata lookup). */
  name?: string;
  /** From the location's record (productType), else from the store. */
  kind?: AssetKind;
  /** The file's entry; absent for an undeclared asset managed through `scope: all`. */
  declared?: DesiredAsset;
  /** The location's record; absent when the location does not own the asset. */
  owned?: ResponseAsset;
  liveCount: number;
  add: Holders;
  remove: Holders;
  /** New holders left without a license (policy.whenShort: prioritize), in serving order. */
  waiting?: Holders;
}

const EMPTY: Holders = { users: [], devices: [] };

/**
 * Managed assets sorted by the file's name, then adamId, then pricingParam. Store names (`names`)
 * label the diffs but never order them: the requests, cut in this order, must not depend on
 * whether the store answered.
 */
export function diffAssets(desired: DesiredState, live: LiveState, names: ReadonlyMap<string, AssetName> = new Map()): AssetDiff[] {
  const owned = new Map(live.assets.map((a) => [assetKey(a.adamId, a.pricingParam), a]));
  const { prune, scope } = desired.policy;
  const diffs: AssetDiff[] = [];
  const declaredKeys = new Set<AssetKey>();
  for (const d of desired.assets) {
    const key = assetKey(d.adamId, d.pricingParam);
    declaredKeys.add(key);
    diffs.push(diffOne(key, d.adamId, d.pricingParam, d, owned.get(key), { users: d.users, devices: d.devices }, live.assignments.get(key), prune, names));
  }
  if (scope === 'all' && prune) {
    const undeclared = new Map<AssetKey, { adamId: string; pricingParam: PricingParam }>();
    for (const a of live.assets) undeclared.set(assetKey(a.adamId, a.pricingParam), a);
    for (const key of live.assignments.keys()) {
      if (undeclared.has(key)) continue;
      const cut = key.lastIndexOf(':');
      undeclared.set(key, { adamId: key.slice(0, cut), pricingParam: key.slice(cut + 1) as PricingParam });
    }
    for (const [key, a] of undeclared) {
      if (declaredKeys.has(key)) continue;
      const diff = diffOne(key, a.adamId, a.pricingParam, undefined, owned.get(key), EMPTY, live.assignments.get(key), true, names);
      if (diff.remove.users.length + diff.remove.devices.length > 0) diffs.push(diff);
    }
  }
  return diffs.sort(byNameThenId);
}

function diffOne(
  key: AssetKey,
  adamId: string,
  pricingParam: PricingParam,
  declared: DesiredAsset | undefined,
  owned: ResponseAsset | undefined,
  want: Holders,
  have: Holders | undefined,
  prune: boolean,
  names: ReadonlyMap<string, AssetName>,
): AssetDiff {
  const users = difference(want.users, have?.users ?? []);
  const devices = difference(want.devices, have?.devices ?? []);
  const diff: AssetDiff = {
    key,
    adamId,
    pricingParam,
    liveCount: (have?.users.length ?? 0) + (have?.devices.length ?? 0),
    add: { users: users.add, devices: devices.add },
    remove: prune ? { users: users.remove, devices: devices.remove } : { users: [], devices: [] },
  };
  if (declared !== undefined) diff.declared = declared;
  const store = names.get(adamId);
  const name = declared?.name ?? store?.name;
  if (name !== undefined) diff.name = name;
  const kind = owned === undefined ? store?.kind : kindOfProduct(owned.productType);
  if (kind !== undefined) diff.kind = kind;
  if (owned !== undefined) diff.owned = owned;
  return diff;
}

function byNameThenId(a: AssetDiff, b: AssetDiff): number {
  return compareStrings(a.declared?.name ?? '', b.declared?.name ?? '') || compareStrings(a.adamId, b.adamId) || compareStrings(a.pricingParam, b.pricingParam);
}

export function assetLabel(d: { adamId: string; pricingParam: PricingParam; name?: string }): string {
  const id = `${d.adamId} ${d.pricingParam}`;
  return d.name === undefined ? id : `${d.name} (${id})`;
}

/** An app or a book, by the location's record of it (Apple's productType). */
export function kindOfProduct(productType: ProductType): AssetKind {
  return productType === 'Book' ? 'book' : 'app';
}

export function pairCount(h: Holders): number {
  return h.users.length + h.devices.length;
}

/** Licenses the plan can hand out: those available plus those its own removals and revokes free. */
export function licensesFor(d: AssetDiff): number {
  return Math.max(0, (d.owned?.availableCount ?? 0) + pairCount(d.remove));
}
