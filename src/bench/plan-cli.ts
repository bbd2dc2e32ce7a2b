/**
 * Bench section `plan-cli`: the whole `vppctl plan` (a child process: load the YAML and its
 * rosters, read the live location from the simulator over loopback HTTP, diff, batch, render
 * JSON) on the 100,000-user district, against the floor of fetching the same pages and throwing
 * them away (also a child process, same client, same concurrency). Both run alternately, so
 * machine noise falls on both; the simulator serves from this process on the same machine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesiredStates } from '../config/index.js';
import type { DesiredState } from '../config/types.js';
import type { Plan } from '../plan/types.js';
import { startSimServer, type SimServer } from '../sim/server.js';
import { makeSimToken } from '../sim/token.js';
import { runNode, type ChildRun } from './child-run.js';
import { makeDistrict } from './district.js';
import { simStateOf } from './district-sim.js';
import { writeDesiredYaml } from './district-yaml.js';
import type { BenchSection } from './sections.js';

const RUNS = 3;
const PAGE_SIZE = 1000;
/** High enough that the rate cap is not what is measured. */
const FAST_RPS = 1000;
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const FETCH = fileURLToPath(new URL('./fetch-pages.js', import.meta.url));

export const planCli: BenchSection = {
  name: 'plan-cli',
  title: 'the whole `vppctl plan` on a 100,000-user district (~1,000,000 assignments) against the simulator',
  async run() {
    const { desired, live } = makeDistrict();
    let pairs = 0;
    for (const h of live.assignments.values()) pairs += h.users.length + h.devices.length;
    const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-plan-cli-'));
    const sim = await startSimServer({
      state: { ...simStateOf(live), limits: { ...live.limits, maxRequestPerSecond: FAST_RPS } },
      options: { pageSize: PAGE_SIZE },
    });
    try {
      const yamlFile = await writeDesiredYaml(desired, dir);
      await assertSameDesired(yamlFile, desired);
      const env = { ...process.env, NO_COLOR: '1', VPP_BASE_URL: sim.url, BENCH_TOKEN_ENV: desired.location.tokenEnv, [desired.location.tokenEnv]: makeSimToken() };
      const outFile = path.join(dir, 'plan.json');
      const cliArgs = [CLI, 'plan', yamlFile, '--format', 'json', '--out', outFile];
      console.log(
        `district: ${live.users.length} live users, ${pairs} live assignments over ${live.assignments.size} assets; ` +
          `simulator pageSize ${PAGE_SIZE}, maxRequestPerSecond ${FAST_RPS} (so the rate cap is not what is measured); ` +
          `machine: ${cpus().length} cores, the simulator in the bench process competing for them`,
      );

      const fetches: ChildRun[] = [];
      const plans: ChildRun[] = [];
      let reads = 0;
      for (let i = 0; i < RUNS; i++) {
        fetches.push(await checked(runNode([FETCH], env, { keepStdout: true })));
        const before = sim.log.entries.length;
        plans.push(await checked(runNode(cliArgs, env)));
        reads = sim.log.entries.length - before;
      }
      const plan = JSON.parse(await readFile(outFile, 'utf8')) as Plan;
      const location = plan.locations[0]!;
      const { pages } = JSON.parse(fetches[0]!.stdout) as { pages: number };
      const fetchMs = median(fetches.map((r) => r.ms));
      const planMs = median(plans.map((r) => r.ms));
      const peak = Math.max(...plans.map((r) => r.maxRss));
      console.log(`fetch only (a fresh client reads every page a snapshot reads, ${pages} paged answers, and drops them): median of ${RUNS} ${ms(fetchMs)} [${fetches.map((r) => ms(r.ms)).join(', ')}], peak RSS ${mb(Math.max(...fetches.map((r) => r.maxRss)))}`);
      console.log(`vppctl plan --format json --out FILE: median of ${RUNS} ${ms(planMs)} [${plans.map((r) => ms(r.ms)).join(', ')}], ${reads} requests to the simulator`);
      console.log(
        `plan: ${location.summary.associate} pairs to associate, ${location.summary.disassociate} to disassociate, ` +
          `${location.summary.usersCreate} users to create; ${location.summary.requests} requests, ${location.errors.length} errors`,
      );
      verdict(`vppctl plan / fetch only = ${(planMs / fetchMs).toFixed(2)}`, planMs <= 1.3 * fetchMs, 'target <= 1.3');
      verdict(`vppctl plan peak RSS ${mb(peak)} at ${pairs} assignments`, peak <= 400 * 1024 * 1024, 'target <= 400 MB');

      sim.model.limits.maxRequestPerSecond = 15;
      const real = await checked(runNode(cliArgs, env));
      console.log(`at Apple's default 15 requests/s (one run): ${ms(real.ms)}, ${reads} requests need at least ${(reads / 15).toFixed(1)} s at that rate; peak RSS ${mb(real.maxRss)}`);
    } finally {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** The YAML must resolve to the district it was written from, or the timings mean nothing. */
async function assertSameDesired(file: string, want: DesiredState): Promise<void> {
  const { states, diagnostics } = await loadDesiredStates([file]);
  const error = diagnostics.find((d) => d.severity === 'error');
  const got = states[0];
  if (error || got === undefined) throw new Error(`the generated district YAML did not load: ${error?.message ?? 'no state'}`);
  const members = (s: DesiredState): string =>
    s.assets.map((a) => `${a.adamId}:${a.pricingParam}:${a.users.length}:${a.devices.length}:${a.users.at(-1) ?? ''}:${a.devices.at(-1) ?? ''}`).join('|');
  if (got.users.length !== want.users.length || members(got) !== members(want)) {
    throw new Error('the generated district YAML resolves to other users or assets than the district it was written from');
  }
}

async function checked(run: Promise<ChildRun>): Promise<ChildRun> {
  const r = await run;
  if (r.code !== 0 && r.code !== 2) throw new Error(`child exited with code ${r.code}: ${r.stderr.slice(-2000)}`);
  return r;
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
