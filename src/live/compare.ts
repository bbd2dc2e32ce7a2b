/** Code-unit order with plain `<`: locale-independent, so sorted output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts in place and drops adjacent duplicates; returns the same array. */
export function sortUnique(values: string[]): string[] {
  values.sort(compareStrings);
  let kept = 0;
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[i - 1]) values[kept++] = values[i]!;
  }
  values.length = kept;
  return values;
}
