/**
 * The state dir: what vppctl keeps between runs for each location it manages, the apply journals,
 * the per-location lock and the live-state cache. It is `.vppctl/` beside each desired-state file
 * unless `--state-dir DIR` moves it. Nothing in it ever holds the token.
 *
 * `ensureStateDir` is the one place the folder is made and checked, so every writer fails the same
 * clear way (one sentence naming the folder) instead of with a raw EACCES, or spinning on a pseudo
 * file system such as /proc that accepts a mkdir and then behaves like nothing else.
 */
import { accessSync, constants, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fsReason } from './fs-errors.js';

/** A state dir that cannot be used: the message names the folder and what is wrong with it. */
export class StateDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateDirError';
  }
}

/** `.vppctl/` beside the desired-state file, unless --state-dir says otherwise. */
export function defaultStateDir(desiredFile: string): string {
  return stateDirIn(dirname(desiredFile));
}

/** `.vppctl/` in `folder` (import: the folder the desired-state files are written to). */
export function stateDirIn(folder: string): string {
  return join(folder, '.vppctl');
}

/** A location key (uId, or a file name when no uId is known) as a safe file-name part. */
export function stateFileKey(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Kernel views, not folders: writing state there fails in odd ways or never returns. */
const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/**
 * Makes `dir` (and its parents) if needed and checks it is a folder this process can write in.
 * Returns the absolute path. Throws StateDirError with a sentence a person can act on.
 */
export function ensureStateDir(dir: string): string {
  const absolute = resolve(dir);
  const real = realpathOfNearest(absolute);
  const pseudo = PSEUDO_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (pseudo !== undefined) {
    throw new StateDirError(`the state dir ${dir} is inside ${pseudo}, a kernel view, not a folder for files: choose another --state-dir.`);
  }
  try {
    mkdirSync(absolute, { recursive: true });
    if (!statSync(absolute).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(absolute, constants.W_OK);
  } catch (err) {
    throw new StateDirError(`the state dir ${dir} cannot be used: ${fsReason(err, 'write')}.`);
  }
  return absolute;
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realpathOfNearest(path: string): string {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new StateDirError(`the state dir ${path} cannot be used: ${existing} is a loop of symbolic links.`);
      const parent = dirname(existing);
      if (code !== 'ENOENT' || parent === existing) return path;
      rest.unshift(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      existing = parent;
    }
  }
}
