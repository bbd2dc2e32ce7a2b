/**
 * The request rate cap: at most `perSecond` requests of one client (first sends and retries
 * alike) in any sliding second as Apple sees them, started one by one in arrival order.
 *
 * Apple counts arrivals, and all we control is when a request starts. A request reaches the
 * server one network delay after its start; only the spread of that delay between two requests
 * (jitter) can squeeze requests started more than a second apart into one second of arrivals.
 * So two rules, both on start times:
 *
 * - Window: no more than the cap start within any WINDOW_MS + SAFETY_MARGIN_MS. Then any cap+1
 *   requests started at least that far apart, and arrive at least a second apart unless their
 *   delays differ by more than the margin. This is the guarantee.
 * - Spacing: a start comes at least WINDOW_MS / cap after the one before. The window alone
 *   would allow the whole cap at once; a burst queues on the sockets and in the server, and
 *   that queueing is itself jitter (the last of a burst arrives well after the first). Evenly
 *   spaced requests each meet an idle path, so their delays stay alike.
 *
 * Answers play no part. Holding a slot until a second after the answer (arrival is never later
 * than the answer) would survive any jitter, but then the rate is cap / (1 s + latency): a third
 * less at Apple's usual few hundred milliseconds. With the two rules the rate is
 * cap / (1 s + margin) whatever the latency. A spread wider than the margin (a stalled event
 * loop, a new connection's handshake) can still let Apple count one request too many; that
 * answer is a refusal (429 / 9646), which retry.ts sends again.
 *
 * A Retry-After holds every request of the client, not just the one it answered: the server
 * said it is not taking requests until then, and Apple may lengthen the wait for anyone who
 * comes early. The hold is checked at the moment a request would start, so requests that were
 * already waiting their turn when it arrived wait it out too.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';

export const WINDOW_MS = 1000;
/** The jitter in network delay tolerated between requests started a window apart. */
export const SAFETY_MARGIN_MS = 50;

export class RateLimiter {
  /** Start times (Date.now) inside the last window plus margin, oldest first. */
  private starts: number[] = [];
  /** Turns are taken one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private cap: number;
  private heldUntil = 0;

  constructor(perSecond: number) {
    this.cap = RateLimiter.validCap(perSecond);
  }

  get perSecond(): number {
    return this.cap;
  }

  /** Follows the service config's maxRequestPerSecond, which Apple may change at any time. */
  setRate(perSecond: number): void {
    this.cap = RateLimiter.validCap(perSecond);
  }

  /** No request starts before `until` (Date.now time). */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  /** Runs `send` when its turn comes. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(() => this.waitForTurn());
    this.queue = turn;
    await turn;
    return send();
  }

  /**
   * Sleeps until the earliest allowed start and looks again: a Retry-After or a lower rate may
   * have come in meanwhile. Only a new hold or a lower rate moves that time later, and neither
   * can keep coming: no request starts while this one waits, so holds come only from the
   * answers still outstanding.
   */
  private async waitForTurn(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const at = this.earliestStart(now);
      if (at <= now) {
        this.starts.push(now);
        return;
      }
      await sleepMs(at - now);
    }
  }

  private earliestStart(now: number): number {
    const span = WINDOW_MS + SAFETY_MARGIN_MS;
    while (this.starts.length > 0 && this.starts[0]! <= now - span) this.starts.shift();
    const count = this.starts.length;
    const spaced = count > 0 ? this.starts[count - 1]! + WINDOW_MS / this.cap : now;
    const windowed = count >= this.cap ? this.starts[count - this.cap]! + span : now;
    return Math.max(this.heldUntil, spaced, windowed);
  }

  private static validCap(perSecond: number): number {
    return Number.isFinite(perSecond) && perSecond >= 1 ? Math.floor(perSecond) : 1;
  }
}
