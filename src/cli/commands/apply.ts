/**
 * `vppctl apply`: plan (or read a saved plan), confirm, execute and verify each location.
 * A saved plan is refused when the live state moved since it was made; a plan with errors is
 * never executed; without --yes a person must type "yes" at a terminal.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { APPLE_MIN_POLL_SECONDS, checkPollInterval, settingsFromEnv } from '../../api/index.js';
import { applyPlan, applySummaryLine, checkStale, defaultStateDir, failureLines, hasPending, Journal, type ApplyResult } from '../../apply/index.js';
import { loadDesiredStates } from '../../config/index.js';
import { refreshSnapshot } from '../../live/index.js';
import { isNoop, makePlan } from '../../plan/index.js';
import { summaryLine } from '../../render/index.js';
import { plural } from '../../shared/plural.js';
import { ensureStateDir } from '../../shared/state-dir.js';
import type { LocationPlan, Plan } from '../../plan/types.js';
import { describeError, UsageError } from '../errors.js';
import { interactive, type Io } from '../io.js';
import { EarlyReads, type PlannedLocation } from '../locations.js';
import { progressBar } from '../progress.js';
import { newPlan, planAll, planOptions, printPlan, type PlanCommandOptions } from './plan.js';

export interface ApplyCommandOptions extends PlanCommandOptions {
  yes?: boolean;
  /** A saved plan file (plan --out). */
  plan?: string;
  /** Seconds between /status polls of a pending event. */
  pollInterval?: number;
  stateDir?: string;
}

