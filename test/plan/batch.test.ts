import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchPairs, lowerBound, type BatchLimits, type BatchTarget } from '../../src/plan/index.js';
import { blockWise, classWise, expectWithinLimits, optimum, pairsOf, users, wantedPairs, wide } from './batch-fixtures.js';

describe('batchPairs', () => {
  it('sends the subset two grades share once to both, then what differs', () => {
    // With 3 assets a request, each grade alone would need 2 requests.
    const targets = [...users('g5-', 300, [0, 1, 2, 3]), ...users('g6-', 300, [0, 1, 2, 4])];
    const { bicliques, lowerBound: lower } = batchPairs(targets, { ...wide, maxItems: 3 }, false);
    expect(bicliques.map((b) => [b.items, b.users.length])).toEqual([
      [[0, 1, 2], 600],
      [[3], 300],
      [[4], 300],
    ]);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
    // 3 is optimal (two requests would have to split both grades' sets the same way); the bound sees 2.
    expect(lower).toBe(2);
  });

  it('lets district-wide apps ride along with each grade instead of their own requests', () => {
    // 0 and 1 go to everybody, 2..4 each to one grade of 900: alone, {0,1} would need 3 requests.
    const targets = [...users('a', 900, [0, 1, 2]), ...users('b', 900, [0, 1, 3]), ...users('c', 900, [0, 1, 4])];
    const { bicliques } = batchPairs(targets, wide, false);
    expect(bicliques.map((b) => b.items)).toEqual([[0, 1, 2], [0, 1, 3], [0, 1, 4]]);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
  });

  it('sends crossing blocks together where they meet (grade apps with the app each school chose)', () => {
    // 6 grades x 3 school apps, 200 students each: items 0-1 district-wide, 2+g the grade's, 8+a the
    // school's; 40 teachers a grade hold the grade's app and teacher apps 11-12. Sent block by block,
    // the grade blocks (which teachers share) and the school blocks cross and cost 117 requests.
    const l: BatchLimits = { maxItems: 25, maxUsers: 100, maxDevices: 100 };
    const targets: BatchTarget[] = [];
    for (let g = 0; g < 6; g++) {
      for (let a = 0; a < 3; a++) targets.push(...users(`g${g}a${a}-`, 200, [0, 1, 2 + g, 8 + a]));
      targets.push(...users(`t${g}-`, 40, [2 + g, 11, 12]));
    }
    const { bicliques, lowerBound: lower } = batchPairs(targets, l, false);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
    // Each cohort once with all four of its apps (2 requests), each grade's teachers once with three.
    expect(bicliques).toHaveLength(18 * 2 + 6);
    expect(bicliques.filter((b) => b.items.length === 4)).toHaveLength(36);
    expect(lower).toBe(39);
    expect(bicliques.length).toBeLessThanOrEqual(1.1 * lower);
  });

  it('merges carts of one level with their subject app', () => {
    // 3 levels x 4 subjects, 150 iPads a cart group: level apps 0-5 (two a level), subject apps 6-9.
    const l: BatchLimits = { maxItems: 25, maxUsers: 100, maxDevices: 100 };
    const targets: BatchTarget[] = [];
    for (let lv = 0; lv < 3; lv++) {
      for (let s = 0; s < 4; s++) {
        for (let i = 0; i < 150; i++) targets.push({ id: `D${lv}${s}${String(i).padStart(3, '0')}`, kind: 'device', items: [2 * lv, 2 * lv + 1, 6 + s] });
      }
    }
    const { bicliques } = batchPairs(targets, l, false);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
    // Alone: 3 level blocks of 600 (6 each) + 4 subject blocks of 450 (5 each) = 38; together 12 x 2.
    expect(bicliques).toHaveLength(24);
  });

  it('sends overlapping bundles class by class where blocks would split them', () => {
    // X={0,1,2}, Y={0,1,3}, Z={0,2,3}: four blocks ({0}, {1}, {2}, {3}), three whole-class requests.
    const targets = [...users('x', 10, [0, 1, 2]), ...users('y', 10, [0, 1, 3]), ...users('z', 10, [0, 2, 3])];
    const { bicliques, lowerBound: lower } = batchPairs(targets, wide, false);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
    expect(blockWise(targets, wide, false)).toBe(4);
    expect(bicliques.map((b) => b.items)).toEqual([[0, 1, 2], [0, 1, 3], [0, 2, 3]]);
    // The rows are independent: the rank bound proves three is the fewest.
    expect(lower).toBe(3);
  });

  it('beats both obvious covers: teachers ride with their grade, their own apps go once to all', () => {
    // Grade bundles overlap; teachers of a grade hold its bundle and teacher apps 10-11.
    const bundles = [[0, 1, 2], [1, 2, 3], [2, 3, 4]];
    const targets = bundles.flatMap((b, g) => [...users(`s${g}-`, 40, b), ...users(`t${g}-`, 3, [...b, 10, 11])]);
    const { bicliques, lowerBound: lower } = batchPairs(targets, wide, false);
    expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
    expect(classWise(targets, wide, false)).toBe(6);
    expect(blockWise(targets, wide, false)).toBeGreaterThan(4);
    expect(bicliques).toHaveLength(4);
    expect(bicliques.filter((b) => b.items.join() === '10,11')).toEqual([{ items: [10, 11], users: [...users('t0-', 3, []), ...users('t1-', 3, []), ...users('t2-', 3, [])].map((t) => t.id), devices: [] }]);
    expect(lower).toBe(4);
  });

  it('gives the same requests for the same pairs, every time', () => {
    const targets = [0, 1, 2, 3, 4, 5].flatMap((g) => users(`g${g}-`, 7, [g, g + 1, (g * 3) % 7, 9]));
    const l: BatchLimits = { maxItems: 2, maxUsers: 10, maxDevices: 10 };
    expect(batchPairs(targets, l, false)).toEqual(batchPairs(targets, l, false));
  });

  it('chunks a class by maxAssets and maxClientUserIds', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const targets = users('s', 2500, items);
    const { bicliques, lowerBound: lower } = batchPairs(targets, wide, false);
    expect(bicliques).toHaveLength(2 * 3);
    // 2,500 users x 2 appearances / 1,000 a request; 6 is optimal here but the bound cannot see it.
    expect(lower).toBe(5);
    for (const b of bicliques) expect(b.items.length <= 25 && b.users.length <= 1000).toBe(true);
  });

  it('puts users and devices of one set in the same requests, or apart when asked', () => {
    const targets: BatchTarget[] = [...users('s', 3, [0]), { id: 'DMP1', kind: 'device', items: [0] }];
    expect(batchPairs(targets, wide, false).bicliques).toEqual([{ items: [0], users: ['s0000', 's0001', 's0002'], devices: ['DMP1'] }]);
    const apart = batchPairs(targets, wide, true);
    expect(apart.bicliques).toEqual([
      { items: [0], users: ['s0000', 's0001', 's0002'], devices: [] },
      { items: [0], users: [], devices: ['DMP1'] },
    ]);
    expect(apart.lowerBound).toBe(2);
  });

  it('needs a request per rectangle a fooling set separates', () => {
    // A staircase: t_i wants items i and i+1; no two of (i, t_i) can share a request.
    const targets: BatchTarget[] = [0, 1, 2, 3].map((i) => ({ id: `t${i}`, kind: 'user', items: [i, i + 1] }));
    expect(lowerBound(targets, wide, false)).toBeGreaterThanOrEqual(4);
  });
});

