/** `vppctl status`: read each live location and print its license health; changes nothing. */
import { statusLocations } from '../../operations/index.js';
import { renderStatusCsv, renderStatusMarkdown, renderStatusText } from '../../render/index.js';
import type { StatusReport } from '../../status/types.js';
import type { Io } from '../io.js';
import { planWithProgress, readOptions } from './plan.js';
import { printDiagnostics, printFailures } from '../print.js';

export type StatusFormat = 'text' | 'markdown' | 'json' | 'csv';

export interface StatusCommandOptions {
  format?: StatusFormat;
  parallel: number;
  fullRead?: boolean;
  stateDir?: string;
}

const PLAN_AS_IS = { allowMassRemoval: false, takeOver: false, separateUsersAndDevices: false };

function rendered(report: StatusReport, format: StatusFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return renderStatusCsv(report);
  return `${format === 'markdown' ? renderStatusMarkdown(report) : renderStatusText(report)}\n`;
}

export async function runStatus(paths: string[], opts: StatusCommandOptions, io: Io): Promise<{ exitCode: 0 | 1 }> {
  const run = await planWithProgress(io, 'interrupted; nothing was changed', (onEvent) =>
    statusLocations(paths, { env: io.env, parallel: opts.parallel, plan: PLAN_AS_IS, onEvent, ...readOptions(opts) }),
  );
  printDiagnostics(run.diagnostics, io);
  if (!run.valid) return { exitCode: 1 };
  const locations = run.locations.flatMap((l) => (l.status ? [l.status] : []));
  const report: StatusReport = { formatVersion: 1, createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), locations };
  if (locations.length > 0) io.stdout.write(rendered(report, opts.format ?? 'text'));
  return { exitCode: printFailures(run.locations, io) > 0 ? 1 : 0 };
}
