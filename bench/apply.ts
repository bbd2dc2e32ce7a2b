/**
 * Bench section `apply`: apply alone (execute, follow events, verify), after the snapshot and plan
 * that belong to `plan`, against the simulator over loopback HTTP.
 *
 * Main scenario: the default synthetic district's 5% churn (100,000 users, ~1,000,000 assignments)
 * at Apple's default cap of 15 requests/s, 100 ms on every answer, events PENDING 3 s. Its wall
 * time is set against a floor: each phase's writes at the cap plus its last event's settle time,
 * plus the verifying re-read at the cap (rateCapFloor in apply-floor.ts); target: at most 20%
 * over. Every write beyond the plan's must be explained: none in a calm run.
 *
 * Faults scenario: a 3,000-user district under 503s with Retry-After, 429s, dropped connections and
 * 9603 inside events; every write beyond the plan's must be one the faults called for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../src/api/index.js';
import { SAFETY_MARGIN_MS } from '../src/api/rate-limit.js';
import { applyPlan, applySummaryLine, Journal, type ApplyOptions, type ApplyResult } from '../src/apply/index.js';
import { readCached, type LiveState } from '../src/live/index.js';
import { replanner } from '../src/operations/replan.js';
import { makePlan } from '../src/plan/index.js';
import type { LocationPlan, PlanOptions } from '../src/plan/types.js';
import { droppedConnections, type Fault, serviceUnavailable, throttled } from '../src/sim/faults.js';
import type { SimOptions } from '../src/sim/options.js';
import type { LoggedRequest } from '../src/sim/request-log.js';
import { startSimServer } from '../src/sim/server.js';
import { makeSimToken } from '../src/sim/token.js';
import { partSeconds, PhaseClock, rateCapFloor, requestKinds, type RequestKinds, type Window } from './apply-floor.js';
import { makeDistrict, type DistrictOptions } from './district.js';
import { simStateOf } from './district-sim.js';
import { verdict } from './figures.js';
import type { BenchSection } from './sections.js';

const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: true, takeOver: false };
/** The snapshot before apply is `plan`'s work: it runs uncapped so the section stays short. */
const SNAPSHOT_RPS = 1000;
const LATENCY_MS = 100;
const PAGE_SIZE = 1000;
const EVENT_PENDING_MS = 3000;
/** Apple asks for 30 s between polls; the bench's events settle in seconds, so both shrink alike. */
const POLL_MS = 1000;

interface Scenario {
  district: DistrictOptions;
  sim: Partial<SimOptions>;
  apply: ApplyOptions;
  faults?: Fault[];
}

interface Measured {
  /** The location as the snapshot before apply read it. */
  before: LiveState;
  plan: LocationPlan;
  result: ApplyResult;
  seconds: number;
  kinds: RequestKinds;
  entries: LoggedRequest[];
  phases: Map<string, number>;
  /** Requests of each verifying re-plan, in order; all but the last were applied in a further pass. */
  passes: number[];
  maxPerSecond: number;
  early: number;
  cap: number;
}

