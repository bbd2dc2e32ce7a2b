/**
 * Files that would crash or mislead the loader (issue 16, items 6 and 8): nesting deep enough to
 * overflow the stack, an over-indented line, a file just over the size limit, a loop of symbolic
 * links. Each ends in one located sentence.
 */
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredStates } from '../../src/config/index.js';
import { readLimited, sizesThatDiffer } from '../../src/config/file-limits.js';
import { MAX_NESTING, tooDeepAt } from '../../src/config/nesting.js';
import { HEADER, load, located, tempTree } from './temp-files.js';

describe('nesting', () => {
  it('5,000 nested brackets are a located error, not a stack overflow', async () => {
    const { states, diagnostics } = await load({ 'a.yaml': `${HEADER}assets: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
    expect(states).toEqual([]);
    expect(located(diagnostics)).toEqual([`a.yaml:5:${9 + MAX_NESTING - 1} the file nests lists and mappings more than ${MAX_NESTING} levels deep here; a desired-state file needs about six`]);
  });

  it('3,000 lines each indented one deeper are a located error', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}groups:\n${lines} x\n` });
    expect(located(diagnostics)).toEqual([expect.stringMatching(/^a\.yaml:\d+:\d+ the file nests lists and mappings more than 64 levels deep here/)]);
  });

  it('a 3,000-deep chain of groups is a located error naming the chain', async () => {
    const groups = Array.from({ length: 3000 }, (_, i) => `  g${i}:\n    ${i + 1 < 3000 ? `groups: [g${i + 1}]` : 'users: [a]'}`).join('\n');
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}groups:\n${groups}\nassets:\n  - adamId: "1"\n    groups: [g0]\n` });
    expect(located(diagnostics)).toEqual([
      'a.yaml:205:14 groups include each other more than 100 levels deep: `g0` → `g1` → `g2` → … → `g98` → `g99` → `g100`',
    ]);
  });

  it('a real file is nowhere near the limit, and the scan counts what the parser does', () => {
    expect(tooDeepAt(`${HEADER}groups:\n  a:\n    users: [x, "[[[", '{{{']\n  # [[[[[\n`)).toBeUndefined();
    expect(tooDeepAt('- '.repeat(70))).toBeDefined();
    expect(tooDeepAt('['.repeat(10), 9)).toBe(8);
  });
});

describe('YAML syntax errors point at the line that is wrong', () => {
  it.each([
    ['a key under a list item', `${HEADER}users:\n  - clientUserId: a\n      email: a@b.c\n`, 7],
    ['a key under the location', 'version: 1\nlocation:\n  name: X\n    token: VPP_TOKEN\n', 4],
  ])('an over-indented line (%s) is reported at its own line, once', async (_, text, line) => {
    const { diagnostics } = await load({ 'a.yaml': text });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line });
    expect(errors[0]!.message).toMatch(/^YAML syntax: this line is indented deeper than the line above it/);
  });
});

describe('file sizes', () => {
  it('says sizes precisely enough to differ', () => {
    const MB = 1024 * 1024;
    expect(sizesThatDiffer(50.4 * MB, 50 * MB)).toEqual(['50.4 MB', '50 MB']);
    expect(sizesThatDiffer(50 * MB + 20_000, 50 * MB)).toEqual(['50.02 MB', '50 MB']);
    expect(sizesThatDiffer(50 * MB + 1, 50 * MB)).toEqual(['50.000001 MB', '50 MB']);
  });

  it('a file over the limit is refused with both sizes', async () => {
    const dir = await tempTree({ 'big.yaml': 'x'.repeat(1025) });
    expect(await readLimited(path.join(dir, 'big.yaml'), 1024)).toEqual({
      problem: 'is 0.000978 MB; the limit is 0.000977 MB',
      hint: 'split it, or move long member lists into roster files (`file:`)',
    });
  });
});

describe('unreadable paths are worded, never a bare error code', () => {
  it('a desired-state file that is a loop of symbolic links', async () => {
    const dir = await tempTree({});
    await symlink(path.join(dir, 'loop.yaml'), path.join(dir, 'loop.yaml'));
    const named = await loadDesiredStates(['loop.yaml'], { cwd: dir });
    expect(located(named.diagnostics)).toEqual(['loop.yaml:1:1 loop.yaml cannot be read: its path is a loop of symbolic links']);
    const inFolder = await loadDesiredStates(['.'], { cwd: dir });
    expect(located(inFolder.diagnostics)).toEqual(['loop.yaml:1:1 loop.yaml cannot be read: its path is a loop of symbolic links']);
  });

  it('a roster that is a loop of symbolic links, or a folder', async () => {
    const dir = await tempTree({ 'a.yaml': `${HEADER}users: {file: people.txt}\nassets:\n  - adamId: "1"\n    devices: {file: carts}\n`, 'carts/x': '' });
    await symlink(path.join(dir, 'people.txt'), path.join(dir, 'people.txt'));
    const { diagnostics } = await loadDesiredStates(['a.yaml'], { cwd: dir });
    expect(located(diagnostics)).toEqual([
      'a.yaml:5:15 roster file `people.txt` cannot be read: its path is a loop of symbolic links',
      'a.yaml:8:21 roster file `carts` is a directory, not a file',
    ]);
  });
});
