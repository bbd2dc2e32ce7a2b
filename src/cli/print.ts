/** How the commands print what the operations return: diagnostics, plans, locations that failed. */
import { formatDiagnostic } from '../config/index.js';
import type { Diagnostic } from '../config/types.js';
import type { LocationOutcome } from '../operations/index.js';
import { planJson } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { colorEnabled, renderMarkdown, renderText } from '../render/index.js';
import type { Io } from './io.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io): void {
  const color = colorEnabled(io.stderr, io.env);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, { color })}\n`);
}

/** `json`: the plan already rendered as JSON (planJson), when the caller needed it anyway. */
export function printPlan(plan: Plan, opts: { format?: PlanFormat; verbose?: boolean; json?: string }, io: Io): void {
  const format = opts.format ?? 'text';
  if (format === 'json') io.stdout.write(opts.json ?? planJson(plan));
  else if (format === 'markdown') io.stdout.write(`${renderMarkdown(plan)}\n`);
  else io.stdout.write(`${renderText(plan, { color: colorEnabled(io.stdout, io.env), verbose: opts.verbose })}\n`);
}

/** Each location that could not be planned (or whose saved plan was refused), in file order. */
export function printFailures(locations: readonly Pick<LocationOutcome, 'location' | 'error'>[], io: Io): number {
  let failed = 0;
  for (const l of locations) {
    if (l.error === undefined) continue;
    failed++;
    io.stderr.write(`error: ${l.location.name} (${l.location.source}): ${l.error}\n`);
  }
  return failed;
}
