/** The README's rehearsal works as written (issue 16, item 8): the variables it exports are the ones the example files name. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../e2e/run-cli.js';

describe('README: rehearse against the simulator', () => {
  it('exports the token under the variable the example file names', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Rehearse against the simulator'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const exported = [...block.matchAll(/^export (\w+)=/gm)].map((m) => m[1]);
    const files = [...block.matchAll(/ (examples\/\S+\.yaml)/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const token = (parse(await readFile(join(ROOT, file), 'utf8')) as { location: { token?: string } }).location.token ?? 'VPP_TOKEN';
      expect(exported).toContain(token);
    }
    expect(exported).not.toContain('VPP_TOKEN');
  });
});
