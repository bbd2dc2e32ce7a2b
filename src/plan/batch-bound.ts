/**
 * How few requests any exact cover could take: the planner reports it next to its own count, so a
 * reader sees how much room the batching leaves.
 */
import type { BatchLimits } from './batch.js';
import { itemChunks, targetChunks, type Block, type TargetClass } from './batch-groups.js';

/**
 * Requests never span two connected components of the pair graph, so per component the best of
 * three bounds holds and they add up: every item needs enough requests for its targets, every
 * target enough for its items, and a fooling set of blocks-by-class rectangles (no request can
 * touch two of them) needs each rectangle's own minimum.
 */
export function bound(classes: readonly TargetClass[], blocks: readonly Block[], l: BatchLimits): number {
  const parent = classes.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  for (const b of blocks) for (const k of b.classes) parent[find(k)] = find(b.classes[0]!);

  const itemSide = new Map<number, number>();
  const userSide = new Map<number, number>();
  const deviceSide = new Map<number, number>();
  const fooling = new Map<number, number>();
  const add = (m: Map<number, number>, k: number, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  for (const b of blocks) add(itemSide, find(b.classes[0]!), b.items.length * targetChunks(b.users, b.devices, l));
  classes.forEach((c, k) => {
    const appearances = itemChunks(c.items.length, l);
    add(userSide, find(k), c.users.length * appearances);
    add(deviceSide, find(k), c.devices.length * appearances);
  });
  for (const f of foolingSet(classes, blocks, l)) add(fooling, find(f.k), f.weight);

  let total = 0;
  for (const root of itemSide.keys()) {
    total += Math.max(
      Math.ceil(itemSide.get(root)! / l.maxItems),
      Math.ceil((userSide.get(root) ?? 0) / l.maxUsers),
      Math.ceil((deviceSide.get(root) ?? 0) / l.maxDevices),
      fooling.get(root) ?? 0,
    );
  }
  return total;
}

/** Fewest requests that can cover a full rectangle of `items` x (`users` + `devices`). */
function rectangleBound(items: number, users: number, devices: number, l: BatchLimits): number {
  const appearances = itemChunks(items, l);
  return Math.max(
    Math.ceil((items * targetChunks(users, devices, l)) / l.maxItems),
    Math.ceil((users * appearances) / l.maxUsers),
    Math.ceil((devices * appearances) / l.maxDevices),
  );
}

/** Greedy, heaviest first; a few candidate classes per block keep it fast. */
function foolingSet(classes: readonly TargetClass[], blocks: readonly Block[], l: BatchLimits): { b: number; k: number; weight: number }[] {
  const classBlocks = classes.map(() => new Set<number>());
  blocks.forEach((b, i) => {
    for (const k of b.classes) classBlocks[k]!.add(i);
  });
  const candidates: { b: number; k: number; weight: number }[] = [];
  blocks.forEach((b, i) => {
    const mine = b.classes
      .map((k) => ({ b: i, k, weight: rectangleBound(b.items.length, classes[k]!.users.length, classes[k]!.devices.length, l) }))
      .sort((x, y) => y.weight - x.weight || classBlocks[x.k]!.size - classBlocks[y.k]!.size || x.k - y.k);
    candidates.push(...mine.slice(0, 8));
  });
  // Among equal weights, pairs of small blocks and classes conflict with fewer others: take them first.
  const degree = (c: { b: number; k: number }): number => blocks[c.b]!.classes.length + classBlocks[c.k]!.size;
  candidates.sort((x, y) => y.weight - x.weight || degree(x) - degree(y) || x.b - y.b || x.k - y.k);
  const chosen: { b: number; k: number; weight: number }[] = [];
  for (const c of candidates) {
    const fools = chosen.every((o) => !(classBlocks[c.k]!.has(o.b) && classBlocks[o.k]!.has(c.b)));
    if (fools) chosen.push(c);
  }
  return chosen;
}
