/** The per-location lock in the state dir: one holder at a time, a dead holder of this host taken over. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocationLock, LockHeldError, releaseHeldLocks } from '../../src/apply/lock.js';

const dirs: string[] = [];
afterEach(() => {
  releaseHeldLocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vppctl-lock-'));
  dirs.push(d);
  return join(d, '.vppctl');
}

const opts = { command: 'vppctl apply vpp/ --yes', location: 'Central School' };

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('LocationLock', () => {
  it('writes who holds it and since when, and removes the file on release', () => {
    const dir = stateDir();
    const { lock, tookOver } = LocationLock.acquire(dir, '2049025000431439', { ...opts, now: () => new Date('2026-11-21T22:33:22Z') });
    expect(tookOver).toBeUndefined();
    expect(lock.file).toBe(join(dir, 'lock-2049025000431439.json'));
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), command: opts.command, since: '2026-11-21T22:33:22.000Z' });
    lock.release();
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second holder while the first runs, naming it', () => {
    const dir = stateDir();
    LocationLock.acquire(dir, 'u1', opts);
    let error: unknown;
    try {
      LocationLock.acquire(dir, 'u1', { ...opts, pid: process.pid + 1, command: 'vppctl apply other' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LockHeldError);
    const message = (error as Error).message;
    expect(message).toContain(`another apply of Central School is running: process ${process.pid} on ${hostname()} (\`vppctl apply vpp/ --yes\`) has held its lock since`);
    expect(message).toContain(`remove ${join(dir, 'lock-u1.json')}`);
  });

  it('locks each location on its own', () => {
    const dir = stateDir();
    LocationLock.acquire(dir, 'u1', opts);
    expect(() => LocationLock.acquire(dir, 'u2', opts)).not.toThrow();
  });

  it('takes over a lock left by a process of this host that is no longer running, and says whose it was', () => {
    const dir = stateDir();
    const pid = deadPid();
    const left = LocationLock.acquire(dir, 'u1', { ...opts, pid, command: 'vppctl apply (killed)' }).lock;
    // The dead process never released it; this one finds it.
    const { lock, tookOver } = LocationLock.acquire(dir, 'u1', opts);
    expect(tookOver).toMatchObject({ pid, host: hostname(), command: 'vppctl apply (killed)' });
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    // The stale handle must not remove the new holder's file.
    left.release();
    expect(existsSync(lock.file)).toBe(true);
  });

  it('never takes over a lock from another host, alive or not', () => {
    const dir = stateDir();
    LocationLock.acquire(dir, 'u1', { ...opts, host: 'runner-7', pid: deadPid() });
    expect(() => LocationLock.acquire(dir, 'u1', opts)).toThrow(/process \d+ on runner-7/);
  });

  it('refuses an unreadable lock file, naming it', () => {
    const dir = stateDir();
    LocationLock.acquire(dir, 'u1', opts).lock.release();
    writeFileSync(join(dir, 'lock-u1.json'), '{"pid": ');
    expect(() => LocationLock.acquire(dir, 'u1', opts)).toThrow(`the lock of Central School (${join(dir, 'lock-u1.json')}) cannot be read. If no apply is running, remove it.`);
  });

  it('releaseHeldLocks lets go of every lock this process holds', () => {
    const dir = stateDir();
    LocationLock.acquire(dir, 'u1', opts);
    LocationLock.acquire(dir, 'u2', opts);
    releaseHeldLocks();
    expect(readdirSync(dir)).toEqual([]);
  });
});
