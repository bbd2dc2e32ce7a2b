/**
 * The request rate cap: at most `perSecond` requests of one client (first sends and retries
 * alike) in any sliding second as Apple sees them, granted in arrival order.
 *
 * Apple counts arrivals, and we cannot see when a request arrives, only that it is somewhere
 * between our send and the answer: on a busy network or machine that spread is hundreds of
 * milliseconds. So a request holds its slot from the send until one second after its answer.
 * Then no second of arrivals can hold more than the cap: of any cap+1 requests arriving within
 * a second, the last one granted would have found the others still holding their slots.
 *
 * A Retry-After holds every request of the client, not just the one it answered: the server
 * said it is not taking requests until then, and Apple may lengthen the wait for anyone who
 * comes early.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';

export const WINDOW_MS = 1000;

export class RateLimiter {
  private inFlight = 0;
  /** When recent requests were answered, oldest first; pruned once out of the window. */
  private ends: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private cap: number;
  private heldUntil = 0;
  /** Wakes the one waiting grant (grants are serialized) when a request ends. */
  private wake?: () => void;

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

  /** Runs `send` once a slot is free, holding the slot until one window after it settles. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn;
    await turn;
    try {
      return await send();
    } finally {
      this.inFlight--;
      this.ends.push(Date.now());
      this.wake?.();
    }
  }

  private async waitForSlot(): Promise<void> {
    const held = this.heldUntil - Date.now();
    if (held > 0) await sleepMs(held);
    // While this grant waits no other is made, so every pass sees one request end or one end
    // leave the window: the slots in use when it started bound the passes.
    const passes = 2 * (this.inFlight + this.ends.length) + 2;
    for (let pass = 0; pass < passes; pass++) {
      const now = Date.now();
      while (this.ends.length > 0 && this.ends[0]! <= now - WINDOW_MS) this.ends.shift();
      if (this.inFlight + this.ends.length < this.cap) {
        this.inFlight++;
        return;
      }
      await this.pause(this.ends.length > 0 ? this.ends[0]! + WINDOW_MS - now : undefined);
    }
    throw new Error('rate limiter: no slot freed after every request in use ended and left the window');
  }

  /** Sleeps `ms` (until woken when undefined), or until a request ends, whichever comes first. */
  private pause(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, Math.max(1, ms));
      this.wake = done;
    });
  }

  private static validCap(perSecond: number): number {
    return Number.isFinite(perSecond) && perSecond >= 1 ? Math.floor(perSecond) : 1;
  }
}
