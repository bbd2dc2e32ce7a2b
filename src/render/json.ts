import type { LocationPlan, Plan, PlanSummary } from '../plan/types.js';

const PLAN_KEYS = ['formatVersion', 'createdAt', 'locations'] as const;
/** design.md's order first, then the additive extensions. */
const LOCATION_KEYS = [
  'name', 'source', 'uId', 'fingerprint', 'summary', 'requests', 'warnings', 'errors',
  'tokenEnv', 'batching', 'changes',
] as const;
const SUMMARY_KEYS = [
  'associate', 'disassociate', 'revoke', 'usersCreate', 'usersUpdate', 'usersRetire',
  'subscriptionsAssociate', 'subscriptionsDisassociate', 'requests',
] as const;

/** A copy of `value` with `first` keys leading in that order; keys it does not know keep their place after. */
function ordered<T extends object>(value: T, first: readonly (keyof T & string)[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in value) out[k] = value[k];
  for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = v;
  return out as T;
}

function orderedLocation(loc: LocationPlan): LocationPlan {
  return ordered({ ...loc, summary: ordered<PlanSummary>(loc.summary, SUMMARY_KEYS) }, LOCATION_KEYS);
}

/** The plan as saved by `--out` and printed by `--format json`: the Plan value, design.md's field order. */
export function renderJson(plan: Plan): string {
  const value = ordered({ ...plan, locations: plan.locations.map(orderedLocation) }, PLAN_KEYS);
  return `${JSON.stringify(value, null, 2)}\n`;
}
