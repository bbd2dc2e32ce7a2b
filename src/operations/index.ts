/**
 * Operations: what vppctl does to locations, for both shells (the `vppctl` command line in src/cli
 * and the GitHub Action in src/action). Each returns values (plans, apply results, diagnostics) and
 * tells its progress as data (events.ts); none prints. The shells parse their inputs, call these,
 * and present the results: the CLI as text, JSON and progress lines, the action as annotations,
 * comments, the job summary and step outputs.
 *
 * - validateLocations: load and check the files; nothing sent, no token needed. Also the list of
 *   location files for a workflow's `strategy.matrix`.
 * - planLocations: read each live location and plan it. Locations are worked on side by side,
 *   `parallel` at once, each with its own client and rate limiter; reads start while the roster
 *   files are still loading, and stop, with nothing planned, if any file is invalid. A location
 *   that fails is reported and the others carry on. Two files for one location (same uId) get an
 *   error each, naming both.
 * - prepareSavedPlan: the same for `apply --plan FILE`, then each saved location is checked
 *   against the plan made now: stale, over the location's current limits, or with other requests
 *   than its file and the live state call for: refused, nothing sent.
 * - workOf + applyLocations: apply the planned locations that have work, `parallel` at once, each
 *   under its lock (a second apply refuses naming the holder), with its own journal; results come
 *   back in the order of the files.
 * - importLocations: read live locations and write desired-state files whose plans are empty.
 * - statusLocations: plan each location as planLocations does and tell its counts instead: per
 *   app, book and subscription what is bought, assigned, available and reclaimable, the token's
 *   expiry and the claim.
 */
export { applyLocations, checkApplySettings, workOf, type ApplyOutcome, type ApplyRunOptions, type ApplyWork } from './apply-locations.js';
export { UsageError } from './errors.js';
export type { LocationEvent, LocationRef, OnEvent } from './events.js';
export { importLocations, type ImportOutcome, type ImportRequest, type ImportRunOptions } from './import-locations.js';
export { closeOpen, planLocations, type LocationOutcome, type OpenLocation, type PlanRun, type PlanRunOptions, type RunOptions } from './plan-locations.js';
export { DEFAULT_PARALLEL } from './parallel.js';
export { SAME_LOCATION_TWICE } from './same-location.js';
export { prepareSavedPlan, type SavedPlanRun } from './saved-plan.js';
export { statusLocations, type StatusOutcome, type StatusRun } from './status-locations.js';
export { validateLocations, type LocationFile, type ValidateRun } from './validate-locations.js';
