/**
 * Applying planned locations side by side: at most `parallel` at once, each with its own client,
 * journal and lock, and one location's failure never stops the others.
 *
 * For each location, before its first write (journal or Apple): its lock in the state dir is taken
 * (refused, naming the holder, while another apply runs; taken over, with a note, from a process
 * of this host that died), and the state dir is checked for an apply that wrote after this one
 * began reading: such a plan was made from a state another apply was changing, so it is refused.
 * Then src/apply executes, follows and verifies; the lock is released however it ends.
 *
 * Verification (replan.ts) reads on from the live-state cache the plan's read left and reads
 * again every asset apply wrote to; each re-read leaves the cache up to date.
 */
import PQueue from 'p-queue';
import { APPLE_MIN_POLL_SECONDS, checkPollInterval, settingsFromEnv } from '../api/index.js';
import { ApplyRefusedError, applyPlan, hasPending, Journal, LocationLock, type ApplyResult } from '../apply/index.js';
import { cacheOptions } from './cache-options.js';
import { isNoop } from '../plan/index.js';
import type { LocationPlan, PlanOptions } from '../plan/types.js';
import { describeError } from '../shared/describe-error.js';
import { defaultStateDir, ensureStateDir } from '../shared/state-dir.js';
import type { LocationRef } from './events.js';
import type { LocationOutcome, OpenLocation, RunOptions } from './plan-locations.js';
import { replanner } from './replan.js';

export interface ApplyRunOptions extends RunOptions {
  /** The options the plans were made with: verification plans again with them. */
  plan: PlanOptions;
  /** Time between /status polls of a pending event (default 30 s, Apple's minimum). */
  pollIntervalMs?: number;
  /** Journals and locks; default `.vppctl/` beside each desired-state file. */
  stateDir?: string;
  /** What this run is, shown to another apply that finds the lock (e.g. `vppctl apply vpp/ --yes`). */
  command: string;
}

/** A location apply will work on: planned without errors, with something to send or an interrupted apply to finish. */
export interface ApplyWork {
  location: LocationRef;
  plan: LocationPlan;
  open: OpenLocation;
}

export interface ApplyOutcome {
  location: LocationRef;
  result?: ApplyResult;
  /** Why the location was not applied, in one line. */
  error?: string;
  /** Said along the way, e.g. a lock taken over from a process that died. */
  notes: string[];
}

/**
 * Settings that would misuse Apple's service (polling faster than it allows) or leave no place for
 * the journal fail before anything is read or sent. Throws with a sentence saying which and why.
 */
export function checkApplySettings(opts: { env: NodeJS.ProcessEnv; pollIntervalMs?: number; stateDir?: string }): void {
  checkPollInterval(opts.pollIntervalMs === undefined ? APPLE_MIN_POLL_SECONDS : opts.pollIntervalMs / 1000, settingsFromEnv(opts.env).baseUrl);
  if (opts.stateDir !== undefined) ensureStateDir(opts.stateDir);
}

function stateDirOf(w: { open: OpenLocation }, stateDir: string | undefined): string {
  return stateDir ?? defaultStateDir(w.open.state.source);
}

/** The planned locations apply has work for, in their order. */
export function workOf(locations: readonly LocationOutcome[], stateDir?: string): ApplyWork[] {
  const work: ApplyWork[] = [];
  for (const l of locations) {
    if (l.error !== undefined || l.plan === undefined || l.open === undefined || l.plan.errors.length > 0) continue;
    const w = { location: l.location, plan: l.plan, open: l.open };
    if (!isNoop(l.plan) || hasPending(Journal.open(stateDirOf(w, stateDir), l.plan.uId).pending())) work.push(w);
  }
  return work;
}

/**
 * Starts applying each location of `work`, `parallel` at once, in order. One promise per location,
 * in the same order, each resolving (never rejecting) when that location is done: a caller can
 * show each outcome as soon as it and those before it are done, or wait for all.
 */
export function applyLocations(work: readonly ApplyWork[], opts: ApplyRunOptions): Promise<ApplyOutcome>[] {
  const queue = new PQueue({ concurrency: Math.max(1, opts.parallel) });
  return work.map((w) => queue.add(() => applyLocation(w, opts)));
}

async function applyLocation(w: ApplyWork, opts: ApplyRunOptions): Promise<ApplyOutcome> {
  const { location, plan, open } = w;
  const dir = stateDirOf(w, opts.stateDir);
  const notes: string[] = [];
  let lock: LocationLock | undefined;
  try {
    const taken = LocationLock.acquire(dir, plan.uId, { command: opts.command, location: `${location.name} (uId ${plan.uId})` });
    lock = taken.lock;
    if (taken.tookOver) {
      const h = taken.tookOver;
      notes.push(`took over the lock left by process ${h.pid} (\`${h.command}\`, since ${h.since}), which is no longer running`);
    }
    const written = Journal.lastWritten(dir, plan.uId);
    if (written !== undefined && written >= open.readAt) {
      throw new ApplyRefusedError(`another apply of ${location.name} wrote to it while this one was reading it, so this plan may be out of date. Nothing was sent: run apply again.`);
    }
    const journal = Journal.open(dir, plan.uId);
    const replan = replanner({
      api: open.api,
      state: open.state,
      live: open.live,
      cache: open.cache,
      plan,
      options: opts.plan,
      context: open.context,
      resuming: hasPending(journal.pending()),
      read: cacheOptions(dir, location, opts.onEvent),
    });
    const result = await applyPlan(
      plan,
      { api: open.api, journal, replan },
      {
        ...(opts.pollIntervalMs !== undefined && { pollIntervalMs: opts.pollIntervalMs }),
        onProgress: (progress) => opts.onEvent?.({ type: 'apply', location, progress }),
        onLog: (line) => opts.onEvent?.({ type: 'log', location, line }),
      },
    );
    return { location, result, notes };
  } catch (err) {
    return { location, error: describeError(err), notes };
  } finally {
    lock?.release();
    opts.onEvent?.({ type: 'idle', location });
  }
}
