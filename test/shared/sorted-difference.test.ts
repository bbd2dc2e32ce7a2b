import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference } from '../../src/shared/sorted-ids.js';

/** What the merge must agree with: plain set arithmetic, sorted. */
function bySets(want: readonly string[], have: readonly string[]): { add: string[]; remove: string[] } {
  const w = new Set(want);
  const h = new Set(have);
  return { add: [...w].filter((x) => !h.has(x)).sort(), remove: [...h].filter((x) => !w.has(x)).sort() };
}

describe('difference', () => {
  it('takes both sides of sorted lists in one walk', () => {
    expect(difference(['a', 'b', 'd'], ['b', 'c', 'd', 'e'])).toEqual({ add: ['a'], remove: ['c', 'e'] });
    expect(difference([], ['a'])).toEqual({ add: [], remove: ['a'] });
    expect(difference(['a'], [])).toEqual({ add: ['a'], remove: [] });
  });

  it('notices disorder where the walk would otherwise stop early and miss a pair', () => {
    // A plain merge over have = [c, a] stops at c and would report a as missing.
    expect(difference(['a'], ['c', 'a'])).toEqual({ add: [], remove: ['c'] });
    expect(difference(['c', 'a'], ['a'])).toEqual({ add: ['c'], remove: [] });
  });

  it('drops repeats in either list', () => {
    expect(difference(['a', 'a', 'b'], ['b', 'b', 'c'])).toEqual({ add: ['a'], remove: ['c'] });
  });

  it('agrees with set arithmetic on any lists, sorted or not', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'A', 'é', '10', '9'), { maxLength: 12 });
    fc.assert(
      fc.property(ids, ids, fc.boolean(), (want, have, sort) => {
        const w = sort ? [...new Set(want)].sort() : want;
        const h = sort ? [...new Set(have)].sort() : have;
        expect(difference(w, h)).toEqual(bySets(w, h));
      }),
      { numRuns: 500 },
    );
  });
});
