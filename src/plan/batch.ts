/**
 * Where batches are cut. associate / disassociate apply every asset of a request to every user
 * and device in it, so a request is a biclique that may hold only wanted pairs. This module covers
 * a set of wanted (item, target) pairs exactly (no unwanted pair, none missed, none twice) with few
 * requests inside the limits, and computes a lower bound on how few are possible.
 *
 * How: targets needing the exact same item set form a class (a district's grades, classes and
 * carts give few distinct sets); items needed by the exact same classes form a block, and every
 * block is a full biclique. Blocks partition the pairs, so blocks shared by several classes are
 * sent once to all of them (grade-5 {A,B,C} and grade-6 {A,B,D}: {A,B} once to both). A block whose
 * classes are split exactly among smaller blocks is then pushed down into them when that saves
 * requests (district-wide apps ride along with each grade's request instead of their own).
 * Items are plain indices: assets here, subscriptions for the subscription endpoints.
 */
import { chunk, splitEven } from './sorted.js';

export interface BatchTarget {
  id: string;
  kind: 'user' | 'device';
  /** Indices of the items this target needs, ascending and unique. */
  items: readonly number[];
}

export interface BatchLimits {
  maxItems: number;
  maxUsers: number;
  maxDevices: number;
}

export interface Biclique {
  items: number[];
  users: string[];
  devices: string[];
}

export interface Batching {
  bicliques: Biclique[];
  /** No exact cover of these pairs within these limits has fewer requests. */
  lowerBound: number;
}

interface TargetClass {
  items: number[];
  users: string[];
  devices: string[];
}

interface Block {
  items: number[];
  /** Indices of the classes needing every item of the block, ascending. */
  classes: number[];
  users: number;
  devices: number;
  alive: boolean;
}

/** Covers the pairs; with `separate`, users and devices never share a request. */
export function batchPairs(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): Batching {
  if (!separate) return coverAll(targets, limits);
  const users = coverAll(targets.filter((t) => t.kind === 'user'), limits);
  const devices = coverAll(targets.filter((t) => t.kind === 'device'), limits);
  return { bicliques: [...users.bicliques, ...devices.bicliques], lowerBound: users.lowerBound + devices.lowerBound };
}

/** The lower bound alone, without building the cover. */
export function lowerBound(targets: readonly BatchTarget[], limits: BatchLimits, separate: boolean): number {
  const one = (ts: readonly BatchTarget[]): number => {
    const classes = groupClasses(ts);
    return bound(classes, groupBlocks(classes), limits);
  };
  if (!separate) return one(targets);
  return one(targets.filter((t) => t.kind === 'user')) + one(targets.filter((t) => t.kind === 'device'));
}

function coverAll(targets: readonly BatchTarget[], limits: BatchLimits): Batching {
  const classes = groupClasses(targets);
  const blocks = groupBlocks(classes);
  const lower = bound(classes, blocks, limits);
  pushDown(blocks, classes, limits);
  return { bicliques: emit(blocks, classes, limits), lowerBound: lower };
}

const itemChunks = (items: number, l: BatchLimits): number => Math.ceil(items / l.maxItems);
const targetChunks = (users: number, devices: number, l: BatchLimits): number =>
  Math.max(Math.ceil(users / l.maxUsers), Math.ceil(devices / l.maxDevices));

function groupClasses(targets: readonly BatchTarget[]): TargetClass[] {
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

function groupBlocks(classes: readonly TargetClass[]): Block[] {
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
    let users = 0;
    let devices = 0;
    for (const k of ks) {
      users += classes[k]!.users.length;
      devices += classes[k]!.devices.length;
    }
    byKey.set(key, { items: [item], classes: ks, users, devices, alive: true });
  }
  const blocks = [...byKey.values()];
  for (const b of blocks) b.items.sort((x, y) => x - y);
  return blocks.sort((x, y) => x.items[0]! - y.items[0]!);
}

/**
 * Largest blocks first: when smaller blocks split a block's classes among them, its items can join
 * their requests (they need them too), leaving only the classes none of them covers.
 */
function pushDown(blocks: Block[], classes: readonly TargetClass[], l: BatchLimits): void {
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
    let ru = 0;
    let rd = 0;
    for (const k of residual) {
      ru += classes[k]!.users.length;
      rd += classes[k]!.devices.length;
    }
    const pItems = P.items.length;
    const before = itemChunks(pItems, l) * targetChunks(P.users, P.devices, l);
    let after = residual.length > 0 ? itemChunks(pItems, l) * targetChunks(ru, rd, l) : 0;
    for (const Q of chosen) {
      after += (itemChunks(Q.items.length + pItems, l) - itemChunks(Q.items.length, l)) * targetChunks(Q.users, Q.devices, l);
    }
    if (after >= before) continue;
    for (const Q of chosen) Q.items = [...Q.items, ...P.items].sort((x, y) => x - y);
    P.classes = residual;
    P.users = ru;
    P.devices = rd;
    P.alive = residual.length > 0;
  }
}

