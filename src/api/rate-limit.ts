/**
 * The request rate cap: at most `perSecond` requests of one client (first sends and retries
 * alike) in any sliding second as Apple sees them, started one by one in arrival order.
 *
 * Apple counts arrivals; we only know when a request started and, later, when it was answered.
 * It arrived somewhere in between. Two rules:
 *
 * - Window: a request counts from its start until one second after it is known to have
 *   arrived: at its answer, or SAFETY_MARGIN_MS after its start, whichever comes first. No
 *   request starts while the cap are counting. Of any cap+1 requests, then, the last started a
 *   second after the first was known to have arrived. When that was its answer, the two arrived
 *   more than a second apart, however slow the network. When it was the margin, they did unless
 *   their network delays differ by more than the margin (a spread larger than that, say a new
 *   connection's handshake on a slow path, can let Apple count one request too many; the answer
 *   is a refusal, 429 / 9646, which retry.ts sends again).
 * - Spacing: a start comes at least a second / cap after the one before. The window alone lets
 *   the whole cap go at once; a burst queues on the sockets and in the server, and that queue
 *   spreads arrivals (the last of a burst comes well after the first). Evenly spaced requests
 *   each meet an idle path, so their delays stay alike.
 *
 * Why not count every request until a second after its answer, which holds whatever the
 * network does: then the rate is cap / (1 s + latency), a third less at a few hundred
 * milliseconds. Capping the wait for the answer at the margin keeps the rate at or above
 * cap / (1 s + margin) however slow the answers.
 *
 * A Retry-After holds every request of the client, not just the one it answered: the server
 * said it is not taking requests until then, and Apple may lengthen the wait for anyone who
 * comes early. The hold is checked at the moment a request would start, so requests that were
 * already waiting their turn when it came in wait it out too.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';

/** The limiter's clock: the real one, or a test's, which makes its decisions exact to check. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const SYSTEM_CLOCK: LimiterClock = { now: Date.now, sleep: sleepMs };

export const WINDOW_MS = 1000;
/** Longest a request is assumed to take to reach Apple after it starts, unless answered sooner. */
export const SAFETY_MARGIN_MS = 100;

interface Started {
  at: number;
  /** When it had surely arrived: its start plus the margin, or its answer once that is sooner. */
  arrivedBy: number;
}

export class RateLimiter {
  /** Requests still counting in the window, in start order. */
  private started: Started[] = [];
  private lastStart = -Infinity;
  /** Turns are taken one at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  private cap: number;
  private heldUntil = 0;

  constructor(
    perSecond: number,
    private readonly clock: LimiterClock = SYSTEM_CLOCK,
  ) {
    this.cap = RateLimiter.validCap(perSecond);
  }

  get perSecond(): number {
    return this.cap;
  }

  /** Follows the service config's maxRequestPerSecond, which Apple may change at any time. */
  setRate(perSecond: number): void {
    this.cap = RateLimiter.validCap(perSecond);
  }

  /** No request starts before `until` (the clock's time, Date.now by default). */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  /** Runs `send` when its turn comes. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(() => this.waitForTurn());
    this.queue = turn;
    const request = await turn;
    try {
      return await send();
    } finally {
      request.arrivedBy = Math.min(request.arrivedBy, this.clock.now());
    }
  }

  /**
   * Sleeps until the earliest allowed start and looks again: a Retry-After or a lower rate may
   * have come in meanwhile. Only those move that time later, and neither can keep coming: no
   * request starts while this one waits, so holds come only from answers still outstanding.
   */
  private async waitForTurn(): Promise<Started> {
    for (;;) {
      const now = this.clock.now();
      const at = this.earliestStart(now);
      if (at <= now) {
        const request = { at: now, arrivedBy: now + SAFETY_MARGIN_MS };
        this.started.push(request);
        this.lastStart = now;
        return request;
      }
      await this.clock.sleep(at - now);
    }
  }

  private earliestStart(now: number): number {
    this.started = this.started.filter((r) => r.arrivedBy + WINDOW_MS > now);
    const spaced = this.lastStart + WINDOW_MS / this.cap;
    const over = this.started.length - this.cap;
    // The window has room once the over+1 soonest-arrived have counted their second.
    const windowed = over < 0 ? now : this.started.map((r) => r.arrivedBy).sort((a, b) => a - b)[over]! + WINDOW_MS;
    return Math.max(this.heldUntil, spaced, windowed);
  }

  private static validCap(perSecond: number): number {
    return Number.isFinite(perSecond) && perSecond >= 1 ? Math.floor(perSecond) : 1;
  }
}
