/**
 * Where the covers of one component are weighed and the cheapest kept. Two covers come first: the
 * class-wise packing (each class its whole item set) and the block cover (each block once to all
 * its classes, pushed down and fused). Unless one already meets the lower bound, each is improved
 * by re-inserting one class at a time (batch-reinsert), and a small component is then searched for
 * a cheaper cover still (batch-exact). Every candidate is an exact cover and only a cheaper one
 * replaces the best, so the result is never worse than the class-wise packing nor the block cover.
 */
import type { BatchLimits } from './batch.js';
import { componentBound } from './batch-bound.js';
import { blockCover } from './batch-block-cover.js';
import { classWiseCover } from './batch-class-wise.js';
import type { Component } from './batch-components.js';
import { exactCover, exactSearchFits } from './batch-exact.js';
import { coverCost, type Part, type Work } from './batch-parts.js';
import { improveCover } from './batch-reinsert.js';

/** Steps the exact search may take on one component, at most. */
const EXACT_STEPS = 100_000;

/**
 * The cheapest cover found and the component's lower bound. `work` is shared by every component of
 * one batching, so large inputs stay bounded.
 */
export function cheapestCover(comp: Component, l: BatchLimits, work: { improving: Work; exact: Work }): { parts: Part[]; lower: number } {
  // On a tie the block cover stays first: it sends shared items once, as plans always have.
  const starts = [blockCover(comp, l), classWiseCover(comp)].map((parts) => ({ parts, cost: coverCost(parts, l) }));
  starts.sort((x, y) => x.cost - y.cost);
  let best = starts[0]!;
  const lower = componentBound(comp, l, best.cost);
  for (const start of starts) {
    if (best.cost <= lower || work.improving.left <= 0) break;
    const parts = improveCover(comp, start.parts, l, work.improving);
    const cost = coverCost(parts, l);
    if (cost < best.cost) best = { parts, cost };
  }
  if (best.cost > lower && work.exact.left > 0 && exactSearchFits(comp)) {
    const steps = { left: Math.min(EXACT_STEPS, work.exact.left) };
    const exact = exactCover(comp, l, best.cost, steps);
    work.exact.left -= Math.min(EXACT_STEPS, work.exact.left) - steps.left;
    if (exact.parts !== undefined) best = { parts: exact.parts, cost: exact.cost };
  }
  return { parts: best.parts, lower };
}
