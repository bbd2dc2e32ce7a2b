/**
 * `vppctl status`: each location read and planned as `plan` does (side by side, `parallel` at
 * once, names from the cache or the store), then told as counts instead of changes
 * (status/location-status.ts). Read-only: nothing is sent but reads. A location that cannot be
 * read is reported without stopping the others.
 */
import type { Diagnostic } from '../config/types.js';
import { locationStatus } from '../status/location-status.js';
import type { LocationStatus } from '../status/types.js';
import { closeOpen, planLocations, type PlanRunOptions } from './plan-locations.js';
import type { LocationRef } from './events.js';

export interface StatusOutcome {
  location: LocationRef & { tokenEnv: string };
  status?: LocationStatus;
  /** Why the location has no status, in one line. */
  error?: string;
}

export interface StatusRun {
  valid: boolean;
  diagnostics: Diagnostic[];
  /** One per location, in the order of the files. */
  locations: StatusOutcome[];
}

export async function statusLocations(paths: string[], opts: Omit<PlanRunOptions, 'keep'>): Promise<StatusRun> {
  const run = await planLocations(paths, { ...opts, keep: true });
  try {
    const locations = run.locations.map((o): StatusOutcome => {
      if (o.plan === undefined || o.open === undefined) return { location: o.location, error: o.error ?? 'the location was not read' };
      const status = locationStatus(o.open.state, o.open.live, o.plan, o.open.context);
      return o.error === undefined ? { location: o.location, status } : { location: o.location, status, error: o.error };
    });
    return { valid: run.valid, diagnostics: run.diagnostics, locations };
  } finally {
    await closeOpen(run.locations);
  }
}
