/**
 * `vppctl apply`: plan (or check a saved plan), show the plan, confirm, then execute and verify the
 * locations side by side, printing each location's outcome whole, in file order, as soon as it and
 * those before it are done. A location whose plan has errors, or whose saved plan is refused, is
 * not applied; the others are. Without --yes a person must type "yes" at a terminal.
 */
import { createInterface } from 'node:readline/promises';
import { applySummaryLine, failureLines } from '../../apply/index.js';
import {
  applyLocations,
  checkApplySettings,
  closeOpen,
  planLocations,
  prepareSavedPlan,
  UsageError,
  workOf,
  type ApplyOutcome,
  type PlanRun,
} from '../../operations/index.js';
import { newPlan } from '../../plan/plan-file.js';
import { interruptible } from '../interrupt.js';
import type { Io } from '../io.js';
import { printDiagnostics, printFailures, printPlan } from '../print.js';
import { progressLines, type ProgressLines } from '../progress.js';
import { showEvents } from '../show-events.js';
import { planOptions, planWithProgress, readOptions, type PlanCommandOptions } from './plan.js';

export interface ApplyCommandOptions extends PlanCommandOptions {
  yes?: boolean;
  /** A saved plan file (plan --out). */
  plan?: string;
  /** Seconds between /status polls of a pending event. */
  pollInterval?: number;
}

const INTERRUPTED = 'interrupted; run apply again to resume';

async function confirm(io: Io): Promise<boolean> {
  if (!io.stdin?.isTTY || !io.stdout.isTTY) {
    throw new UsageError('apply changes licenses and needs confirmation: run it at a terminal, or pass --yes (CI).');
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  // Ctrl-C at the question is a "no" (the terminal gives it to readline, not to the process).
  const asked = new AbortController();
  rl.once('SIGINT', () => asked.abort());
  try {
    const answer = await rl.question('\nDo you want to apply these changes? Only "yes" will be accepted: ', { signal: asked.signal });
    return answer.trim() === 'yes';
  } catch (err) {
    if (asked.signal.aborted) return false;
    throw err;
  } finally {
    rl.close();
  }
}

/** What another apply that finds a lock is told this one is. */
function commandLine(paths: string[], opts: ApplyCommandOptions): string {
  const line = ['vppctl apply', ...paths, ...(opts.plan ? ['--plan', opts.plan] : []), ...(opts.yes ? ['--yes'] : [])].join(' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** One location's outcome, whole; true when it converged. */
function printOutcome(o: ApplyOutcome, lines: ProgressLines): boolean {
  const name = o.location.name;
  const notes = o.notes.map((note) => `note: ${name}: ${note}\n`).join('');
  if (o.result === undefined) {
    lines.print(`${notes}error: ${name} (${o.location.source}): ${o.error}\n`, 'stderr');
    return false;
  }
  const failures = failureLines(o.result).map((line) => `  ${line}\n`).join('');
  if (notes || failures) lines.print(notes + failures, 'stderr');
  lines.print(`${name}: ${applySummaryLine(o.result)}\n`);
  return o.result.converged;
}

export async function runApply(paths: string[], opts: ApplyCommandOptions, io: Io): Promise<{ exitCode: 0 | 1 }> {
  const runOptions = { env: io.env, parallel: opts.parallel, plan: planOptions(opts), ...(opts.stateDir !== undefined && { stateDir: opts.stateDir }) };
  let prepared: PlanRun | undefined;
  const pollIntervalMs = opts.pollInterval === undefined ? undefined : opts.pollInterval * 1000;
  checkApplySettings({ env: io.env, ...(pollIntervalMs !== undefined && { pollIntervalMs }), ...(opts.stateDir !== undefined && { stateDir: opts.stateDir }) });
  try {
    prepared = await planWithProgress(io, 'interrupted; nothing was changed', (onEvent) =>
      opts.plan
        ? prepareSavedPlan(opts.plan, { ...runOptions, ...readOptions(opts), onEvent })
        : planLocations(paths, { ...runOptions, ...readOptions(opts), onEvent, keep: true }),
    );
    printDiagnostics(prepared.diagnostics, io);
    if (!prepared.valid) {
      if (opts.plan) io.stderr.write('The desired state the plan was made from is no longer valid: nothing was applied.\n');
      return { exitCode: 1 };
    }
    const planned = prepared.locations.flatMap((l) => (l.plan ? [l.plan] : []));
    if (planned.length > 0) printPlan(newPlan(planned), { format: 'text', verbose: opts.verbose }, io);
    let ok = printFailures(prepared.locations, io) === 0;
    const refused = prepared.locations.filter((l) => l.error === undefined && l.plan !== undefined && l.plan.errors.length > 0);
    const work = workOf(prepared.locations, opts.stateDir);
    if (refused.length > 0) {
      ok = false;
      if (work.length === 0) io.stderr.write('Apply refused: the plan has errors. Nothing was applied.\n');
      else for (const l of refused) io.stderr.write(`Apply refused for ${l.location.name} (${l.location.source}): its plan has errors. Nothing is applied to it.\n`);
    }
    if (work.length === 0) return { exitCode: ok ? 0 : 1 };
    if (!opts.yes && !(await confirm(io))) {
      io.stderr.write('Apply cancelled. Nothing was changed.\n');
      return { exitCode: 1 };
    }
    const lines = await progressLines(io);
    try {
      await interruptible(io, lines, INTERRUPTED, async () => {
        const outcomes = applyLocations(work, {
          ...runOptions,
          onEvent: showEvents(io, lines),
          command: commandLine(paths, opts),
          ...(pollIntervalMs !== undefined && { pollIntervalMs }),
          ...(opts.stateDir !== undefined && { stateDir: opts.stateDir }),
        });
        // Each location whole, in file order, as soon as it and those before it are done.
        for (const outcome of outcomes) ok = printOutcome(await outcome, lines) && ok;
      });
    } finally {
      lines.stop();
    }
    return { exitCode: ok ? 0 : 1 };
  } finally {
    if (prepared) await closeOpen(prepared.locations);
  }
}
