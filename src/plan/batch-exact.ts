/**
 * Where a small component gets its optimum: a branch and bound over every cover that keeps classes
 * and blocks whole, looking only for one cheaper than the best cover already found.
 *
 * Classes are taken in turn; each block a class still needs goes to a part made of the class and
 * some of the later classes that still need that block. Two parts of one class with the same later
 * classes would be one part (one cut of the union never costs more), so choosing those later
 * classes says which part the block joins: the search lists each cover once. A class that only
 * needs what earlier parts already gave it adds nothing. The rank of what is still uncovered bounds
 * what the rest costs (batch-rank): at each class all of it; within a class, what later classes
 * need and this class can no longer reach. A branch that cannot beat the best is cut.
 *
 * Bounded by a count of steps, not by time: the same input stops at the same place. `complete`
 * says the search ran to the end, so nothing in this model beats the result.
 */
import type { BatchLimits } from './batch.js';
import type { Component } from './batch-components.js';
import { itemChunks, targetChunks } from './batch-groups.js';
import type { Part, Work } from './batch-parts.js';
import { rank } from './batch-rank.js';

/** Class sets are bit masks in an int. */
const MAX_CLASSES = 30;

export interface ExactResult {
  /** A cover cheaper than `upper`, if one was found. */
  parts: Part[] | undefined;
  cost: number;
  /** The search finished: no cover of this kind costs less than `cost`. */
  complete: boolean;
}

interface OpenPart {
  mask: number;
  blocks: number[];
  items: number;
}

export function exactSearchFits(comp: Component): boolean {
  return comp.classes.length <= MAX_CLASSES;
}

export function exactCover(comp: Component, l: BatchLimits, upper: number, work: Work): ExactResult {
  const n = comp.classes.length;
  const m = comp.blocks.length;
  const weight = comp.blocks.map((b) => b.items.length);
  const uncovered = new Uint8Array(n * m);
  comp.blocks.forEach((b, i) => {
    for (const k of b.classes) uncovered[k * m + i] = 1;
  });
  // Classes needing the most blocks first: their choices shape the most.
  const order = comp.classes.map((_, k) => k).sort((x, y) => comp.classes[y]!.items.length - comp.classes[x]!.items.length || x - y);
  const chunksOf = new Map<number, number>();
  const targetChunksOf = (mask: number): number => {
    let c = chunksOf.get(mask);
    if (c === undefined) {
      let users = 0;
      let devices = 0;
      for (let k = 0; k < n; k++) {
        if ((mask & (1 << k)) === 0) continue;
        users += comp.classes[k]!.users.length;
        devices += comp.classes[k]!.devices.length;
      }
      chunksOf.set(mask, (c = targetChunks(users, devices, l)));
    }
    return c;
  };

  let best = upper;
  let bestParts: OpenPart[] | undefined;
  let stopped = false;
  const closed: OpenPart[] = [];

  const enterClass = (at: number, cost: number): void => {
    if (stopped) return;
    if (at === n) {
      best = cost;
      bestParts = closed.map((p) => ({ ...p, blocks: [...p.blocks] }));
      return;
    }
    const k = order[at]!;
    const needs: number[] = [];
    for (let b = 0; b < m; b++) if (uncovered[k * m + b] === 1) needs.push(b);
    if (needs.length === 0) return enterClass(at + 1, cost);
    const rest: number[][] = [];
    for (let i = at; i < n; i++) {
      const row: number[] = [];
      for (let b = 0; b < m; b++) if (uncovered[order[i]! * m + b] === 1) row.push(b);
      rest.push(row);
    }
    if (cost + rank(rest, m, work) >= best) return;
    placeBlock(at, k, needs, 0, cost, new Map());
  };

  const beyondReach = (at: number, needs: readonly number[], i: number): number[][] => {
    const reach = new Uint8Array(m);
    for (let j = i; j < needs.length; j++) reach[needs[j]!] = 1;
    const rows: number[][] = [];
    for (let j = at + 1; j < n; j++) {
      const row: number[] = [];
      for (let c = 0; c < m; c++) if (reach[c] === 0 && uncovered[order[j]! * m + c] === 1) row.push(c);
      if (row.length > 0) rows.push(row);
    }
    return rows;
  };

  const placeBlock = (at: number, k: number, needs: readonly number[], i: number, cost: number, open: Map<number, OpenPart>): void => {
    if (stopped || cost >= best) return;
    if (work.left-- <= 0) {
      stopped = true;
      return;
    }
    if (i === needs.length) {
      closed.push(...open.values());
      enterClass(at + 1, cost);
      closed.length -= open.size;
      return;
    }
    // Later classes' blocks this class no longer reaches need parts of their own: bound those too.
    if (i > 0 && cost + rank(beyondReach(at, needs, i), m, work) >= best) return;
    const b = needs[i]!;
    const sharers: number[] = [];
    for (let j = at + 1; j < n; j++) if (uncovered[order[j]! * m + b] === 1) sharers.push(order[j]!);
    for (const subset of subsetsLargestFirst(sharers.length)) {
      // Every choice weighed is a step, kept or not: a block many classes share has many.
      if (work.left-- <= 0) {
        stopped = true;
        return;
      }
      let mask = 1 << k;
      for (let s = 0; s < sharers.length; s++) if ((subset & (1 << s)) !== 0) mask |= 1 << sharers[s]!;
      const part = open.get(mask);
      const chunks = targetChunksOf(mask);
      const step = part === undefined ? itemChunks(weight[b]!, l) * chunks : (itemChunks(part.items + weight[b]!, l) - itemChunks(part.items, l)) * chunks;
      if (cost + step >= best) continue;
      for (let s = 0; s < sharers.length; s++) if ((subset & (1 << s)) !== 0) uncovered[sharers[s]! * m + b] = 0;
      uncovered[k * m + b] = 0;
      if (part === undefined) open.set(mask, { mask, blocks: [b], items: weight[b]! });
      else {
        part.blocks.push(b);
        part.items += weight[b]!;
      }
      placeBlock(at, k, needs, i + 1, cost + step, open);
      if (part === undefined) open.delete(mask);
      else {
        part.blocks.pop();
        part.items -= weight[b]!;
      }
      uncovered[k * m + b] = 1;
      for (let s = 0; s < sharers.length; s++) if ((subset & (1 << s)) !== 0) uncovered[sharers[s]! * m + b] = 1;
      if (stopped) return;
    }
  };

  enterClass(0, 0);
  const parts = bestParts?.map((p) => toPart(p, comp));
  return { parts, cost: best, complete: !stopped };
}

function toPart(p: OpenPart, comp: Component): Part {
  const classes: number[] = [];
  let users = 0;
  let devices = 0;
  comp.classes.forEach((c, k) => {
    if ((p.mask & (1 << k)) === 0) return;
    classes.push(k);
    users += c.users.length;
    devices += c.devices.length;
  });
  return { blocks: [...p.blocks].sort((x, y) => x - y), classes, items: p.items, users, devices };
}

/** Every subset of `n` sharers as a bit mask, the largest first (sharing is where savings are). */
function* subsetsLargestFirst(n: number): Generator<number> {
  for (let size = n; size >= 0; size--) yield* combinations(n, size, 0, 0);
}

function* combinations(n: number, size: number, from: number, mask: number): Generator<number> {
  if (size === 0) {
    yield mask;
    return;
  }
  for (let s = from; s <= n - size; s++) yield* combinations(n, size - 1, s + 1, mask | (1 << s));
}
