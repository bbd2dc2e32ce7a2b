/**
 * Set operations on sorted, unique string arrays. The config and the live snapshot both hand over
 * sorted arrays; a linear merge keeps a 1,000,000-assignment diff cheap, and `sortedUnique` guards
 * against an input sorted by another rule (a merge over unsorted input would silently miss pairs).
 */
import { isStrictlyIncreasing, sortedUnique as sortedUniqueCopy } from '../config/sorted-ids.js';

/** `values` itself when already sorted and unique (the usual case), so nothing is copied. */
export function sortedUnique(values: readonly string[]): readonly string[] {
  return isStrictlyIncreasing(values) ? values : sortedUniqueCopy(values);
}

/** Elements of `a` that are not in `b`; both sorted and unique. */
export function minus(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (j >= b.length || b[j] !== x) out.push(x);
  }
  return out;
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
