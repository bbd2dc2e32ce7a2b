/** Validation of one path, with annotations on the exact lines; every command starts with it. */
import { formatDiagnostic } from '../config/index.js';
import { validateLocations } from '../operations/index.js';
import { plural } from '../shared/plural.js';
import { commentOn, type ActionContext } from './context.js';
import { invalidMarkdown } from './report.js';

/** True when the path is valid. An invalid one is reported in the summary and, on a pull request, in its comment. */
async function validatePath(ctx: ActionContext, path: string): Promise<boolean> {
  const run = await ctx.runner.group(`Validate ${path}`, async () => {
    const validated = await validateLocations([path], ctx.inputs.parallel === undefined ? {} : { parallel: ctx.inputs.parallel });
    if (validated.diagnostics.length > 0) ctx.runner.verbatim(validated.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    for (const d of validated.diagnostics) ctx.runner.annotate(d);
    if (validated.valid) ctx.runner.info(`Valid: ${plural(validated.locations.length, 'location')}.`);
    return validated;
  });
  ctx.locationFiles.push(...run.locations);
  if (run.valid) return true;
  const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
  ctx.runner.error(`${path}: the desired state has ${plural(errors, 'error')} (annotated on the lines); nothing was sent.`);
  const markdown = invalidMarkdown(path, run.diagnostics, ctx.links);
  ctx.runner.appendSummary(markdown);
  const pr = ctx.event.pullRequest;
  if (pr) await commentOn(ctx, pr.number, 'plan', path, markdown);
  return false;
}

/** Validates each path and runs `work` on the valid ones, each in a log group named `verb path`. */
export async function eachValidPath<T>(
  ctx: ActionContext,
  verb: string,
  work: (path: string) => Promise<T>,
): Promise<{ done: { path: string; result: T }[]; invalid: boolean }> {
  const done: { path: string; result: T }[] = [];
  let invalid = false;
  for (const path of ctx.inputs.paths) {
    if (await validatePath(ctx, path)) done.push({ path, result: await ctx.runner.group(`${verb} ${path}`, () => work(path)) });
    else invalid = true;
  }
  return { done, invalid };
}

export async function validateStep(ctx: ActionContext): Promise<0 | 1> {
  let exitCode: 0 | 1 = 0;
  for (const path of ctx.inputs.paths) {
    if (await validatePath(ctx, path)) ctx.runner.appendSummary(`### vppctl validate: \`${path}\`\n\n✅ Valid. Nothing was sent to Apple.`);
    else exitCode = 1;
  }
  return exitCode;
}
