/**
 * Cutting lists into request-sized pieces: the planner's batches and apply's re-cut of a partly
 * failed request use the same two cuts.
 */

/** Splits `values` into `parts` consecutive slices of near-equal size (some may be empty). */
export function splitEven<T>(values: readonly T[], parts: number): T[][] {
  const size = Math.max(1, Math.ceil(values.length / parts));
  const out: T[][] = [];
  for (let i = 0; i < parts; i++) out.push(values.slice(i * size, (i + 1) * size));
  return out;
}

/** Consecutive slices of at most `size` elements (at least one each, whatever a limit says). */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const n = Math.max(1, size);
  for (let i = 0; i < values.length; i += n) out.push(values.slice(i, i + n));
  return out;
}
