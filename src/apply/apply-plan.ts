/**
 * The apply loop: finish an interrupted run first, execute the plan phase by phase, then verify
 * with a re-plan of the live state and execute what is still missing, a bounded number of passes.
 */
import type { LocationPlan } from '../plan/types.js';
import { ApplyContext } from './context.js';
import { runPlan } from './phases.js';
import type { ApplyDeps, ApplyOptions } from './options.js';
import { resolveOptions } from './options.js';
import { assertApplicable } from './refuse.js';
import type { ApplyResult } from './result.js';
import { hasPending } from './journal.js';
import { resume } from './resume.js';
import { describeRemaining } from './summary.js';
import { withoutFailedPairs } from './not-again.js';
import { plural } from '../shared/plural.js';

export async function applyPlan(plan: LocationPlan, deps: ApplyDeps, options: ApplyOptions = {}): Promise<ApplyResult> {
  assertApplicable(plan);
  const resolved = resolveOptions(options);
  const started = resolved.now();
  const ctx = new ApplyContext(deps, resolved, plan);
  const pending = deps.journal.pending();
  const resuming = hasPending(pending);
  deps.journal.append({ t: 'run', at: new Date(started).toISOString(), fingerprint: plan.fingerprint, requests: plan.requests.length, resumed: resuming });

  let current = plan;
  let verdict: LocationPlan | undefined;
  let verified = false;
  if (resuming) {
    await resume(ctx, pending);
    // The plan we were given may predate the events just settled: only a fresh one is trusted.
    current = await verify(ctx, deps);
    verdict = current;
  }
  // Learn of a claim by another installation made since the snapshot, so the client refuses the first write.
  if (current.requests.length > 0) await deps.api.getClientConfig();
  for (let pass = 0; pass <= resolved.maxRounds && !ctx.stopped && current.errors.length === 0 && current.requests.length > 0; pass++) {
    if (pass > 0) {
      const { requests, left } = withoutFailedPairs(current.requests, ctx.failedForGood, await deps.api.limits());
      if (left > 0) ctx.log(`re-plan: ${plural(left, 'pair')} already failed for good in this run; not sending them again (run apply later to retry them)`);
      if (!requests.some((r) => r.endpoint !== 'client/config')) break;
      current = { ...current, requests };
      ctx.log(`re-plan: ${describeRemaining(current.summary)} still missing; applying ${plural(requests.length, 'request')}`);
    }
    ctx.expect(current.requests);
    await runPlan(ctx, current);
    verified = true;
    verdict = await verify(ctx, deps).catch((err: unknown) => {
      ctx.log(`could not verify: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (!verdict) break;
    // Pairs Apple refused for good come back here only if the planner cannot see why (it checks
    // licenses, device-assignability, revocability and registrations against the fresh state).
    current = verdict;
  }
  if (!verified && !resuming) verdict = await verify(ctx, deps);

  const result = ctx.report.finish(verdict);
  if (verdict) result.remaining = { summary: verdict.summary, errors: verdict.errors };
  result.converged = verdict !== undefined && verdict.requests.length === 0 && verdict.errors.length === 0;
  result.durationMs = resolved.now() - started;
  deps.journal.append({ t: 'end', at: new Date(resolved.now()).toISOString(), converged: result.converged });
  const path = deps.journal.close({ archive: result.converged, now: new Date(resolved.now()) });
  if (result.converged) ctx.log(`journal archived as ${path}`);
  return result;
}

/**
 * Re-reads the live location and plans again. Writes with unknown outcome may still be landing at
 * Apple, so the re-read waits one poll interval when there were any.
 */
async function verify(ctx: ApplyContext, deps: ApplyDeps): Promise<LocationPlan> {
  ctx.tick({}, 'verify');
  if (ctx.unknownSinceVerify > 0) await ctx.options.sleep(ctx.options.pollIntervalMs);
  ctx.unknownSinceVerify = 0;
  const plan = await deps.replan();
  ctx.report.learnNames(plan);
  return plan;
}
