/** The simulator's behaviour knobs (`vppctl sim` flags map onto these). */
export interface SimOptions {
  /** Records per page on the page-index endpoints; the cursor endpoints use the same. */
  pageSize: number;
  /** How long an event stays PENDING before it settles. */
  eventPendingMs: number;
  /**
   * Answer associate/disassociate holding BOTH clientUserIds and serialNumbers with HTTP 400
   * errorNumber 9602 (the UNCERTAIN reading of Fleet's client); Apple's own example sends both.
   */
  rejectMixedTargets: boolean;
  /** Fraction of tasks inside events that fail with 9603 and are not applied. */
  transientTaskFailureRate: number;
  /** Added to every response. */
  latencyMs: number;
  /**
   * When answers carry tokenExpirationDate (the token's own expDate). 'always', the default, as
   * every one of Apple's worked examples does, years ahead; 'near-expiry' only within 15 days of
   * it, as Apple's text says. Both readings exist (UNCERTAIN), so a client must decide by the date.
   */
  expiryField: 'always' | 'near-expiry';
  /** Seed of the PRNG behind every random choice (ids, transient failures). */
  seed: number;
  /**
   * The simulator's clock: event timing, token expiry, the rate limit and the request log use it.
   * A frozen test clock puts every request in the same second, so raise limits.maxRequestPerSecond.
   */
  now?: () => number;
}

export const DEFAULT_SIM_OPTIONS: Readonly<SimOptions> = Object.freeze({
  pageSize: 500,
  eventPendingMs: 0,
  rejectMixedTargets: false,
  transientTaskFailureRate: 0,
  latencyMs: 0,
  expiryField: 'always',
  seed: 1,
});

export function resolveSimOptions(partial: Partial<SimOptions> = {}): SimOptions {
  const options: SimOptions = { ...DEFAULT_SIM_OPTIONS, ...partial };
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1) throw new Error('sim option pageSize must be a positive integer');
  if (!(options.eventPendingMs >= 0)) throw new Error('sim option eventPendingMs must be 0 or more');
  if (!(options.latencyMs >= 0)) throw new Error('sim option latencyMs must be 0 or more');
  if (options.expiryField !== 'always' && options.expiryField !== 'near-expiry') {
    throw new Error("sim option expiryField must be 'always' or 'near-expiry'");
  }
  if (!(options.transientTaskFailureRate >= 0 && options.transientTaskFailureRate <= 1)) {
    throw new Error('sim option transientTaskFailureRate must be between 0 and 1');
  }
  return options;
}
