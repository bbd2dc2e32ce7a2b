/**
 * Several locations behind one simulator URL, routed by token, and a folder of location files for
 * them (copies of examples/central-school.yaml, each with its own name and token variable). The
 * built CLI runs against them; every run proves no token reaches its output.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { DesiredState } from '../../src/config/index.js';
import { startSimServer, type SimOptions, type SimServer, type SimState } from '../../src/sim/index.js';
import { ROOT, runBuiltCli, type CliRun } from './run-cli.js';
import { CENTRAL_YAML, desiredOf, emptyLocationFor, inStateDir } from './sim-rig.js';

export interface MultiRig {
  sim: SimServer;
  dir: string;
  /** The location files, in the order of the locations (and of their names: a.yaml, b.yaml, …). */
  files: string[];
  /** Each location's token variable. */
  tokenEnvs: string[];
  uIds: string[];
  desired: DesiredState;
  run(args: string[], opts?: { env?: Record<string, string | undefined>; cwd?: string }): Promise<CliRun>;
  /** `apply --yes` with fast polling and the state dir in the rig's folder. */
  apply(args: string[]): Promise<CliRun>;
}

export interface MultiRigOptions {
  /** Per location, changes to its simulated state (limits, claims). */
  edit?: (state: SimState, i: number) => SimState;
  /** Per location, the token to serve it with instead of a made one (an expired one). */
  tokens?: (string | undefined)[];
  options?: Partial<SimOptions>;
}

export const LOCATION = (i: number): string => `School ${String.fromCharCode(65 + i)}`;

/** Registers cleanup for every rig a test file opens; call once at the top of the file. */
export function multiRigs(): (count: number, opts?: MultiRigOptions) => Promise<MultiRig> {
  const open: { sim: SimServer; dir: string }[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) {
      await r.sim.close();
      await rm(r.dir, { recursive: true, force: true });
    }
  });
  return async (count, opts = {}) => {
    const desired = await desiredOf(CENTRAL_YAML);
    const uIds = Array.from({ length: count }, (_, i) => `40000000000000${String(i).padStart(2, '0')}`);
    const states = uIds.map((uId, i) => {
      const state = { ...emptyLocationFor(desired, uId), locationName: LOCATION(i) };
      return opts.edit ? opts.edit(state, i) : state;
    });
    const dir = await mkdtemp(join(tmpdir(), 'vppctl-e2e-many-'));
    const sim = await startSimServer({ locations: states, options: { eventPendingMs: 50, ...opts.options }, ...(opts.tokens && { tokens: opts.tokens }) });
    open.push({ sim, dir });
    await mkdir(join(dir, 'vpp'));
    const text = await readFile(join(ROOT, CENTRAL_YAML), 'utf8');
    const tokenEnvs = uIds.map((_, i) => `VPP_TOKEN_${String.fromCharCode(65 + i)}`);
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = join(dir, 'vpp', `${String.fromCharCode(97 + i)}.yaml`);
      await writeFile(file, text.replace('name: Central School', `name: ${LOCATION(i)}`).replace('token: VPP_TOKEN_CENTRAL', `token: ${tokenEnvs[i]}`));
      files.push(file);
    }
    const env: Record<string, string> = { VPP_BASE_URL: sim.url };
    sim.locations.forEach((l, i) => (env[tokenEnvs[i]!] = l.token));
    const secrets = sim.locations.map((l) => l.token);
    const run = async (args: string[], o: { env?: Record<string, string | undefined>; cwd?: string } = {}) => {
      const r = await runBuiltCli(inStateDir(args, join(dir, 'state')), { ...env, ...o.env }, o.cwd === undefined ? {} : { cwd: o.cwd });
      if (secrets.some((s) => r.stdout.includes(s) || r.stderr.includes(s))) throw new Error(`vppctl ${args.join(' ')} printed an sToken`);
      return r;
    };
    const apply = (args: string[]) => run(['apply', ...args, '--yes', '--poll-interval', '0.05', '--state-dir', join(dir, 'state')]);
    return { sim, dir, files, tokenEnvs, uIds, desired, run, apply };
  };
}

/** Holders of each declared asset at location `i`, as wanted and as the simulator has them. */
export function holdersAt(rig: MultiRig, i: number): { want: unknown; have: unknown } {
  const model = rig.sim.locations[i]!.model.snapshot();
  const sorted = (xs: readonly string[] = []) => [...xs].sort();
  return {
    want: rig.desired.assets.map((a) => ({ key: `${a.adamId}:${a.pricingParam}`, users: sorted(a.users), devices: sorted(a.devices) })),
    have: rig.desired.assets.map((a) => {
      const h = model.assignments[`${a.adamId}:${a.pricingParam}`];
      return { key: `${a.adamId}:${a.pricingParam}`, users: sorted(h?.users), devices: sorted(h?.devices) };
    }),
  };
}
