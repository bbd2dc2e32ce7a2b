/**
 * Importing live locations as desired-state files (`vppctl import`): each token variable's location
 * is read (at most `parallel` at once) and written as YAML whose plan is empty. One location that
 * cannot be read does not stop the others. The read leaves a live-state cache in the state dir
 * (`.vppctl/` in the folder the files go to), so the first plan of the imported files is incremental.
 */
import { join, relative, sep } from 'node:path';
import PQueue from 'p-queue';
import type { VppClient } from '../api/index.js';
import type { MdmInfo } from '../api/types.js';
import { SCHEMA_PATH } from '../config/index.js';
import { identityInFile, importIdentity, importLocation } from '../import/index.js';
import { readCached } from '../live/index.js';
import { cacheOptions } from './cache-options.js';
import { describeError } from '../shared/describe-error.js';
import { makeOutputFolder, writeOutputFile } from '../shared/output-file.js';
import { stateDirIn } from '../shared/state-dir.js';
import { assetNames } from './asset-names.js';
import { openClient } from './connect.js';
import type { RunOptions } from './plan-locations.js';

export interface ImportRequest {
  tokenEnv: string;
  /** location.name for the file; default: the name Apple reports. */
  name?: string;
}

export interface ImportOutcome {
  tokenEnv: string;
  name: string;
  /** The YAML, when no folder was given to write it to. */
  yaml?: string;
  /** The file written, with `out`. */
  file?: string;
  error?: string;
  /** Another installation claims the location: the file names this installation instead (see import/identity.ts). */
  claimedBy?: MdmInfo;
}

export interface ImportRunOptions extends RunOptions {
  /** Folder to write `<location-name>.yaml` into; without it the YAML is returned. */
  out?: string;
  /** Where the live-state caches are; default `.vppctl/` in `out` (or the current folder). */
  stateDir?: string;
  /** Read every location in full and write its cache anew. */
  fullRead?: boolean;
}

/** The schema this vppctl ships, as a path an editor resolves from the folder the YAML lands in. */
function schemaPathFrom(dir: string): string {
  const rel = relative(dir, SCHEMA_PATH).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'location';
}

/** Imports each requested location; the outcomes are in the order asked. */
export async function importLocations(requests: readonly ImportRequest[], opts: ImportRunOptions): Promise<ImportOutcome[]> {
  const queue = new PQueue({ concurrency: Math.max(1, opts.parallel) });
  const schemaPath = schemaPathFrom(opts.out ?? process.cwd());
  const stateDir = opts.stateDir ?? stateDirIn(opts.out ?? '.');
  const outcomes = await Promise.all(
    requests.map((r) =>
      queue.add(async (): Promise<ImportOutcome> => {
        const label = r.name ?? r.tokenEnv;
        const location = { source: r.tokenEnv, name: label };
        let api: VppClient | undefined;
        try {
          api = openClient({ ...location, tokenEnv: r.tokenEnv }, { env: opts.env, ...(opts.onEvent && { onEvent: opts.onEvent }) });
          const { live } = await readCached(api, {
            ...cacheOptions(stateDir, location, opts.onEvent),
            fullRead: opts.fullRead === true,
            onProgress: (p) => opts.onEvent?.({ type: 'read', location, done: p.done, total: p.total }),
          });
          const name = r.name ?? live.locationName ?? 'Location';
          // Never another installation's claim: ours is the one the file being replaced names, if any.
          const replaced = opts.out === undefined ? undefined : await identityInFile(join(opts.out, `${slug(name)}.yaml`));
          const identity = importIdentity(live.mdmInfo, replaced, name);
          if (identity.warning) opts.onEvent?.({ type: 'warning', location: { ...location, name }, message: identity.warning });
          // The names cache goes beside the live-state cache, where the next plan of the written file looks.
          const { names, problem } = await assetNames(api, live, undefined, { stateDir, now: Date.now() });
          if (problem) opts.onEvent?.({ type: 'warning', location: { ...location, name }, message: `apps and books are written without \`name:\`: ${problem}` });
          const yaml = importLocation(live, { name, tokenEnv: r.tokenEnv, mdm: identity.mdm, claimedBy: identity.claimedBy, schemaPath, names });
          return { tokenEnv: r.tokenEnv, name, yaml, ...(identity.claimedBy && { claimedBy: identity.claimedBy }) };
        } catch (err) {
          return { tokenEnv: r.tokenEnv, name: label, error: describeError(err) };
        } finally {
          await api?.close();
          opts.onEvent?.({ type: 'idle', location });
        }
      }),
    ),
  );
  if (opts.out !== undefined) await writeImports(outcomes, opts.out);
  return outcomes;
}

/** Writes each imported YAML as `<slug of its name>.yaml`; two locations of one name get -2, -3… */
async function writeImports(outcomes: ImportOutcome[], dir: string): Promise<void> {
  await makeOutputFolder(dir);
  const taken = new Set<string>();
  for (const o of outcomes) {
    if (o.yaml === undefined) continue;
    const base = slug(o.name);
    let name = `${base}.yaml`;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}.yaml`;
    taken.add(name);
    o.file = join(dir, name);
    await writeOutputFile(o.file, o.yaml, 'the imported file');
    delete o.yaml;
  }
}
