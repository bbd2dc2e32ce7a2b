/** `vppctl import`: write desired-state YAML that matches the live location (bootstraps a repo). */
import { dirname, join, relative, sep } from 'node:path';
import { DEFAULT_TOKEN_ENV, SCHEMA_PATH } from '../../config/index.js';
import { identityInFile, importIdentity, importLocation } from '../../import/index.js';
import { makeOutputFolder, writeOutputFile } from '../../shared/output-file.js';
import type { Io } from '../io.js';
import { connect, readLive } from '../locations.js';

export interface ImportCommandOptions {
  out?: string;
  tokenEnv?: string;
  name?: string;
}

/** The schema this vppctl ships, as a path an editor resolves from the folder the YAML lands in. */
function schemaPathFrom(dir: string): string {
  const rel = relative(dir, SCHEMA_PATH).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function fileNameFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'location'}.yaml`;
}

export async function runImport(opts: ImportCommandOptions, io: Io): Promise<{ exitCode: 0 | 1; file?: string }> {
  const tokenEnv = opts.tokenEnv ?? DEFAULT_TOKEN_ENV;
  const label = opts.name ?? 'location';
  const api = connect({ name: label, tokenEnv }, io);
  try {
    const live = await readLive(api, label, io);
    const name = opts.name ?? live.locationName ?? 'Location';
    const file = opts.out === undefined ? undefined : join(opts.out, fileNameFor(name));
    // Never another installation's claim: ours is the one the file being replaced names, if any.
    const identity = importIdentity(live.mdmInfo, file === undefined ? undefined : await identityInFile(file), name);
    if (identity.warning) io.stderr.write(`warning: ${identity.warning}\n`);
    const yaml = importLocation(live, { name, tokenEnv, mdm: identity.mdm, claimedBy: identity.claimedBy, schemaPath: schemaPathFrom(opts.out ?? process.cwd()) });
    if (file === undefined) {
      io.stdout.write(yaml);
      return { exitCode: 0 };
    }
    await makeOutputFolder(dirname(file));
    await writeOutputFile(file, yaml, 'the imported file');
    const expect = identity.claimedBy ? 'it shows the take-over, and refuses to apply without --take-over' : 'it should report no changes';
    io.stderr.write(`Wrote ${file}. Run \`vppctl plan ${file}\`: ${expect}.\n`);
    return { exitCode: 0, file };
  } finally {
    await api.close();
  }
}
