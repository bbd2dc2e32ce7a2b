/**
 * Bench section `apply`: a full apply (snapshot, plan, execute, follow events, verify) of a small
 * synthetic district against the simulator over loopback HTTP, calm and under faults. Apply's
 * own cost is the requests it adds to the plan's writes (event polls, reads to verify) and the
 * time beyond what the rate cap alone forces: every request it sent / maxRequestPerSecond.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../api/index.js';
import { applyPlan, applySummaryLine, Journal } from '../apply/index.js';
import { refreshSnapshot, snapshot } from '../live/index.js';
import { makePlan } from '../plan/index.js';
import type { PlanOptions } from '../plan/types.js';
import { droppedConnections, serviceUnavailable, throttled } from '../sim/faults.js';
import { startSimServer } from '../sim/server.js';
import { makeSimToken } from '../sim/token.js';
import { makeDistrict } from './district.js';
import { simStateOf } from './district-sim.js';
import type { BenchSection } from './sections.js';

const OPTIONS: PlanOptions = { separateUsersAndDevices: false, allowMassRemoval: true, takeOver: false };

async function run(label: string, faults: boolean): Promise<void> {
  const { desired, live: built } = makeDistrict({ users: 3000, devices: 600, assets: 30, churn: 0.05, seed: 7 });
  const sim = await startSimServer({ state: simStateOf(built), port: 0, options: { eventPendingMs: 200, transientTaskFailureRate: faults ? 0.05 : 0, seed: 3 } });
  const api = createClient({ token: makeSimToken(), baseUrl: sim.url, ...(desired.location.mdm && { mdmId: desired.location.mdm.id }) });
  const stateDir = mkdtempSync(join(tmpdir(), 'vppctl-bench-apply-'));
  try {
    let live = await snapshot(api);
    const plan = makePlan(desired, live, OPTIONS);
    const readsBefore = sim.log.entries.length;
    if (faults) sim.use(serviceUnavailable({ rate: 0.1, retryAfterSeconds: 1, seed: 5 }), throttled({ rate: 0.05, seed: 6 }), droppedConnections({ rate: 0.02, seed: 7 }));
    const t = performance.now();
    const result = await applyPlan(
      plan,
      { api, journal: Journal.open(stateDir, plan.uId), replan: async () => makePlan(desired, (live = await refreshSnapshot(api, live)), OPTIONS) },
      { pollIntervalMs: 250, retryDelayMs: 500 },
    );
    const seconds = (performance.now() - t) / 1000;
    const entries = sim.log.entries.slice(readsBefore);
    const writes = entries.filter((e) => e.method === 'POST').length;
    const polls = entries.filter((e) => e.path === '/status').length;
    const floor = entries.length / live.limits.maxRequestPerSecond;
    console.log(`${label}: ${applySummaryLine(result)}`);
    console.log(
      `  plan ${plan.requests.length} requests; sent ${writes} writes, ${polls} status polls, ${entries.length - writes - polls} other reads; ` +
        `${seconds.toFixed(1)} s against a rate-cap floor of ${floor.toFixed(1)} s (x${(seconds / floor).toFixed(2)}); ` +
        `busiest second ${sim.log.maxPerSecond()} requests (cap ${live.limits.maxRequestPerSecond}), ${sim.log.earlyAfterRetryAfter().length} early after Retry-After`,
    );
  } finally {
    await api.close();
    await sim.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export const applyBench: BenchSection = {
  name: 'apply',
  title: 'apply + verify of a 3,000-user district with 5% churn against the simulator (calm, then 10% 503s, 5% 429s, 2% drops, 5% 9603)',
  async run() {
    await run('calm', false);
    await run('faults', true);
  },
};
