import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexesMissingFrom, isStrictlyIncreasing, sortedUnique, sortUniqueInPlace } from '../../src/shared/sorted-ids.js';

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

  it('indexesMissingFrom told that the ids increase answers the same', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 40 }), fc.uniqueArray(id, { maxLength: 40 }), (ids, within) => {
        const list = [...ids].sort();
        expect(indexesMissingFrom(list, [...within].sort(), true)).toEqual(indexesMissingFrom(list, [...within].sort()));
      }),
    );
  });

  it('finds the ids missing at both ends and between', () => {
    expect(indexesMissingFrom(['a', 'b', 'b', 'd', 'z'], ['b', 'c', 'd'])).toEqual([0, 4]);
    expect(indexesMissingFrom(['a', 'b', 'c', 'd', 'e', 'z'], ['b', 'c', 'e'], true)).toEqual([0, 3, 5]);
    expect(indexesMissingFrom(['d', 'a'], ['a', 'd'])).toEqual([]);
  });

  it('sortedUnique and sortUniqueInPlace sort and drop repeats wherever they are', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.boolean(), (ids, sortFirst) => {
        const list = sortFirst ? [...ids].sort() : ids;
        const expected = [...new Set(ids)].sort();
        expect(sortedUnique(list)).toEqual(expected);
        const own = [...list];
        expect(sortUniqueInPlace(own)).toBe(own);
        expect(own).toEqual(expected);
      }),
    );
    expect(sortedUnique(['a', 'b', 'b', 'c', 'c', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('isStrictlyIncreasing refuses repeats and disorder', () => {
    expect(isStrictlyIncreasing(['a', 'b', 'c'])).toBe(true);
    expect(isStrictlyIncreasing(['a', 'b', 'b'])).toBe(false);
    expect(isStrictlyIncreasing(['b', 'a'])).toBe(false);
    expect(isStrictlyIncreasing([])).toBe(true);
  });
});
