/**
 * Plan each valid path and show the result: the plan in the log, errors as annotations, the
 * Markdown in the job summary and as a sticky comment on the pull request; on schedule, as a drift
 * check that can fail the run.
 */
import { planLocations } from '../operations/index.js';
import { newPlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { renderText } from '../render/index.js';
import { commentOn, type ActionContext } from './context.js';
import { annotatePlan, failuresOf, PLAN_OPTIONS, runOptions } from './locations.js';
import { writePlanOutputs } from './outputs.js';
import { COMMENT_LIMIT, driftedLocations, driftMarkdown, planMarkdown, SUMMARY_LIMIT, type LocationFailure } from './report.js';
import { eachValidPath } from './validate-step.js';

interface PathPlan {
  plan: Plan;
  failures: LocationFailure[];
}

async function planPath(ctx: ActionContext, path: string): Promise<PathPlan> {
  const run = await planLocations([path], { ...runOptions(ctx), plan: PLAN_OPTIONS });
  const plan = newPlan(run.locations.flatMap((l) => (l.plan ? [l.plan] : [])));
  if (plan.locations.length > 0) ctx.runner.verbatim(renderText(plan, { color: false }));
  return { plan, failures: failuresOf(run.locations) };
}

export async function planStep(ctx: ActionContext, driftCheck: boolean): Promise<0 | 1> {
  const { done, invalid } = await eachValidPath(ctx, 'Plan', (path) => planPath(ctx, path));
  let exitCode: 0 | 1 = invalid ? 1 : 0;
  const pr = ctx.event.pullRequest;
  for (const [i, { path, result }] of done.entries()) {
    // Paths (and the drift section) share what is left of the summary, so the last still gets its part.
    const room = Math.min(SUMMARY_LIMIT, Math.floor(ctx.runner.summaryRoom() / (done.length - i + (driftCheck ? 1 : 0))));
    ctx.runner.appendSummary(planMarkdown(path, result, ctx.links, room, 'summary'));
    if (pr && (await commentOn(ctx, pr.number, 'plan', path, planMarkdown(path, result, ctx.links, COMMENT_LIMIT, 'comment')))) exitCode = 1;
    annotatePlan(ctx, result.plan, result.failures);
    if (result.failures.length > 0 || result.plan.locations.some((l) => l.errors.length > 0)) exitCode = 1;
  }
  const plans = done.map(({ result }) => result.plan);
  writePlanOutputs(ctx.runner, plans);
  if (driftCheck) {
    const drifted = driftedLocations(plans);
    ctx.runner.appendSummary(driftMarkdown(drifted));
    if (drifted.length > 0) {
      const message = `Drift: ${drifted.map((l) => `${l.name} (${l.source})`).join(', ')} no longer match${drifted.length === 1 ? 'es' : ''} the desired state.`;
      if (ctx.inputs.failOnDrift) {
        ctx.runner.error(message);
        exitCode = 1;
      } else {
        ctx.runner.warning(message);
      }
    }
  }
  return exitCode;
}
