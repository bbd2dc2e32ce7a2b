/**
 * Apply each valid path (as `vppctl apply --yes`), then tell the pull request that was merged how
 * it went (found from the pushed commit), and write the outcome to the job summary. Within a path
 * the locations are applied side by side; one that fails does not stop the others.
 */
import { applySummaryLine, failureLines } from '../apply/index.js';
import { applyLocations, checkApplySettings, closeOpen, planLocations, workOf } from '../operations/index.js';
import { newPlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { renderText, summaryLine } from '../render/index.js';
import { describeError } from '../shared/describe-error.js';
import { commentOn, type ActionContext } from './context.js';
import { annotatePlan, failuresOf, PLAN_OPTIONS, runOptions, stateDir } from './locations.js';
import { writePlanOutputs } from './outputs.js';
import { applyMarkdown, COMMENT_LIMIT, SUMMARY_LIMIT } from './report.js';
import { eachValidPath } from './validate-step.js';

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

interface PathApply {
  exitCode: 0 | 1;
  plan: Plan;
  /** One line per location: how its apply ended, or why it was not applied. */
  summary: string;
}

async function applyPath(ctx: ActionContext, path: string): Promise<PathApply> {
  const options = runOptions(ctx);
  const run = await planLocations([path], { ...options, plan: PLAN_OPTIONS, keep: true });
  try {
    const plan = newPlan(run.locations.flatMap((l) => (l.plan ? [l.plan] : [])));
    if (plan.locations.length > 0) ctx.runner.verbatim(renderText(plan, { color: false }));
    const failures = failuresOf(run.locations);
    const lines = failures.map((f) => `${f.name}: not planned: ${f.error}`);
    for (const l of plan.locations) if (l.errors.length > 0) lines.push(`${l.name}: refused, the plan has errors; nothing was applied to it.`);
    let ok = lines.length === 0;
    // Warnings (a token near expiry, licenses running low) are worth a look on every apply, not only a failed one.
    annotatePlan(ctx, plan, failures);
    const outcomes = await Promise.all(
      applyLocations(workOf(run.locations, options.stateDir), {
        ...options,
        plan: PLAN_OPTIONS,
        command: `vppctl GitHub Action apply ${path}${ctx.links.runUrl ? ` (${ctx.links.runUrl})` : ''}`,
        ...(ctx.inputs.pollInterval !== undefined && { pollIntervalMs: ctx.inputs.pollInterval * 1000 }),
      }),
    );
    for (const o of outcomes) {
      const name = o.location.name;
      const text = [...o.notes.map((n) => `note: ${n}`), ...(o.result ? failureLines(o.result).map((l) => `  ${l}`) : [])];
      if (text.length > 0) ctx.runner.verbatim(text.map((t) => `${name}: ${t}`).join('\n'));
      if (o.result === undefined) {
        ok = false;
        ctx.runner.error(`${name} (${o.location.source}): ${o.error}`);
        lines.push(`${name}: not applied: ${o.error}`);
      } else {
        ok &&= o.result.converged;
        lines.push(`${name}: ${applySummaryLine(o.result)}`);
      }
    }
    if (lines.length > 0) ctx.runner.verbatim(lines.join('\n'));
    return { exitCode: ok ? 0 : 1, plan, summary: lines.length > 0 ? lines.join('\n') : summaryLine(plan) };
  } finally {
    await closeOpen(run.locations);
  }
}

export async function applyStep(ctx: ActionContext): Promise<0 | 1> {
  const state = stateDir(ctx);
  checkApplySettings({
    env: ctx.runner.env,
    ...(ctx.inputs.pollInterval !== undefined && { pollIntervalMs: ctx.inputs.pollInterval * 1000 }),
    ...(state !== undefined && { stateDir: state }),
  });
  const { done, invalid } = await eachValidPath(ctx, 'Apply', (path) => applyPath(ctx, path));
  let exitCode: 0 | 1 = invalid ? 1 : 0;
  for (const [i, { path, result }] of done.entries()) {
    const room = Math.min(SUMMARY_LIMIT, Math.floor(ctx.runner.summaryRoom() / (done.length - i)));
    ctx.runner.appendSummary(applyMarkdown(path, result, ctx.links, room, 'summary'));
    if (result.exitCode !== 0) {
      exitCode = 1;
      ctx.runner.error(`${path}: apply did not converge; the log above and the job summary say what is left.`);
    }
  }
  writePlanOutputs(
    ctx.runner,
    done.map(({ result }) => result.plan),
  );
  const pr = done.length > 0 ? await pullRequestOfCommit(ctx) : undefined;
  if (pr !== undefined) {
    for (const { path, result } of done) {
      if (await commentOn(ctx, pr, 'apply', path, applyMarkdown(path, result, ctx.links, COMMENT_LIMIT, 'comment'))) exitCode = 1;
    }
  }
  return exitCode;
}
