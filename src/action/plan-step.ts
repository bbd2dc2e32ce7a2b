/**
 * Plan each path: on a pull request, into its sticky comment; always into the job summary and the
 * outputs; on a scheduled or manual run, as a drift check that can fail the run.
 */
import { runPlan } from '../cli/commands/plan.js';
import type { Plan } from '../plan/types.js';
import { commentOn, type ActionContext } from './context.js';
import { writePlanOutputs } from './outputs.js';
import { COMMENT_LIMIT, driftedLocations, driftMarkdown, planMarkdown, SUMMARY_LIMIT } from './report.js';
import { eachValidPath } from './validate-step.js';

/** Plan errors carry where in the file they come from: annotate them there. */
function reportPlanFailure(ctx: ActionContext, path: string, plan: Plan | undefined): void {
  const errors = plan?.locations.flatMap((l) => l.errors.map((e) => ({ location: l.name, ...e }))) ?? [];
  for (const e of errors) ctx.runner.error(`${e.location}: ${e.message}`, e.at);
  if (errors.length === 0) ctx.runner.error(`${path}: vppctl could not plan every location; the log above says why.`);
}

export async function planStep(ctx: ActionContext, driftCheck: boolean): Promise<0 | 1> {
  const { done, invalid } = await eachValidPath(ctx, 'Plan', (path) =>
    runPlan([path], { format: 'text', detailedExitcode: true }, ctx.io),
  );
  let exitCode: 0 | 1 = invalid ? 1 : 0;
  const plans = done.flatMap(({ result }) => (result.plan ? [result.plan] : []));
  const pr = ctx.event.pullRequest;
  for (const { path, result } of done) {
    ctx.runner.appendSummary(planMarkdown(path, result.plan, ctx.links, SUMMARY_LIMIT));
    if (pr && (await commentOn(ctx, pr.number, 'plan', path, planMarkdown(path, result.plan, ctx.links, COMMENT_LIMIT)))) {
      exitCode = 1;
    }
    if (result.exitCode === 1) {
      exitCode = 1;
      reportPlanFailure(ctx, path, result.plan);
    }
  }
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
