import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexesMissingFrom, isStrictlyIncreasing } from '../../src/config/sorted-ids.js';

const id = fc.integer({ min: 0, max: 40 }).map((n) => `u${n}`);

describe('sorted id helpers', () => {
  it('indexesMissingFrom answers like a Set lookup, for sorted and unsorted lists', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.uniqueArray(id, { maxLength: 40 }), fc.boolean(), (ids, within, sortIds) => {
        const list = sortIds ? [...ids].sort() : ids;
        const set = new Set(within);
        const expected = list.flatMap((x, i) => (set.has(x) ? [] : [i]));
        expect(indexesMissingFrom(list, [...within].sort())).toEqual(expected);
      }),
    );
  });

  it('finds the ids missing at both ends and between', () => {
    expect(indexesMissingFrom(['a', 'b', 'b', 'd', 'z'], ['b', 'c', 'd'])).toEqual([0, 4]);
    expect(indexesMissingFrom(['d', 'a'], ['a', 'd'])).toEqual([]);
  });

  it('isStrictlyIncreasing refuses repeats and disorder', () => {
    expect(isStrictlyIncreasing(['a', 'b', 'c'])).toBe(true);
    expect(isStrictlyIncreasing(['a', 'b', 'b'])).toBe(false);
    expect(isStrictlyIncreasing(['b', 'a'])).toBe(false);
    expect(isStrictlyIncreasing([])).toBe(true);
  });
});
