/** Helpers for the batching tests: pair lists, covers by other methods, an exhaustive optimum. */
import { expect } from 'vitest';
import type { BatchLimits, BatchTarget, Biclique } from '../../src/plan/index.js';
import { blockCover } from '../../src/plan/batch-block-cover.js';
import { classWiseCover } from '../../src/plan/batch-class-wise.js';
import { splitComponents, type Component } from '../../src/plan/batch-components.js';
import { groupBlocks, groupClasses } from '../../src/plan/batch-groups.js';
import { coverCost, type Part } from '../../src/plan/batch-parts.js';

export const wide: BatchLimits = { maxItems: 25, maxUsers: 1000, maxDevices: 1000 };

export function users(prefix: string, n: number, items: number[]): BatchTarget[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(4, '0')}`, kind: 'user' as const, items }));
}

export function pairsOf(bicliques: Biclique[]): string[] {
  return bicliques.flatMap((b) => b.items.flatMap((i) => [...b.users.map((u) => `${i}/u:${u}`), ...b.devices.map((d) => `${i}/d:${d}`)])).sort();
}

export function wantedPairs(targets: readonly BatchTarget[]): string[] {
  return targets.flatMap((t) => t.items.map((i) => `${i}/${t.kind === 'user' ? 'u' : 'd'}:${t.id}`)).sort();
}

/** Every request within the limits, none empty, users and devices apart when `separate`. */
export function expectWithinLimits(bicliques: readonly Biclique[], l: BatchLimits, separate: boolean): void {
  for (const b of bicliques) {
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.length).toBeLessThanOrEqual(l.maxItems);
    expect(b.users.length).toBeLessThanOrEqual(l.maxUsers);
    expect(b.devices.length).toBeLessThanOrEqual(l.maxDevices);
    expect(b.users.length + b.devices.length).toBeGreaterThan(0);
    if (separate) expect(b.users.length === 0 || b.devices.length === 0).toBe(true);
  }
}

export function componentsOf(targets: readonly BatchTarget[]): Component[] {
  const classes = groupClasses(targets);
  return splitComponents(classes, groupBlocks(classes));
}

/** Requests a cover method takes over all components, users and devices apart when `separate`. */
export function costBy(method: (comp: Component, l: BatchLimits) => Part[], targets: readonly BatchTarget[], l: BatchLimits, separate: boolean): number {
  const sides = separate ? [targets.filter((t) => t.kind === 'user'), targets.filter((t) => t.kind === 'device')] : [targets];
  return sides.reduce((n, side) => n + componentsOf(side).reduce((m, comp) => m + coverCost(method(comp, l), l), 0), 0);
}

export const classWise = (targets: readonly BatchTarget[], l: BatchLimits, separate: boolean): number => costBy((comp) => classWiseCover(comp), targets, l, separate);
export const blockWise = (targets: readonly BatchTarget[], l: BatchLimits, separate: boolean): number => costBy(blockCover, targets, l, separate);

/** The fewest requests that cover the pairs exactly, by exhaustive search (tiny inputs only). */
export function optimum(targets: readonly BatchTarget[], l: BatchLimits, separate: boolean): number {
  const want = new Set(wantedPairs(targets));
  const ids = targets.map((t) => `${t.kind === 'user' ? 'u' : 'd'}:${t.id}`);
  const items = [...new Set(targets.flatMap((t) => t.items))];
  let best = Infinity;
  const search = (left: Set<string>, used: number): void => {
    if (used >= best) return;
    const first = [...left].sort()[0];
    if (first === undefined) {
      best = used;
      return;
    }
    for (let im = 1; im < 1 << items.length; im++) {
      const is = items.filter((_, k) => im & (1 << k));
      if (is.length > l.maxItems) continue;
      for (let tm = 1; tm < 1 << ids.length; tm++) {
        const ts = ids.filter((_, k) => tm & (1 << k));
        const nu = ts.filter((t) => t.startsWith('u:')).length;
        const nd = ts.length - nu;
        if (nu > l.maxUsers || nd > l.maxDevices || (separate && nu > 0 && nd > 0)) continue;
        const pairs = is.flatMap((i) => ts.map((t) => `${i}/${t}`));
        if (!pairs.includes(first) || !pairs.every((p) => left.has(p))) continue;
        const next = new Set(left);
        for (const p of pairs) next.delete(p);
        search(next, used + 1);
      }
    }
  };
  search(want, 0);
  return best;
}
