/**
 * Planning every location of the files given, side by side: at most `parallel` locations are read
 * at once, each with its own client (its own rate limiter and connections), and a location that
 * fails (a missing or expired token, an API error) is reported without stopping the others.
 *
 * Each live read begins as soon as its file's YAML has passed the schema, before its roster files
 * are read and checked: loading a district's rosters takes about a second that the read would
 * otherwise wait for. If anything in the load is invalid, the reads are stopped, their clients
 * closed and what they found dropped; nothing is planned, and whoever writes does so only after
 * the whole load came back valid.
 *
 * A location's live state lives only until its plan is made, unless the caller keeps it for apply
 * (`keep`), so planning holds at most `parallel` live states at once.
 *
 * Each location is read from its live-state cache in the state dir (src/live/read-cached.ts: only
 * what changed since the last read, checked against Apple's counts) unless `fullRead`; the plan
 * says how it was read (`read`).
 */
import PQueue from 'p-queue';
import type { VppApi, VppClient } from '../api/index.js';
import { loadDesiredStates, type LocationHeader } from '../config/index.js';
import type { DesiredState, Diagnostic } from '../config/types.js';
import { readCached, type LocationCache } from '../live/index.js';
import { cacheOptions } from './cache-options.js';
import type { LiveState } from '../live/types.js';
import { makePlan } from '../plan/index.js';
import type { LocationPlan, PlanOptions } from '../plan/types.js';
import { describeError } from '../shared/describe-error.js';
import { defaultStateDir } from '../shared/state-dir.js';
import { openClient } from './connect.js';
import { planContext, type LocationContext } from './plan-context.js';
import type { LocationRef, OnEvent } from './events.js';
import { refuseSameLocation } from './same-location.js';

export interface RunOptions {
  /** Where tokens (under the names the files give) and VPP_BASE_URL are read. */
  env: NodeJS.ProcessEnv;
  /** Locations worked on at once. */
  parallel: number;
  onEvent?: OnEvent;
}

export interface PlanRunOptions extends RunOptions {
  plan: PlanOptions;
  /** Keep each planned location's client and live state for apply (closeOpen closes them). */
  keep?: boolean;
  /** Where the live-state and names caches are; default `.vppctl/` beside each desired-state file. */
  stateDir?: string;
  /** Read every location in full and write its cache anew. */
  fullRead?: boolean;
}

/** What apply needs of a planned location. */
export interface OpenLocation {
  state: DesiredState;
  api: VppApi;
  live: LiveState;
  /** The live-state cache as the read left it: apply's verification reads on from it. */
  cache: LocationCache;
  /** When its live read began (epoch ms): an apply of the location that ended later makes the plan suspect. */
  readAt: number;
  /** The token's expiry and the names the plan was made with, for re-plans and status. */
  context: LocationContext;
}

export interface LocationOutcome {
  location: LocationRef & { tokenEnv: string };
  plan?: LocationPlan;
  /** Why the location has no plan, or why its plan must not be applied, in one line. */
  error?: string;
  /** With `keep`. */
  open?: OpenLocation;
}

export interface PlanRun {
  /** Every file loaded without errors; when false, nothing was planned. */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** One per location, in the order of the files. */
  locations: LocationOutcome[];
}

export async function planLocations(paths: string[], opts: PlanRunOptions): Promise<PlanRun> {
  const run = new PlanningRun(opts);
  const { states, diagnostics } = await loadDesiredStates(paths.length > 0 ? paths : ['.'], { onLocation: run.start, parallel: opts.parallel });
  if (diagnostics.some((d) => d.severity === 'error')) {
    await run.abandon();
    return { valid: false, diagnostics, locations: [] };
  }
  return { valid: true, diagnostics, locations: refuseSameLocation(await run.finish(states)) };
}

/** Closes the clients kept open with `keep`. */
export async function closeOpen(locations: readonly LocationOutcome[]): Promise<void> {
  await Promise.all(locations.map((l) => l.open?.api.close()));
}

class PlanningRun {
  private readonly queue: PQueue;
  private readonly tasks = new Map<string, Promise<LocationOutcome>>();
  private readonly stop = new AbortController();
  private readonly loaded: Promise<Map<string, DesiredState> | undefined>;
  private settleLoad!: (states: Map<string, DesiredState> | undefined) => void;

  constructor(private readonly opts: PlanRunOptions) {
    this.queue = new PQueue({ concurrency: Math.max(1, opts.parallel) });
    this.loaded = new Promise((resolve) => (this.settleLoad = resolve));
  }

  /** For loadDesiredStates' onLocation: the location's read starts when a slot is free. */
  readonly start = (header: LocationHeader): void => {
    this.tasks.set(keyOf(header.source, header.tokenEnv), this.queue.add(() => this.planOne(header)));
  };

  /** The whole load is valid: plan each location as its read ends. */
  finish(states: readonly DesiredState[]): Promise<LocationOutcome[]> {
    this.settleLoad(new Map(states.map((s) => [keyOf(s.source, s.location.tokenEnv), s])));
    return Promise.all(
      states.map((s) => {
        const key = keyOf(s.source, s.location.tokenEnv);
        if (!this.tasks.has(key)) this.start({ source: s.source, name: s.location.name, tokenEnv: s.location.tokenEnv, ...(s.location.mdm && { mdmId: s.location.mdm.id }) });
        return this.tasks.get(key)!;
      }),
    );
  }

  /** The load failed: stops every read, closes every client and drops what the reads found. */
  async abandon(): Promise<void> {
    this.stop.abort();
    this.settleLoad(undefined);
    await closeOpen(await Promise.all(this.tasks.values()));
  }

  private async planOne(header: LocationHeader): Promise<LocationOutcome> {
    const location = { source: header.source, name: header.name, tokenEnv: header.tokenEnv };
    const { opts } = this;
    let api: VppClient | undefined;
    let kept = false;
    try {
      this.stop.signal.throwIfAborted();
      api = openClient(header, { env: opts.env, takeOver: opts.plan.takeOver, ...(opts.onEvent && { onEvent: opts.onEvent }) });
      const readAt = Date.now();
      const dir = opts.stateDir ?? defaultStateDir(header.source);
      const { live, cache, read } = await readCached(api, {
        ...cacheOptions(dir, location, opts.onEvent),
        fullRead: opts.fullRead === true,
        onProgress: (p) => {
          // The read takes no signal, but a throw from its page callback ends each paged walk, so
          // an abandoned read stops within a few requests instead of reading to the end.
          this.stop.signal.throwIfAborted();
          opts.onEvent?.({ type: 'read', location, done: p.done, total: p.total });
        },
      });
      const state = (await this.loaded)?.get(keyOf(header.source, header.tokenEnv));
      if (state === undefined) throw new Error('the load was abandoned');
      const context = await planContext(api, live, state, dir);
      const plan = { ...makePlan(state, live, opts.plan, context), read };
      if (!opts.keep) return { location, plan };
      kept = true;
      return { location, plan, open: { state, api, live, cache, readAt, context } };
    } catch (err) {
      return { location, error: describeError(err) };
    } finally {
      if (!kept) await api?.close();
      opts.onEvent?.({ type: 'idle', location });
    }
  }
}

function keyOf(source: string, tokenEnv: string): string {
  return `${tokenEnv}\u0000${source}`;
}
