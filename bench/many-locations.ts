/**
 * Bench section `many-locations`: `vppctl plan` of a folder of 50 locations, each ~20,000
 * assignments (a 4,000-user district with its 5% churn), served by one simulator behind one base
 * URL (routed by token) at Apple's 15 requests/s per location with 100 ms on every answer.
 *
 * Set side by side in one run: the slowest of three single locations planned alone, the folder
 * with the default --parallel, and the folder with --parallel 50. Targets: with enough
 * parallelism, the folder in at most 1.5x its slowest location; with the default, at most
 * (locations / default) x 1.2 of it. Peak memory and CPU of each run are printed: the default's
 * reasoning (README, "Many locations") rests on them.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARALLEL } from '../src/operations/parallel.js';
import type { Plan } from '../src/plan/types.js';
import { startSimServer } from '../src/sim/server.js';
import { runNode, type ChildRun } from './child-run.js';
import { makeDistrict } from './district.js';
import { simStateOf } from './district-sim.js';
import { writeDesiredYaml } from './district-yaml.js';
import { mb, ms, verdict } from './figures.js';
import type { BenchSection } from './sections.js';

const LOCATIONS = 50;
const APPLE_RPS = 15;
const LATENCY_MS = 100;
/** The simulator's default: Apple pages "on the order of several hundred" records. */
const PAGE_SIZE = 500;
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const key = (i: number): string => String(i).padStart(2, '0');

interface Run extends ChildRun {
  requests: number;
  /** CPU the simulator (this process) spent serving the run. */
  simCpuMs: number;
}

