/**
 * "Start the simulator + give the CLI an environment pointing at it": one rig per test. The
 * simulator runs in the test process (so tests read its model and request log); the CLI is the
 * built one, spawned with VPP_BASE_URL and a sim token under each variable the location files name.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadDesiredStates, type DesiredState } from '../../src/config/index.js';
import { loadSimState, makeSimToken, startSimServer, type SimOptions, type SimServer, type SimState } from '../../src/sim/index.js';
import { ROOT, runBuiltCli, type CliRun } from './run-cli.js';

export const CENTRAL_YAML = 'examples/central-school.yaml';
const CENTRAL_SIM = join(ROOT, 'examples/sim/central-school.json');
export const CENTRAL_TOKEN_ENV = 'VPP_TOKEN_CENTRAL';
export const NO_CHANGES = 'No changes. The location matches the desired state.';

export interface Rig {
  sim: SimServer;
  /** The sim token handed to the CLI: it must never show up in its output. */
  token: string;
  /** A fresh temporary directory (plan files, apply journals, imports, broken copies). */
  dir: string;
  /** The environment the CLI runs with: VPP_BASE_URL and the token under each variable. */
  env: Record<string, string>;
  /** Runs the built CLI (from the repository root, or `cwd`) with the rig's environment (plus `env`); throws if it prints the token. */
  run(args: string[], env?: Record<string, string | undefined>, cwd?: string): Promise<CliRun>;
  /** `apply --yes` with fast polling and the journal in the rig's temp dir. */
  apply(args: string[]): Promise<CliRun>;
}

export interface RigOptions {
  /** Variables that get the sim token (default VPP_TOKEN_CENTRAL). */
  tokenEnv?: string[];
  /** When the token expires (default: in a year). */
  expDate?: Date;
  /** Simulator options (default: events pending 50 ms). */
  simOptions?: Partial<SimOptions>;
}

/** Registers cleanup for every rig a test file opens; call once at the top of the file. */
export function simRigs(): (state: SimState, opts?: RigOptions) => Promise<Rig> {
  const open: { sim: SimServer; dir: string }[] = [];
  afterEach(async () => {
    for (const r of open.splice(0)) {
      await r.sim.close();
      await rm(r.dir, { recursive: true, force: true });
    }
  });
  return async (state, opts = {}) => {
    // Events stay pending briefly, so apply really polls /status (every 0.05 s, see `apply`).
    const sim = await startSimServer({ state, options: { eventPendingMs: 50, ...opts.simOptions } });
    const dir = await mkdtemp(join(tmpdir(), 'vppctl-e2e-'));
    open.push({ sim, dir });
    const token = makeSimToken({ orgName: state.locationName, ...(opts.expDate && { expDate: opts.expDate }) });
    const env: Record<string, string> = { VPP_BASE_URL: sim.url };
    for (const name of opts.tokenEnv ?? [CENTRAL_TOKEN_ENV]) env[name] = token;
    const secrets = [token, (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { token: string }).token];
    // Every run of every test proves the token (and the secret inside it) stays out of the output.
    const run = async (args: string[], extra: Record<string, string | undefined> = {}, cwd?: string) => {
      const r = await runBuiltCli(inStateDir(args, join(dir, 'journal')), { ...env, ...extra }, cwd === undefined ? {} : { cwd });
      const leaked = secrets.some((s) => r.stdout.includes(s) || r.stderr.includes(s));
      if (leaked) throw new Error(`vppctl ${args.join(' ')} printed the sToken`);
      return r;
    };
    const apply = (args: string[]) => run(['apply', ...args, '--yes', '--poll-interval', '0.05', '--state-dir', join(dir, 'journal')]);
    return { sim, token, dir, env, run, apply };
  };
}

/**
 * The commands that read live state keep their caches in the rig's temporary dir unless the test
 * says where: not in the repository's examples/.vppctl, where a cache of another test's simulator
 * (the same uId, versionIds of the same seeded form) would meet this one.
 */
export function inStateDir(args: string[], stateDir: string): string[] {
  const reads = ['plan', 'apply', 'import'].includes(args[0] ?? '');
  return reads && !args.includes('--state-dir') ? [...args, '--state-dir', stateDir] : args;
}

export function centralState(): Promise<SimState> {
  return loadSimState(CENTRAL_SIM);
}

/** The same location with nothing assigned and nobody registered. */
export function emptied(state: SimState): SimState {
  return { ...state, assignments: {}, users: [], subscriptionAssignments: [], mdmInfo: undefined };
}

export async function desiredOf(path: string): Promise<DesiredState> {
  const { states, diagnostics } = await loadDesiredStates([join(ROOT, path)]);
  if (states.length !== 1) throw new Error(`${path} did not load: ${JSON.stringify(diagnostics)}`);
  return states[0]!;
}

/** An empty location owning every asset and subscription the desired state declares, with room to spare. */
export function emptyLocationFor(desired: DesiredState, uId: string): SimState {
  return {
    uId,
    locationName: desired.location.name,
    assets: desired.assets.map((a) => ({
      adamId: a.adamId,
      pricingParam: a.pricingParam,
      productType: 'App',
      totalCount: a.users.length + a.devices.length + 5,
      deviceAssignable: true,
      revocable: true,
    })),
    assignments: {},
    users: [],
    subscriptions: desired.subscriptions.map((s) => ({ adamId: s.adamId, total: { renewing: s.users.length + 5, expiring: 0 } })),
  };
}

/**
 * Every POST the simulator answered with success, in order: the async writes of `log.writes()` and
 * the claim (POST /client/config), which writes too.
 */
export function posted(sim: SimServer): string[] {
  return sim.log.entries.filter((e) => e.method === 'POST' && e.status === 200).map((e) => e.path);
}

const sorted = (xs: readonly string[] = []): string[] => [...xs].sort();

/** Holders of each declared asset and subscription, as the desired state wants them and as the simulator has them. */
export function holdersCompared(desired: DesiredState, sim: SimServer): { want: unknown; have: unknown } {
  const now = sim.model.snapshot();
  const seats = (adamId: number) => sorted(now.subscriptionAssignments?.filter((s) => s.adamId === adamId).map((s) => s.clientUserId));
  return {
    want: {
      assets: desired.assets.map((a) => ({ key: `${a.adamId}:${a.pricingParam}`, users: sorted(a.users), devices: sorted(a.devices) })),
      subscriptions: desired.subscriptions.map((s) => ({ adamId: s.adamId, users: sorted(s.users) })),
    },
    have: {
      assets: desired.assets.map((a) => {
        const h = now.assignments[`${a.adamId}:${a.pricingParam}`];
        return { key: `${a.adamId}:${a.pricingParam}`, users: sorted(h?.users), devices: sorted(h?.devices) };
      }),
      subscriptions: desired.subscriptions.map((s) => ({ adamId: s.adamId, users: seats(s.adamId) })),
    },
  };
}
