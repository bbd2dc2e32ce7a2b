/**
 * Batching against the obvious covers, on random districts in miniature: bundles that overlap,
 * extras on top, users and devices, tight limits. The result must be exact, within the limits,
 * never worse than the class-wise packing nor the block cover, and never below the lower bound;
 * on tiny inputs the bound never exceeds the true optimum and the exact search finds it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchPairs, lowerBound, type BatchLimits, type BatchTarget } from '../../src/plan/index.js';
import { componentBound } from '../../src/plan/batch-bound.js';
import { exactCover } from '../../src/plan/batch-exact.js';
import { coverCost } from '../../src/plan/batch-parts.js';
import { classWiseCover } from '../../src/plan/batch-class-wise.js';
import { blockWise, classWise, componentsOf, expectWithinLimits, optimum, pairsOf, wantedPairs } from './batch-fixtures.js';

const district = fc.record({
  bundles: fc.array(fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), { minLength: 1, maxLength: 4 }),
  targets: fc.array(
    fc.record({
      kind: fc.constantFrom<'user' | 'device'>('user', 'user', 'device'),
      bundle: fc.nat(),
      extra: fc.subarray([8, 9, 10]),
      copies: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 1, maxLength: 14 },
  ),
});

const limits = fc.record({ maxItems: fc.integer({ min: 1, max: 5 }), maxUsers: fc.integer({ min: 1, max: 8 }), maxDevices: fc.integer({ min: 1, max: 8 }) });

function targetsOf(d: { bundles: number[][]; targets: { kind: 'user' | 'device'; bundle: number; extra: number[]; copies: number }[] }): BatchTarget[] {
  let serial = 0;
  return d.targets.flatMap((t) => {
    const items = [...new Set([...d.bundles[t.bundle % d.bundles.length]!, ...t.extra])].sort((x, y) => x - y);
    return Array.from({ length: t.copies }, () => ({ id: `t${String(serial++).padStart(3, '0')}`, kind: t.kind, items }));
  });
}

describe('batching on random districts', () => {
  it('is exact, within the limits, never worse than the class-wise packing or the block cover, never below its bound', () => {
    fc.assert(
      fc.property(district, limits, fc.boolean(), (d, l, separate) => {
        const targets = targetsOf(d);
        const { bicliques, lowerBound: lower } = batchPairs(targets, l, separate);
        expect(pairsOf(bicliques)).toEqual(wantedPairs(targets));
        expectWithinLimits(bicliques, l, separate);
        expect(bicliques.length).toBeLessThanOrEqual(classWise(targets, l, separate));
        expect(bicliques.length).toBeLessThanOrEqual(blockWise(targets, l, separate));
        expect(bicliques.length).toBeGreaterThanOrEqual(lower);
        expect(lowerBound(targets, l, separate)).toBe(lower);
      }),
      { seed: 1111, numRuns: 400 },
    );
  });
});

describe('the exact search and the bound on tiny inputs', () => {
  // Limits wide enough that no request is ever cut: there, covers keeping classes and blocks
  // whole lose nothing, so the search's optimum is the true one.
  const wide: BatchLimits = { maxItems: 4, maxUsers: 4, maxDevices: 4 };
  const tiny = fc.tuple(...['a', 'b', 'c', 'd'].map((id) => fc.subarray([0, 1, 2, 3]).map((items): BatchTarget => ({ id, kind: 'user', items }))));

  it('finds the optimum, which the bound never exceeds and batching reaches', () => {
    fc.assert(
      fc.property(tiny, (targets) => {
        const best = optimum(targets, wide, false);
        let exact = 0;
        let lower = 0;
        for (const comp of componentsOf(targets)) {
          const bound = componentBound(comp, wide);
          const found = exactCover(comp, wide, coverCost(classWiseCover(comp), wide) + 1, { left: 1_000_000 });
          expect(found.complete).toBe(true);
          expect(bound).toBeLessThanOrEqual(found.cost);
          exact += found.cost;
          lower += bound;
        }
        expect(exact).toBe(best);
        expect(lower).toBeLessThanOrEqual(best);
        expect(batchPairs(targets, wide, false).bicliques).toHaveLength(best);
      }),
      { seed: 17, numRuns: 120 },
    );
  });
});

describe('the exact search', () => {
  it('stops at its step count, at the same place every time, saying it did not finish', () => {
    const targets: BatchTarget[] = [0, 1, 2, 3, 4, 5].map((k) => ({ id: `t${k}`, kind: 'user', items: [k, (k + 1) % 6, (k + 3) % 6].sort((x, y) => x - y) }));
    const [comp] = componentsOf(targets);
    const l: BatchLimits = { maxItems: 3, maxUsers: 9, maxDevices: 9 };
    const upper = coverCost(classWiseCover(comp!), l) + 1;
    const short = exactCover(comp!, l, upper, { left: 20 });
    expect(short.complete).toBe(false);
    expect(exactCover(comp!, l, upper, { left: 20 })).toEqual(short);
    const full = exactCover(comp!, l, upper, { left: 1_000_000 });
    expect(full.complete).toBe(true);
    expect(full.cost).toBeLessThan(upper);
    expect(full.cost).toBeGreaterThanOrEqual(componentBound(comp!, l));
  });
});
