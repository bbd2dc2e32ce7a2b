/**
 * The fooling-set bound. A block-by-class rectangle (the block's items, the class's targets) and
 * another fool each other when no request can touch both: a request holding an item of the first
 * and a target of the second would also hold a pair nobody wants (the second class does not need
 * the first block, or the first class the second block). Rectangles that pairwise fool need
 * separate requests, at least as many as each rectangle alone needs.
 *
 * Finding the heaviest such set is a maximum weight independent set in the conflict graph
 * (rectangles that could share a request): conflict-aware greedy first (weight over one plus the
 * weight of what a pick rules out, so rectangles that block few others go first), then swaps that
 * trade one picked rectangle for several it alone was blocking. Bounded by a work count.
 */
import type { BatchLimits } from './batch.js';
import { blocksOfClasses, type Component } from './batch-components.js';
import { itemChunks, targetChunks } from './batch-groups.js';
import type { Work } from './batch-parts.js';

/** Candidate rectangles per block, the heaviest; and in all, so conflicts stay quadratic in few. */
const PER_BLOCK = 6;
const MAX_CANDIDATES = 1000;

interface Rectangle {
  block: number;
  cls: number;
  weight: number;
}

export function foolingBound(comp: Component, l: BatchLimits, work: Work): number {
  const needs = membership(comp);
  const rects = candidates(comp, l);
  // Conflict lists: the rectangles each one could share a request with. A rectangle conflicts only
  // with rectangles on blocks its class needs, so those are the only ones looked at.
  const onBlock = comp.blocks.map((): number[] => []);
  rects.forEach((r, i) => onBlock[r.block]!.push(i));
  const classBlocks = blocksOfClasses(comp);
  const conflicts: number[][] = rects.map(() => []);
  for (let i = 0; i < rects.length && work.left > 0; i++) {
    const a = rects[i]!;
    for (const block of classBlocks[a.cls]!) {
      const others = onBlock[block]!;
      work.left -= others.length;
      for (const j of others) {
        if (j > i && needs(rects[j]!.cls, a.block)) {
          conflicts[i]!.push(j);
          conflicts[j]!.push(i);
        }
      }
    }
  }
  if (work.left <= 0) return rects.reduce((most, r) => Math.max(most, r.weight), 0);
  const picked = greedy(rects, conflicts);
  improve(rects, conflicts, (a, b) => needs(rects[a]!.cls, rects[b]!.block) && needs(rects[b]!.cls, rects[a]!.block), picked, work);
  let total = 0;
  picked.forEach((on, i) => {
    if (on) total += rects[i]!.weight;
  });
  return total;
}

/** Whether a class needs a block: a flat table, or per-class sets where a table would be large. */
function membership(comp: Component): (cls: number, block: number) => boolean {
  const m = comp.blocks.length;
  if (comp.classes.length * m <= 4_000_000) {
    const table = new Uint8Array(comp.classes.length * m);
    comp.blocks.forEach((b, i) => {
      for (const k of b.classes) table[k * m + i] = 1;
    });
    return (cls, block) => table[cls * m + block] === 1;
  }
  const sets = comp.classes.map(() => new Set<number>());
  comp.blocks.forEach((b, i) => {
    for (const k of b.classes) sets[k]!.add(i);
  });
  return (cls, block) => sets[cls]!.has(block);
}

/** Fewest requests that can cover a full rectangle of `items` x (`users` + `devices`). */
export function rectangleBound(items: number, users: number, devices: number, l: BatchLimits): number {
  const appearances = itemChunks(items, l);
  return Math.max(
    Math.ceil((items * targetChunks(users, devices, l)) / l.maxItems),
    Math.ceil((users * appearances) / l.maxUsers),
    Math.ceil((devices * appearances) / l.maxDevices),
  );
}

function candidates(comp: Component, l: BatchLimits): Rectangle[] {
  const size = new Int32Array(comp.classes.length);
  for (const b of comp.blocks) for (const k of b.classes) size[k]!++;
  const before = (x: Rectangle, y: Rectangle): number => y.weight - x.weight || size[x.cls]! - size[y.cls]! || x.cls - y.cls;
  const all: Rectangle[] = [];
  comp.blocks.forEach((b, block) => {
    // The heaviest few of a block's classes, kept sorted as they come (a block may have thousands).
    const mine: Rectangle[] = [];
    for (const cls of b.classes) {
      const c = comp.classes[cls]!;
      const r = { block, cls, weight: rectangleBound(b.items.length, c.users.length, c.devices.length, l) };
      if (mine.length === PER_BLOCK && before(r, mine[PER_BLOCK - 1]!) >= 0) continue;
      let at = mine.length;
      while (at > 0 && before(r, mine[at - 1]!) < 0) at--;
      mine.splice(at, 0, r);
      if (mine.length > PER_BLOCK) mine.pop();
    }
    all.push(...mine);
  });
  // Heaviest first; among equals, rectangles of small blocks and classes conflict with fewer others.
  const degree = (r: Rectangle): number => comp.blocks[r.block]!.classes.length + size[r.cls]!;
  all.sort((x, y) => y.weight - x.weight || degree(x) - degree(y) || x.block - y.block || x.cls - y.cls);
  return all.slice(0, MAX_CANDIDATES);
}

function greedy(rects: readonly Rectangle[], conflicts: readonly number[][]): Uint8Array {
  const n = rects.length;
  const picked = new Uint8Array(n);
  const out = new Uint8Array(n);
  // Weight a pick would rule out: what it conflicts with and is still available.
  const blocking = rects.map((_, i) => conflicts[i]!.reduce((s, j) => s + rects[j]!.weight, 0));
  for (;;) {
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < n; i++) {
      if (out[i] === 1) continue;
      const score = rects[i]!.weight / (1 + blocking[i]!);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    if (best < 0) return picked;
    picked[best] = 1;
    out[best] = 1;
    for (const j of conflicts[best]!) {
      if (out[j] === 1) continue;
      out[j] = 1;
      for (const x of conflicts[j]!) blocking[x]! -= rects[j]!.weight;
    }
  }
}

/** Swaps one picked rectangle for several that only it blocked, while that adds weight. */
function improve(rects: readonly Rectangle[], conflicts: readonly number[][], conflict: (a: number, b: number) => boolean, picked: Uint8Array, work: Work): void {
  const n = rects.length;
  // How many picked rectangles block each one.
  const tight = new Int32Array(n);
  for (let i = 0; i < n; i++) if (picked[i] === 1) for (const j of conflicts[i]!) tight[j]!++;
  let better = true;
  while (better && work.left > 0) {
    better = false;
    for (let u = 0; u < n && work.left > 0; u++) {
      if (picked[u] !== 1) continue;
      work.left -= conflicts[u]!.length;
      const freed = conflicts[u]!.filter((v) => picked[v] === 0 && tight[v] === 1).sort((x, y) => rects[y]!.weight - rects[x]!.weight || x - y);
      const gain: number[] = [];
      for (const v of freed) if (gain.every((g) => !conflict(v, g))) gain.push(v);
      if (gain.reduce((s, v) => s + rects[v]!.weight, 0) <= rects[u]!.weight) continue;
      picked[u] = 0;
      for (const j of conflicts[u]!) tight[j]!--;
      for (const v of gain) {
        picked[v] = 1;
        for (const j of conflicts[v]!) tight[j]!++;
      }
      better = true;
    }
  }
}
