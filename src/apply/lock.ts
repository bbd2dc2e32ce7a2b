/**
 * The per-location apply lock: `lock-<uId>.json` in the state dir, taken before an apply's first
 * write (journal or Apple) and released on every way out, so two applies of one location never
 * run at once on this machine (each would send the whole plan, break the location's rate and write
 * one journal). The file says who holds it: process id, host, command and since when.
 *
 * A second apply finds the file and refuses, naming the holder. A lock whose holder ran on this
 * host and is no longer running (killed, crashed, the machine restarted) is taken over, and the
 * caller is told so it can say it. A lock from another host is never taken over: this machine
 * cannot tell whether that process lives. Runs on other machines (CI runners) share no state dir;
 * for them the workflow's concurrency group is the lock (README, safety model).
 *
 * The file appears whole or not at all: it is written under a temporary name and hard-linked into
 * place, which fails if a lock is there already, so two racing applies cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ensureStateDir, stateFileKey } from '../shared/state-dir.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, e.g. `vppctl apply vpp/ --yes`. */
  command: string;
  /** ISO 8601. */
  since: string;
}

/** Another apply holds the location's lock. */
export class LockHeldError extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder | undefined,
    location: string,
  ) {
    super(
      holder
        ? `another apply of ${location} is running: process ${holder.pid} on ${holder.host} (\`${holder.command}\`) has held its lock since ${holder.since}. ` +
            `Wait for it to finish. If no apply is running, remove ${file}.`
        : `the lock of ${location} (${file}) cannot be read. If no apply is running, remove it.`,
    );
    this.name = 'LockHeldError';
  }
}

export interface LockOptions {
  /** What the holder is doing, shown to whoever finds the lock. */
  command: string;
  /** For the message: the location's name. */
  location: string;
  pid?: number;
  host?: string;
  now?: () => Date;
  /** Whether a process of this host is running; default: signal 0. */
  alive?: (pid: number) => boolean;
}

/** Locks held by this process, so an interrupted run can let go of them on its way out. */
const held = new Set<LocationLock>();

export class LocationLock {
  private released = false;

  private constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  /**
   * Takes the lock of location `uId` in `stateDir` (made if needed). Throws LockHeldError when a
   * running process holds it. `tookOver` is set when a dead process of this host held it.
   */
  static acquire(stateDir: string, uId: string, opts: LockOptions): { lock: LocationLock; tookOver?: LockHolder } {
    const file = join(ensureStateDir(stateDir), `lock-${stateFileKey(uId)}.json`);
    const me: LockHolder = { pid: opts.pid ?? process.pid, host: opts.host ?? hostname(), command: opts.command, since: (opts.now?.() ?? new Date()).toISOString() };
    const text = `${JSON.stringify(me)}\n`;
    const alive = opts.alive ?? isRunning;
    let tookOver: LockHolder | undefined;
    // A few rounds: a lock released or taken over between our attempts is tried again.
    for (let round = 0; round < 5; round++) {
      if (placeWhole(file, text)) {
        const lock = new LocationLock(file, text);
        held.add(lock);
        return tookOver ? { lock, tookOver } : { lock };
      }
      const found = readHolder(file);
      if (found === 'gone') continue;
      if (found === undefined || found.holder.host !== me.host || alive(found.holder.pid)) {
        throw new LockHeldError(file, found?.holder, opts.location);
      }
      if (removeIfStill(file, found.text)) tookOver = found.holder;
    }
    throw new LockHeldError(file, undefined, opts.location);
  }

  /** Removes the file if it is still this lock's. Safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    removeIfStill(this.file, this.text);
  }
}

/** Releases every lock this process holds (on SIGINT, before exiting). */
export function releaseHeldLocks(): void {
  for (const lock of [...held]) lock.release();
}

/** Writes `text` under a temporary name and links it to `file`; false if `file` exists. */
function placeWhole(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/** The holder in `file`: 'gone' if the file vanished, undefined if it cannot be parsed. */
function readHolder(file: string): { holder: LockHolder; text: string } | 'gone' | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return undefined;
    return { holder: { pid: h.pid, host: h.host, command: String(h.command ?? '?'), since: String(h.since ?? '?') }, text };
  } catch {
    return undefined;
  }
}

/**
 * Removes `file` if it still holds `text`. It is first moved aside (only one remover can move a
 * given file), so a lock another process placed in the meantime is put back, never deleted.
 */
function removeIfStill(file: string, text: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.old`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } finally {
    if (moved === text) unlinkSync(aside);
  }
  if (moved === text) return true;
  // Someone else's lock: back where it was, unless yet another lock took its place.
  try {
    linkSync(aside, file);
  } catch {
    // the other lock stands; this one was superseded
  }
  unlinkSync(aside);
  return false;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