async function confirm(io: Io): Promise<boolean> {
  if (!io.stdin?.isTTY || !io.stdout.isTTY) {
    throw new UsageError('apply changes licenses and needs confirmation: run it at a terminal, or pass --yes (CI).');
  }
  const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  try {
    const answer = await rl.question('\nDo you want to apply these changes? Only "yes" will be accepted: ');
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

async function readSavedPlan(file: string): Promise<Plan> {
  let plan: Plan;
  try {
    plan = JSON.parse(await readFile(file, 'utf8')) as Plan;
  } catch (err) {
    throw new UsageError(`cannot read the saved plan ${file}: ${(err as Error).message}`);
  }
  if (plan?.formatVersion !== 1 || !Array.isArray(plan.locations)) {
    throw new UsageError(`${file} is not a vppctl plan (expected formatVersion 1 from \`vppctl plan --out\`).`);
  }
  return plan;
}

/** For a saved plan: the desired state of each location, re-read from the file the plan names. */
async function plannedFromSaved(saved: Plan, opts: ApplyCommandOptions, io: Io): Promise<PlannedLocation[]> {
  const sources = [...new Set(saved.locations.map((l) => l.source))];
  const { states, diagnostics } = await loadDesiredStates(sources);
  const invalid = diagnostics.find((d) => d.severity === 'error');
  if (invalid) throw new UsageError(`the desired state the plan was made from is no longer valid: ${invalid.file}:${invalid.line}:${invalid.col}: ${invalid.message}`);
  const reads = new EarlyReads(io, Boolean(opts.takeOver));
  const planned: PlannedLocation[] = [];
  try {
    for (const plan of saved.locations) {
      const state = states.find((s) => s.source === plan.source && s.location.tokenEnv === plan.tokenEnv);
      if (!state) throw new UsageError(`the plan names ${plan.source}, which no longer declares that location.`);
      const { api, live } = await reads.of(state);
      planned.push({ state, api, live, plan });
      const stale = checkStale(plan, live);
      if (stale.stale) throw new UsageError(`the saved plan for ${plan.name} is stale: ${stale.reason} Run \`vppctl plan\` again.`);
    }
  } catch (err) {
    // The caller only closes what this returns: the clients opened so far are closed here.
    await Promise.all(planned.map((p) => p.api.close()));
    throw err;
  }
  return planned;
}

function journalOf(p: PlannedLocation, opts: ApplyCommandOptions): Journal {
  return Journal.open(opts.stateDir ?? defaultStateDir(p.state.source), p.plan.uId);
}

async function applyLocation(p: PlannedLocation, opts: ApplyCommandOptions, io: Io): Promise<ApplyResult> {
  const journal = journalOf(p, opts);
  let live = p.live;
  const replan = async (): Promise<LocationPlan> => {
    live = await refreshSnapshot(p.api, live);
    return makePlan(p.state, live, planOptions(opts));
  };
  const bar = await progressBar(io);
  const log = !interactive(io.stderr, io.env);
  try {
    return await applyPlan(
      p.plan,
      { api: p.api, journal, replan },
      {
        pollIntervalMs: (opts.pollInterval ?? 30) * 1000,
        onProgress: (pr) =>
          bar.update(pr.pairsDone, Math.max(pr.pairsTotal, 1), `${p.plan.name}: ${pr.phase}, ${pr.requestsSent}/${pr.requestsTotal} requests, ${plural(pr.eventsSettled, 'event')} settled, pairs`),
        onLog: (line) => log && io.stderr.write(`${p.plan.name}: ${line}\n`),
      },
    );
  } finally {
    bar.stop();
  }
}

function needsWork(p: PlannedLocation, opts: ApplyCommandOptions): boolean {
  return !isNoop(p.plan) || hasPending(journalOf(p, opts).pending());
}

export async function runApply(
  paths: string[],
  opts: ApplyCommandOptions,
  io: Io,
): Promise<{ exitCode: 0 | 1; plan?: Plan; summary: string }> {
  let planned: PlannedLocation[] = [];
  try {
    // Settings that would misuse Apple's service or leave no place for the journal fail before any request.
    checkPollInterval(opts.pollInterval ?? APPLE_MIN_POLL_SECONDS, settingsFromEnv(io.env).baseUrl);
    if (opts.stateDir !== undefined) ensureStateDir(opts.stateDir);
    let failed = 0;
    if (opts.plan) {
      planned = await plannedFromSaved(await readSavedPlan(opts.plan), opts, io);
    } else {
      const r = await planAll(paths, opts, io);
      if (!r.valid) return { exitCode: 1, summary: 'Invalid desired state: nothing was applied.' };
      planned = r.planned;
      failed = r.failed;
    }
    const plan = newPlan(planned.map((p) => p.plan));
    if (planned.length > 0) printPlan(plan, { ...opts, format: 'text' }, io);
    if (failed > 0 || plan.locations.some((l) => l.errors.length > 0)) {
      const summary = 'Apply refused: the plan has errors. Nothing was applied.';
      io.stderr.write(`${summary}\n`);
      return { exitCode: 1, plan, summary };
    }
    const work = planned.filter((p) => needsWork(p, opts));
    // Nothing to send: the plan's own summary line (it counts holders waiting for a license).
    if (work.length === 0) return { exitCode: 0, plan, summary: summaryLine(plan) };
    if (!opts.yes && !(await confirm(io))) {
      io.stderr.write('Apply cancelled. Nothing was changed.\n');
      return { exitCode: 1, plan, summary: 'Apply cancelled.' };
    }
    const lines: string[] = [];
    let converged = true;
    for (const p of work) {
      const result = await applyLocation(p, opts, io);
      for (const line of failureLines(result)) io.stderr.write(`  ${line}\n`);
      const line = `${p.plan.name}: ${applySummaryLine(result)}`;
      io.stdout.write(`${line}\n`);
      lines.push(line);
      converged &&= result.converged;
    }
    return { exitCode: converged ? 0 : 1, plan, summary: lines.join('\n') };
  } catch (err) {
    const summary = `error: ${describeError(err)}`;
    io.stderr.write(`${summary}\n`);
    return { exitCode: 1, summary };
  } finally {
    await Promise.all(planned.map((p) => p.api.close()));
  }
}
