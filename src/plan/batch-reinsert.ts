/**
 * Where a cover is improved one class at a time. Each class in turn is taken out of every part it
 * is in (a part it was alone in goes; a part it shared may drop a 1,000-target chunk) and put back
 * the cheapest way: riding in parts whose blocks it needs (a part it needs only some blocks of is
 * split, so the common blocks ride once to both), and the blocks left over in one request of its
 * own. The move is kept only when the cover gets cheaper, or stays as cheap while fewer items go in
 * parts of one class (sharing that a later move can build on); so passes end, and the result is
 * never worse than the cover it started from. Bounded by a work count, never by the clock.
 */
import type { BatchLimits } from './batch.js';
import { blocksOfClasses, type Component } from './batch-components.js';
import { groupCost } from './batch-groups.js';
import { partCost, type Part, type Work } from './batch-parts.js';
import { CoverIndex } from './batch-cover-index.js';

/** Parts a class may ride in, the cheapest first; enough for the shapes districts have. */
const MAX_CANDIDATES = 24;
/** Choices weighed when putting one class back. */
const MAX_CHOICES = 400;

interface Candidate {
  id: number;
  /** The blocks of the part that the class needs. */
  footprint: number[];
  weight: number;
  /** Requests added by letting the class ride (splitting the part when it needs only the footprint). */
  extra: number;
  /** Change in items sent to one class alone. */
  alone: number;
}

interface Choice {
  cost: number;
  alone: number;
  picked: number[];
}

export function improveCover(comp: Component, start: readonly Part[], l: BatchLimits, work: Work): Part[] {
  const cover = new CoverIndex(comp, start);
  const classBlocks = blocksOfClasses(comp);
  let moved = true;
  while (moved && work.left > 0) {
    moved = false;
    for (let k = 0; k < comp.classes.length && work.left > 0; k++) {
      if (reinsert(cover, comp, classBlocks[k]!, k, l, work)) moved = true;
    }
  }
  return cover.parts();
}

const aloneItems = (p: Part | undefined): number => (p !== undefined && p.classes.length === 1 ? p.items : 0);

function reinsert(cover: CoverIndex, comp: Component, mine: readonly number[], k: number, l: BatchLimits, work: Work): boolean {
  const c = comp.classes[k]!;
  const users = c.users.length;
  const devices = c.devices.length;
  const cost = (items: number, u: number, d: number): number => (items === 0 ? 0 : groupCost(items, u, d, l));

  work.left -= mine.length;
  // Out: what the cover saves without this class.
  let saved = 0;
  let aloneChange = 0;
  const without = new Map<number, Part | undefined>();
  for (const id of cover.ofClass[k]!) {
    const p = cover.part(id);
    const rest = p.classes.length === 1 ? undefined : { ...p, classes: p.classes.filter((x) => x !== k), users: p.users - users, devices: p.devices - devices };
    saved += partCost(p, l) - (rest === undefined ? 0 : partCost(rest, l));
    aloneChange += aloneItems(rest) - aloneItems(p);
    without.set(id, rest);
  }

  // Back in: every part holding one of its blocks is a place to ride.
  const needed = cover.mark(mine);
  const candidates: Candidate[] = [];
  const seen = new Set<number>();
  for (const b of mine) {
    for (const id of cover.ofBlock[b]!) {
      if (seen.has(id)) continue;
      seen.add(id);
      const base = without.has(id) ? without.get(id) : cover.part(id);
      if (base === undefined) continue;
      work.left -= 1 + base.blocks.length;
      const footprint = base.blocks.filter((x) => needed[x] === 1);
      const weight = footprint.reduce((n, x) => n + comp.blocks[x]!.items.length, 0);
      const whole = footprint.length === base.blocks.length;
      const extra = whole
        ? cost(base.items, base.users + users, base.devices + devices) - partCost(base, l)
        : cost(weight, base.users + users, base.devices + devices) + cost(base.items - weight, base.users, base.devices) - partCost(base, l);
      const alone = base.classes.length === 1 ? -(whole ? base.items : weight) : 0;
      candidates.push({ id, footprint, weight, extra, alone });
    }
  }
  cover.unmark(mine);
  candidates.sort((x, y) => x.extra - y.extra || y.weight - x.weight || x.id - y.id);
  candidates.length = Math.min(candidates.length, MAX_CANDIDATES);

  const best = cheapestReturn(candidates, c.items.length, (items) => cost(items, users, devices), comp.blocks.length, work);
  const gain = saved - best.cost;
  if (gain < 0 || (gain === 0 && aloneChange + best.alone >= 0)) return false;

  // Apply: out of its parts, into the chosen ones, the rest alone.
  const touched: number[] = [];
  for (const [id, rest] of without) {
    if (rest === undefined) cover.drop(id);
    else touched.push(cover.replace(id, rest));
  }
  const covered = new Set<number>();
  for (const i of best.picked) {
    const { id, footprint, weight } = candidates[i]!;
    const base = cover.part(id);
    for (const b of footprint) covered.add(b);
    const joined = { blocks: footprint, classes: [...base.classes, k].sort((x, y) => x - y), items: weight, users: base.users + users, devices: base.devices + devices };
    if (footprint.length === base.blocks.length) {
      touched.push(cover.replace(id, joined));
    } else {
      const inFootprint = new Set(footprint);
      touched.push(cover.replace(id, { ...base, blocks: base.blocks.filter((b) => !inFootprint.has(b)), items: base.items - weight }));
      touched.push(cover.add(joined));
    }
  }
  const left = mine.filter((b) => !covered.has(b));
  if (left.length > 0) {
    const items = left.reduce((n, b) => n + comp.blocks[b]!.items.length, 0);
    touched.push(cover.add({ blocks: left, classes: [k], items, users, devices }));
  }
  cover.settle(touched);
  return true;
}

/**
 * The cheapest way back: disjoint footprints to ride in, plus one request of its own for the rest
 * (whose cost steps with maxItems, so riding pays only once a whole chunk is freed). Depth-first,
 * cheapest candidates first, so the first choice tried is the greedy one.
 */
function cheapestReturn(candidates: readonly Candidate[], items: number, own: (items: number) => number, blocks: number, work: Work): Choice {
  let best: Choice = { cost: own(items), alone: items, picked: [] };
  const taken = new Uint8Array(blocks);
  const picked: number[] = [];
  let budget = MAX_CHOICES;
  const visit = (i: number, extra: number, covered: number, alone: number): void => {
    if (budget-- <= 0 || work.left <= 0) return;
    work.left -= 1 + (candidates[i]?.footprint.length ?? 0);
    const left = items - covered;
    const cost = extra + own(left);
    if (cost < best.cost || (cost === best.cost && alone + left < best.alone)) best = { cost, alone: alone + left, picked: [...picked] };
    if (i === candidates.length || extra > best.cost) return;
    const c = candidates[i]!;
    if (c.footprint.every((b) => taken[b] === 0)) {
      for (const b of c.footprint) taken[b] = 1;
      picked.push(i);
      visit(i + 1, extra + c.extra, covered + c.weight, alone + c.alone);
      picked.pop();
      for (const b of c.footprint) taken[b] = 0;
    }
    visit(i + 1, extra, covered, alone);
  };
  visit(0, 0, 0, 0);
  return best;
}
