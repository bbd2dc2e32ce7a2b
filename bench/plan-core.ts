/**
 * Bench section `plan-core`: diff + batching (makePlan) on the synthetic district, against the
 * time it takes merely to JSON.parse the pages the live read would fetch for the same location, and
 * the asset request count against the planner's lower bound and against chunking each asset alone.
 * Scenarios: the curriculum district's 5% churn (users and devices together, and apart), the
 * scattered stress shape's churn, and a first apply (the same desired state onto an empty location).
 */
import type { DesiredState } from '../src/config/types.js';
import type { LiveState } from '../src/live/types.js';
import { makePlan } from '../src/plan/index.js';
import type { LocationPlan, PlanOptions } from '../src/plan/types.js';
import { makeDistrict } from './district.js';
import { mb, median, ms, verdict } from './figures.js';
import type { BenchSection } from './sections.js';

const PAGE = 500;
const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: false, takeOver: false };

export const planCore: BenchSection = {
  name: 'plan-core',
  title: 'diff + batching on a synthetic district (100,000 users, 20,000 iPads, 200 apps, 5% churn)',
  async run() {
    let t = performance.now();
    const district = makeDistrict();
    const { live } = district;
    let pairs = 0;
    for (const h of live.assignments.values()) pairs += h.users.length + h.devices.length;
    console.log(`district built in ${ms(performance.now() - t)}: ${live.users.length} live users, ${pairs} live assignments, ${live.assets.length} assets`);

    const pages = livePages(live);
    const bytes = pages.reduce((n, p) => n + p.length, 0);
    const parseOnce = (): number => {
      const start = performance.now();
      for (const p of pages) JSON.parse(p);
      return performance.now() - start;
    };
    const parseTime = median(Array.from({ length: 3 }, parseOnce));
    console.log(`JSON.parse of the ${pages.length} GET /assignments + /users + /assets pages of this district (${mb(bytes)}): median ${ms(parseTime)}`);

    const scattered = makeDistrict({ shape: 'scattered' });
    // The first apply to a location that holds nothing yet: every desired pair is new.
    const empty = (l: LiveState): LiveState => ({ ...l, assignments: new Map(), assets: l.assets.map((a) => ({ ...a, assignedCount: 0, availableCount: a.totalCount })) });
    const scenarios: { name: string; desired: DesiredState; live: LiveState; separate: boolean }[] = [
      { name: 'curriculum, 5% churn, users+devices together', ...district, separate: false },
      { name: 'curriculum, 5% churn, apart', ...district, separate: true },
      { name: 'scattered churn: class-level apps (stress), together', ...scattered, separate: false },
      { name: 'first apply (curriculum, nothing assigned yet), together', desired: district.desired, live: empty(live), separate: false },
      { name: 'first apply (curriculum), apart', desired: district.desired, live: empty(live), separate: true },
      { name: 'first apply (scattered), together', desired: scattered.desired, live: empty(scattered.live), separate: false },
    ];
    const gc = (globalThis as { gc?: () => void }).gc;
    console.log(
      `makePlan is timed per scenario after one untimed run, 3 times, each beside a JSON.parse of the same pages (the machine's load hits both alike); the ratio is the median of the 3${gc === undefined ? '; run node --expose-gc for cleaner heap figures' : ''}`,
    );
    for (const s of scenarios) {
      const options = { ...OPTIONS, separateUsersAndDevices: s.separate };
      gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let plan = makePlan(s.desired, s.live, options);
      const heapDelta = process.memoryUsage().heapUsed - heapBefore;
      const runs: number[] = [];
      const ratios: number[] = [];
      const parses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const parsed = parseOnce();
        parses.push(parsed);
        t = performance.now();
        plan = makePlan(s.desired, s.live, options);
        runs.push(performance.now() - t);
        ratios.push(runs[i]! / parsed);
      }
      const p = plan;
      const perAsset = perAssetChunks(p, s.live, s.separate);
      const { assetRequests, lowerBound } = p.batching;
      const planTime = median(runs);
      console.log(`\n${s.name}`);
      console.log(
        `  ${p.summary.associate} pairs to associate, ${p.summary.disassociate} to disassociate, ${p.summary.revoke} targets revoked, ${p.summary.usersCreate} users to create; ${p.errors.length} errors`,
      );
      console.log(
        `  asset requests ${assetRequests}, lower bound ${lowerBound}, each asset alone ${perAsset}; makePlan median ${ms(planTime)} beside JSON.parse median ${ms(median(parses))}, heapUsed ${heapDelta < 0 ? '-' : '+'}${mb(Math.abs(heapDelta))} after the first run`,
      );
      verdict(`  requests / lower bound = ${(assetRequests / lowerBound).toFixed(3)}`, assetRequests <= 1.05 * lowerBound, 'target <= 1.05');
      verdict(`  each asset alone / requests = ${(perAsset / assetRequests).toFixed(1)}x`, perAsset >= 10 * assetRequests, 'target >= 10x');
      // The ceiling on that ratio for this churn: no exact batching goes below the lower bound.
      console.log(`  each asset alone / lower bound = ${(perAsset / lowerBound).toFixed(1)}x: the most any exact batching of this churn can reach`);
      const ratio = median(ratios);
      verdict(`  makePlan / JSON.parse = ${ratio.toFixed(2)} (the 3 pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`, ratio <= 1.5, 'target <= 1.5');
    }
    console.log(`process peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`);
  },
};

/** Requests if every asset's changes went alone, chunked by the limits, with no revoke. */
export function perAssetChunks(plan: LocationPlan, live: LiveState, separate: boolean): number {
  const { maxClientUserIds: mu, maxSerialNumbers: md } = live.limits;
  const requests = (users: number, devices: number): number =>
    separate ? Math.ceil(users / mu) + Math.ceil(devices / md) : Math.max(Math.ceil(users / mu), Math.ceil(devices / md));
  return plan.changes.assets.reduce(
    (n, a) => n + requests(a.add.users.length, a.add.devices.length) + requests(a.remove.users.length, a.remove.devices.length),
    0,
  );
}

/** The pages Apple would send for this location, serialized as they arrive on the wire. */
function livePages(live: LiveState): string[] {
  const envelope = { uId: live.uId, mdmInfo: live.mdmInfo, versionId: live.versions.assignments };
  const paged = <T>(key: string, items: T[]): string[] => {
    const totalPages = Math.max(1, Math.ceil(items.length / PAGE));
    return Array.from({ length: totalPages }, (_, i) => {
      const slice = items.slice(i * PAGE, (i + 1) * PAGE);
      const page: Record<string, unknown> = { ...envelope, currentPageIndex: i, size: slice.length, totalPages, [key]: slice };
      if (i + 1 < totalPages) page.nextPageIndex = i + 1;
      return JSON.stringify(page);
    });
  };
  const assignments: { adamId: string; pricingParam: string; clientUserId?: string; serialNumber?: string }[] = [];
  for (const [key, h] of live.assignments) {
    const cut = key.lastIndexOf(':');
    const adamId = key.slice(0, cut);
    const pricingParam = key.slice(cut + 1);
    for (const clientUserId of h.users) assignments.push({ adamId, pricingParam, clientUserId });
    for (const serialNumber of h.devices) assignments.push({ adamId, pricingParam, serialNumber });
  }
  return [...paged('assignments', assignments), ...paged('users', live.users), ...paged('assets', live.assets)];
}
