/**
 * Preparing a saved plan (`apply --plan FILE`) for apply. A saved plan must be the plan: the file
 * is only trusted for what was reviewed, never for what is sent.
 *
 * The plan file is read and checked against its schema (plan/plan-file.ts), its desired-state
 * files found relative to it, loaded again and planned against the live locations, read now. Then,
 * per location, the saved plan is refused, with nothing sent, when
 *   1. the live location moved since the plan was made (its fingerprint differs: a stale plan);
 *   2. a saved request no longer fits the location's limits (Apple lowered them). The plan is
 *      refused rather than re-cut: re-cut requests are requests nobody reviewed, and a fresh
 *      `vppctl plan` shows the new cut for review in seconds;
 *   3. the saved requests are not exactly the ones the file and the live state call for now (the
 *      file changed, the plan file was edited, or other flags were given).
 * A location that passes is applied with the plan made now, whose requests are the saved ones.
 * A refused location does not stop the others.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { checkStale } from '../apply/index.js';
import { readPlanFile } from '../plan/plan-file.js';
import type { LocationPlan, PlannedRequest } from '../plan/types.js';
import { planLocations, type LocationOutcome, type PlanRun, type PlanRunOptions } from './plan-locations.js';
import { firstOverLimit } from './request-limits.js';

export interface SavedPlanRun extends PlanRun {
  /** The saved plan's createdAt. */
  createdAt?: string;
}

export async function prepareSavedPlan(file: string, opts: PlanRunOptions): Promise<SavedPlanRun> {
  const cwd = process.cwd();
  const saved = await readPlanFile(file, cwd);
  const files = [...new Set(saved.sources)];
  const run = await planLocations(files.map((abs) => shown(abs, cwd)), { ...opts, keep: true });
  if (!run.valid) return run;
  const found = new Map(run.locations.map((o) => [`${resolve(cwd, o.location.source)}\u0000${o.location.tokenEnv}`, o]));
  const used = new Set<LocationOutcome>();
  const locations = saved.plan.locations.map((plan, i): LocationOutcome => {
    const o = found.get(`${saved.sources[i]!}\u0000${plan.tokenEnv}`);
    if (o === undefined || used.has(o)) {
      return {
        location: { source: plan.source, name: plan.name, tokenEnv: plan.tokenEnv },
        error: `the plan names ${plan.source} with the token variable ${plan.tokenEnv}, which that file no longer declares. Run \`vppctl plan\` again.`,
      };
    }
    used.add(o);
    return checked(plan, o);
  });
  // A file of the plan's folder that the plan does not name is not applied.
  await Promise.all(run.locations.filter((o) => !used.has(o)).map((o) => o.open?.api.close()));
  return { valid: true, diagnostics: run.diagnostics, locations, createdAt: saved.plan.createdAt };
}

/** The location as apply will see it: the plan made now, or an error saying why the saved one is refused. */
function checked(saved: LocationPlan, now: LocationOutcome): LocationOutcome {
  if (now.error !== undefined || now.plan === undefined || now.open === undefined) return now;
  const refuse = (why: string): LocationOutcome => ({ ...now, error: `the saved plan for ${saved.name} is refused: ${why} Nothing was sent to it.` });
  const stale = checkStale(saved, now.open.live);
  if (stale.stale) return { ...now, error: `the saved plan for ${saved.name} is stale: ${stale.reason}. Run \`vppctl plan\` again.` };
  const over = firstOverLimit(saved.requests, now.open.live.limits);
  if (over) return refuse(`${over.what}. Apple lowered its limits since the plan was made; \`vppctl plan\` cuts the requests to the new ones for review.`);
  const differ = firstDifference(saved.requests, now.plan.requests);
  if (differ) {
    return refuse(
      `its requests are not the ones ${saved.source} and the live location call for now (${differ}). ` +
        'The file changed since the plan was made, the plan file was edited, or the plan was made with other flags (--take-over, --separate-users-and-devices, --allow-mass-removal). Run `vppctl plan` again.',
    );
  }
  return now;
}

/** Where two request lists first differ, in words; undefined when they are the same. */
function firstDifference(saved: readonly PlannedRequest[], now: readonly PlannedRequest[]): string | undefined {
  const n = Math.max(saved.length, now.length);
  for (let i = 0; i < n; i++) {
    const a = saved[i];
    const b = now[i];
    if (a !== undefined && b !== undefined && canonical(a) === canonical(b)) continue;
    const what = (r: PlannedRequest | undefined) => (r === undefined ? 'nothing' : r.endpoint);
    const same = a?.endpoint === b?.endpoint ? ` with another body` : '';
    return `request ${i + 1} of ${saved.length} is ${what(a)}${same} in the file, ${what(b)} now (of ${now.length})`;
  }
  return undefined;
}

/** JSON with object keys sorted, so key order in a hand-saved file is not a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A file as the plan and messages show it: relative to the current folder when inside it. */
function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
