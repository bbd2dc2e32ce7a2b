import type { LocationPlan, Plan, PlanSummary } from '../plan/types.js';
import { plural } from '../shared/plural.js';

export interface PlanTotals extends PlanSummary {
  waiting: number;
  errors: number;
  warnings: number;
}

function locationsOf(plan: Plan | LocationPlan): LocationPlan[] {
  return 'locations' in plan ? plan.locations : [plan];
}

/** Summary counts added up across the plan's locations, with its errors and warnings counted. */
export function totals(plan: Plan | LocationPlan): PlanTotals {
  const t: PlanTotals = {
    associate: 0, disassociate: 0, revoke: 0,
    usersCreate: 0, usersUpdate: 0, usersRetire: 0,
    subscriptionsAssociate: 0, subscriptionsDisassociate: 0,
    requests: 0, waiting: 0, errors: 0, warnings: 0,
  };
  for (const loc of locationsOf(plan)) {
    const s = loc.summary;
    t.associate += s.associate;
    t.disassociate += s.disassociate;
    t.revoke += s.revoke;
    t.usersCreate += s.usersCreate;
    t.usersUpdate += s.usersUpdate;
    t.usersRetire += s.usersRetire;
    t.subscriptionsAssociate += s.subscriptionsAssociate;
    t.subscriptionsDisassociate += s.subscriptionsDisassociate;
    t.requests += s.requests;
    t.waiting += s.waiting ?? 0;
    t.errors += loc.errors.length;
    t.warnings += loc.warnings.length;
  }
  return t;
}

export function userChanges(s: PlanSummary): number {
  return s.usersCreate + s.usersUpdate + s.usersRetire;
}

function subscriptionChanges(s: PlanSummary): number {
  return s.subscriptionsAssociate + s.subscriptionsDisassociate;
}

/** Anything to send; a claim-only plan has a request and no counted pairs, so requests count too. */
export function hasChanges(s: PlanSummary): boolean {
  return s.requests > 0 || s.associate + s.disassociate + s.revoke + userChanges(s) + subscriptionChanges(s) > 0;
}

/**
 * The one-sentence outcome that ends every rendering. A plan with errors never says "No changes":
 * the location does not match, the planner just could not say how to get there. Holders waiting
 * for a license (whenShort: prioritize) are counted, but are not changes: there is nothing to send.
 */
export function summaryLine(plan: Plan | LocationPlan): string {
  const t = totals(plan);
  const waiting = t.waiting > 0 ? `; ${t.waiting} waiting for a license (see the warnings)` : '';
  if (!hasChanges(t) && t.errors === 0) return waiting ? `No changes to send${waiting}.` : 'No changes. The location matches the desired state.';
  const seats = subscriptionChanges(t);
  const subscriptions = seats > 0 ? `, ${plural(seats, 'subscription seat change')}` : '';
  return (
    `Plan: ${t.associate} to associate, ${t.disassociate} to disassociate, ${t.revoke} to revoke, ` +
    `${plural(userChanges(t), 'user change')}${subscriptions}, in ${plural(t.requests, 'request')}${waiting}.`
  );
}

export function failedLine(errors: number): string {
  return `Plan failed: ${plural(errors, 'error')}.`;
}

/** Requests of one location and how close batching came to the fewest possible asset requests. */
export function requestsText(loc: LocationPlan): string {
  const b = loc.batching;
  return `${plural(loc.summary.requests, 'request')}: ${plural(b.assetRequests, 'asset request')} (lower bound ${b.lowerBound})`;
}

/** How the live state was read, for a reviewer: "read 7 pages since the cached read; 2 assets re-read". */
export function readText(loc: LocationPlan): string | undefined {
  const r = loc.read;
  if (r === undefined) return undefined;
  if (r.mode === 'full') return `read in full: ${plural(r.pages, 'page')}`;
  return `read ${plural(r.pages, 'page')} since the cached read; ${plural(r.assetsReRead, 'asset')} re-read`;
}
