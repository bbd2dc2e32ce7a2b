/**
 * What an apply asked of the simulator, read from the simulator's request log, and the least time
 * those requests and events could take at the location's rate cap (the floor apply is judged by).
 */
import { phasesOf } from '../src/apply/phases.js';
import type { LocationPlan } from '../src/plan/types.js';
import { WRITE_PATHS } from '../src/sim/endpoints.js';
import type { LoggedRequest } from '../src/sim/request-log.js';

/** A stretch of time (Date.now ms) apply spent re-reading the location to verify. */
export interface Window {
  from: number;
  to: number;
}

export interface RequestKinds {
  /** POSTs to the write endpoints, whatever the answer (refused and dropped ones included). */
  writes: LoggedRequest[];
  polls: LoggedRequest[];
  /** Reads of the verifying re-read(s), by path. */
  verifyReads: Map<string, number>;
  verifyTotal: number;
  /** Everything else apply sent, by method and path. */
  other: Map<string, number>;
}

export function requestKinds(entries: readonly LoggedRequest[], verify: readonly Window[]): RequestKinds {
  const kinds: RequestKinds = { writes: [], polls: [], verifyReads: new Map(), verifyTotal: 0, other: new Map() };
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const e of entries) {
    if (e.method === 'POST' && WRITE_PATHS.has(e.path)) kinds.writes.push(e);
    else if (e.path === '/status') kinds.polls.push(e);
    else if (e.method === 'GET' && verify.some((w) => e.at >= w.from && e.at <= w.to)) {
      count(kinds.verifyReads, e.path);
      kinds.verifyTotal++;
    } else count(kinds.other, `${e.method} ${e.path}`);
  }
  return kinds;
}

export interface FloorPart {
  name: string;
  requests: number;
  /** Seconds the part's requests need at the cap, then the wait for its last event to settle. */
  sendS: number;
  settleS: number;
}

/**
 * Phases run one after another and each ends when its last event settles, so a phase costs its
 * writes at the cap, then one event's settle time. The verifying re-read costs its reads at the
 * cap. `pollsPerEvent` 0 (the strict floor) counts no status poll at all; 1 counts the single
 * poll without which nobody learns how an event ended (vppctl does not use notifications): the
 * polls then share the cap with the writes, so a phase needs at least max(writes / cap + settle,
 * 2 x writes / cap). Polls beyond one per event are apply's own overhead either way.
 */
export function rateCapFloor(plan: LocationPlan, cap: number, eventPendingMs: number, verifyReads: number, pollsPerEvent: 0 | 1 = 0): FloorPart[] {
  const parts: FloorPart[] = phasesOf(plan.requests).map((phase) => {
    const name = phase[0]!.endpoint;
    const async = name !== 'client/config';
    const settleS = async ? Math.max(eventPendingMs / 1000, (pollsPerEvent * phase.length) / cap) : 0;
    return { name, requests: phase.length, sendS: phase.length / cap, settleS };
  });
  parts.push({ name: 'verify re-read', requests: verifyReads, sendS: verifyReads / cap, settleS: 0 });
  return parts;
}

export const partSeconds = (p: FloorPart): number => p.sendS + p.settleS;

/** Seconds between consecutive phase changes apply reported, e.g. { 'assets/associate': 12.3 }. */
export class PhaseClock {
  private readonly spans: { phase: string; from: number }[] = [];

  see(phase: string, at = performance.now()): void {
    if (this.spans.at(-1)?.phase !== phase) this.spans.push({ phase, from: at });
  }

  /** Seconds per phase (summed when a phase recurs, e.g. verify after each pass), up to `end`. */
  seconds(end = performance.now()): Map<string, number> {
    const out = new Map<string, number>();
    this.spans.forEach((s, i) => out.set(s.phase, (out.get(s.phase) ?? 0) + ((this.spans[i + 1]?.from ?? end) - s.from) / 1000));
    return out;
  }
}
