/**
 * Set operations on sorted, unique string arrays. The config and the live snapshot both hand over
 * sorted arrays; a linear merge keeps a 1,000,000-assignment diff cheap. The merge checks the order
 * as it walks (an input sorted by another rule would make it silently miss pairs) and, should
 * either side be out of order, starts over on sorted copies.
 */
import { sortedUnique } from '../config/sorted-ids.js';

export interface Difference {
  /** In `want`, not in `have`. */
  add: string[];
  /** In `have`, not in `want`. */
  remove: string[];
}

/** Both sides of the difference of two id lists, in one walk over each. */
export function difference(want: readonly string[], have: readonly string[]): Difference {
  return differenceOfSorted(want, have) ?? differenceOfSorted(sortedUnique(want), sortedUnique(have))!;
}

/** undefined as soon as either list turns out not to be strictly increasing. */
function differenceOfSorted(want: readonly string[], have: readonly string[]): Difference | undefined {
  const add: string[] = [];
  const remove: string[] = [];
  // Each id is checked against the one before it on its side as it is taken.
  const wantOrdered = (i: number): boolean => i === 0 || want[i - 1]! < want[i]!;
  const haveOrdered = (j: number): boolean => j === 0 || have[j - 1]! < have[j]!;
  let i = 0;
  let j = 0;
  while (i < want.length && j < have.length) {
    const w = want[i]!;
    const h = have[j]!;
    if (w === h) {
      if (!wantOrdered(i++) || !haveOrdered(j++)) return undefined;
    } else if (w < h) {
      if (!wantOrdered(i++)) return undefined;
      add.push(w);
    } else {
      if (!haveOrdered(j++)) return undefined;
      remove.push(h);
    }
  }
  for (; i < want.length; i++) {
    if (!wantOrdered(i)) return undefined;
    add.push(want[i]!);
  }
  for (; j < have.length; j++) {
    if (!haveOrdered(j)) return undefined;
    remove.push(have[j]!);
  }
  return { add, remove };
}

/** Splits `values` into `parts` consecutive slices of near-equal size (some may be empty). */
export function splitEven<T>(values: readonly T[], parts: number): T[][] {
  const size = Math.max(1, Math.ceil(values.length / parts));
  const out: T[][] = [];
  for (let i = 0; i < parts; i++) out.push(values.slice(i * size, (i + 1) * size));
  return out;
}

/** Consecutive slices of at most `size` elements. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
