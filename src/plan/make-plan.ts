/** One location's plan: the phases of index.ts, in order, over plain data. */
import type { DesiredState } from '../config/types.js';
import type { LiveState } from '../live/types.js';
import { associateBatches, removalBatches } from './asset-batches.js';
import { checkAssets, checkMassRemoval, checkSubscriptions, checkUsers } from './checks.js';
import { decideClaim } from './claim.js';
import { diffAssets, pairCount } from './diff-assets.js';
import { diffSubscriptions } from './diff-subscriptions.js';
import { diffUsers } from './diff-users.js';
import { lowLicenseWarnings } from './low-licenses.js';
import { prioritizeAssets, prioritizeSubscriptions, waitingCount, waitingWarnings } from './prioritize.js';
import { orderedRequests, type RequestParts } from './requests.js';
import { serialCaseWarnings } from './serial-case.js';
import { subscriptionBatches } from './subscription-batches.js';
import { describeChanges, summarize } from './summary.js';
import { tokenExpiryWarnings } from './token-expiry.js';
import type { LocationPlan, PlanContext, PlanMessage, PlanOptions } from './types.js';

/** `context` (token expiry, store names) only adds warnings and labels: the requests are the same without it. */
export function makePlan(desired: DesiredState, live: LiveState, options: PlanOptions, context: PlanContext = {}): LocationPlan {
  const separate = options.separateUsersAndDevices;
  const claim = decideClaim(desired, live, options);
  const assets = prioritizeAssets(desired, diffAssets(desired, live, context.names));
  const users = diffUsers(desired, live);
  const subscriptions = prioritizeSubscriptions(desired, diffSubscriptions(desired, live));

  const associate = associateBatches(assets, live.limits, separate);
  const removal = removalBatches(assets, live, separate);
  const seats = subscriptionBatches(subscriptions, live.limits);
  const parts: RequestParts = {
    usersCreate: users.create,
    revoke: removal.revoke,
    disassociate: removal.disassociate.bicliques,
    subscriptionsDisassociate: seats.disassociate,
    associate: associate.bicliques,
    subscriptionsAssociate: seats.associate,
    usersUpdate: users.update,
    usersRetire: users.retire,
  };
  if (claim.request !== undefined) parts.claim = claim.request;
  const requests = orderedRequests(parts, assets, live.limits, separate);
  const assetRequests = requests.filter((r) => r.endpoint.startsWith('assets/')).length;
  const removals = assets.reduce((n, d) => n + pairCount(d.remove), 0);

  const changes: LocationPlan['changes'] = describeChanges(assets, parts, users, subscriptions);
  if (claim.claim !== undefined) changes.claim = claim.claim;
  const summary = summarize(parts, users, subscriptions, requests);
  const waiting = waitingCount(assets, subscriptions);
  if (waiting > 0) summary.waiting = waiting;
  return {
    name: desired.location.name,
    source: desired.source,
    uId: live.uId,
    fingerprint: live.fingerprint,
    summary,
    requests,
    warnings: [
      ...tokenExpiryWarnings(context.token, live.tokenExpirationDate),
      ...namesWarning(context.namesProblem),
      ...claim.warnings,
      ...waitingWarnings(assets, subscriptions),
      ...serialCaseWarnings(assets, desired, live),
      ...lowLicenseWarnings(assets, desired.policy.lowLicenseWarning),
    ],
    errors: [
      ...claim.errors,
      ...checkUsers(desired, live),
      ...checkAssets(assets, live),
      ...checkSubscriptions(subscriptions),
      ...checkMassRemoval(removals, desired, options),
    ],
    tokenEnv: desired.location.tokenEnv,
    batching: { assetRequests, lowerBound: associate.lowerBound + removal.lowerBound },
    changes,
  };
}

function namesWarning(problem: string | undefined): PlanMessage[] {
  return problem === undefined ? [] : [{ code: 'names-unavailable', message: `apps and books are shown by adamId where the file names none: ${problem}` }];
}

/** Nothing to send and nothing wrong: the location already matches the file. */
export function isNoop(plan: LocationPlan): boolean {
  return plan.requests.length === 0 && plan.errors.length === 0;
}
