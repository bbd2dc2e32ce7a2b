/** Turns the PATH arguments into the list of desired-state files: a directory means every *.yaml / *.yml in it. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fsReason } from '../shared/fs-errors.js';
import type { Diagnostic } from './types.js';

export interface InputFile {
  /** As shown in messages and plans: the argument, or the argument joined with the file name. */
  display: string;
  abs: string;
}

const YAML_FILE = /\.ya?ml$/i;

export async function expandPaths(paths: readonly string[], cwd: string): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (display: string, abs: string) => {
    // The same file named twice (a directory and a file in it) is one location, not a duplicate.
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ display, abs });
  };
  for (const given of paths.length > 0 ? paths : ['.']) {
    const abs = path.resolve(cwd, given);
    const unreadable = (err: NodeJS.ErrnoException) => {
      const message = err.code === 'ENOENT' ? `${given} does not exist` : `${given} cannot be read: ${fsReason(err, 'read')}`;
      diagnostics.push({ file: given, line: 1, col: 1, severity: 'error', message, hint: 'give a desired-state YAML file or a folder of them' });
    };
    const info = await stat(abs).catch((err: unknown) => err as NodeJS.ErrnoException);
    if (info instanceof Error) {
      unreadable(info);
    } else if (info.isDirectory()) {
      const entries = await readdir(abs, { withFileTypes: true }).catch((err: unknown) => err as NodeJS.ErrnoException);
      if (entries instanceof Error) {
        unreadable(entries);
        continue;
      }
      const names = entries
        .filter((d) => (d.isFile() || d.isSymbolicLink()) && YAML_FILE.test(d.name))
        .map((d) => d.name)
        // Plain code-unit order, so every machine loads (and reports) the files in the same order.
        .sort();
      if (names.length === 0) {
        diagnostics.push({ file: given, line: 1, col: 1, severity: 'error', message: `the folder ${given} holds no .yaml or .yml files` });
      }
      for (const name of names) add(path.join(given, name), path.join(abs, name));
    } else {
      add(given, abs);
    }
  }
  return { files, diagnostics };
}
