/**
 * The plan file: the one module that makes a Plan value for saving, writes it as JSON and reads
 * it back. Its format is design.md's plan JSON, published as a JSON Schema in
 * schemas/plan.schema.json.
 *
 * Versions. `formatVersion` is the major version. Fields are added within it, never renamed or
 * removed, so a reader accepts fields it does not know; a plan of another major version is
 * refused with a sentence saying which vppctl reads it.
 *
 * Paths. Each location's `source` is the desired-state file as the plan command was given it
 * (relative to the folder it ran in). A plan saved with `--out FILE` also records `sourceRoot`,
 * that folder as seen from the plan file's folder, so `apply --plan FILE` finds the files from
 * any folder. A plan without `sourceRoot` (printed with `--format json` and redirected) has its
 * sources resolved from the plan file's own folder.
 *
 * Reading checks the shape only (the schema, compiled at build time into
 * plan-schema-validator.generated.ts): whether the requests are the ones the desired state and the
 * live location call for is apply's question (operations/saved-plan.ts).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { validate as generatedValidate } from './plan-schema-validator.generated.js';
import { fsReason } from '../shared/fs-errors.js';
import { writeOutputFile } from '../shared/output-file.js';
import type { LocationPlan, Plan, PlanSummary } from './types.js';

export const PLAN_FORMAT_VERSION = 1;

/** Found relative to this module both in src/plan (tests) and in dist/plan (the built CLI). */
export const PLAN_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/plan.schema.json', import.meta.url));

/** The generated code is untyped; this is the part of ajv's ValidateFunction it provides. */
const validate = generatedValidate as { (data: unknown): boolean; errors?: ErrorObject[] | null };

/** A plan file that cannot be used: the message names the file and what is wrong with it. */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

/** A new plan of these locations, stamped now (to the second: the format's `createdAt`). */
export function newPlan(locations: LocationPlan[], now = new Date()): Plan {
  return { formatVersion: PLAN_FORMAT_VERSION, createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), locations };
}

const PLAN_KEYS = ['formatVersion', 'createdAt', 'sourceRoot', 'locations'] as const;
/** design.md's order first, then the additive extensions. */
const LOCATION_KEYS = [
  'name', 'source', 'uId', 'fingerprint', 'summary', 'requests', 'warnings', 'errors',
  'tokenEnv', 'batching', 'changes',
] as const;
const SUMMARY_KEYS = [
  'associate', 'disassociate', 'revoke', 'usersCreate', 'usersUpdate', 'usersRetire',
  'subscriptionsAssociate', 'subscriptionsDisassociate', 'requests',
] as const;

/** A copy of `value` with `first` keys leading in that order; keys it does not know keep their place after. */
function ordered<T extends object>(value: T, first: readonly (keyof T & string)[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in value) out[k] = value[k];
  for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = v;
  return out as T;
}

function orderedLocation(loc: LocationPlan): LocationPlan {
  return ordered({ ...loc, summary: ordered<PlanSummary>(loc.summary, SUMMARY_KEYS) }, LOCATION_KEYS);
}

/** The plan as `--format json` prints it: the Plan value in design.md's field order, 2-space indented. */
export function planJson(plan: Plan): string {
  const value = ordered({ ...plan, locations: plan.locations.map(orderedLocation) }, PLAN_KEYS);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `plan` with `sourceRoot` set for a file at `file`: the current folder as seen from the file's folder. */
export function forPlanFile(plan: Plan, file: string, cwd = process.cwd()): Plan {
  const root = relative(dirname(resolve(cwd, file)), cwd).split(sep).join('/');
  return { ...plan, sourceRoot: root === '' ? '.' : root };
}

/** Writes `json` (planJson of forPlanFile(plan, file)) to `file`. */
export async function writePlanFile(file: string, json: string): Promise<void> {
  await writeOutputFile(file, json, 'the plan');
}

/** A plan read from a file, and where its locations' files are. */
export interface SavedPlan {
  plan: Plan;
  /** Absolute path of each location's desired-state file, in the plan's order. */
  sources: string[];
}

/** Reads, parses and checks a plan file; resolves its sources. Throws PlanFileError. */
export async function readPlanFile(file: string, cwd = process.cwd()): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new PlanFileError(`cannot read the saved plan ${file}: ${fsReason(err, 'read')}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PlanFileError(`${file} is not a vppctl plan: it is not JSON (${(err as Error).message}).`);
  }
  const plan = checkPlan(data, file);
  const base = resolve(dirname(resolve(cwd, file)), plan.sourceRoot ?? '.');
  return { plan, sources: plan.locations.map((l) => (isAbsolute(l.source) ? l.source : resolve(base, l.source))) };
}

/** The parsed JSON as a Plan, or a PlanFileError saying the first thing wrong with it. */
export function checkPlan(data: unknown, file: string): Plan {
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || version === undefined) {
    throw new PlanFileError(`${file} is not a vppctl plan (no formatVersion; save plans with \`vppctl plan --out FILE\`).`);
  }
  if (version !== PLAN_FORMAT_VERSION) {
    const newer = typeof version === 'number' && version > PLAN_FORMAT_VERSION;
    throw new PlanFileError(
      `${file} is a plan of format ${JSON.stringify(version)}; this vppctl reads format ${PLAN_FORMAT_VERSION}. ` +
        (newer ? 'It was made by a newer vppctl: apply it with that version, or run `vppctl plan` again with this one.' : 'Run `vppctl plan` again to make a plan this vppctl can apply.'),
    );
  }
  if (!validate(data)) {
    const e = validate.errors?.[0];
    const where = e?.instancePath ? `at ${e.instancePath}` : 'at the top';
    throw new PlanFileError(`${file} is not a valid vppctl plan: ${where}, ${e?.message ?? 'it does not match schemas/plan.schema.json'}.`);
  }
  return data as Plan;
}
