import type { ResponseAsset } from '../api/types.js';
import { assetKey, type AssetKey, type Holders } from '../live/types.js';
import { sortedUnique } from '../shared/sorted-ids.js';
import { compareStrings } from '../shared/sorted-ids.js';

export interface ImportedGroup {
  name: string;
  users: string[];
  devices: string[];
}

/** What one asset lists: whole groups, then the holders that are in no group. */
export interface AssetMembers {
  groups: string[];
  users: string[];
  devices: string[];
}

export interface Cohorts {
  groups: ImportedGroup[];
  members: Map<AssetKey, AssetMembers>;
}

interface Cohort {
  /** Indexes into the sorted asset list: the exact set of assets every member holds. */
  assets: number[];
  users: string[];
  devices: string[];
}

/**
 * A cohort becomes a group only when that shortens the file: with two or more members holding
 * two or more assets, listing the group once per asset is shorter than listing every member.
 */
function worthAGroup(c: Cohort): boolean {
  return c.users.length + c.devices.length >= 2 && c.assets.length >= 2;
}

function compareCohorts(a: Cohort, b: Cohort): number {
  const size = b.users.length + b.devices.length - (a.users.length + a.devices.length);
  if (size !== 0) return size;
  // Indexes follow the sorted asset order, so this orders cohorts by their sorted asset keys.
  for (let i = 0; i < Math.min(a.assets.length, b.assets.length); i++) {
    if (a.assets[i] !== b.assets[i]) return a.assets[i]! - b.assets[i]!;
  }
  return a.assets.length - b.assets.length;
}

/**
 * Splits the holders of `assets` (sorted) into cohorts of users and devices holding exactly the
 * same set of assets, and names the cohorts worth it `set-01`, `set-02`… by size (largest
 * first), then by their assets. A district's grades and carts come out as groups, instead of
 * every student repeated under every app.
 */
export function findCohorts(assets: readonly ResponseAsset[], holders: ReadonlyMap<AssetKey, Holders>): Cohorts {
  const byUser = new Map<string, number[]>();
  const byDevice = new Map<string, number[]>();
  assets.forEach((a, index) => {
    const h = holders.get(assetKey(a.adamId, a.pricingParam));
    if (h === undefined) return;
    for (const u of sortedUnique(h.users)) push(byUser, u, index);
    for (const d of sortedUnique(h.devices)) push(byDevice, d, index);
  });

  const bySet = new Map<string, Cohort>();
  const cohortOf = (indexes: number[]): Cohort => {
    const key = indexes.join(',');
    let c = bySet.get(key);
    if (c === undefined) bySet.set(key, (c = { assets: indexes, users: [], devices: [] }));
    return c;
  };
  for (const [u, indexes] of byUser) cohortOf(indexes).users.push(u);
  for (const [d, indexes] of byDevice) cohortOf(indexes).devices.push(d);

  const members = new Map<AssetKey, AssetMembers>();
  const membersOf = (index: number): AssetMembers => {
    const a = assets[index]!;
    const key = assetKey(a.adamId, a.pricingParam);
    let m = members.get(key);
    if (m === undefined) members.set(key, (m = { groups: [], users: [], devices: [] }));
    return m;
  };

  const grouped = [...bySet.values()].filter(worthAGroup).sort(compareCohorts);
  const width = Math.max(2, String(grouped.length).length);
  const groups = grouped.map((c, i): ImportedGroup => {
    const name = `set-${String(i + 1).padStart(width, '0')}`;
    for (const index of c.assets) membersOf(index).groups.push(name);
    return { name, users: c.users.sort(compareStrings), devices: c.devices.sort(compareStrings) };
  });
  for (const c of bySet.values()) {
    if (worthAGroup(c)) continue;
    for (const index of c.assets) {
      const m = membersOf(index);
      // A loop, not push(...list): a cohort can be larger than the engine's argument limit.
      for (const u of c.users) m.users.push(u);
      for (const d of c.devices) m.devices.push(d);
    }
  }
  for (const m of members.values()) {
    m.groups.sort(compareStrings);
    m.users.sort(compareStrings);
    m.devices.sort(compareStrings);
  }
  return { groups, members };
}

function push(map: Map<string, number[]>, id: string, index: number): void {
  const list = map.get(id);
  if (list === undefined) map.set(id, [index]);
  else list.push(index);
}
