/**
 * Bench section `plan-core`: diff + batching (makePlan) on the synthetic district, against the
 * time it takes merely to JSON.parse the pages the live read would fetch for the same location, and
 * the asset request count against the planner's lower bound and against chunking each asset alone.
 */
import type { LiveState } from '../live/types.js';
import { makePlan } from '../plan/index.js';
import type { LocationPlan, PlanOptions } from '../plan/types.js';
import { makeDistrict } from './district.js';
import type { BenchSection } from './sections.js';

const PAGE = 500;
const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: false, takeOver: false };

export const planCore: BenchSection = {
  name: 'plan-core',
  title: 'diff + batching on a synthetic district (100,000 users, 20,000 iPads, 200 apps, 5% churn)',
  async run() {
    let t = performance.now();
    const { desired, live } = makeDistrict();
    let pairs = 0;
    for (const h of live.assignments.values()) pairs += h.users.length + h.devices.length;
    console.log(`district built in ${ms(performance.now() - t)}: ${live.users.length} live users, ${pairs} live assignments, ${live.assets.length} assets`);

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const memBefore = process.memoryUsage();
    t = performance.now();
    const plan = makePlan(desired, live, OPTIONS);
    const first = performance.now() - t;
    const memAfter = process.memoryUsage();
    const runs = [first];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      makePlan(desired, live, OPTIONS);
      runs.push(performance.now() - t);
    }
    const planTime = median(runs);
    console.log(`makePlan: first run ${ms(first)}, median of ${runs.length} ${ms(planTime)}`);
    console.log(
      `memory during the first makePlan: heapUsed +${mb(memAfter.heapUsed - memBefore.heapUsed)}, rss +${mb(memAfter.rss - memBefore.rss)}` +
        `${gc === undefined ? ' (run node --expose-gc for a cleaner baseline)' : ''}; process peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    console.log(
      `plan: ${plan.summary.associate} pairs to associate, ${plan.summary.disassociate} to disassociate, ${plan.summary.revoke} targets revoked, ` +
        `${plan.summary.usersCreate} users to create; ${plan.requests.length} requests, ${plan.errors.length} errors`,
    );

    const pages = livePages(live);
    const bytes = pages.reduce((n, p) => n + p.length, 0);
    const parseRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      for (const p of pages) JSON.parse(p);
      parseRuns.push(performance.now() - t);
    }
    const parseTime = median(parseRuns);
    console.log(`JSON.parse of the ${pages.length} GET /assignments + /users + /assets pages (${mb(bytes)}): median ${ms(parseTime)}`);
    verdict(`makePlan / JSON.parse = ${(planTime / parseTime).toFixed(2)}`, planTime <= 1.5 * parseTime, 'target <= 1.5');

    // The first apply to a location that holds nothing yet: every desired pair is new.
    const empty: LiveState = { ...live, assignments: new Map(), assets: live.assets.map((a) => ({ ...a, assignedCount: 0, availableCount: a.totalCount })) };
    for (const [scenario, state] of [['5% churn', live], ['first apply (nothing assigned yet)', empty]] as const) {
      for (const separate of [false, true]) {
        const p = makePlan(desired, state, { ...OPTIONS, separateUsersAndDevices: separate });
        const perAsset = perAssetChunks(p, state, separate);
        const { assetRequests, lowerBound } = p.batching;
        console.log(
          `${scenario}, users and devices ${separate ? 'apart' : 'together'}: ${assetRequests} asset requests, lower bound ${lowerBound}, each asset alone ${perAsset}`,
        );
        verdict(`  requests / lower bound = ${(assetRequests / lowerBound).toFixed(3)}`, assetRequests <= 1.05 * lowerBound, 'target <= 1.05');
        verdict(`  each asset alone / requests = ${(perAsset / assetRequests).toFixed(1)}x`, perAsset >= 10 * assetRequests, 'target >= 10x');
      }
    }
  },
};

/** Requests if every asset's changes went alone, chunked by the limits, with no revoke. */
function perAssetChunks(plan: LocationPlan, live: LiveState, separate: boolean): number {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function verdict(figure: string, met: boolean, target: string): void {
  console.log(`${figure} (${target}: ${met ? 'met' : 'MISSED'})`);
}

const ms = (x: number): string => `${x.toFixed(0)} ms`;
const mb = (x: number): string => `${(x / 1024 / 1024).toFixed(1)} MB`;
