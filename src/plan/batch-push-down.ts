/**
 * Where a block shared by many classes rides along with smaller blocks: when smaller blocks split a
 * block's classes among them, its items can join their requests (district-wide apps ride along with
 * each grade's request instead of their own).
 */
import type { BatchLimits } from './batch.js';
import { groupCost, headcount, itemChunks, targetChunks, type Block, type TargetClass } from './batch-groups.js';

/** Largest blocks first; a pushed-down block keeps only the classes none of the smaller ones covers. */
export function pushDown(blocks: Block[], classes: readonly TargetClass[], l: BatchLimits): void {
  // Per class: the last shared block it was found in, and the last one a smaller block took it for.
  const inShared = new Int32Array(classes.length).fill(-1);
  const taken = new Int32Array(classes.length).fill(-1);
  const order = blocks.map((_, i) => i).sort((x, y) => blocks[y]!.classes.length - blocks[x]!.classes.length || x - y);
  for (const s of order) {
    const shared = blocks[s]!;
    if (shared.classes.length < 2) continue;
    for (const k of shared.classes) inShared[k] = s;
    const smaller = blocks
      .filter((b, i) => i !== s && b.alive && b.classes.length < shared.classes.length && b.classes.every((k) => inShared[k] === s))
      .sort((x, y) => y.users + y.devices - (x.users + x.devices) || y.classes.length - x.classes.length);
    const carriers: Block[] = [];
    for (const b of smaller) {
      if (b.classes.some((k) => taken[k] === s)) continue;
      carriers.push(b);
      for (const k of b.classes) taken[k] = s;
    }
    if (carriers.length === 0) continue;
    const residual = shared.classes.filter((k) => taken[k] !== s);
    const rest = headcount(residual, classes);
    const width = shared.items.length;
    const before = groupCost(width, shared.users, shared.devices, l);
    let after = groupCost(width, rest.users, rest.devices, l);
    for (const b of carriers) {
      after += (itemChunks(b.items.length + width, l) - itemChunks(b.items.length, l)) * targetChunks(b.users, b.devices, l);
    }
    if (after >= before) continue;
    for (const b of carriers) b.items = [...b.items, ...shared.items].sort((x, y) => x - y);
    shared.classes = residual;
    shared.users = rest.users;
    shared.devices = rest.devices;
    shared.alive = residual.length > 0;
  }
}
