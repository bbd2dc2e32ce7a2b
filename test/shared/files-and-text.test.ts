/** Worded file-system failures (no bare EACCES), output files, and text made safe to print. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsReason } from '../../src/shared/fs-errors.js';
import { makeOutputFolder, OutputFileError, writeOutputFile } from '../../src/shared/output-file.js';
import { visibleId, visibleText } from '../../src/shared/visible-text.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vppctl-shared-'));
  dirs.push(dir);
  return dir;
}
const errno = (code: string) => Object.assign(new Error(`${code}: raw`), { code });

describe('fsReason', () => {
  it.each([
    ['EACCES', 'read', 'permission denied (this user may not read it)'],
    ['EACCES', 'write', 'permission denied (this user cannot create or write files there)'],
    ['EPERM', 'write', 'permission denied (this user cannot create or write files there)'],
    ['EEXIST', 'write', 'it, or a folder on its path, is a file, not a folder'],
    ['ELOOP', 'read', 'its path is a loop of symbolic links'],
    ['EISDIR', 'write', 'it is a folder, not a file'],
    ['ENOENT', 'read', 'it does not exist'],
  ] as const)('%s when asked to %s', (code, doing, words) => {
    expect(fsReason(errno(code), doing)).toBe(words);
  });
});

describe('output files', () => {
  it('a plan written onto a folder says so, naming the file', async () => {
    const dir = await temp();
    const attempt = writeOutputFile(dir, '{}', 'the plan');
    await expect(attempt).rejects.toThrow(OutputFileError);
    await expect(writeOutputFile(dir, '{}', 'the plan')).rejects.toThrow(`cannot write the plan to ${dir}: it is a folder, not a file.`);
  });

  it('an output folder whose path holds a file says so, without EEXIST or ENOTDIR', async () => {
    const file = join(await temp(), 'taken');
    await writeFile(file, 'x');
    await expect(makeOutputFolder(file)).rejects.toThrow(`cannot create the folder ${file}: it, or a folder on its path, is a file, not a folder.`);
    await expect(makeOutputFolder(join(file, 'sub'))).rejects.not.toThrow(/EEXIST|ENOTDIR/);
  });
});

describe('visible text', () => {
  it('ids: everything outside printable ASCII escaped', () => {
    expect(visibleId('s-1001\u2011x')).toBe('s-1001\\u2011x');
    expect(visibleId('a\u{1f600}b\n')).toBe('a\\u{1f600}b\\n');
    expect(visibleId('plain-id')).toBe('plain-id');
  });

  it('names: letters of every script kept, what does not print escaped', () => {
    expect(visibleText('École\u200b Nord\u001b[31m')).toBe('École\\u200b Nord\\u001b[31m');
    expect(visibleText('学校 \u202eabc')).toBe('学校 \\u202eabc');
  });
});
