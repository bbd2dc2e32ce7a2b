/**
 * The steps every command that talks to Apple shares, one location at a time: find its token in
 * the environment, open a client, read the live snapshot with a progress bar, and plan.
 */
import { createClient } from '../api/index.js';
import type { VppApi } from '../api/types.js';
import { formatDiagnostic, loadDesiredStates } from '../config/index.js';
import type { Diagnostic, DesiredState } from '../config/types.js';
import { snapshot } from '../live/index.js';
import type { LiveState } from '../live/types.js';
import { makePlan } from '../plan/index.js';
import type { LocationPlan, PlanOptions } from '../plan/types.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { colorEnabled } from '../render/index.js';
import { progressBar } from './progress.js';

/** Loads and validates every file; prints each diagnostic to stderr. */
export async function loadLocations(paths: string[], io: Io): Promise<{ states: DesiredState[]; diagnostics: Diagnostic[]; ok: boolean }> {
  const { states, diagnostics } = await loadDesiredStates(paths.length > 0 ? paths : ['.']);
  const color = colorEnabled(io.stderr, io.env);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, { color })}\n`);
  return { states, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}

export interface ConnectOptions {
  mdmId?: string;
  takeOver?: boolean;
}

/** Opens a client with the token from the environment variable the location file names. */
export function connect(location: { name: string; tokenEnv: string }, io: Io, opts: ConnectOptions = {}): VppApi {
  const token = io.env[location.tokenEnv];
  if (!token) {
    throw new UsageError(
      `${location.name}: the environment variable ${location.tokenEnv} is not set. ` +
        `Set it to the location's content token (Apple School Manager or Apple Business Manager > Settings > Payments and Billing > Apps and Books).`,
    );
  }
  return createClient({
    token,
    baseUrl: io.env.VPP_BASE_URL,
    mdmId: opts.mdmId,
    takeOver: opts.takeOver,
    onWarning: (message) => io.stderr.write(`warning: ${location.name}: ${message}\n`),
  });
}

/** Reads the live location, drawing a bar of pages fetched on a terminal. */
export async function readLive(api: VppApi, name: string, io: Io): Promise<LiveState> {
  const bar = progressBar(io);
  try {
    return await snapshot(api, { onProgress: (p) => bar.update(p.done, p.total, `Reading ${name}`) });
  } finally {
    bar.stop();
  }
}

export interface PlannedLocation {
  state: DesiredState;
  api: VppApi;
  live: LiveState;
  plan: LocationPlan;
}

/** Token, client, snapshot, plan: one location. The caller closes `api`. */
export async function planLocation(state: DesiredState, io: Io, options: PlanOptions): Promise<PlannedLocation> {
  const api = connect(state.location, io, { mdmId: state.location.mdm?.id, takeOver: options.takeOver });
  try {
    const live = await readLive(api, state.location.name, io);
    return { state, api, live, plan: makePlan(state, live, options) };
  } catch (err) {
    await api.close();
    throw err;
  }
}
