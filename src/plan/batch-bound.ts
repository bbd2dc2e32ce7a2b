/**
 * How few requests any exact cover of one component could take: the planner reports the sum over
 * components next to its own count, so a reader sees how much room the batching leaves, and the
 * search stops as soon as a cover meets it. The best of five bounds, each valid for every exact
 * cover (not only those that keep classes whole): every item needs enough requests for its
 * targets, every target enough for its items, rectangles that pairwise fool need separate
 * requests (batch-fooling), and the matrix of wanted pairs has no more rank than requests
 * (batch-rank).
 */
import type { BatchLimits } from './batch.js';
import { blocksOfClasses, type Component } from './batch-components.js';
import { foolingBound } from './batch-fooling.js';
import { itemChunks, targetChunks } from './batch-groups.js';
import { rank } from './batch-rank.js';

/** Work each search of the bound may do on one component. */
const FOOLING_WORK = 1_000_000;
const RANK_WORK = 400_000;

/**
 * The bound; with `enough` (the cost of a cover in hand), the costlier searches are skipped once
 * the cheaper bounds reach it: the bound is then exact, and the full computation would give the
 * same number.
 */
export function componentBound(comp: Component, l: BatchLimits, enough = Infinity): number {
  let itemSide = 0;
  for (const b of comp.blocks) itemSide += b.items.length * targetChunks(b.users, b.devices, l);
  let userSide = 0;
  let deviceSide = 0;
  for (const c of comp.classes) {
    const appearances = itemChunks(c.items.length, l);
    userSide += c.users.length * appearances;
    deviceSide += c.devices.length * appearances;
  }
  let bound = Math.max(Math.ceil(itemSide / l.maxItems), Math.ceil(userSide / l.maxUsers), Math.ceil(deviceSide / l.maxDevices));
  if (bound >= enough) return bound;
  bound = Math.max(bound, rank(blocksOfClasses(comp), comp.blocks.length, { left: RANK_WORK }));
  if (bound >= enough) return bound;
  return Math.max(bound, foolingBound(comp, l, { left: FOOLING_WORK }));
}
