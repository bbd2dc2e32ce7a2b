/**
 * The simulator's own request cap, as Apple enforces it: more than limits.maxRequestPerSecond
 * requests from one sToken inside any sliding second are answered 429 / 9646. Only admitted
 * requests count, so a client that backs off gets through again after at most a second.
 */
const WINDOW_MS = 1000;

export class SlidingWindowLimiter {
  private readonly admitted = new Map<string, number[]>();

  /** Admits the request (and counts it) unless `max` were already admitted in the last second. */
  admit(key: string, now: number, max: number): boolean {
    const times = this.admitted.get(key) ?? [];
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= max) {
      this.admitted.set(key, times);
      return false;
    }
    times.push(now);
    this.admitted.set(key, times);
    return true;
  }
}
