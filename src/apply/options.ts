/** What the caller of apply controls, and the defaults Apple's polling rules call for. */
import type { VppApi } from '../api/types.js';
import type { LocationPlan } from '../plan/types.js';
import type { Journal } from './journal.js';

export type ApplyPhase = 'resume' | 'claim' | 'verify' | `${string}/${string}`;

export interface ApplyProgress {
  phase: ApplyPhase;
  requestsSent: number;
  /** Grows when retries, splits or resubmissions add requests. */
  requestsTotal: number;
  eventsSettled: number;
  /** Pairs whose outcome is final (done or failed for good). */
  pairsDone: number;
  pairsTotal: number;
}

export interface ApplyOptions {
  /** Time between /status polls of a PENDING event; Apple asks for at least 30 s. */
  pollIntervalMs?: number;
  /** An event still PENDING this long after it was accepted is sent again (Apple: 10 minutes). */
  resubmitAfterMs?: number;
  /** Bound on retry rounds of transiently failed pairs per phase, and on re-plan passes. */
  maxRounds?: number;
  /** Wait before the first retry round; each further round waits three times longer. */
  retryDelayMs?: number;
  /** Writes in flight at once; the client enforces the per-second cap on top. */
  concurrency?: number;
  onProgress?: (p: ApplyProgress) => void;
  /** Concise lines for logs (non-TTY). */
  onLog?: (line: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type ResolvedOptions = Required<Omit<ApplyOptions, 'onProgress' | 'onLog'>> & Pick<ApplyOptions, 'onProgress' | 'onLog'>;

export function resolveOptions(opts: ApplyOptions): ResolvedOptions {
  return {
    pollIntervalMs: 30_000,
    resubmitAfterMs: 600_000,
    maxRounds: 3,
    retryDelayMs: 5_000,
    concurrency: 5,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...stripUndefined(opts),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface ApplyDeps {
  api: VppApi;
  journal: Journal;
  /**
   * Reads the live location again and plans against the same desired state (the operations'
   * replanner: the cached read, re-reading every asset written to, then makePlan). Apply calls it after resuming an interrupted run, to verify, and to pick up what
   * is still missing (writes whose outcome was unknown).
   */
  replan: () => Promise<LocationPlan>;
}
