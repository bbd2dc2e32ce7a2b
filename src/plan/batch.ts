/**
 * Where batches are cut. associate / disassociate apply every asset of a request to every user
 * and device in it, so a request is a biclique that may hold only wanted pairs. This module covers
 * a set of wanted (item, target) pairs exactly (no unwanted pair, none missed, none twice) with few
 * requests inside the limits, and computes a lower bound on how few are possible.
 *
 * How, in order (the modules named after each step):
 *  - batch-groups: targets needing the exact same item set form a class (a grade at one school,
 *    the carts of one level and subject); items needed by the exact same classes form a block, and
 *    every block is a full biclique. Blocks partition the pairs, so a block shared by several
 *    classes is sent once to all of them (grade-5 {A,B,C} and grade-6 {A,B,D}: {A,B} once to both).
 *  - batch-push-down: a block whose classes are split exactly among smaller blocks rides along
 *    with them when that saves requests (district-wide apps in each grade's request).
 *  - batch-fuse: blocks that cross (a grade's apps, the app each school chose) are sent together
 *    to the cohorts where they meet, block by block where that saves requests. The smaller of the
 *    two covers is kept.
 *  - chunking: each group is cut by maxAssets and evenly by the user / device limits.
 *  - batch-bound: the lower bound reported next to the count.
 * Items are plain indices: assets here, subscriptions for the subscription endpoints.
 */
import { bound } from './batch-bound.js';
import { fuseBlocks } from './batch-fuse.js';
import { groupBlocks, groupClasses, groupCost, targetChunks, type Group, type TargetClass } from './batch-groups.js';
import { pushDown } from './batch-push-down.js';
import { chunk, splitEven } from '../shared/chunk.js';

export interface BatchTarget {
  id: string;
  kind: 'user' | 'device';
  /** Indices of the items this target needs, ascending and unique. */
  items: readonly number[];
}

export interface BatchLimits {
  maxItems: number;
  maxUsers: number;
  maxDevices: number;
}

export interface Biclique {
  items: number[];
  users: string[];
  devices: string[];
}

export interface Batching {
  bicliques: Biclique[];
  /** No exact cover of these pairs within these limits has fewer requests. */
  lowerBound: number;
}

/** Covers the pairs; with `separate`, users and devices never share a request. */
export function batchPairs(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): Batching {
  if (!separate) return coverAll(targets, limits);
  const users = coverAll(targets.filter((t) => t.kind === 'user'), limits);
  const devices = coverAll(targets.filter((t) => t.kind === 'device'), limits);
  return { bicliques: [...users.bicliques, ...devices.bicliques], lowerBound: users.lowerBound + devices.lowerBound };
}

/** The lower bound alone, without building the cover. */
export function lowerBound(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): number {
  const one = (ts: readonly BatchTarget[]): number => {
    const classes = groupClasses(ts);
    return bound(classes, groupBlocks(classes), limits);
  };
  if (!separate) return one(targets);
  return one(targets.filter((t) => t.kind === 'user')) + one(targets.filter((t) => t.kind === 'device'));
}

function coverAll(targets: readonly BatchTarget[], limits: BatchLimits): Batching {
  const classes = groupClasses(targets);
  const blocks = groupBlocks(classes);
  const lower = bound(classes, blocks, limits);
  pushDown(blocks, classes, limits);
  const pushed = blocks.filter((b) => b.alive);
  const fused = sameItemsTogether(fuseBlocks(pushed, classes, limits));
  const groups = requestCount(fused, limits) < requestCount(pushed, limits) ? fused : pushed;
  return { bicliques: emit(groups, classes, limits), lowerBound: lower };
}

const requestCount = (groups: readonly Group[], l: BatchLimits): number =>
  groups.reduce((n, g) => n + groupCost(g.items.length, g.users, g.devices, l), 0);

/**
 * Groups with the same items (a block's leftover and a cell it seeded) share their requests: their
 * classes are disjoint, since groups partition the pairs, and one chunking never costs more.
 */
function sameItemsTogether(groups: readonly Group[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const g of groups) {
    const key = g.items.join(',');
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, { ...g });
    else byKey.set(key, { items: g.items, classes: [...same.classes, ...g.classes].sort((x, y) => x - y), users: same.users + g.users, devices: same.devices + g.devices });
  }
  return [...byKey.values()];
}

function emit(groups: readonly Group[], classes: readonly TargetClass[], l: BatchLimits): Biclique[] {
  const out: Biclique[] = [];
  for (const b of groups) {
    const users = b.classes.flatMap((k) => classes[k]!.users).sort();
    const devices = b.classes.flatMap((k) => classes[k]!.devices).sort();
    const n = targetChunks(users.length, devices.length, l);
    const userParts = splitEven(users, n);
    const deviceParts = splitEven(devices, n);
    for (const items of chunk(b.items, l.maxItems)) {
      for (let i = 0; i < n; i++) {
        if (userParts[i]!.length + deviceParts[i]!.length > 0) out.push({ items, users: userParts[i]!, devices: deviceParts[i]! });
      }
    }
  }
  return out;
}

