/** When apply refuses to start: a saved plan made from a live state that has moved, or a plan with errors. */
import type { LiveState } from '../live/types.js';
import type { LocationPlan } from '../plan/types.js';

export class ApplyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyRefusedError';
  }
}

/** A saved plan is stale when the live location it was made from changed since (fingerprint moved). */
export function checkStale(plan: LocationPlan, live: LiveState): { stale: boolean; reason?: string } {
  if (plan.uId !== live.uId) {
    return { stale: true, reason: `the plan is for location ${plan.uId}, but the token reads location ${live.uId}` };
  }
  if (plan.fingerprint !== live.fingerprint) {
    return {
      stale: true,
      reason: `the live state of ${plan.name} changed since the plan was made (${plan.fingerprint} -> ${live.fingerprint}); run plan again and review the new plan`,
    };
  }
  return { stale: false };
}

export function assertApplicable(plan: LocationPlan): void {
  if (plan.errors.length === 0) return;
  const first = plan.errors[0]!;
  const more = plan.errors.length > 1 ? ` (and ${plan.errors.length - 1} more)` : '';
  throw new ApplyRefusedError(`refusing to apply the plan of ${plan.name}: ${first.message}${more}`);
}
