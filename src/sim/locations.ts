/**
 * The locations one simulator serves, and which one a request reaches. With one location any
 * well-formed sToken reaches it (tests and rehearsals make their own tokens). With several, each
 * is reached only by the token made for it; any other token is refused as Apple refuses a revoked
 * one (9625), since Apple knows no such token either.
 */
import type { SimModel } from './model.js';
import { SlidingWindowLimiter } from './rate-limit.js';

export interface SimLocation {
  readonly model: SimModel;
  /** The sToken made for this location, named for it: the one to give a client. */
  readonly token: string;
  /** The location's own request cap (per sToken, as Apple counts). */
  readonly limiter: SlidingWindowLimiter;
}

export class SimLocations {
  readonly all: readonly SimLocation[];
  private readonly byToken: ReadonlyMap<string, SimLocation>;

  constructor(served: readonly { model: SimModel; token: string }[]) {
    if (served.length === 0) throw new Error('the simulator needs at least one location');
    this.all = served.map(({ model, token }) => ({ model, token, limiter: new SlidingWindowLimiter() }));
    this.byToken = new Map(this.all.map((l) => [l.token, l]));
    if (this.byToken.size < this.all.length) throw new Error('two simulated locations were given the same token');
    const uIds = new Set(this.all.map((l) => l.model.uId));
    if (uIds.size < this.all.length) throw new Error('two simulated locations have the same uId');
  }

  /** The location a presented sToken reaches, if any (with one location: always that one). */
  reach(sToken: string | undefined): SimLocation | undefined {
    if (this.all.length === 1) return this.all[0];
    return sToken === undefined ? undefined : this.byToken.get(sToken);
  }

  /** The simulator's clock (every location shares the options' clock). */
  now(): number {
    return this.all[0]!.model.now();
  }
}
