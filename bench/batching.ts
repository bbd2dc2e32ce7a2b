/**
 * Bench section `batching`: the request count on the shapes districts have (bench/families.ts),
 * several seeds each, against what else could be sent: the lower bound, the class-wise packing,
 * the block cover, one request per asset chunked by the limits, and an exact optimum where one
 * can be proven. Every figure counts asset requests of the plan's own pairs, after its own revoke
 * choice (revoke requests count in every column alike).
 *
 * The optimum is proven by a plan that meets its lower bound, or per connected component: by a
 * cover that meets the component's bound, or by the exact search running to the end where its
 * covers (classes and blocks kept whole) lose nothing: no request of the component needs cutting
 * by the target limits and no class needs more items than one request holds. Otherwise "-".
 * VPPCTL_BENCH_SEEDS (default 1,2,3) and VPPCTL_BENCH_SCALE (default 1) try other instances.
 */
import { batchPairs, makePlan, type BatchLimits, type BatchTarget } from '../src/plan/index.js';
import { blockCover } from '../src/plan/batch-block-cover.js';
import { componentBound } from '../src/plan/batch-bound.js';
import { classWiseCover } from '../src/plan/batch-class-wise.js';
import { splitComponents, type Component } from '../src/plan/batch-components.js';
import { exactCover, exactSearchFits } from '../src/plan/batch-exact.js';
import { groupBlocks, groupClasses, targetChunks } from '../src/plan/batch-groups.js';
import { coverCost } from '../src/plan/batch-parts.js';
import type { LocationPlan, PlanOptions } from '../src/plan/types.js';
import { families } from './families.js';
import { median, verdict } from './figures.js';
import { perAssetChunks } from './plan-core.js';
import type { BenchSection } from './sections.js';

const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: true, takeOver: false };
/** Steps the bench lets the exact search take per component (production takes at most 100,000). */
const PROOF_STEPS = 5_000_000;

interface Row {
  seed: number;
  requests: number;
  lower: number;
  classWise: number;
  block: number;
  perAsset: number;
  optimum: number | undefined;
  ms: number;
}

