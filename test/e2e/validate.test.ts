/** `vppctl validate`: no token, no network; mistakes reported at file:line:col, as annotations on GitHub. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBuiltCli } from './run-cli.js';

interface Position {
  line: number;
  col: number;
}

let dir: string;
/** Where the two mistakes sit in the broken copy, found in the text rather than assumed. */
let at: { pricing: Position; group: Position };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vppctl-validate-'));
  const lines = (await readFile(join(ROOT, 'examples/central-school.yaml'), 'utf8')).split('\n');
  const pricing = lines.findIndex((l) => l.includes('pricingParam: STDQ'));
  lines[pricing] = lines[pricing]!.replace('STDQ', 'STDX');
  const group = lines.findIndex((l) => l.includes('adamId: "361285480"')) + 1;
  lines[group] = lines[group]!.replace('[teachers]', '[teacher]');
  at = {
    pricing: { line: pricing + 1, col: lines[pricing]!.indexOf('STDX') + 1 },
    group: { line: group + 1, col: lines[group]!.indexOf('teacher]') + 1 },
  };
  await writeFile(join(dir, 'central.yaml'), lines.join('\n'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('vppctl validate', () => {
  it('accepts every example, with no token set', async () => {
    const r = await runBuiltCli(['validate', 'examples/', 'examples/district/'], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Valid: 3 locations: .*Central School \(examples\/central-school\.yaml\)/);
    expect(r.stderr).toBe('');
  });

  it('reports every mistake of a broken copy at file:line:col and exits 1', async () => {
    const r = await runBuiltCli(['validate', 'central.yaml'], {}, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`central.yaml:${at.pricing.line}:${at.pricing.col}: error: \`pricingParam\` must be STDQ or PLUS`);
    expect(r.stderr).toMatch(new RegExp(`central\\.yaml:${at.group.line}:${at.group.col}: error: .*teacher`));
    expect(r.stderr).toContain('Invalid: 2 errors.');
    expect(r.stdout).not.toContain('::error');
  });

  it('under GitHub Actions also prints ::error annotations', async () => {
    const r = await runBuiltCli(['validate', 'central.yaml'], { GITHUB_ACTIONS: 'true' }, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error file=central.yaml,line=${at.pricing.line},col=${at.pricing.col}::\`pricingParam\` must be STDQ or PLUS`);
    expect(r.stdout).toContain(`::error file=central.yaml,line=${at.group.line},col=${at.group.col}::`);
  });
});