export const manyLocations: BenchSection = {
  name: 'many-locations',
  title: `\`vppctl plan\` of ${LOCATIONS} locations of ~20,000 assignments each, side by side, at Apple's ${APPLE_RPS} requests/s per location`,
  async run() {
    const { desired, live } = makeDistrict({ users: 4000, devices: 400, assets: 30, seed: 7 });
    let pairs = 0;
    for (const h of live.assignments.values()) pairs += h.users.length + h.devices.length;
    const base = { ...simStateOf(live), limits: { ...live.limits, maxRequestPerSecond: APPLE_RPS } };
    const sim = await startSimServer({
      locations: Array.from({ length: LOCATIONS }, (_, i) => ({ ...base, uId: `60000000000000${key(i)}`, locationName: `District ${key(i)}` })),
      options: { pageSize: PAGE_SIZE, latencyMs: LATENCY_MS },
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-many-'));
    try {
      // One YAML per location, all naming the same roster files beside them.
      const yaml = await readFile(await writeDesiredYaml(desired, dir), 'utf8');
      await rm(path.join(dir, 'district.yaml'));
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', VPP_BASE_URL: sim.url };
      for (let i = 0; i < LOCATIONS; i++) {
        const tokenEnv = `VPP_TOKEN_D${key(i)}`;
        env[tokenEnv] = sim.locations[i]!.token;
        const text = yaml.replace(/^ {2}name: .*$/m, `  name: District ${key(i)}`).replace(/^ {2}token: .*$/m, `  token: ${tokenEnv}`);
        await writeFile(path.join(dir, `loc-${key(i)}.yaml`), text);
      }
      if ((await readdir(dir)).filter((f) => f.endsWith('.yaml')).length !== LOCATIONS) throw new Error('the location files were not all written');

      const out = path.join(dir, 'plan.json');
      const plan = async (args: string[]): Promise<Run> => {
        const before = sim.log.entries.length;
        const cpu = process.cpuUsage();
        // Full reads, as each location's first plan: later runs would otherwise read from the caches earlier ones left.
        const r = await runNode([CLI, 'plan', ...args, '--format', 'json', '--out', out, '--full-read'], env);
        const used = process.cpuUsage(cpu);
        if (r.code !== 0 && r.code !== 2) throw new Error(`vppctl plan ${args.join(' ')} exited with ${r.code}: ${r.stderr.slice(-2000)}`);
        return { ...r, requests: sim.log.entries.length - before, simCpuMs: (used.user + used.system) / 1000 };
      };
      const planned = async (): Promise<number> => (JSON.parse(await readFile(out, 'utf8')) as Plan).locations.filter((l) => l.errors.length === 0).length;

      console.log(
        `${LOCATIONS} locations, each ${live.users.length} users and ${pairs} live assignments over ${live.assets.length} assets, a 5% churn to plan; ` +
          `simulator: ${APPLE_RPS} requests/s per location, ${LATENCY_MS} ms per answer, pages of ${PAGE_SIZE}, serving from the bench process; machine: ${cpus().length} cores`,
      );
      // One untimed run first: the simulator's code is still being optimised on its first pages.
      await plan([path.join(dir, 'loc-00.yaml')]);
      const singles: Run[] = [];
      for (const i of [0, 25, 49]) singles.push(await plan([path.join(dir, `loc-${key(i)}.yaml`)]));
      const slowest = Math.max(...singles.map((r) => r.ms));
      const single = singles[0]!;
      console.log(
        `one location alone (loc-00, loc-25, loc-49): ${singles.map((r) => ms(r.ms)).join(', ')}; slowest ${ms(slowest)}; ` +
          `${single.requests} requests each; its CPU ${ms(single.cpuMs)} (${((100 * single.cpuMs) / single.ms).toFixed(0)}% of one core while it runs), the simulator's ${ms(single.simCpuMs)}; peak RSS ${mb(single.maxRss)}`,
      );

      const line = (label: string, r: Run, locations: number): string =>
        `${label}: ${ms(r.ms)} = ${(r.ms / slowest).toFixed(2)}x the slowest location; ${locations} locations planned, ${r.requests} requests; ` +
        `its CPU ${ms(r.cpuMs)} (${((100 * r.cpuMs) / r.ms).toFixed(0)}% of one core), the simulator's ${ms(r.simCpuMs)}; peak RSS ${mb(r.maxRss)}`;
      const byDefault = await plan([dir]);
      console.log(line(`--parallel ${DEFAULT_PARALLEL} (the default)`, byDefault, await planned()));
      const wide = await plan([dir, '--parallel', String(LOCATIONS)]);
      console.log(line(`--parallel ${LOCATIONS}`, wide, await planned()));

      const perLocation = (wide.maxRss - single.maxRss) / (LOCATIONS - 1);
      console.log(
        `memory per location in flight: (${mb(wide.maxRss)} - ${mb(single.maxRss)}) / ${LOCATIONS - 1} = ${mb(perLocation)} for ${pairs} assignments ` +
          `(${((perLocation / pairs) * 1000 / 1024).toFixed(0)} KB per 1,000 assignments)`,
      );
      const cores = cpus().length;
      console.log(
        `CPU floor of the folder on this machine: (vppctl ${ms(wide.cpuMs)} + simulator ${ms(wide.simCpuMs)}) / ${cores} cores = ${ms((wide.cpuMs + wide.simCpuMs) / cores)} ` +
          `= ${((wide.cpuMs + wide.simCpuMs) / cores / slowest).toFixed(2)}x the slowest location, before anything else running on it`,
      );
      const limit = (LOCATIONS / DEFAULT_PARALLEL) * 1.2;
      verdict(`--parallel ${LOCATIONS}: ${(wide.ms / slowest).toFixed(2)}x the slowest location`, wide.ms <= 1.5 * slowest, 'target <= 1.5');
      verdict(
        `--parallel ${DEFAULT_PARALLEL}: ${(byDefault.ms / slowest).toFixed(2)}x the slowest location`,
        byDefault.ms <= limit * slowest,
        `target <= ${LOCATIONS}/${DEFAULT_PARALLEL} x 1.2 = ${limit.toFixed(2)}`,
      );
      // The default's promise (operations/parallel.ts): what vppctl starts with and the 50 loaded
      // files, plus 0.3 KB per assignment for each location in flight.
      const promised = single.maxRss + LOCATIONS * 3 * 1024 * 1024 + DEFAULT_PARALLEL * 0.3 * 1024 * pairs;
      verdict(`--parallel ${DEFAULT_PARALLEL}: peak RSS ${mb(byDefault.maxRss)}`, byDefault.maxRss <= promised, `promised <= ${mb(promised)}: one location's peak + 3 MB per loaded file + ${DEFAULT_PARALLEL} x 0.3 KB per assignment`);
    } finally {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
