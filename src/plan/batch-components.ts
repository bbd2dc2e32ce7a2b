/**
 * Where the pairs fall apart into independent pieces. Two classes are connected when they share an
 * item; a request never spans two connected components (its items go to every target in it, so
 * its classes share them), so each component is covered on its own and the counts add up.
 */
import type { Block, TargetClass } from './batch-groups.js';

/** One connected component, with its own class indices (block.classes index `classes`). */
export interface Component {
  classes: TargetClass[];
  blocks: Block[];
}

/** Components in the order of their first block (blocks come ordered by their first item). */
export function splitComponents(classes: readonly TargetClass[], blocks: readonly Block[]): Component[] {
  const parent = classes.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  for (const b of blocks) for (const k of b.classes) parent[find(k)] = find(b.classes[0]!);

  const local = new Int32Array(classes.length);
  const byRoot = new Map<number, Component>();
  classes.forEach((c, k) => {
    const root = find(k);
    let comp = byRoot.get(root);
    if (comp === undefined) byRoot.set(root, (comp = { classes: [], blocks: [] }));
    local[k] = comp.classes.push(c) - 1;
  });
  const out: Component[] = [];
  for (const b of blocks) {
    const comp = byRoot.get(find(b.classes[0]!))!;
    if (comp.blocks.length === 0) out.push(comp);
    comp.blocks.push({ ...b, items: [...b.items], classes: b.classes.map((k) => local[k]!) });
  }
  return out;
}

/** The blocks each class needs, ascending: every class's item set is the union of its blocks. */
export function blocksOfClasses(comp: Component): number[][] {
  const out = comp.classes.map((): number[] => []);
  comp.blocks.forEach((b, i) => {
    for (const k of b.classes) out[k]!.push(i);
  });
  return out;
}
