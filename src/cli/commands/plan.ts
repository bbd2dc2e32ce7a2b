/** `vppctl plan`: read each live location, diff it against its file, print the plan; changes nothing. */
import { planLocations, type PlanRun } from '../../operations/index.js';
import { isNoop } from '../../plan/index.js';
import { forPlanFile, newPlan, planJson, writePlanFile } from '../../plan/plan-file.js';
import type { PlanOptions } from '../../plan/types.js';
import { interruptible } from '../interrupt.js';
import type { Io } from '../io.js';
import { printDiagnostics, printFailures, printPlan, type PlanFormat } from '../print.js';
import { progressLines } from '../progress.js';
import { showEvents } from '../show-events.js';

export interface PlanCommandOptions {
  format?: PlanFormat;
  out?: string;
  detailedExitcode?: boolean;
  verbose?: boolean;
  allowMassRemoval?: boolean;
  takeOver?: boolean;
  separateUsersAndDevices?: boolean;
  parallel: number;
  /** Ignore the live-state caches. */
  fullRead?: boolean;
  stateDir?: string;
}

export function planOptions(opts: Omit<PlanCommandOptions, 'parallel'>): PlanOptions {
  return {
    allowMassRemoval: Boolean(opts.allowMassRemoval),
    takeOver: Boolean(opts.takeOver),
    separateUsersAndDevices: Boolean(opts.separateUsersAndDevices),
  };
}

/** Where the live-state caches are and whether to ignore them (plan, apply, status). */
export function readOptions(opts: Pick<PlanCommandOptions, 'fullRead' | 'stateDir'>): { fullRead: boolean; stateDir?: string } {
  return { fullRead: Boolean(opts.fullRead), ...(opts.stateDir !== undefined && { stateDir: opts.stateDir }) };
}

/**
 * Reads and plans the locations side by side, a progress line each on a terminal; the lines are
 * gone before anything else is printed. A Ctrl-C gives the terminal back and exits 130.
 */
export async function planWithProgress<R = PlanRun>(io: Io, message: string, work: (onEvent: ReturnType<typeof showEvents>) => Promise<R>): Promise<R> {
  const lines = await progressLines(io);
  try {
    return await interruptible(io, lines, message, () => work(showEvents(io, lines)));
  } finally {
    lines.stop();
  }
}

export async function runPlan(paths: string[], opts: PlanCommandOptions, io: Io): Promise<{ exitCode: 0 | 1 | 2 }> {
  const run = await planWithProgress(io, 'interrupted; nothing was changed', (onEvent) =>
    planLocations(paths, { env: io.env, parallel: opts.parallel, plan: planOptions(opts), onEvent, ...readOptions(opts) }),
  );
  printDiagnostics(run.diagnostics, io);
  if (!run.valid) return { exitCode: 1 };
  const planned = run.locations.flatMap((l) => (l.plan ? [l.plan] : []));
  const plan = opts.out ? forPlanFile(newPlan(planned), opts.out) : newPlan(planned);
  // A district's plan JSON is megabytes: rendered once for both --format json and --out.
  const json = opts.out || opts.format === 'json' ? planJson(plan) : undefined;
  if (planned.length > 0) printPlan(plan, { format: opts.format, verbose: opts.verbose, ...(json !== undefined && { json }) }, io);
  if (opts.out) await writePlanFile(opts.out, json!);
  const failed = printFailures(run.locations, io);
  if (failed > 0 || planned.some((l) => l.errors.length > 0)) return { exitCode: 1 };
  return { exitCode: opts.detailedExitcode && planned.some((l) => !isNoop(l)) ? 2 : 0 };
}
