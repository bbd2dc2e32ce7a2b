/** `vppctl import`: write desired-state YAML that matches the live location (bootstraps a repo). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DEFAULT_TOKEN_ENV, SCHEMA_PATH } from '../../config/index.js';
import { importLocation } from '../../import/index.js';
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
    const yaml = importLocation(live, { name, tokenEnv, mdm: live.mdmInfo, schemaPath: schemaPathFrom(opts.out ?? process.cwd()) });
    if (!opts.out) {
      io.stdout.write(yaml);
      return { exitCode: 0 };
    }
    await mkdir(opts.out, { recursive: true });
    const file = join(opts.out, fileNameFor(name));
    await writeFile(file, yaml);
    io.stderr.write(`Wrote ${file}. Run \`vppctl plan ${file}\`: it should report no changes.\n`);
    return { exitCode: 0, file };
  } finally {
    await api.close();
  }
}
