/** What every step of the action shares, and the one way it comments on a pull request. */
import type { LocationFile } from '../operations/index.js';
import { describeError } from '../shared/describe-error.js';
import type { ActionEvent } from './event.js';
import type { GitHub } from './github.js';
import type { ActionInputs } from './inputs.js';
import type { RunLinks } from './report.js';
import type { Runner } from './runner.js';
import { stickyMarker, upsertStickyComment, type CommentKind } from './sticky-comment.js';

export interface ActionContext {
  runner: Runner;
  inputs: ActionInputs;
  event: ActionEvent;
  links: RunLinks;
  /** Present when comments are wanted and a token to post them is at hand. */
  github?: GitHub;
  /** Every location file that validated, in order (the `locations` output, for a workflow matrix). */
  locationFiles: LocationFile[];
}

/**
 * Creates or updates this path's sticky comment. A failure (usually a missing permission) is
 * reported as an error and fails the run, so a missing comment never goes unnoticed; returns 1 then.
 */
export async function commentOn(ctx: ActionContext, issue: number, kind: CommentKind, path: string, body: string): Promise<0 | 1> {
  if (!ctx.github) return 0;
  try {
    const { id, created } = await upsertStickyComment(ctx.github, issue, stickyMarker(kind, path), ctx.runner.redact(body));
    ctx.runner.info(`${created ? 'Posted' : 'Updated'} the ${kind} comment for ${path} on #${issue} (comment ${id}).`);
    return 0;
  } catch (err) {
    ctx.runner.error(`Could not comment on #${issue}: ${describeError(err)}`);
    return 1;
  }
}
