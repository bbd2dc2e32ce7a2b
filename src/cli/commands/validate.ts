/**
 * `vppctl validate`: load and check desired-state files; nothing is sent anywhere, no token needed.
 * `--format json` prints the result for scripts: the location files (a workflow's matrix) and the
 * diagnostics.
 */
import { githubAnnotation } from '../../config/index.js';
import { validateLocations } from '../../operations/index.js';
import { plural } from '../../shared/plural.js';
import type { Io } from '../io.js';
import { printDiagnostics } from '../print.js';

export interface ValidateCommandOptions {
  format?: 'text' | 'json';
  parallel?: number;
}

export async function runValidate(paths: string[], opts: ValidateCommandOptions, io: Io): Promise<{ exitCode: 0 | 1 }> {
  const run = await validateLocations(paths, opts.parallel === undefined ? {} : { parallel: opts.parallel });
  printDiagnostics(run.diagnostics, io);
  // Run as a step of a GitHub workflow, the errors are annotations on the lines too.
  if (io.env.GITHUB_ACTIONS === 'true') {
    for (const d of run.diagnostics) io.stdout.write(`${githubAnnotation(d)}\n`);
  }
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ valid: run.valid, locations: run.locations, diagnostics: run.diagnostics }, null, 2)}\n`);
  } else if (run.valid) {
    const names = run.locations.map((l) => `${l.name} (${l.file})`).join(', ');
    io.stdout.write(`Valid: ${plural(run.locations.length, 'location')}${names ? `: ${names}` : ''}.\n`);
  } else {
    const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr.write(`Invalid: ${plural(errors, 'error')}. Nothing was sent.\n`);
  }
  return { exitCode: run.valid ? 0 : 1 };
}
