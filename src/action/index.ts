/**
 * vppctl's GitHub Action: validate, plan and apply through the same operations as the CLI
 * (src/operations), with their results turned into annotations, a sticky pull-request comment, the
 * job summary and step outputs. It never imports the CLI.
 *
 * Order of a run:
 *   1. Read the inputs and load the location files for the names of their token variables; mask
 *      every token that is set (and the github-token) before anything else is printed.
 *   2. Pick the command from the `command` input, or else from the event:
 *      - pull_request: validate (annotations on the exact lines), then plan; one comment per path,
 *        found again by its hidden marker and edited in place on every push. A plan with errors fails.
 *      - push: validate, then apply with --yes; the outcome goes to the job summary and as a comment
 *        on the pull request whose merge made the pushed commit.
 *      - schedule, workflow_dispatch: plan as a drift check; drifted locations are listed in the
 *        summary and fail the run only with `fail-on-drift: true` (off by default).
 *   3. A pull request from a fork gets no secrets: it is only validated, and the log and summary say so.
 *      A run of our own repository without its tokens does the same on a pull request, and fails
 *      with the names of the missing variables on every other event (push, schedule, dispatch).
 *   4. Outputs: command, has-changes, plan-file (plan JSON under RUNNER_TEMP), associate,
 *      disassociate, revoke, user-changes, requests. The exit code is 1 on any failure.
 *
 * Comments are on by default (`comment: false` turns them off). Nothing here imports the simulator.
 */
import { describeError } from '../shared/describe-error.js';
import { applyStep } from './apply-step.js';
import type { ActionContext } from './context.js';
import { chooseMode, readEvent, type ActionEvent, type Mode } from './event.js';
import { createGitHub } from './github.js';
import { listingCommentsOnce } from './sticky-comment.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { planStep } from './plan-step.js';
import { runLinks } from './report.js';
import { createRunner, type Runner, type Sink } from './runner.js';
import { maskLocationTokens, type LocationToken } from './tokens.js';
import { validateStep } from './validate-step.js';

export { chooseMode, readEvent, type ActionEvent, type Mode } from './event.js';
export { createGitHub, GitHubApiError, type GitHub } from './github.js';
export { readInputs, type ActionCommand, type ActionInputs } from './inputs.js';
export { createRunner, type Runner, type Sink } from './runner.js';
export { listingCommentsOnce, stickyMarker, upsertStickyComment } from './sticky-comment.js';

export interface ActionProcess {
  /** Default: process.env, as the runner sets it. */
  env?: NodeJS.ProcessEnv;
  /** Where workflow commands and the log go; default process.stdout. */
  stdout?: Sink;
}

/** Runs the action once; returns the exit code the step should end with. */
export async function main(proc: ActionProcess = {}): Promise<0 | 1> {
  const runner = createRunner(proc.env ?? process.env, proc.stdout ?? process.stdout);
  try {
    return await run(runner);
  } catch (err) {
    runner.error(`vppctl: ${describeError(err)}`);
    return 1;
  }
}

/** Without secrets a pull request is still validated; push and schedule cannot do their job and fail. */
function withoutSecrets(runner: Runner, mode: Mode, event: ActionEvent, missing: LocationToken[]): Mode | undefined {
  if (mode.command === 'validate') return mode;
  const pr = event.pullRequest;
  if (pr?.fork) {
    const why =
      `This pull request comes from a fork (${pr.headRepo ?? 'a deleted repository'}). GitHub does not give workflows ` +
      `run for forks the repository's secrets, so vppctl cannot read the live locations: it only validated the files ` +
      `and made no plan. A maintainer can push the branch to this repository to get a plan.`;
    runner.notice(why);
    runner.appendSummary(`### vppctl: validated only\n\n${why}`);
    return { command: 'validate', driftCheck: false };
  }
  if (missing.length === 0) return mode;
  const list = missing.map((l) => `${l.tokenEnv} (${l.name}, ${l.source})`).join(', ');
  const fix = 'Add each token as a repository secret and map it in the workflow: env: NAME: ${{ secrets.NAME }}.';
  if (!pr) {
    runner.error(`Cannot ${mode.command}: no token in ${list}. ${fix}`);
    return undefined;
  }
  const why = `No token in ${list}, so vppctl only validated the files and made no plan. ${fix}`;
  runner.warning(why);
  runner.appendSummary(`### vppctl: validated only\n\n${why}`);
  return { command: 'validate', driftCheck: false };
}

function githubFor(runner: Runner, inputs: ActionInputs, event: ActionEvent): ActionContext['github'] {
  if (!inputs.comment || event.pullRequest?.fork) return undefined;
  if (!inputs.githubToken) {
    runner.warning('The github-token input is empty, so vppctl cannot comment; results are in the job summary.');
    return undefined;
  }
  return listingCommentsOnce(createGitHub({ apiUrl: runner.env.GITHUB_API_URL, token: inputs.githubToken, repository: event.repository }));
}

async function run(runner: Runner): Promise<0 | 1> {
  const inputs = readInputs(runner.env);
  if (inputs.githubToken) runner.mask(inputs.githubToken);
  const { missing } = await maskLocationTokens(inputs.paths, runner, inputs.token);
  const event = readEvent(runner.env);
  const mode = withoutSecrets(runner, chooseMode(event.name, inputs.command), event, missing);
  if (!mode) return 1;
  runner.setOutput('command', mode.command);
  const ctx: ActionContext = {
    runner,
    inputs,
    event,
    links: runLinks(runner.env),
    // Comments go to the event's pull request, or after an apply to the merged one.
    github: event.pullRequest || mode.command === 'apply' ? githubFor(runner, inputs, event) : undefined,
    locationFiles: [],
  };
  const exitCode = await (mode.command === 'validate' ? validateStep(ctx) : mode.command === 'plan' ? planStep(ctx, mode.driftCheck) : applyStep(ctx));
  // For a workflow that runs one job per location: `matrix: include: ${{ fromJSON(steps.x.outputs.locations) }}`.
  runner.setOutput('locations', JSON.stringify(ctx.locationFiles));
  return exitCode;
}
