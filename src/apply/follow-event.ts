/**
 * Following one event on /status until it settles. Apple's rules: wait at least 30 s between polls
 * of a PENDING event, and send the request again if it is still PENDING after 10 minutes. The
 * first poll comes sooner (the smaller of the interval and 5 s) because most events settle fast,
 * but not before the fastest event of the same endpoint was seen to settle (SettleTimes).
 */
import { VppApiError } from '../api/errors.js';
import type { ErrorResponse, VppApi } from '../api/types.js';

export type EventOutcome =
  | { kind: 'settled'; eventStatus: 'COMPLETE' | 'FAILED'; failures: ErrorResponse[] }
  /** Still PENDING after resubmitAfterMs: the caller decides whether to send it again. */
  | { kind: 'overdue' }
  /**
   * Apple no longer knows the event, or /status failed: its outcome is unknown. `refused` is set
   * when Apple refused the token itself (401): nothing more can be sent.
   */
  | { kind: 'lost'; reason: string; refused?: VppApiError };

export interface FollowTiming {
  pollIntervalMs: number;
  resubmitAfterMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const FIRST_POLL_MAX_MS = 5_000;

/**
 * The shortest time, per endpoint, from an event's acceptance to the answer of a poll that found
 * it settled. Events of one endpoint are batches of like size that take alike, so polling a later
 * one sooner only finds it PENDING: a poll spent, and polls take the same rate-capped slots as
 * writes. With events that outlast the first poll, most events then need one poll instead of
 * several. Per endpoint, because a phase of slow events must not hold back the first polls of a
 * fast one. A long wait inside the client (a Retry-After) counts at most one poll interval past
 * when the poll was due: it is not the event's, and would hold every later first poll back.
 */
export class SettleTimes {
  private readonly fastest = new Map<string, number>();

  of(kind: string): number {
    return this.fastest.get(kind) ?? 0;
  }

  saw(kind: string, ms: number): void {
    if (ms < (this.fastest.get(kind) ?? Infinity)) this.fastest.set(kind, ms);
  }
}

/**
 * `learn` shares settle times between the events of one run; left out when `acceptedAt` comes
 * from an earlier run (resuming), whose elapsed time says nothing about how long events take.
 */
export async function followEvent(
  api: VppApi,
  eventId: string,
  acceptedAt: number,
  t: FollowTiming,
  learn?: { times: SettleTimes; kind: string },
): Promise<EventOutcome> {
  let delay = Math.min(t.pollIntervalMs, FIRST_POLL_MAX_MS);
  let lastError = '';
  for (;;) {
    const soonest = learn ? learn.times.of(learn.kind) - (t.now() - acceptedAt) : 0;
    await t.sleep(Math.max(delay, soonest));
    const due = t.now() - acceptedAt;
    delay = t.pollIntervalMs;
    try {
      const s = await api.status(eventId);
      lastError = '';
      if (s.eventStatus !== 'PENDING') {
        learn?.times.saw(learn.kind, Math.min(t.now() - acceptedAt, due + t.pollIntervalMs));
        return { kind: 'settled', eventStatus: s.eventStatus, failures: s.failures ?? [] };
      }
    } catch (err) {
      // 9708: Apple does not know the eventId (any more). Retryable failures the client already
      // retried; keep polling until the resubmission deadline rather than give up on the event.
      if (err instanceof VppApiError && err.errorNumber === 9708) return { kind: 'lost', reason: `event ${eventId} not found (9708)` };
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof VppApiError && err.status === 401) return { kind: 'lost', reason: message, refused: err };
      if (!(err instanceof VppApiError) || !err.retryable) return { kind: 'lost', reason: `/status failed: ${message}` };
      lastError = message;
    }
    if (t.now() - acceptedAt >= t.resubmitAfterMs) {
      return lastError ? { kind: 'lost', reason: `/status kept failing: ${lastError}` } : { kind: 'overdue' };
    }
  }
}
