/**
 * Apply each path with --yes, then tell the pull request that was merged how it went (found from
 * the pushed commit), and write the outcome to the job summary.
 */
import { join } from 'node:path';
import { runApply } from '../cli/commands/apply.js';
import { describeError } from '../cli/errors.js';
import { commentOn, type ActionContext } from './context.js';
import { writePlanOutputs } from './outputs.js';
import { applyMarkdown, COMMENT_LIMIT, SUMMARY_LIMIT } from './report.js';
import { eachValidPath } from './validate-step.js';

/** The apply journal goes where the runner keeps temporary files, not into the checkout. */
function stateDir(ctx: ActionContext): string | undefined {
  return ctx.runner.env.RUNNER_TEMP ? join(ctx.runner.env.RUNNER_TEMP, 'vppctl-state') : undefined;
}

/** The pull request this run belongs to: the event's own, or the one whose merge made the pushed commit. */
async function pullRequestOfCommit(ctx: ActionContext): Promise<number | undefined> {
  if (ctx.event.pullRequest) return ctx.event.pullRequest.number;
  if (!ctx.github || !ctx.event.sha) return undefined;
  try {
    const pulls = await ctx.github.pullsForCommit(ctx.event.sha);
    const merged = pulls.find((p) => p.merge_commit_sha === ctx.event.sha) ?? pulls.find((p) => p.merged_at);
    if (!merged) ctx.runner.info(`No merged pull request contains ${ctx.event.sha}; the outcome is in the job summary only.`);
    return merged?.number;
  } catch (err) {
    ctx.runner.warning(`Could not find the pull request of ${ctx.event.sha}: ${describeError(err)}`);
    return undefined;
  }
}

export async function applyStep(ctx: ActionContext): Promise<0 | 1> {
  const { done, invalid } = await eachValidPath(ctx, 'Apply', (path) =>
    runApply([path], { yes: true, pollInterval: ctx.inputs.pollInterval, stateDir: stateDir(ctx) }, ctx.io),
  );
  let exitCode: 0 | 1 = invalid ? 1 : 0;
  const plans = done.flatMap(({ result }) => (result.plan ? [result.plan] : []));
  for (const { path, result } of done) {
    ctx.runner.appendSummary(applyMarkdown(path, result, ctx.links, SUMMARY_LIMIT));
    if (result.exitCode !== 0) {
      exitCode = 1;
      ctx.runner.error(`${path}: apply did not converge; the log above and the job summary say what is left.`);
    }
  }
  writePlanOutputs(ctx.runner, plans);
  const pr = done.length > 0 ? await pullRequestOfCommit(ctx) : undefined;
  if (pr !== undefined) {
    for (const { path, result } of done) {
      if (await commentOn(ctx, pr, 'apply', path, applyMarkdown(path, result, ctx.links, COMMENT_LIMIT))) exitCode = 1;
    }
  }
  return exitCode;
}
