/**
 * Following one event on /status until it settles. Apple's rules: wait at least 30 s between polls
 * of a PENDING event, and send the request again if it is still PENDING after 10 minutes. The
 * first poll comes sooner (the smaller of the interval and 5 s) because most events settle fast.
 */
import { VppApiError } from '../api/errors.js';
import type { ErrorResponse, VppApi } from '../api/types.js';

export type EventOutcome =
  | { kind: 'settled'; eventStatus: 'COMPLETE' | 'FAILED'; failures: ErrorResponse[] }
  /** Still PENDING after resubmitAfterMs: the caller decides whether to send it again. */
  | { kind: 'overdue' }
  /** Apple no longer knows the event, or /status kept failing: its outcome is unknown. */
  | { kind: 'lost'; reason: string };

export interface FollowTiming {
  pollIntervalMs: number;
  resubmitAfterMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const FIRST_POLL_MAX_MS = 5_000;

export async function followEvent(api: VppApi, eventId: string, acceptedAt: number, t: FollowTiming): Promise<EventOutcome> {
  let delay = Math.min(t.pollIntervalMs, FIRST_POLL_MAX_MS);
  let lastError = '';
  for (;;) {
    await t.sleep(delay);
    delay = t.pollIntervalMs;
    try {
      const s = await api.status(eventId);
      lastError = '';
      if (s.eventStatus !== 'PENDING') return { kind: 'settled', eventStatus: s.eventStatus, failures: s.failures ?? [] };
    } catch (err) {
      // 9708: Apple does not know the eventId (any more). Other failures the client already
      // retried; keep polling until the resubmission deadline rather than give up on the event.
      if (err instanceof VppApiError && err.errorNumber === 9708) return { kind: 'lost', reason: `event ${eventId} not found (9708)` };
      if (!(err instanceof VppApiError) || !err.retryable) throw err;
      lastError = err.message;
    }
    if (t.now() - acceptedAt >= t.resubmitAfterMs) {
      return lastError ? { kind: 'lost', reason: `/status kept failing: ${lastError}` } : { kind: 'overdue' };
    }
  }
}
