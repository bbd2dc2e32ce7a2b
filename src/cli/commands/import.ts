/** `vppctl import`: write desired-state YAML that matches each live location (bootstraps a repo). */
import { DEFAULT_TOKEN_ENV } from '../../config/index.js';
import { importLocations, UsageError, type ImportOutcome } from '../../operations/index.js';
import { interruptible } from '../interrupt.js';
import type { Io } from '../io.js';
import { progressLines } from '../progress.js';
import { showEvents } from '../show-events.js';
import { readOptions } from './plan.js';

export interface ImportCommandOptions {
  out?: string;
  /** One variable per location. */
  tokenEnv?: string[];
  name?: string;
  parallel: number;
  fullRead?: boolean;
  stateDir?: string;
}

export async function runImport(opts: ImportCommandOptions, io: Io): Promise<{ exitCode: 0 | 1 }> {
  const tokenEnvs = opts.tokenEnv?.length ? [...new Set(opts.tokenEnv)] : [DEFAULT_TOKEN_ENV];
  if (tokenEnvs.length > 1 && opts.name !== undefined) throw new UsageError('--name names one location: leave it out when importing several (each file takes the name Apple reports).');
  if (tokenEnvs.length > 1 && opts.out === undefined) throw new UsageError('importing several locations writes one file each: give the folder with --out DIR.');
  const lines = await progressLines(io);
  let outcomes: ImportOutcome[];
  try {
    outcomes = await interruptible(io, lines, 'interrupted', () =>
      importLocations(
        tokenEnvs.map((tokenEnv) => ({ tokenEnv, ...(opts.name !== undefined && { name: opts.name }) })),
        { env: io.env, parallel: opts.parallel, onEvent: showEvents(io, lines), ...(opts.out !== undefined && { out: opts.out }), ...readOptions(opts) },
      ),
    );
  } finally {
    lines.stop();
  }
  let ok = true;
  for (const o of outcomes) {
    if (o.error !== undefined) {
      ok = false;
      io.stderr.write(`error: ${o.tokenEnv}: ${o.error}\n`);
    } else if (o.file !== undefined) {
      const expect = o.claimedBy ? 'it shows the take-over, and refuses to apply without --take-over' : 'it should report no changes';
      io.stderr.write(`Wrote ${o.file}. Run \`vppctl plan ${o.file}\`: ${expect}.\n`);
    } else {
      io.stdout.write(o.yaml!);
    }
  }
  return { exitCode: ok ? 0 : 1 };
}
