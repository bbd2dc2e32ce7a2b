/**
 * The rank bound. The wanted pairs form a 0/1 matrix (targets by items); a request is an all-ones
 * rectangle of it, a matrix of rank one, and an exact cover is their sum, so no exact cover has
 * fewer requests than the matrix has rank. Targets of one class are equal rows and items of one
 * block equal columns, so the rank is that of the class-by-block incidence matrix. It proves the
 * class-wise packing optimal whenever no class's item set is built from the others'.
 *
 * Computed over the integers modulo a prime (exact arithmetic in doubles): that rank never exceeds
 * the rank over the reals, so it is a valid bound too. Rows past the work count are left out,
 * which keeps the bound valid (a submatrix has no more rank) and the time bounded.
 */
import type { Work } from './batch-parts.js';

const P = 67108859; // the largest prime below 2^26: products of two residues stay exact in a double

/** Rank of the 0/1 matrix whose rows list, ascending, the columns (< `width`) holding a one. */
export function rank(rows: readonly (readonly number[])[], width: number, work: Work): number {
  const pivots: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(width);
  const v = new Float64Array(width);
  let found = 0;
  for (const row of rows) {
    if (found === width || work.left <= 0) break;
    v.fill(0);
    for (const j of row) v[j] = 1;
    work.left -= width;
    for (let j = row[0] ?? width; j < width; j++) {
      const f = v[j]!;
      if (f === 0) continue;
      const pivot = pivots[j];
      if (pivot === undefined) {
        const inv = inverse(f);
        for (let t = j; t < width; t++) if (v[t] !== 0) v[t] = (v[t]! * inv) % P;
        pivots[j] = v.slice();
        found++;
        break;
      }
      work.left -= width - j;
      for (let t = j; t < width; t++) {
        const p = pivot[t]!;
        if (p !== 0) v[t] = (((v[t]! - f * p) % P) + P) % P;
      }
    }
  }
  return found;
}

function inverse(a: number): number {
  let [t, next, r, rest] = [0, 1, P, a];
  while (rest !== 0) {
    const q = Math.floor(r / rest);
    [t, next] = [next, t - q * next];
    [r, rest] = [rest, r - q * rest];
  }
  return ((t % P) + P) % P;
}
