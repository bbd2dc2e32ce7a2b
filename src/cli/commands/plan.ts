/** `vppctl plan`: read each live location, diff it against its file, print the plan; changes nothing. */
import type { Diagnostic } from '../../config/types.js';
import { isNoop } from '../../plan/index.js';
import type { LocationPlan, Plan, PlanOptions } from '../../plan/types.js';
import { colorEnabled, renderJson, renderMarkdown, renderText } from '../../render/index.js';
import { writeOutputFile } from '../../shared/output-file.js';
import { describeError } from '../errors.js';
import type { Io } from '../io.js';
import { EarlyReads, loadStates, planLocation, printDiagnostics, type PlannedLocation } from '../locations.js';

export interface PlanCommandOptions {
  format?: 'text' | 'markdown' | 'json';
  out?: string;
  detailedExitcode?: boolean;
  verbose?: boolean;
  allowMassRemoval?: boolean;
  takeOver?: boolean;
  separateUsersAndDevices?: boolean;
}

export function planOptions(opts: PlanCommandOptions): PlanOptions {
  return {
    allowMassRemoval: Boolean(opts.allowMassRemoval),
    takeOver: Boolean(opts.takeOver),
    separateUsersAndDevices: Boolean(opts.separateUsersAndDevices),
  };
}

export function newPlan(locations: LocationPlan[], now = new Date()): Plan {
  return { formatVersion: 1, createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), locations };
}

/**
 * Plans every location of the files given. Locations that fail to plan (missing token, API error)
 * are reported and leave the exit code at 1; the others are still planned and shown.
 *
 * Each live read begins as soon as its file's YAML has passed the schema, before its roster files
 * are read and checked: loading a district's rosters takes about a second that the read would
 * otherwise wait for. If anything in the load is invalid, the reads are stopped and their clients
 * closed unused; nothing is ever written unless every file loaded without errors (and `plan`
 * itself never writes).
 */
export async function planAll(
  paths: string[],
  opts: PlanCommandOptions,
  io: Io,
): Promise<{ planned: PlannedLocation[]; failed: number; diagnostics: Diagnostic[]; valid: boolean }> {
  const reads = new EarlyReads(io, Boolean(opts.takeOver));
  const { states, diagnostics, ok } = await loadStates(paths, { onLocation: reads.start });
  // Messages only once no progress bar is drawing.
  await (ok ? reads.settled() : reads.abandon());
  printDiagnostics(diagnostics, io);
  const planned: PlannedLocation[] = [];
  let failed = 0;
  if (!ok) return { planned, failed, diagnostics, valid: false };
  for (const state of states) {
    try {
      planned.push(await planLocation(state, reads.of(state), planOptions(opts)));
    } catch (err) {
      failed++;
      io.stderr.write(`error: ${state.location.name} (${state.source}): ${describeError(err)}\n`);
    }
  }
  return { planned, failed, diagnostics, valid: true };
}

/** `json`: the plan already rendered as JSON, when the caller needed it anyway. */
export function printPlan(plan: Plan, opts: PlanCommandOptions, io: Io, json?: string): void {
  const format = opts.format ?? 'text';
  if (format === 'json') io.stdout.write(json ?? renderJson(plan));
  else if (format === 'markdown') io.stdout.write(`${renderMarkdown(plan)}\n`);
  else io.stdout.write(`${renderText(plan, { color: colorEnabled(io.stdout, io.env), verbose: opts.verbose })}\n`);
}

export async function runPlan(
  paths: string[],
  opts: PlanCommandOptions,
  io: Io,
): Promise<{ exitCode: 0 | 1 | 2; plan?: Plan; diagnostics: Diagnostic[] }> {
  const { planned, failed, diagnostics, valid } = await planAll(paths, opts, io);
  await Promise.all(planned.map((p) => p.api.close()));
  if (!valid) return { exitCode: 1, diagnostics };
  const plan = newPlan(planned.map((p) => p.plan));
  // A district's plan JSON is megabytes: rendered once for both --format json and --out.
  const json = opts.out || opts.format === 'json' ? renderJson(plan) : undefined;
  if (planned.length > 0) printPlan(plan, opts, io, json);
  if (opts.out) await writeOutputFile(opts.out, json!, 'the plan');
  const hasErrors = plan.locations.some((l) => l.errors.length > 0);
  if (failed > 0 || hasErrors) return { exitCode: 1, plan, diagnostics };
  const changes = plan.locations.some((l) => !isNoop(l));
  return { exitCode: opts.detailedExitcode && changes ? 2 : 0, plan, diagnostics };
}