export const batchingBench: BenchSection = {
  name: 'batching',
  title: 'asset requests on the shapes districts have (25 assets / 1,000 users / 1,000 devices a request)',
  async run() {
    const seeds = (process.env.VPPCTL_BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
    const scale = Number(process.env.VPPCTL_BENCH_SCALE ?? '1');
    console.log(`seeds ${seeds.join(', ')}, scale ${scale}; optimum "-" where it cannot be proven; batching = batchPairs on the plan's pairs, median of 3`);
    console.log(`${'family'.padEnd(30)} ${'seed'.padStart(4)} ${'requests'.padStart(8)} ${'bound'.padStart(6)} ${'class-wise'.padStart(10)} ${'block'.padStart(6)} ${'per asset'.padStart(9)} ${'optimum'.padStart(7)} ${'batching'.padStart(9)}`);
    for (const family of families) {
      const rows = seeds.map((seed) => measure(family.make(seed, scale), seed));
      for (const r of rows) {
        console.log(
          `${family.name.padEnd(30)} ${String(r.seed).padStart(4)} ${String(r.requests).padStart(8)} ${String(r.lower).padStart(6)} ${String(r.classWise).padStart(10)} ${String(r.block).padStart(6)} ${String(r.perAsset).padStart(9)} ${(r.optimum === undefined ? '-' : String(r.optimum)).padStart(7)} ${`${r.ms.toFixed(1)} ms`.padStart(9)}`,
        );
      }
      const proven = rows.filter((r) => r.optimum !== undefined);
      const worst = Math.max(1, ...proven.map((r) => r.requests / r.optimum!));
      const notWorse = rows.filter((r) => r.requests <= r.classWise && r.requests <= r.block).length;
      verdict(`  ${family.name}: requests <= class-wise and <= block cover on ${notWorse} of ${rows.length} seeds`, notWorse === rows.length, 'target: every seed');
      if (proven.length === 0) console.log(`  ${family.name}: no optimum proven on any seed (gap to the bound up to ${Math.max(...rows.map((r) => r.requests / r.lower)).toFixed(2)}x)`);
      else verdict(`  ${family.name}: within ${worst.toFixed(3)}x of the optimum on the ${proven.length} of ${rows.length} seeds where it is proven`, worst <= 1.03, 'target <= 1.03x');
    }
  },
};

function measure(c: { desired: Parameters<typeof makePlan>[0]; live: Parameters<typeof makePlan>[1] }, seed: number): Row {
  const plan = makePlan(c.desired, c.live, OPTIONS);
  const l: BatchLimits = { maxItems: c.live.limits.maxAssets, maxUsers: c.live.limits.maxClientUserIds, maxDevices: c.live.limits.maxSerialNumbers };
  const revokes = plan.requests.filter((r) => r.endpoint === 'assets/revoke').length;
  const sides = [pairsToSend(plan, 'add'), pairsToSend(plan, 'remove')];
  const ms = median(
    [0, 1, 2].map(() => {
      const t = performance.now();
      for (const side of sides) batchPairs(side, l, false);
      return performance.now() - t;
    }),
  );
  const comps = sides.flatMap((side) => {
    const classes = groupClasses(side);
    return splitComponents(classes, groupBlocks(classes));
  });
  const sum = (f: (comp: Component) => number): number => revokes + comps.reduce((n, comp) => n + f(comp), 0);
  // Where the plan meets its bound, the bound proves it; else each component on its own.
  const met = plan.batching.assetRequests === plan.batching.lowerBound;
  const optima = met ? [] : comps.map((comp) => provenOptimum(comp, l));
  return {
    seed,
    requests: plan.batching.assetRequests,
    lower: plan.batching.lowerBound,
    classWise: sum((comp) => coverCost(classWiseCover(comp), l)),
    block: sum((comp) => coverCost(blockCover(comp, l), l)),
    perAsset: perAssetChunks(plan, c.live, false),
    optimum: met ? plan.batching.assetRequests : optima.every((o) => o !== undefined) ? revokes + optima.reduce((n: number, o) => n + o!, 0) : undefined,
    ms,
  };
}

/** The fewest requests for one component, when they can be proven; undefined otherwise. */
function provenOptimum(comp: Component, l: BatchLimits): number | undefined {
  const lower = componentBound(comp, l);
  const alone = batchPairs(targetsOfComponent(comp), l, false).bicliques.length;
  const known = Math.min(alone, coverCost(classWiseCover(comp), l), coverCost(blockCover(comp, l), l));
  if (known === lower) return lower;
  if (!exactSearchFits(comp)) return undefined;
  const found = exactCover(comp, l, known + 1, { left: PROOF_STEPS });
  if (found.cost === lower) return lower;
  const users = comp.classes.reduce((n, k) => n + k.users.length, 0);
  const devices = comp.classes.reduce((n, k) => n + k.devices.length, 0);
  const wholeLoseNothing = targetChunks(users, devices, l) === 1 && comp.classes.every((k) => k.items.length <= l.maxItems);
  return found.complete && wholeLoseNothing ? found.cost : undefined;
}

function targetsOfComponent(comp: Component): BatchTarget[] {
  return comp.classes.flatMap((k) => [...k.users.map((id) => ({ id, kind: 'user' as const, items: k.items })), ...k.devices.map((id) => ({ id, kind: 'device' as const, items: k.items }))]);
}

/** The pairs the plan batches: additions, and removals of targets it does not revoke. */
function pairsToSend(plan: LocationPlan, side: 'add' | 'remove'): BatchTarget[] {
  const revoked = new Set(side === 'remove' ? [...plan.changes.revoke.users.map((u) => `u:${u}`), ...plan.changes.revoke.devices.map((d) => `d:${d}`)] : []);
  const targets = new Map<string, { id: string; kind: 'user' | 'device'; items: number[] }>();
  plan.changes.assets.forEach((a, i) => {
    for (const [kind, ids] of [['user', a[side].users], ['device', a[side].devices]] as const) {
      for (const id of ids) {
        const key = `${kind[0]}:${id}`;
        if (revoked.has(key)) continue;
        let t = targets.get(key);
        if (t === undefined) targets.set(key, (t = { id, kind, items: [] }));
        t.items.push(i);
      }
    }
  });
  return [...targets.values()];
}
