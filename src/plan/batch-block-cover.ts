/**
 * The block cover: every block (the items needed by the exact same classes) is sent once to all
 * of its classes, so items shared by several classes ride together; then push-down lets a block
 * ride along with smaller blocks that split its classes, and fuse sends crossing blocks together
 * where their classes meet. The cheaper of the pushed and the fused cover is kept.
 */
import type { BatchLimits } from './batch.js';
import type { Component } from './batch-components.js';
import { fuseBlocks } from './batch-fuse.js';
import { groupCost, type Group } from './batch-groups.js';
import { partsOfGroups, type Part } from './batch-parts.js';
import { pushDown } from './batch-push-down.js';

export function blockCover(comp: Component, l: BatchLimits): Part[] {
  const blocks = comp.blocks.map((b) => ({ ...b, items: [...b.items], classes: [...b.classes] }));
  pushDown(blocks, comp.classes, l);
  const pushed = blocks.filter((b) => b.alive);
  const fused = sameItemsTogether(fuseBlocks(pushed, comp.classes, l));
  return partsOfGroups(requestCount(fused, l) < requestCount(pushed, l) ? fused : pushed, comp);
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
