import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultStateDir, ensureStateDir, StateDirError, stateFileKey } from '../../src/shared/state-dir.js';

const dirs: string[] = [];
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vppctl-state-dir-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('state dir', () => {
  it('is .vppctl beside the desired-state file by default', () => {
    expect(defaultStateDir('vpp/central.yaml')).toBe(join('vpp', '.vppctl'));
  });

  it('makes missing folders and returns the absolute path', async () => {
    const dir = join(await temp(), 'a', 'b');
    expect(ensureStateDir(dir)).toBe(dir);
    expect(ensureStateDir(dir)).toBe(dir);
  });

  it('refuses kernel views such as /proc with a sentence naming the folder', () => {
    expect(() => ensureStateDir('/proc/self/vppctl')).toThrow(StateDirError);
    expect(() => ensureStateDir('/proc/self/vppctl')).toThrow(/\/proc\/self\/vppctl is inside \/proc/);
    expect(() => ensureStateDir('/sys/kernel')).toThrow(/inside \/sys/);
  });

  it('says a file on the path is a file, not a folder, without a raw error code', async () => {
    const file = join(await temp(), 'taken');
    await writeFile(file, 'x');
    const attempt = () => ensureStateDir(join(file, 'state'));
    expect(attempt).toThrow(/is a file, not a folder/);
    expect(attempt).not.toThrow(/ENOTDIR|EEXIST/);
  });

  it('names a loop of symbolic links as a loop, not as missing', async () => {
    const dir = await temp();
    await symlink(join(dir, 'b'), join(dir, 'a'));
    await symlink(join(dir, 'a'), join(dir, 'b'));
    expect(() => ensureStateDir(join(dir, 'a', 'state'))).toThrow(/loop of symbolic links/);
  });

  it('turns a uId into a safe file-name part', () => {
    expect(stateFileKey('2049025000431439')).toBe('2049025000431439');
    expect(stateFileKey('../etc/passwd')).toBe('.._etc_passwd');
  });
});
