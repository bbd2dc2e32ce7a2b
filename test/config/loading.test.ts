import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLimited } from '../../src/config/file-limits.js';
import { HEADER, load, located, tempTree } from './temp-files.js';

const school = (name: string, token: string, extra = '') => `version: 1\nlocation:\n  name: ${name}\n  token: ${token}\n${extra}`;

describe('loading paths', () => {
  it('a folder loads every .yaml and .yml file in it, in name order, and nothing else', async () => {
    const { diagnostics, states } = await load(
      {
        'sites/b.yml': school('B', 'VPP_TOKEN_B'),
        'sites/a.yaml': school('A', 'VPP_TOKEN_A'),
        'sites/notes.txt': 'not yaml',
        'sites/nested/c.yaml': school('C', 'VPP_TOKEN_C'),
      },
      ['sites'],
    );
    expect(diagnostics).toEqual([]);
    expect(states.map((s) => [s.source, s.location.name])).toEqual([
      [path.join('sites', 'a.yaml'), 'A'],
      [path.join('sites', 'b.yml'), 'B'],
    ]);
  });

  it('defaults to the current folder, and loads a file named twice once', async () => {
    const cwd = await tempTree({ 'a.yaml': school('A', 'VPP_TOKEN_A') });
    const { loadDesiredStates } = await import('../../src/config/index.js');
    expect((await loadDesiredStates([], { cwd })).states.map((s) => s.source)).toEqual(['a.yaml']);
    const twice = await loadDesiredStates(['.', 'a.yaml'], { cwd });
    expect(twice.diagnostics).toEqual([]);
    expect(twice.states).toHaveLength(1);
  });

  it('a path that does not exist and a folder without YAML are errors', async () => {
    const { diagnostics } = await load({ 'empty/readme.md': '' }, ['nope.yaml', 'empty']);
    expect(located(diagnostics)).toEqual(['nope.yaml:1:1 nope.yaml does not exist', 'empty:1:1 the folder empty holds no .yaml or .yml files']);
  });

  it('a file with errors does not stop the others from loading', async () => {
    const { diagnostics, states } = await load({ 'd/a.yaml': school('A', 'VPP_TOKEN_A', 'oops: 1\n'), 'd/b.yaml': school('B', 'VPP_TOKEN_B') }, ['d']);
    expect(located(diagnostics)).toEqual([`${path.join('d', 'a.yaml')}:5:1 \`oops\` is not a key vppctl knows here`]);
    expect(states.map((s) => s.location.name)).toEqual(['B']);
  });
});

describe('the same location in two files', () => {
  it('the same token variable is an error on the second file', async () => {
    const { diagnostics, states } = await load({ 'd/a.yaml': school('A', 'VPP_TOKEN_X'), 'd/b.yaml': school('B', 'VPP_TOKEN_X') }, ['d']);
    expect(located(diagnostics)).toEqual([
      `${path.join('d', 'b.yaml')}:4:10 this file uses the same token variable \`VPP_TOKEN_X\` as ${path.join('d', 'a.yaml')}: both would manage one location and undo each other`,
    ]);
    expect(states.map((s) => s.location.name)).toEqual(['A']);
  });

  it('two files both using the default VPP_TOKEN collide at their `location` key', async () => {
    const { diagnostics } = await load({ 'a.yaml': 'version: 1\nlocation:\n  name: A\n', 'b.yaml': 'version: 1\nlocation:\n  name: B\n' }, ['a.yaml', 'b.yaml']);
    expect(located(diagnostics)).toEqual(['b.yaml:2:1 this file uses the same token variable `VPP_TOKEN` as a.yaml: both would manage one location and undo each other']);
  });

  it('the same mdm id in several files is fine: one installation claims all its locations', async () => {
    const mdm = '  mdm:\n    id: same-id\n    name: vppctl\n';
    const { states, diagnostics } = await load({ 'a.yaml': school('A', 'VPP_TOKEN_A', mdm), 'b.yaml': school('B', 'VPP_TOKEN_B', mdm) }, ['a.yaml', 'b.yaml']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(states.map((s) => s.location.mdm?.id)).toEqual(['same-id', 'same-id']);
  });
});

describe('size limits', () => {
  it('refuses a file above the limit with its size and the limit', async () => {
    const dir = await tempTree({});
    const file = path.join(dir, 'big.yaml');
    await writeFile(file, `${HEADER}${'#'.repeat(3 * 1024 * 1024)}\n`);
    expect(await readLimited(file, 2 * 1024 * 1024)).toEqual({
      problem: 'is 3 MB; the limit is 2 MB',
      hint: 'split it, or move long member lists into roster files (`file:`)',
    });
    expect(await readLimited(dir, 10)).toEqual({ problem: 'is a directory, not a file' });
  });
});
