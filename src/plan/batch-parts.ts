/**
 * A cover of one component in the terms the search works in. A part sends a union of blocks to
 * whole classes (every class of it needs every block of it); parts that cover each (class, block)
 * incidence exactly once are an exact cover, and `partCost` is what cutting a part by the limits
 * costs in requests. Items of one block are needed by the same classes, so covers that keep each
 * block whole lose nothing whenever no class needs more items than one request holds.
 */
import type { BatchLimits } from './batch.js';
import { groupCost, type Group } from './batch-groups.js';
import type { Component } from './batch-components.js';

export interface Part {
  /** Local block indices, ascending. */
  blocks: number[];
  /** Local class indices, ascending. */
  classes: number[];
  items: number;
  users: number;
  devices: number;
}

/** What a search may still spend: every unit of work takes one, so the same input always stops at the same place. */
export interface Work {
  left: number;
}

export const partCost = (p: Part, l: BatchLimits): number => groupCost(p.items, p.users, p.devices, l);

export const coverCost = (parts: readonly Part[], l: BatchLimits): number => parts.reduce((n, p) => n + partCost(p, l), 0);

/** Groups over whole blocks (what push-down and fuse make) as parts. */
export function partsOfGroups(groups: readonly Group[], comp: Component): Part[] {
  const blockOf = new Map<number, number>();
  comp.blocks.forEach((b, i) => {
    for (const item of b.items) blockOf.set(item, i);
  });
  return groups.map((g) => ({
    blocks: [...new Set(g.items.map((item) => blockOf.get(item)!))].sort((x, y) => x - y),
    classes: [...g.classes],
    items: g.items.length,
    users: g.users,
    devices: g.devices,
  }));
}

export function groupsOfParts(parts: readonly Part[], comp: Component): Group[] {
  return parts.map((p) => ({
    items: p.blocks.flatMap((b) => comp.blocks[b]!.items).sort((x, y) => x - y),
    classes: p.classes,
    users: p.users,
    devices: p.devices,
  }));
}
