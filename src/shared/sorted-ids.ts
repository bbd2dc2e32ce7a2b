/**
 * Sorted, duplicate-free id lists, shared by every stage: the config and the live snapshot both
 * hand over sorted arrays, and a linear merge keeps a 1,000,000-assignment diff cheap. Order is by
 * UTF-16 code unit (what `<` does), not by locale: the same on every machine and several times
 * faster than localeCompare on 100,000 ids.
 */

export function sortedUnique(ids: readonly string[]): string[] {
  return sortUniqueInPlace(ids.slice());
}

/** Like sortedUnique without the copy, for a list the caller owns (1,000,000 live holders). */
export function sortUniqueInPlace(ids: string[]): string[] {
  // Array.prototype.sort without a comparator orders strings by code unit, exactly like `<`,
  // and runs faster than any comparator written in JavaScript.
  if (!isSorted(ids)) ids.sort();
  return dropRepeats(ids);
}

/**
 * Union of sorted unique lists. Concatenating and sorting lets the engine's TimSort find the sorted
 * runs (n log k), where merging one list after another would cost n * k on a 13-grade district.
 */
export function unionSorted(lists: readonly (readonly string[])[]): string[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0]?.slice() ?? [];
  return dropRepeats(([] as string[]).concat(...nonEmpty).sort());
}

export function isSorted(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] > ids[i]) return false;
  return true;
}

/**
 * Indexes of the ids that `within` (sorted, unique) lacks, without hashing: a forward walk that
 * gallops over `within`, so a sorted list costs about log(gap) comparisons per id. An id smaller
 * than the one before starts the search over, so any order is answered correctly. A caller that
 * knows `ids` to be strictly increasing says so (`increasing`): no id is then compared with the one
 * before, and each search starts past the previous id's match.
 */
export function indexesMissingFrom(ids: readonly string[], within: readonly string[], increasing = false): number[] {
  const missing: number[] = [];
  let lo = 0; // every within[j] with j < lo is smaller than the current id
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!increasing && i > 0 && id < ids[i - 1]!) lo = 0;
    let hi = lo;
    for (let step = 1; hi < within.length && within[hi]! < id; step *= 2) {
      lo = hi + 1;
      hi += step;
    }
    hi = Math.min(hi, within.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (within[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (within[lo] !== id) missing.push(i);
    else if (increasing) lo++;
  }
  return missing;
}

/** Sorted with no id twice. */
export function isStrictlyIncreasing(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

/** Removes adjacent repeats in place (the list is sorted, so all repeats are adjacent). */
function dropRepeats(sorted: string[]): string[] {
  // Most lists have no repeat: nothing is written before the first one.
  let kept = 1;
  while (kept < sorted.length && sorted[kept] !== sorted[kept - 1]) kept++;
  for (let i = kept + 1; i < sorted.length; i++) {
    if (sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i];
  }
  sorted.length = Math.min(kept, sorted.length);
  return sorted;
}

/** Code-unit order with plain `<`: locale-independent, so sorted output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `users` itself when already in clientUserId order (what Apple and the snapshot hand over), else
 * a sorted copy: checking costs one pass, sorting 100,000 users with a comparator far more.
 */
export function sortedByClientUserId<T extends { clientUserId: string }>(users: T[]): T[] {
  for (let i = 1; i < users.length; i++) {
    if (!(users[i - 1]!.clientUserId < users[i]!.clientUserId)) return [...users].sort((a, b) => compareStrings(a.clientUserId, b.clientUserId));
  }
  return users;
}

/*
 * Set difference. The merge checks the order as it walks (an input sorted by another rule would
 * make it silently miss pairs) and, should either side be out of order, starts over on sorted copies.
 */
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
