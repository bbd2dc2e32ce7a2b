/** The state one apply run shares between its phases: options, journal, result, progress. */
import PQueue from 'p-queue';
import type { VppApi } from '../api/types.js';
import type { LocationPlan, PlannedRequest } from '../plan/types.js';
import { SettleTimes } from './follow-event.js';
import type { Journal } from './journal.js';
import type { ApplyDeps, ApplyPhase, ApplyProgress, ResolvedOptions } from './options.js';
import { pairCount } from './pairs.js';
import { ResultBuilder } from './result.js';

export class ApplyContext {
  readonly api: VppApi;
  readonly journal: Journal;
  readonly options: ResolvedOptions;
  readonly report: ResultBuilder;
  /** Writes in flight; following events happens outside it, so slow events never block sends. */
  readonly sends: PQueue;
  readonly progress: ApplyProgress = { phase: 'claim', requestsSent: 0, requestsTotal: 0, eventsSettled: 0, pairsDone: 0, pairsTotal: 0 };
  /** Set once Apple refused a mixed users+devices request: later ones are split before sending. */
  separateTargets = false;
  /** How soon events of each endpoint settle, so followers do not poll them too early. */
  readonly settleTimes = new SettleTimes();
  /** Writes with unknown outcome since the last verification. */
  unknownSinceVerify = 0;
  /** pairKeys of pairs reported failed for good in this run: later passes do not send them again. */
  readonly failedForGood = new Set<string>();
  stopped?: { reason: string; error?: unknown };

  constructor(deps: ApplyDeps, o: ResolvedOptions, plan: LocationPlan) {
    this.api = deps.api;
    this.journal = deps.journal;
    this.options = o;
    this.report = new ResultBuilder(plan);
    this.sends = new PQueue({ concurrency: o.concurrency });
  }

  log(line: string): void {
    this.options.onLog?.(line);
  }

  /** Updates progress counters and tells the caller. */
  tick(change: Partial<Record<Exclude<keyof ApplyProgress, 'phase'>, number>> = {}, phase?: ApplyPhase): void {
    for (const [k, v] of Object.entries(change) as [Exclude<keyof ApplyProgress, 'phase'>, number][]) this.progress[k] += v;
    if (phase) this.progress.phase = phase;
    this.options.onProgress?.({ ...this.progress });
  }

  /** Adds requests and their pairs to the totals. */
  expect(requests: readonly PlannedRequest[], phase?: ApplyPhase): void {
    this.tick({ requestsTotal: requests.length, pairsTotal: requests.reduce((n, r) => n + pairCount(r), 0) }, phase);
  }

  /** A write left (whatever Apple answered): counted in the result and the progress alike. */
  sent(): void {
    this.report.result.requestsSent++;
    this.tick({ requestsSent: 1 });
  }

  /** `n` writes will go out again: retries in the result, and more requests to the total. */
  retrying(n: number): void {
    this.report.result.retries += n;
    this.tick({ requestsTotal: n });
  }

  stop(reason: string, error?: unknown): void {
    if (this.stopped) return;
    this.stopped = { reason, error };
    this.report.result.stopped = this.stopped;
    this.log(`stopping: ${reason}`);
  }
}
