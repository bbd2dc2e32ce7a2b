/**
 * Where crossing blocks are sent together. Blocks that cross rather than nest (a grade's apps and
 * the app each school chose; a level's cart apps and each cart's subject app) cannot be pushed
 * down into one another, yet the cohorts where they meet can take both in one request: grade 5 at
 * the schools that chose app A gets the grade's apps and A together.
 *
 * Greedy, heaviest block first. Classes fall into cells, each cell a group whose items every one of
 * its classes needs. A block joins a cell where that costs no extra request, or fewer than the
 * block would spend on those targets alone; it splits the cell in two (the classes that need the
 * block get its items too). Where it joins none, its classes form a new cell; what it cannot join
 * is sent as its own group. A block is taken only if that lowers the request count, so every step
 * keeps the cover exact and never costs more than sending the block alone.
 */
import type { BatchLimits } from './batch.js';
import { groupCost, itemChunks, type Block, type Group, type TargetClass } from './batch-groups.js';

interface Cell {
  items: number[];
  users: number;
  devices: number;
}

interface Share {
  users: number;
  devices: number;
  classes: number[];
}

export function fuseBlocks(blocks: readonly Block[], classes: readonly TargetClass[], l: BatchLimits): Group[] {
  const cellOf = new Int32Array(classes.length).fill(-1);
  const cells: Cell[] = [];
  const unfused: Group[] = [];
  const cost = (b: Group): number => groupCost(b.items.length, b.users, b.devices, l);
  const order = blocks.map((b) => ({ b, cost: cost(b) })).sort((x, y) => y.cost - x.cost || y.b.users + y.b.devices - (x.b.users + x.b.devices));

  for (const { b, cost: before } of order) {
    const width = b.items.length;
    const shares = new Map<number, Share>();
    for (const k of b.classes) {
      const c = cellOf[k]!;
      let s = shares.get(c);
      if (s === undefined) shares.set(c, (s = { users: 0, devices: 0, classes: [] }));
      s.users += classes[k]!.users.length;
      s.devices += classes[k]!.devices.length;
      s.classes.push(k);
    }
    const fresh = shares.get(-1);
    shares.delete(-1);
    const joined: [number, Share][] = [];
    const left: Share = { users: 0, devices: 0, classes: [] };
    let after = fresh === undefined ? 0 : groupCost(width, fresh.users, fresh.devices, l);
    for (const [c, s] of shares) {
      const cell = cells[c]!;
      const n = cell.items.length;
      const extra =
        groupCost(n + width, s.users, s.devices, l) +
        groupCost(n, cell.users - s.users, cell.devices - s.devices, l) -
        groupCost(n, cell.users, cell.devices, l);
      const ownShare = itemChunks(width, l) * Math.max(s.users / l.maxUsers, s.devices / l.maxDevices);
      if (extra <= 0 || extra < ownShare) {
        joined.push([c, s]);
        after += extra;
      } else {
        left.users += s.users;
        left.devices += s.devices;
        left.classes.push(...s.classes);
      }
    }
    after += groupCost(width, left.users, left.devices, l);
    const seeds = joined.length === 0 && left.classes.length === 0;
    if (!seeds && after >= before) {
      unfused.push(b);
      continue;
    }
    for (const [c, s] of joined) {
      const cell = cells[c]!;
      cell.users -= s.users;
      cell.devices -= s.devices;
      const child = cells.push({ items: [...cell.items, ...b.items], users: s.users, devices: s.devices }) - 1;
      for (const k of s.classes) cellOf[k] = child;
    }
    if (fresh !== undefined) {
      const cell = cells.push({ items: [...b.items], users: fresh.users, devices: fresh.devices }) - 1;
      for (const k of fresh.classes) cellOf[k] = cell;
    }
    if (left.classes.length > 0) unfused.push({ items: b.items, classes: left.classes.sort((x, y) => x - y), users: left.users, devices: left.devices });
  }

  const members = cells.map((): number[] => []);
  cellOf.forEach((c, k) => {
    if (c >= 0) members[c]!.push(k);
  });
  const fused = cells.flatMap((cell, c) =>
    members[c]!.length === 0 ? [] : [{ items: [...cell.items].sort((x, y) => x - y), classes: members[c]!, users: cell.users, devices: cell.devices }],
  );
  return [...fused, ...unfused];
}
