/**
 * The stage the demo plays on: the simulator serving a copy of the example school, and a
 * temporary folder holding a copy of its desired-state file. The repository is never touched.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSimState, makeSimToken, startSimServer, type SimServer } from '../sim/index.js';

const EXAMPLE_YAML = fileURLToPath(new URL('../../examples/central-school.yaml', import.meta.url));
const EXAMPLE_SIM = fileURLToPath(new URL('../../examples/sim/central-school.json', import.meta.url));
/** The variable examples/central-school.yaml names in location.token. */
const TOKEN_ENV = 'VPP_TOKEN_CENTRAL';

export interface Rehearsal {
  sim: SimServer;
  /** The temporary folder; the demo runs its commands from here. */
  dir: string;
  /** The desired-state file, relative to `dir`. */
  file: string;
  /** The caller's environment plus the simulator's base URL and a simulator token under TOKEN_ENV. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** `env`: the caller's environment, which the commands see with the simulator's URL and token added. */
export async function openRehearsal(opts: { eventPendingMs: number; env: NodeJS.ProcessEnv }): Promise<Rehearsal> {
  const state = await loadSimState(EXAMPLE_SIM);
  const sim = await startSimServer({ state, options: { eventPendingMs: opts.eventPendingMs } });
  const dir = await mkdtemp(join(tmpdir(), 'vppctl-demo-'));
  const file = 'central-school.yaml';
  await copyFile(EXAMPLE_YAML, join(dir, file));
  const env = { ...opts.env, VPP_BASE_URL: sim.url, [TOKEN_ENV]: makeSimToken({ orgName: state.locationName }) };
  return {
    sim,
    dir,
    file,
    env,
    close: async () => {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
