/**
 * Bench section `cache`: the live-state cache on the district (100,000 users, ~1,000,000
 * assignments; VPPCTL_BENCH_CACHE_USERS scales it) against the simulator at Apple's 15 requests/s.
 * `vppctl plan` runs as a child process, as a user runs it: a full read (no cache yet), an
 * unchanged re-plan, a re-plan after 1% of the assignments were changed by hand (half removed,
 * half added, on random assets: the simulator's deltas, like Apple's, do not list removals), and
 * a re-plan after 1% added only. Requests are counted by the simulator, wall time and peak RSS
 * measured from outside. Then the cache file: its size, and its load time beside JSON.parse of
 * the same text.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFile, loadCache } from '../src/live/index.js';
import type { Plan } from '../src/plan/types.js';
import { mulberry32 } from '../src/sim/prng.js';
import { startSimServer, type SimServer } from '../src/sim/server.js';
import { makeSimToken } from '../src/sim/token.js';
import { runNode } from './child-run.js';
import { makeDistrict } from './district.js';
import { simStateOf } from './district-sim.js';
import { writeDesiredYaml } from './district-yaml.js';
import { mb, median, ms, verdict } from './figures.js';
import type { BenchSection } from './sections.js';

const PAGE_SIZE = 1000;
const APPLE_RPS = 15;
const CHURN = 0.01;
const USERS_ENV = 'VPPCTL_BENCH_CACHE_USERS';
const LOAD_RUNS = 7;
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Run {
  label: string;
  requests: number;
  ms: number;
  maxRss: number;
  read: string;
}

export const cacheBench: BenchSection = {
  name: 'cache',
  title: "the live-state cache: full plan, unchanged re-plan, re-plans after 1% hand churn, on the district at Apple's 15 requests/s",
  async run() {
    const users = Number(process.env[USERS_ENV] ?? 100_000);
    const { desired, live } = makeDistrict({ users });
    let pairs = 0;
    for (const h of live.assignments.values()) pairs += h.users.length + h.devices.length;
    const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-cache-'));
    const sim = await startSimServer({ state: { ...simStateOf(live), limits: { ...live.limits, maxRequestPerSecond: APPLE_RPS } }, options: { pageSize: PAGE_SIZE } });
    const env = { ...process.env, NO_COLOR: '1', VPP_BASE_URL: sim.url, [desired.location.tokenEnv]: makeSimToken() };
    const stateDir = path.join(dir, 'state');
    try {
      const yamlFile = await writeDesiredYaml(desired, dir);
      console.log(
        `district: ${live.users.length} users, ${pairs} assignments over ${live.assignments.size} assets (${USERS_ENV}=${users}); ` +
          `simulator: pageSize ${PAGE_SIZE}, ${APPLE_RPS} requests/s, deltas without removals`,
      );
      const plan = async (label: string, ...flags: string[]): Promise<Run> => {
        const before = sim.log.entries.length;
        const outFile = path.join(dir, 'plan.json');
        await rm(outFile, { force: true });
        const r = await runNode([CLI, 'plan', yamlFile, '--format', 'json', '--out', outFile, '--state-dir', stateDir, ...flags], env);
        // Exit 1 with a plan is a plan with errors (hand churn can overdraw a license count): the read is what is measured.
        const written = await readFile(outFile, 'utf8').catch(() => undefined);
        if (written === undefined) throw new Error(`vppctl plan exited with code ${r.code} and wrote no plan: ${r.stderr.slice(-2000)}`);
        const read = (JSON.parse(written) as Plan).locations[0]!.read;
        const run = { label, requests: sim.log.entries.length - before, ms: r.ms, maxRss: r.maxRss, read: `${read?.mode}, ${read?.assetsReRead} assets re-read` };
        console.log(`${label}: ${run.requests} requests, ${ms(run.ms)}, peak RSS ${mb(run.maxRss)} (${run.read})`);
        return run;
      };

      const full = await plan('full plan (no cache)');
      const unchanged = await plan('unchanged re-plan');
      const mixed = churn(sim, pairs, 'mixed');
      const afterMixed = await plan(`re-plan after 1% hand churn (${mixed.removed} removed, ${mixed.added} added)`);
      const added = churn(sim, pairs, 'additions');
      const afterAdded = await plan(`re-plan after 1% hand churn, additions only (${added.added} added)`);

      const share = (r: Run) => `${((100 * r.requests) / full.requests).toFixed(1)}% of the full read's requests`;
      verdict(`unchanged re-plan: ${share(unchanged)}`, unchanged.requests <= 0.01 * full.requests, 'target <= 1%');
      verdict(`unchanged re-plan: ${ms(unchanged.ms)}`, unchanged.ms <= 5000, 'target <= 5 s');
      verdict(`after 1% churn with removals: ${share(afterMixed)}`, afterMixed.requests <= 0.1 * full.requests, 'target <= 10%');
      verdict(`after 1% churn, additions only: ${share(afterAdded)}`, afterAdded.requests <= 0.1 * full.requests, 'target <= 10%');
      const peak = Math.max(full.maxRss, unchanged.maxRss, afterMixed.maxRss, afterAdded.maxRss);
      verdict(`peak RSS of the plans ${mb(peak)}`, peak <= 400 * 1024 * 1024, 'target <= 400 MB');

      const file = cacheFile(stateDir, live.uId);
      const data = await readFile(file);
      const body = data.toString('utf8', data.indexOf(10) + 1);
      const loads: number[] = [];
      const parses: number[] = [];
      const readParses: number[] = [];
      for (let i = 0; i < LOAD_RUNS; i++) {
        let t = performance.now();
        const got = await loadCache(file, live.uId);
        loads.push(performance.now() - t);
        if (!('cache' in got)) throw new Error(`the cache did not load: ${JSON.stringify(got)}`);
        t = performance.now();
        const text = (await readFile(file)).toString('utf8', data.indexOf(10) + 1);
        const decoded = performance.now();
        JSON.parse(text);
        parses.push(performance.now() - decoded);
        readParses.push(performance.now() - t);
      }
      console.log(`cache file: ${mb((await stat(file)).size)} on disk (${body.length} characters of body)`);
      const load = median(loads);
      const parse = median(parses);
      const readParse = median(readParses);
      console.log(`cache load beside reading the same body from the file and JSON.parse of it (${ms(readParse)}): ${(load / readParse).toFixed(2)}`);
      verdict(
        `cache load (read the file, check the checksum, parse, build) median of ${LOAD_RUNS} ${ms(load)} vs JSON.parse alone of the same text ${ms(parse)} = ${(load / parse).toFixed(2)}`,
        load <= 1.5 * parse,
        'target <= 1.5',
      );
    } finally {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/**
 * Changes 1% of the assignments by hand, as an admin in Apple School Manager would, straight in
 * the simulator: `mixed` removes half and adds half, on random assets; `additions` only adds.
 */
