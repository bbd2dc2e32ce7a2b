/**
 * Sorted, duplicate-free id lists. Order is by UTF-16 code unit (what `<` does), not by locale:
 * the same on every machine and several times faster than localeCompare on 100,000 ids.
 */

export function sortedUnique(ids: readonly string[]): string[] {
  // Array.prototype.sort without a comparator orders strings by code unit, exactly like `<`,
  // and runs faster than any comparator written in JavaScript.
  return dropRepeats(isSorted(ids) ? ids.slice() : ids.slice().sort());
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

/** Sorted with no id twice. */
export function isStrictlyIncreasing(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

/** Removes adjacent repeats in place (the list is sorted, so all repeats are adjacent). */
function dropRepeats(sorted: string[]): string[] {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i];
  }
  sorted.length = kept;
  return sorted;
}
