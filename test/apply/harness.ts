/**
 * End-to-end apply against the simulator over real HTTP: real client, real snapshot, real planner.
 * Desired states are built here directly (the YAML loader is not under test).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClientOptions, type VppClient } from '../../src/api/index.js';
import { applyPlan, hasPending, Journal, type ApplyOptions, type ApplyResult } from '../../src/apply/index.js';
import { DEFAULT_POLICY, type DesiredState } from '../../src/config/types.js';
import { readCached } from '../../src/live/index.js';
import { replanner } from '../../src/operations/replan.js';
import { makePlan, type PlanOptions } from '../../src/plan/index.js';
import type { SimOptions } from '../../src/sim/options.js';
import { startSimServer, type SimServer } from '../../src/sim/server.js';
import type { SimState } from '../../src/sim/state.js';
import { makeSimToken } from '../../src/sim/token.js';

export const MDM = { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl' };
export const UID = '2049025000431439';

const at = { file: 'vpp/central.yaml', line: 1, col: 1 };
const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
export const users = (from: number, to: number) => range('s-', from, to).sort();
export const devices = (from: number, to: number) => range('DMPX', from, to).sort();

export const PAGES = { adamId: '361309726', pricingParam: 'STDQ' as const };
const KEYNOTE = { adamId: '361285480', pricingParam: 'PLUS' as const };
export const BOOK = { adamId: '1050210000', pricingParam: 'STDQ' as const };
/** Never declared: apply must leave its holders alone. */
const UNMANAGED = { adamId: '999000111', pricingParam: 'STDQ' as const };
const SUBSCRIPTION = 67890;

/** 40 users (s-31..s-40 to be created), three assets, one subscription. */
export function desiredState(): DesiredState {
  return {
    source: 'vpp/central.yaml',
    location: { name: 'Central School', tokenEnv: 'VPP_TOKEN', mdm: MDM },
    policy: { ...DEFAULT_POLICY },
    users: users(1, 40).map((clientUserId) => ({ clientUserId, email: `${clientUserId}@school.example.com` })),
    assets: [
      { ...PAGES, name: 'Pages', users: users(1, 25), devices: devices(1, 10), at },
      { ...KEYNOTE, name: 'Keynote', users: users(10, 40), devices: [], at },
      { ...BOOK, name: 'Swift Book', users: users(1, 5), devices: [], at },
    ],
    subscriptions: [{ adamId: SUBSCRIPTION, renewing: true, users: users(1, 10), at }],
    undeclaredUsers: [],
    warnings: [],
  };
}

function asset(a: { adamId: string; pricingParam: 'STDQ' | 'PLUS' }, totalCount: number, kind: 'App' | 'Book' = 'App') {
  return { ...a, productType: kind, totalCount, deviceAssignable: kind === 'App', revocable: kind === 'App' };
}

/** A location where nothing of the file is done yet (users s-1..s-30 registered, s-99 holds an unmanaged app). */
export function emptyLocation(): SimState {
  return {
    uId: UID,
    locationName: 'Central School',
    mdmInfo: MDM,
    // Above Apple's 15 so tests run fast; the chaos test puts Apple's value back.
    limits: { maxRequestPerSecond: 60 },
    assets: [asset(PAGES, 100), asset(KEYNOTE, 100), asset(BOOK, 50, 'Book'), asset(UNMANAGED, 10)],
    assignments: { [`${UNMANAGED.adamId}:${UNMANAGED.pricingParam}`]: { users: ['s-99', 's-3'], devices: ['DMPX99'] } },
    users: [...users(1, 30), 's-99', 's-50'].map((clientUserId) => ({ clientUserId, email: `${clientUserId}@school.example.com`, status: 'Registered' as const })),
    subscriptions: [{ adamId: SUBSCRIPTION, total: { renewing: 50, expiring: 0 } }],
    subscriptionAssignments: [],
  };
}

