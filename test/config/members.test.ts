import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberList, sortedMembers } from '../../src/config/members.js';
import type { YamlLocator } from '../../src/config/yaml-source.js';

/** An inline list; its positions are not read here. */
const inline = (ids: string[]) => memberList(ids, ['assets', 0, 'users'], {} as YamlLocator, new Map());
const id = fc.integer({ min: 0, max: 30 }).map((n) => `u${n}`);
const sortedList = fc.uniqueArray(id, { maxLength: 20 }).map((ids) => ids.sort());

describe('member lists', () => {
  it('sortedMembers is the sorted union of a list as written and sorted lists', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), fc.array(sortedList, { maxLength: 3 }), (ids, included) => {
        expect(sortedMembers(inline(ids), included)).toEqual([...new Set([...ids, ...included.flat()])].sort());
      }),
    );
  });

  it('hands on a list already in order with nothing to add, and copies otherwise', () => {
    const inOrder = inline(['a', 'b']);
    expect(inOrder.increasing).toBe(true);
    expect(sortedMembers(inOrder, [[]])).toBe(inOrder.ids);
    const unordered = inline(['b', 'a', 'b']);
    expect(unordered.increasing).toBe(false);
    expect(sortedMembers(unordered, [])).toEqual(['a', 'b']);
    expect(unordered.ids).toEqual(['b', 'a', 'b']);
    const group = ['c'];
    const merged = sortedMembers(inline([]), [group]);
    expect(merged).toEqual(['c']);
    expect(merged).not.toBe(group);
  });

  it('a list without a roster gives an empty array of its own each time', () => {
    const a = memberList(undefined, ['assets', 0, 'users'], {} as YamlLocator, new Map());
    const b = memberList(undefined, ['assets', 1, 'users'], {} as YamlLocator, new Map());
    expect(a.ids).toEqual([]);
    expect(a.ids).not.toBe(b.ids);
  });
});