function emit(blocks: readonly Block[], classes: readonly TargetClass[], l: BatchLimits): Biclique[] {
  const out: Biclique[] = [];
  for (const b of blocks) {
    if (!b.alive) continue;
    const users = b.classes.flatMap((k) => classes[k]!.users).sort();
    const devices = b.classes.flatMap((k) => classes[k]!.devices).sort();
    const n = targetChunks(users.length, devices.length, l);
    const userParts = splitEven(users, n);
    const deviceParts = splitEven(devices, n);
    for (const items of chunk(b.items, l.maxItems)) {
      for (let i = 0; i < n; i++) {
        if (userParts[i]!.length + deviceParts[i]!.length > 0) out.push({ items, users: userParts[i]!, devices: deviceParts[i]! });
      }
    }
  }
  return out;
}

/**
 * Requests never span two connected components of the pair graph, so per component the best of
 * three bounds holds and they add up: every item needs enough requests for its targets, every
 * target enough for its items, and a fooling set of blocks-by-class rectangles (no request can
 * touch two of them) needs each rectangle's own minimum.
 */
function bound(classes: readonly TargetClass[], blocks: readonly Block[], l: BatchLimits): number {
  const parent = classes.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  for (const b of blocks) for (const k of b.classes) parent[find(k)] = find(b.classes[0]!);

  const itemSide = new Map<number, number>();
  const userSide = new Map<number, number>();
  const deviceSide = new Map<number, number>();
  const fooling = new Map<number, number>();
  const add = (m: Map<number, number>, k: number, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  for (const b of blocks) add(itemSide, find(b.classes[0]!), b.items.length * targetChunks(b.users, b.devices, l));
  classes.forEach((c, k) => {
    const appearances = itemChunks(c.items.length, l);
    add(userSide, find(k), c.users.length * appearances);
    add(deviceSide, find(k), c.devices.length * appearances);
  });
  for (const f of foolingSet(classes, blocks, l)) add(fooling, find(f.k), f.weight);

  let total = 0;
  for (const root of itemSide.keys()) {
    total += Math.max(
      Math.ceil(itemSide.get(root)! / l.maxItems),
      Math.ceil((userSide.get(root) ?? 0) / l.maxUsers),
      Math.ceil((deviceSide.get(root) ?? 0) / l.maxDevices),
      fooling.get(root) ?? 0,
    );
  }
  return total;
}

/** Fewest requests that can cover a full rectangle of `items` x (`users` + `devices`). */
function rectangleBound(items: number, users: number, devices: number, l: BatchLimits): number {
  const appearances = itemChunks(items, l);
  return Math.max(
    Math.ceil((items * targetChunks(users, devices, l)) / l.maxItems),
    Math.ceil((users * appearances) / l.maxUsers),
    Math.ceil((devices * appearances) / l.maxDevices),
  );
}

/** Greedy, heaviest first; a few candidate classes per block keep it fast. */
function foolingSet(classes: readonly TargetClass[], blocks: readonly Block[], l: BatchLimits): { b: number; k: number; weight: number }[] {
  const classBlocks = classes.map(() => new Set<number>());
  blocks.forEach((b, i) => {
    for (const k of b.classes) classBlocks[k]!.add(i);
  });
  const candidates: { b: number; k: number; weight: number }[] = [];
  blocks.forEach((b, i) => {
    const mine = b.classes
      .map((k) => ({ b: i, k, weight: rectangleBound(b.items.length, classes[k]!.users.length, classes[k]!.devices.length, l) }))
      .sort((x, y) => y.weight - x.weight || classBlocks[x.k]!.size - classBlocks[y.k]!.size || x.k - y.k);
    candidates.push(...mine.slice(0, 8));
  });
  // Among equal weights, pairs of small blocks and classes conflict with fewer others: take them first.
  const degree = (c: { b: number; k: number }): number => blocks[c.b]!.classes.length + classBlocks[c.k]!.size;
  candidates.sort((x, y) => y.weight - x.weight || degree(x) - degree(y) || x.b - y.b || x.k - y.k);
  const chosen: { b: number; k: number; weight: number }[] = [];
  for (const c of candidates) {
    const fools = chosen.every((o) => !(classBlocks[c.k]!.has(o.b) && classBlocks[o.k]!.has(c.b)));
    if (fools) chosen.push(c);
  }
  return chosen;
}
