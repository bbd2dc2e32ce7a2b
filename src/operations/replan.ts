/**
 * Apply's re-plan, which verifies it: the live state is read on from the cache the previous read
 * left, every asset apply wrote to is read again whatever its count says (the cache is never
 * trusted alone for those), and the desired state is planned again. After an interrupted apply,
 * whose writes are not all known, it reads in full.
 */
import type { VppApi } from '../api/index.js';
import type { DesiredState } from '../config/types.js';
import { readCached, type CachedReadOptions, type LocationCache } from '../live/index.js';
import type { LiveState } from '../live/types.js';
import { makePlan } from '../plan/index.js';
import type { LocationPlan, PlanContext, PlanOptions } from '../plan/types.js';
import { touchedAssets } from './touched-assets.js';

export interface ReplanFrom {
  api: VppApi;
  state: DesiredState;
  /** The read the plan was made from, and the plan. */
  live: LiveState;
  cache: LocationCache;
  plan: LocationPlan;
  options: PlanOptions;
  /** The token's expiry and the names the first plan was made with: later passes say the same. */
  context?: PlanContext;
  /** An interrupted apply is being finished: read in full. */
  resuming: boolean;
  /** Where the cache is written, and how a cache that cannot be used is told. */
  read?: Pick<CachedReadOptions, 'cacheFile' | 'onNotice'>;
}

export function replanner(from: ReplanFrom): () => Promise<LocationPlan> {
  let { live, cache } = from;
  const touched = touchedAssets(from.plan.requests, live);
  return async () => {
    ({ live, cache } = await readCached(from.api, { ...from.read, ...(from.resuming ? { fullRead: true } : { from: cache, reRead: touched }) }));
    const next = makePlan(from.state, live, from.options, from.context);
    // The next pass sends these: its verification reads their assets again too.
    touchedAssets(next.requests, live, touched);
    return next;
  };
}
