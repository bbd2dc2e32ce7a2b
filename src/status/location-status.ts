/**
 * The status of one location, from its file, its live state and the plan made of them. Pure: the
 * same inputs give the same status. Counts are Apple's (GET /assets, GET /subscriptions); what
 * the plan would leave and what could be reclaimed are worked out here.
 */
import type { DesiredState } from '../config/types.js';
import { assetKey, type LiveState } from '../live/types.js';
import { kindOfProduct, pairCount } from '../plan/diff-assets.js';
import { leftAvailable, UNLIMITED_TOTAL } from '../plan/low-licenses.js';
import { tokenExpiry } from '../plan/token-expiry.js';
import type { LocationPlan, PlanContext, TokenContext } from '../plan/types.js';
import { compareStrings, difference } from '../shared/sorted-ids.js';
import type { AssetStatus, LocationStatus, SubscriptionStatus } from './types.js';

export function locationStatus(desired: DesiredState, live: LiveState, plan: LocationPlan, context: PlanContext & { token: TokenContext }): LocationStatus {
  const { token } = context;
  const expiry = tokenExpiry(token, live.tokenExpirationDate);
  const status: LocationStatus = {
    name: plan.name,
    source: plan.source,
    uId: plan.uId,
    token: { orgName: token.orgName, expires: expiry.date, daysLeft: expiry.daysLeft },
    assets: assetStatuses(desired, live, plan, context).sort(byNameThenId),
    subscriptions: subscriptionStatuses(desired, live),
    warnings: plan.warnings,
  };
  if (live.mdmInfo !== undefined) status.claim = { id: live.mdmInfo.id, name: live.mdmInfo.name, ours: desired.location.mdm?.id === live.mdmInfo.id };
  return status;
}

function assetStatuses(desired: DesiredState, live: LiveState, plan: LocationPlan, context: PlanContext): AssetStatus[] {
  const declared = new Map(desired.assets.map((a) => [assetKey(a.adamId, a.pricingParam), a]));
  const changes = new Map(plan.changes.assets.map((c) => [assetKey(c.adamId, c.pricingParam), c]));
  return live.assets.map((a) => {
    const key = assetKey(a.adamId, a.pricingParam);
    const wanted = declared.get(key);
    const change = changes.get(key);
    const holders = live.assignments.get(key) ?? { users: [], devices: [] };
    // Under scope: all every holder the file does not list for the asset could be freed.
    const undeclared =
      desired.policy.scope === 'all'
        ? difference(wanted?.users ?? [], holders.users).remove.length + difference(wanted?.devices ?? [], holders.devices).remove.length
        : 0;
    const name = wanted?.name ?? context.names?.get(a.adamId)?.name;
    return {
      adamId: a.adamId,
      pricingParam: a.pricingParam,
      ...(name !== undefined && { name }),
      kind: kindOfProduct(a.productType),
      total: a.totalCount >= UNLIMITED_TOTAL ? null : a.totalCount,
      assigned: a.assignedCount,
      available: a.availableCount,
      retired: a.retiredCount,
      availableAfterPlan: change === undefined ? a.availableCount : leftAvailable(a.availableCount, pairCount(change.add), pairCount(change.remove)),
      reclaimable: a.retiredCount + undeclared,
      declared: wanted !== undefined,
    };
  });
}

function subscriptionStatuses(desired: DesiredState, live: LiveState): SubscriptionStatus[] {
  const names = new Map(desired.subscriptions.map((s) => [s.adamId, s.name]));
  return live.subscriptions.map((s) => {
    const name = names.get(s.adamId);
    return { adamId: s.adamId, ...(name !== undefined && { name }), total: s.counts.total, assigned: s.counts.assigned, available: s.counts.available };
  });
}

function byNameThenId(a: AssetStatus, b: AssetStatus): number {
  return compareStrings(a.name ?? '\uffff', b.name ?? '\uffff') || compareStrings(a.adamId, b.adamId) || compareStrings(a.pricingParam, b.pricingParam);
}
