import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredStates, type LocationHeader } from '../../src/config/index.js';
import { HEADER, located, tempTree } from './temp-files.js';

const withRoster = `${HEADER}  mdm: {id: mdm-1, name: Tests}\nusers: {file: people.txt}\n`;

async function loadSeeing(files: Record<string, string>, paths: string[], onLocation?: (l: LocationHeader, cwd: string) => void) {
  const cwd = await tempTree(files);
  const seen: LocationHeader[] = [];
  const result = await loadDesiredStates(paths, {
    cwd,
    onLocation: (l) => {
      seen.push(l);
      onLocation?.(l, cwd);
    },
  });
  return { ...result, seen };
}

describe('onLocation', () => {
  it('tells the location before the roster files are read', async () => {
    // The roster only exists once the callback has run: reading it earlier would fail the load.
    const { diagnostics, states, seen } = await loadSeeing({ 'a.yaml': withRoster }, ['a.yaml'], (_, cwd) =>
      writeFileSync(path.join(cwd, 'people.txt'), 's-1\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(seen).toEqual([{ source: 'a.yaml', name: 'Test School', tokenEnv: 'VPP_TOKEN_TEST', mdmId: 'mdm-1' }]);
    expect(states[0]!.users).toEqual([{ clientUserId: 's-1' }]);
  });

  it('still tells a file whose roster has an error; the file then yields no state', async () => {
    const { diagnostics, states, seen } = await loadSeeing({ 'a.yaml': withRoster, 'people.txt': 's-1\ns-1\n' }, ['a.yaml']);
    expect(seen.map((l) => l.source)).toEqual(['a.yaml']);
    expect(located(diagnostics)).toEqual(['people.txt:2:1 user `s-1` is declared twice']);
    expect(states).toEqual([]);
  });

  it('is not told a file whose document has a schema error or a pasted token, only the valid one', async () => {
    const { seen } = await loadSeeing(
      {
        'a.yaml': `${HEADER}users: [{clientUserId: s-1, colour: red}]\n`,
        'b.yaml': 'version: 1\nlocation:\n  name: B\n  token: vpp-token-b\n',
        'c.yaml': 'version: 1\nlocation:\n  name: C\n  token: VPP_TOKEN_C\n',
      },
      ['.'],
    );
    expect(seen).toEqual([{ source: 'c.yaml', name: 'C', tokenEnv: 'VPP_TOKEN_C' }]);
  });

  it('gives the default token variable when the file names none', async () => {
    const { seen } = await loadSeeing({ 'a.yaml': 'version: 1\nlocation:\n  name: A\n' }, ['a.yaml']);
    expect(seen).toEqual([{ source: 'a.yaml', name: 'A', tokenEnv: 'VPP_TOKEN' }]);
  });
});