/** Part done, part wrong: holders to remove (some by revoke), a seat to take back. */
export function driftedLocation(): SimState {
  const s = emptyLocation();
  s.assignments[`${PAGES.adamId}:${PAGES.pricingParam}`] = { users: [...users(20, 30), 's-50'], devices: devices(5, 15) };
  s.assignments[`${KEYNOTE.adamId}:${KEYNOTE.pricingParam}`] = { users: users(1, 12) };
  s.assignments[`${BOOK.adamId}:${BOOK.pricingParam}`] = { users: users(1, 3) };
  s.subscriptionAssignments = [...users(1, 4), 's-20'].map((clientUserId) => ({ adamId: SUBSCRIPTION, clientUserId, renewing: true }));
  return s;
}

export interface Harness {
  sim: SimServer;
  api: VppClient;
  stateDir: string;
  close(): Promise<void>;
}

export async function startHarness(state: SimState, options: Partial<SimOptions> = {}, clientOpts: Pick<ClientOptions, 'takeOver' | 'onRetry'> = {}): Promise<Harness> {
  const sim = await startSimServer({ state, port: 0, options: { eventPendingMs: 50, ...options } });
  const api = createClient({
    token: makeSimToken(),
    baseUrl: sim.url,
    mdmId: MDM.id,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...clientOpts,
  });
  return {
    sim,
    api,
    stateDir: mkdtempSync(join(tmpdir(), 'vppctl-apply-')),
    close: async () => {
      await api.close();
      await sim.close();
    },
  };
}

export const PLAN_OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: false, takeOver: false };

/** What the CLI does: read, plan, then apply with apply's re-plan, which reads on from the cache (in memory here). */
export async function planFor(h: Harness, desired: DesiredState, planOptions: PlanOptions = PLAN_OPTIONS) {
  const { live, cache } = await readCached(h.api);
  const plan = makePlan(desired, live, planOptions);
  const resuming = hasPending(Journal.open(h.stateDir, plan.uId).pending());
  return { plan, live, replan: replanner({ api: h.api, state: desired, live, cache, plan, options: planOptions, resuming }) };
}

export const FAST: ApplyOptions = { pollIntervalMs: 20, retryDelayMs: 10, resubmitAfterMs: 60_000 };

export async function planAndApply(h: Harness, desired: DesiredState, opts: ApplyOptions = {}, planOptions?: PlanOptions) {
  const { plan, replan } = await planFor(h, desired, planOptions);
  const journal = Journal.open(h.stateDir, plan.uId);
  const logs: string[] = [];
  const result: ApplyResult = await applyPlan(plan, { api: h.api, journal, replan }, { ...FAST, onLog: (l) => logs.push(l), ...opts });
  return { plan, result, journal, logs };
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

/** The sim holds exactly what the file asks for, and the unmanaged asset kept its holders. */
export function expectMatches(sim: SimServer, desired: DesiredState, initial: SimState): string[] {
  const problems: string[] = [];
  const state = sim.model.snapshot();
  for (const a of desired.assets) {
    const held = state.assignments[`${a.adamId}:${a.pricingParam}`] ?? {};
    if (JSON.stringify(sorted(held.users)) !== JSON.stringify(a.users)) problems.push(`${a.name} users: ${sorted(held.users)}`);
    if (JSON.stringify(sorted(held.devices)) !== JSON.stringify(a.devices)) problems.push(`${a.name} devices: ${sorted(held.devices)}`);
  }
  const key = `${UNMANAGED.adamId}:${UNMANAGED.pricingParam}`;
  if (JSON.stringify(state.assignments[key]) !== JSON.stringify(initial.assignments[key])) problems.push(`unmanaged asset changed: ${JSON.stringify(state.assignments[key])}`);
  const active = new Set(state.users.filter((u) => u.status === 'Registered' || u.status === 'Associated').map((u) => u.clientUserId));
  for (const u of desired.users) if (!active.has(u.clientUserId)) problems.push(`user ${u.clientUserId} missing`);
  for (const s of desired.subscriptions) {
    const seats = (state.subscriptionAssignments ?? []).filter((x) => x.adamId === s.adamId).map((x) => x.clientUserId);
    if (JSON.stringify(sorted(seats)) !== JSON.stringify(s.users)) problems.push(`subscription ${s.adamId} seats: ${sorted(seats)}`);
  }
  return problems;
}