async function measure(s: Scenario): Promise<Measured> {
  const { desired, live: built } = makeDistrict(s.district);
  const sim = await startSimServer({ state: simStateOf(built), options: { pageSize: PAGE_SIZE, latencyMs: LATENCY_MS, ...s.sim } });
  const cap = built.limits.maxRequestPerSecond;
  const stateDir = mkdtempSync(join(tmpdir(), 'vppctl-bench-apply-'));
  const client = () => createClient({ token: makeSimToken(), baseUrl: sim.url, ...(desired.location.mdm && { mdmId: desired.location.mdm.id }) });
  try {
    sim.model.limits.maxRequestPerSecond = SNAPSHOT_RPS;
    const reader = client();
    const { live: before, cache } = await readCached(reader).finally(() => reader.close());
    const plan = makePlan(desired, before, OPTIONS);
    sim.model.limits.maxRequestPerSecond = cap;
    // A fresh client: it learns the real cap from the service config, as apply after plan would.
    const api = client();
    const verify: Window[] = [];
    const passes: number[] = [];
    const replanned = replanner({ api, state: desired, live: before, cache, plan, options: OPTIONS, resuming: false });
    const replan = async (): Promise<LocationPlan> => {
      const from = Date.now();
      const next = await replanned();
      verify.push({ from, to: Date.now() });
      passes.push(next.requests.length);
      return next;
    };
    const clock = new PhaseClock();
    const first = sim.log.entries.length;
    if (s.faults) sim.use(...s.faults);
    const t = performance.now();
    const result = await applyPlan(
      plan,
      { api, journal: Journal.open(stateDir, plan.uId), replan },
      { ...s.apply, onProgress: (p) => clock.see(p.phase) },
    ).finally(() => api.close());
    const end = performance.now();
    sim.resetHandlers();
    // Only apply's own requests count from here on.
    sim.log.entries.splice(0, first);
    const entries = sim.log.entries;
    const figures = { maxPerSecond: sim.log.maxPerSecond(), early: sim.log.earlyAfterRetryAfter().length };
    return { before, plan, result, seconds: (end - t) / 1000, kinds: requestKinds(entries, verify), entries, phases: clock.seconds(end), passes, ...figures, cap };
  } finally {
    await sim.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const s1 = (x: number): string => `${x.toFixed(1)} s`;
const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const list = (m: Map<string, number>): string => [...m].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
const planWrites = (plan: LocationPlan): number => plan.requests.filter((r) => r.endpoint !== 'client/config').length;
/** Writes the simulator refused before doing anything (503, or 429 from a fault or its own cap): the client sends those again. */
const refused = (m: Measured): number => m.kinds.writes.filter((e) => e.status === 503 || e.status === 429).length;

function printRequests(m: Measured): void {
  const { kinds } = m;
  console.log(`  ${applySummaryLine(m.result)}`);
  console.log(
    `  apply sent ${m.entries.length} requests: ${kinds.writes.length} writes (plan: ${planWrites(m.plan)}), ${kinds.polls.length} status polls, ` +
      `${kinds.verifyTotal} verify reads (${list(kinds.verifyReads)}), other: ${list(kinds.other)}`,
  );
  console.log(
    `  busiest second ${m.maxPerSecond} requests (cap ${m.cap}); ${m.entries.filter((e) => e.errorNumber === 9646).length} answered 429/9646; ` +
      `${m.early} sent early after a Retry-After`,
  );
}

async function calm(): Promise<void> {
  const m = await measure({
    district: {},
    sim: { eventPendingMs: EVENT_PENDING_MS },
    apply: { pollIntervalMs: POLL_MS },
  });
  let pairs = 0;
  for (const h of m.before.assignments.values()) pairs += h.users.length + h.devices.length;
  console.log(
    `district: ${m.before.users.length} users, ${pairs} assignments before apply; plan: ${m.plan.requests.length} requests ` +
      `(${m.plan.summary.associate} pairs to associate, ${m.plan.summary.disassociate} to disassociate, ${m.plan.summary.revoke} to revoke, ${m.plan.summary.usersCreate} users to create)`,
  );
  console.log(
    `simulator: pageSize ${PAGE_SIZE}, maxRequestPerSecond ${m.cap} (Apple's default), latencyMs ${LATENCY_MS} on every answer, events PENDING ${EVENT_PENDING_MS} ms; ` +
      `apply pollIntervalMs ${POLL_MS} (Apple's minimum is 30 s; the bench shortens it with the event time, and the floor's settle time scales the same way)`,
  );
  printRequests(m);
  const beyond = m.kinds.writes.length - planWrites(m.plan);
  verdict(`  writes beyond the plan's: ${beyond}`, beyond === 0 && m.result.retries === 0, 'target 0 in a calm run');

  const parts = rateCapFloor(m.plan, m.cap, EVENT_PENDING_MS, m.kinds.verifyTotal);
  const floor = parts.reduce((n, p) => n + partSeconds(p), 0);
  console.log(`  floor at ${m.cap} requests/s, part by part (requests / cap + settle of the last event) against apply's wall time in that part:`);
  for (const p of parts) {
    const phase = p.name === 'verify re-read' ? 'verify' : p.name;
    const wall = m.phases.get(phase);
    console.log(
      `    ${p.name}: ${p.requests} requests ${s1(p.sendS)}${p.settleS > 0 ? ` + settle ${s1(p.settleS)}` : ''} = ${s1(partSeconds(p))}` +
        `${wall === undefined ? '' : `; apply ${s1(wall)}`}`,
    );
  }
  const verifyPart = parts.at(-1)!;
  console.log(
    `  floor ${s1(floor)}, of which the verify re-read of the whole location is ${s1(partSeconds(verifyPart))} (${((100 * partSeconds(verifyPart)) / floor).toFixed(0)}%): ` +
      `verification must see removals, so every assignment page is read again`,
  );
  verdict(`  apply wall time ${s1(m.seconds)}; overhead = wall / floor - 1 = ${percent(m.seconds / floor - 1)}`, m.seconds <= 1.2 * floor, 'target <= 20%');
  const polled = rateCapFloor(m.plan, m.cap, EVENT_PENDING_MS, m.kinds.verifyTotal, 1).reduce((n, p) => n + partSeconds(p), 0);
  verdict(
    `  counting the one /status poll each event needs (${planWrites(m.plan)} polls sharing the cap): floor ${s1(polled)}; overhead = ${percent(m.seconds / polled - 1)}`,
    m.seconds <= 1.2 * polled,
    'target <= 20%',
  );
  // The client counts each request until a second after min(its answer, start + margin): with
  // answers slower than the margin, that is cap requests per (1 s + margin), whoever sends them.
  const pace = (m.cap * 1000) / (1000 + Math.min(LATENCY_MS, SAFETY_MARGIN_MS));
  const paced = rateCapFloor(m.plan, pace, EVENT_PENDING_MS, m.kinds.verifyTotal).reduce((n, p) => n + partSeconds(p), 0);
  const polls = m.kinds.polls.length;
  console.log(
    `  where the time goes: the client's limiter allows ${pace.toFixed(1)} requests/s with ${LATENCY_MS} ms answers (its ${SAFETY_MARGIN_MS} ms arrival margin), ` +
      `which makes the same floor ${s1(paced)} (+${percent(paced / floor - 1)}); ${polls} status polls (${(polls / planWrites(m.plan)).toFixed(2)} per event) ` +
      `take ${s1(polls / pace)} of cap slots at that pace; apply's wall time is ${percent(m.seconds / paced - 1)} over the floor at the client's pace`,
  );
}

async function faults(): Promise<void> {
  const m = await measure({
    district: { users: 3000, devices: 600, assets: 30, churn: 0.05, seed: 7 },
    sim: { eventPendingMs: 200, transientTaskFailureRate: 0.05, seed: 3 },
    apply: { pollIntervalMs: 250, retryDelayMs: 500 },
    faults: [serviceUnavailable({ rate: 0.1, retryAfterSeconds: 1, seed: 5 }), throttled({ rate: 0.05, seed: 6 }), droppedConnections({ rate: 0.02, seed: 7 })],
  });
  console.log(`3,000-user district, ${m.plan.requests.length} planned requests; latencyMs ${LATENCY_MS}, events PENDING 200 ms, pollIntervalMs 250, retryDelayMs 500`);
  printRequests(m);
  const beyond = m.kinds.writes.length - planWrites(m.plan);
  const refusals = refused(m);
  const dropped = m.kinds.writes.filter((e) => e.dropped).length;
  const replanned = m.passes.slice(0, -1).reduce((n, x) => n + x, 0);
  const unexplained = beyond - refusals - m.result.retries - replanned;
  console.log(
    `  converged: ${m.result.converged}; writes beyond the plan's: ${beyond} = ${refusals} refused with 503/429 and sent again by the client` +
      ` + ${m.result.retries} apply retries (pairs failed with 9603 inside events, resent in retry rounds)` +
      ` + ${replanned} sent by ${m.passes.length - 1} re-plan pass(es) for ${dropped} dropped write(s) whose outcome was unknown` +
      ` + ${unexplained} unexplained`,
  );
  verdict(`  writes not called for by a fault: ${unexplained}`, unexplained === 0 && m.result.converged, 'target 0, converged');
}

export const applyBench: BenchSection = {
  name: 'apply',
  title: 'apply + verify of the 100,000-user district\'s 5% churn at 15 requests/s with latency; then a 3,000-user district under faults',
  async run() {
    console.log('\ncalm, the default district:');
    await calm();
    console.log('\nfaults (10% 503 + Retry-After 1 s, 5% 429/9646, 2% dropped connections, 5% 9603 inside events):');
    await faults();
  },
};