describe('batchPairs on random structured locations', () => {
  it('covers exactly, within the limits, never below the bound', () => {
    // Targets draw their items from a few crossing families (like grade, school, course), so
    // blocks cross and nest and every packing step has something to do.
    const target = fc.record({
      kind: fc.constantFrom<'user' | 'device'>('user', 'user', 'device'),
      families: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.subarray([9, 10, 11, 12])),
      core: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(target, { minLength: 1, maxLength: 40 }),
        fc.record({ maxItems: fc.integer({ min: 1, max: 4 }), maxUsers: fc.integer({ min: 1, max: 6 }), maxDevices: fc.integer({ min: 1, max: 6 }) }),
        fc.boolean(),
        (drawn, l, separate) => {
          const targets: BatchTarget[] = drawn.map((t, i) => {
            const [a, b, extra] = t.families;
            const items = [...(t.core ? [0, 1] : []), 2 + a, 5 + b, ...extra];
            return { id: `x${String(i).padStart(2, '0')}`, kind: t.kind, items: [...new Set(items)].sort((x, y) => x - y) };
          });
          const { bicliques, lowerBound: lower } = batchPairs(targets, l, separate);
          expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
          expectWithinLimits(bicliques, l, separate);
          expect(bicliques.length).toBeGreaterThanOrEqual(lower);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('the lower bound', () => {
  it('never exceeds the true optimum, which never exceeds the cover', () => {
    const target = (id: string, kind: 'user' | 'device') =>
      fc.subarray([0, 1, 2], { minLength: 0 }).map((items): BatchTarget => ({ id, kind, items }));
    fc.assert(
      fc.property(
        fc.tuple(target('a', 'user'), target('b', 'user'), target('c', 'user'), target('x', 'device')),
        fc.record({ maxItems: fc.integer({ min: 1, max: 2 }), maxUsers: fc.integer({ min: 1, max: 2 }), maxDevices: fc.constant(1) }),
        fc.boolean(),
        (targets, l, separate) => {
          const { bicliques, lowerBound: lower } = batchPairs(targets, l, separate);
          expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
          const best = optimum(targets, l, separate);
          expect(lower).toBeLessThanOrEqual(best);
          expect(best).toBeLessThanOrEqual(bicliques.length);
          expect(lowerBound(targets, l, separate)).toBe(lower);
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });
});
