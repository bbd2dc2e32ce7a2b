/**
 * The plan stage: what must change at one location so that it matches its file, as the exact
 * requests apply will send. Pure: no I/O, no clock; the same desired and live state always give
 * the same plan.
 *
 * Phases, in order:
 *  1. Claim: an unclaimed location is claimed for the file's location.mdm; a location another
 *     installation claims is refused (error `claimed-by-other-mdm`) unless `takeOver` is set.
 *  2. Diff: per managed asset, pairs to associate (desired, not live) and, with policy.prune (on by
 *     default), pairs to disassociate (live, not desired). Managed means declared in the file
 *     (policy.scope `declared`, the default: undeclared assets are left alone entirely) or every
 *     asset of the location (scope `all`). Users are created when absent and updated when their
 *     email / managedAppleId differ; undeclared, unreferenced users are retired only with
 *     policy.retireUndeclaredUsers (off by default). Subscription seats follow declared
 *     subscriptions; prune removes seats of declared subscriptions only.
 *  2b. Prioritize (prioritize.ts, only with policy.whenShort: prioritize): an asset or subscription
 *     with fewer licenses than new holders (after the plan's own removals) serves them in the
 *     file's priority order; the rest wait, reported per asset as warnings (`waiting-for-licenses`,
 *     `waiting-for-seats`), in `changes` (`waiting`) and counted in `summary.waiting`. Waiting is
 *     not a change: a plan with nothing else to do has no requests.
 *  3. Revoke: a user or device losing every asset it holds, all revocable, gets one assets/revoke
 *     instead of disassociations, when that saves requests.
 *  4. Batching (batch.ts and its batch-*.ts steps): pairs are packed into associate/disassociate
 *     requests that each hold only wanted pairs, within the location's limits. Per connected
 *     group of classes (targets needing the same changes), the cheapest of several exact covers:
 *     each class its whole set, each shared block once to all its classes (district-wide apps
 *     riding along with grade requests, crossing cohorts getting their apps together), both
 *     improved one class at a time, and a bounded exact search for small groups; never more
 *     requests than the first two. Users and devices share requests unless
 *     `separateUsersAndDevices`. `batching` reports the asset request count and a lower bound.
 *  5. Order: claim, user creation, removals (revoke, disassociate, subscription disassociate),
 *     additions (associate, subscription associate), user updates, retirements.
 *  6. Checks: licenses short after the plan's own removals (subscription seats counted per kind:
 *     a new holder takes one of the kind the file assigns; under `prioritize` nothing is short),
 *     device assignment of an asset that is not device-assignable, removal of a non-revocable
 *     asset, referenced users nobody registers,
 *     assets and subscriptions the location does not own, more removals than
 *     policy.maxDisassociations (unless `allowMassRemoval`). Errors keep the requests in the plan
 *     for review; apply refuses a plan with errors. Warning `serial-number-case`: a declared serial
 *     number equals a live one but for letter case (serial-case.ts), located at its declaration.
 *  7. Context (PlanContext, optional; it never changes a request): warning `token-expires-soon`
 *     when the earlier of the token's expDate and the answers' tokenExpirationDate is 30 days away
 *     or less (token-expiry.ts); store names and kinds label the assets (a name in the file wins),
 *     and `names-unavailable` says why the store could not name them. Warning `low-licenses`
 *     (low-licenses.ts): a declared asset left with policy.lowLicenseWarning percent or fewer
 *     of its licenses available.
 * The loader's own warnings (DesiredState.warnings) are printed by the CLI, not repeated here.
 *
 * The plan file (plan-file.ts, imported on its own) makes a Plan value for saving, writes it as
 * JSON in design.md's field order and reads it back, checked against schemas/plan.schema.json.
 */
export { makePlan, isNoop } from './make-plan.js';
export { batchPairs, lowerBound, type BatchLimits, type BatchTarget, type Batching, type Biclique } from './batch.js';
export type * from './types.js';