function churn(sim: SimServer, pairs: number, kind: 'mixed' | 'additions'): { removed: number; added: number } {
  const model = sim.model;
  const random = mulberry32(kind === 'mixed' ? 7 : 8);
  const state = model.snapshot();
  const users = state.users.map((u) => u.clientUserId);
  const target = Math.round(pairs * CHURN);
  const removals = kind === 'mixed' ? Math.floor(target / 2) : 0;
  let removed = 0;
  let added = 0;
  const assets = state.assets.filter((a) => a.revocable);
  for (let tries = 0; removed < removals && tries < removals * 10; tries++) {
    const a = assets[Math.floor(random() * assets.length)]!;
    const h = model.holders(a.adamId, a.pricingParam);
    const id = h.users[Math.floor(random() * h.users.length)];
    if (id === undefined) continue;
    model.disassociate({ assets: [{ adamId: a.adamId, pricingParam: a.pricingParam }], clientUserIds: [id] });
    model.settle();
    removed++;
  }
  for (let tries = 0; added < target - removals && tries < target * 10; tries++) {
    const a = state.assets[Math.floor(random() * state.assets.length)]!;
    const id = users[Math.floor(random() * users.length)]!;
    const before = model.holders(a.adamId, a.pricingParam).users.length;
    model.associate({ assets: [{ adamId: a.adamId, pricingParam: a.pricingParam }], clientUserIds: [id] });
    model.settle();
    if (model.holders(a.adamId, a.pricingParam).users.length > before) added++;
  }
  return { removed, added };
}
