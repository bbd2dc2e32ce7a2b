/**
 * Where a block shared by many classes rides along with smaller blocks: when smaller blocks split a
 * block's classes among them, its items can join their requests (district-wide apps ride along with
 * each grade's request instead of their own).
 */
import type { BatchLimits } from './batch.js';
import { groupCost, headcount, itemChunks, targetChunks, type Block, type TargetClass } from './batch-groups.js';

/** Largest blocks first; a pushed-down block keeps only the classes none of the smaller ones covers. */
export function pushDown(blocks: Block[], classes: readonly TargetClass[], l: BatchLimits): void {
  const inP = new Int32Array(classes.length).fill(-1);
  const taken = new Int32Array(classes.length).fill(-1);
  const order = blocks.map((_, i) => i).sort((x, y) => blocks[y]!.classes.length - blocks[x]!.classes.length || x - y);
  for (const p of order) {
    const P = blocks[p]!;
    if (P.classes.length < 2) continue;
    for (const k of P.classes) inP[k] = p;
    const subsets = blocks
      .filter((Q, q) => q !== p && Q.alive && Q.classes.length < P.classes.length && Q.classes.every((k) => inP[k] === p))
      .sort((x, y) => y.users + y.devices - (x.users + x.devices) || y.classes.length - x.classes.length);
    const chosen: Block[] = [];
    for (const Q of subsets) {
      if (Q.classes.some((k) => taken[k] === p)) continue;
      chosen.push(Q);
      for (const k of Q.classes) taken[k] = p;
    }
    if (chosen.length === 0) continue;
    const residual = P.classes.filter((k) => taken[k] !== p);
    const rest = headcount(residual, classes);
    const pItems = P.items.length;
    const before = groupCost(pItems, P.users, P.devices, l);
    let after = groupCost(pItems, rest.users, rest.devices, l);
    for (const Q of chosen) {
      after += (itemChunks(Q.items.length + pItems, l) - itemChunks(Q.items.length, l)) * targetChunks(Q.users, Q.devices, l);
    }
    if (after >= before) continue;
    for (const Q of chosen) Q.items = [...Q.items, ...P.items].sort((x, y) => x - y);
    P.classes = residual;
    P.users = rest.users;
    P.devices = rest.devices;
    P.alive = residual.length > 0;
  }
}
