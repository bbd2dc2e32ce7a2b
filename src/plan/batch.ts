/**
 * Where batches are cut. associate / disassociate apply every asset of a request to every user
 * and device in it, so a request is a biclique that may hold only wanted pairs. This module covers
 * a set of wanted (item, target) pairs exactly (no unwanted pair, none missed, none twice) with few
 * requests inside the limits, and computes a lower bound on how few are possible.
 *
 * How, in order (the modules named after each step):
 *  - batch-groups: targets needing the exact same item set form a class (a grade at one school,
 *    the carts of one level and subject); items needed by the exact same classes form a block.
 *  - batch-components: classes that share no item, directly or through others, never share a
 *    request, so each connected component is covered on its own and the counts add up.
 *  - batch-bound: per component, a lower bound (item and target sides, a conflict-aware fooling
 *    set, the rank of the pair matrix).
 *  - batch-choose: per component, the cheapest of several exact covers: the class-wise packing
 *    (batch-class-wise), the block cover (batch-block-cover: push-down, fuse), each improved one
 *    class at a time (batch-reinsert), and for small components a bounded exact search
 *    (batch-exact). Never worse than the class-wise packing or the block cover.
 *  - batch-cut: each group of the chosen cover cut into requests by the limits.
 * Items are plain indices: assets here, subscriptions for the subscription endpoints. Everything is
 * bounded by work counts, never by the clock, so the same pairs always give the same requests.
 */
import { componentBound } from './batch-bound.js';
import { cheapestCover } from './batch-choose.js';
import { splitComponents, type Component } from './batch-components.js';
import { cutGroups } from './batch-cut.js';
import { groupBlocks, groupClasses } from './batch-groups.js';
import { groupsOfParts } from './batch-parts.js';

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

/**
 * Work the improvement and the exact search may do in one batching, over all its components: small
 * inputs get all they need, large ones (where the block cover usually meets the bound) stay fast.
 */
const IMPROVE_WORK = 100_000;
const EXACT_WORK = 400_000;

/** Covers the pairs; with `separate`, users and devices never share a request. */
export function batchPairs(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): Batching {
  if (!separate) return coverAll(targets, limits);
  const users = coverAll(targets.filter((t) => t.kind === 'user'), limits);
  const devices = coverAll(targets.filter((t) => t.kind === 'device'), limits);
  return { bicliques: [...users.bicliques, ...devices.bicliques], lowerBound: users.lowerBound + devices.lowerBound };
}

/** The lower bound alone, without building the cover. */
export function lowerBound(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): number {
  const one = (ts: readonly BatchTarget[]): number => componentsOf(ts).reduce((n, comp) => n + componentBound(comp, limits), 0);
  if (!separate) return one(targets);
  return one(targets.filter((t) => t.kind === 'user')) + one(targets.filter((t) => t.kind === 'device'));
}

function coverAll(targets: readonly BatchTarget[], limits: BatchLimits): Batching {
  const comps = componentsOf(targets);
  const work = { improving: { left: IMPROVE_WORK }, exact: { left: EXACT_WORK } };
  let lower = 0;
  const bicliques: Biclique[] = [];
  for (const comp of comps) {
    const { parts, lower: bound } = cheapestCover(comp, limits, work);
    lower += bound;
    bicliques.push(...cutGroups(groupsOfParts(parts, comp), comp.classes, limits));
  }
  return { bicliques, lowerBound: lower };
}

const componentsOf = (targets: readonly BatchTarget[]): Component[] => {
  const classes = groupClasses(targets);
  return splitComponents(classes, groupBlocks(classes));
};
