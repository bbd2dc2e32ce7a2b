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
