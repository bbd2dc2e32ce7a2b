/** What the plan and apply steps share: the run options, the state dir, the log of what happens, and annotations of the plan. */
import { join } from 'node:path';
import type { LocationOutcome, OnEvent, RunOptions } from '../operations/index.js';
import type { Plan, PlanOptions } from '../plan/types.js';
import { DEFAULT_PARALLEL } from '../operations/index.js';
import type { ActionContext } from './context.js';
import type { LocationFailure } from './report.js';

/** The action plans as `vppctl plan` does without flags: no mass removal, no take-over, users and devices mixed. */
export const PLAN_OPTIONS: PlanOptions = { allowMassRemoval: false, takeOver: false, separateUsersAndDevices: false };

/** Apply's log lines and warnings, each naming its location; no progress lines in a log. */
function logEvents(ctx: ActionContext): OnEvent {
  return (e) => {
    if (e.type === 'log') ctx.runner.verbatim(`${e.location.name}: ${e.line}`);
    else if (e.type === 'warning') ctx.runner.warning(`${e.location.name}: ${e.message}`);
  };
}

/**
 * The state dir (apply journals, locks, live-state and names caches) is where the runner keeps temporary
 * files, not in the checkout; a workflow keeps its `cache` folder between runs with actions/cache.
 */
export function stateDir(ctx: ActionContext): string | undefined {
  return ctx.runner.env.RUNNER_TEMP ? join(ctx.runner.env.RUNNER_TEMP, 'vppctl-state') : undefined;
}

export function runOptions(ctx: ActionContext): RunOptions & { stateDir?: string } {
  const state = stateDir(ctx);
  return { env: ctx.runner.env, parallel: ctx.inputs.parallel ?? DEFAULT_PARALLEL, onEvent: logEvents(ctx), ...(state !== undefined && { stateDir: state }) };
}

export function failuresOf(locations: readonly LocationOutcome[]): LocationFailure[] {
  return locations.flatMap((l) => (l.error === undefined ? [] : [{ name: l.location.name, source: l.location.source, error: l.error }]));
}

/** Each plan warning and error on the line it comes from (when it says), and each location that failed. */
export function annotatePlan(ctx: ActionContext, plan: Plan, failures: readonly LocationFailure[]): void {
  for (const l of plan.locations) for (const w of l.warnings) ctx.runner.warning(`${l.name}: ${w.message}`, w.at);
  for (const l of plan.locations) for (const e of l.errors) ctx.runner.error(`${l.name}: ${e.message}`, e.at);
  for (const f of failures) ctx.runner.error(`${f.name} (${f.source}): ${f.error}`);
}
