/**
 * The structure batching works on. Targets needing the exact same item set form a class (a
 * district's grade-and-school cohorts, carts); items needed by the exact same classes form a block,
 * and every block is a full biclique. A group is any biclique over whole classes: a block, or
 * blocks sent together to the classes they share. Groups that partition the pairs are an exact
 * cover once chunked by the limits, and `groupCost` is how many requests that chunking takes.
 */
import type { BatchLimits, BatchTarget } from './batch.js';

export interface TargetClass {
  items: number[];
  users: string[];
  devices: string[];
}

export interface Group {
  items: number[];
  /** Indices of the classes that get every item of the group, ascending. */
  classes: number[];
  users: number;
  devices: number;
}

export interface Block extends Group {
  alive: boolean;
}

export const itemChunks = (items: number, l: BatchLimits): number => Math.ceil(items / l.maxItems);
export const targetChunks = (users: number, devices: number, l: BatchLimits): number =>
  Math.max(Math.ceil(users / l.maxUsers), Math.ceil(devices / l.maxDevices));
export const groupCost = (items: number, users: number, devices: number, l: BatchLimits): number =>
  itemChunks(items, l) * targetChunks(users, devices, l);

/** Users and devices in the classes `ks`, the sizes a group's cost is reckoned from. */
export function headcount(ks: readonly number[], classes: readonly TargetClass[]): { users: number; devices: number } {
  let users = 0;
  let devices = 0;
  for (const k of ks) {
    users += classes[k]!.users.length;
    devices += classes[k]!.devices.length;
  }
  return { users, devices };
}

export function groupClasses(targets: readonly BatchTarget[]): TargetClass[] {
  const byKey = new Map<string, TargetClass>();
  for (const t of targets) {
    if (t.items.length === 0) continue;
    const key = t.items.join(',');
    let c = byKey.get(key);
    if (c === undefined) {
      c = { items: [...t.items], users: [], devices: [] };
      byKey.set(key, c);
    }
    (t.kind === 'user' ? c.users : c.devices).push(t.id);
  }
  return [...byKey.values()];
}

export function groupBlocks(classes: readonly TargetClass[]): Block[] {
  const itemClasses = new Map<number, number[]>();
  classes.forEach((c, k) => {
    for (const item of c.items) {
      const ks = itemClasses.get(item);
      if (ks === undefined) itemClasses.set(item, [k]);
      else ks.push(k);
    }
  });
  const byKey = new Map<string, Block>();
  for (const [item, ks] of itemClasses) {
    const key = ks.join(',');
    const b = byKey.get(key);
    if (b !== undefined) {
      b.items.push(item);
      continue;
    }
    byKey.set(key, { items: [item], classes: ks, ...headcount(ks, classes), alive: true });
  }
  const blocks = [...byKey.values()];
  for (const b of blocks) b.items.sort((x, y) => x - y);
  return blocks.sort((x, y) => x.items[0]! - y.items[0]!);
}
