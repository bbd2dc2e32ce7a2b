/**
 * Random mutations of the example files never crash the loader: every input is either valid or
 * rejected with at least one error, and every message points at a real place (line and col >= 1).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDesiredStates } from '../../src/config/index.js';
import { tempTree } from './temp-files.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = ['examples/central-school.yaml', 'examples/acme-business.yaml', 'examples/district/district.yaml'];
const KEYS = ['version', 'location', 'name', 'token', 'mdm', 'id', 'policy', 'prune', 'scope', 'users', 'groups', 'devices', 'assets', 'adamId', 'pricingParam', 'subscriptions', 'renewing', 'file', 'column', 'clientUserId', '<<', 'devics', '__proto__', 'constructor'];
const VALUES = ['', '1', '-1', '0', '1e3', 'true', 'null', '~', '[]', '{}', '[a, b]', '[A1, A1]', '{file: rosters/grade-6.txt}', '{file: ../../etc/passwd}', '{file: nope.csv, column: x}', '*x', '&x [s-1]', '"quoted', "'single'", 'STDQ', 'plus', 'VPP_TOKEN', 'vpp token', '!!binary aGVsbG8=', '|', '>-', '0x1F', '99999999999999999999', '[grade-5, teachers]'];
const CHARS = [':', '-', ' ', '[', ']', '{', '}', '"', "'", '#', '&', '*', '\t', '\n', 'a', '1', '!', '|', '>', '%', '@', ',', '?', '\uFEFF'];

type Mutation = (lines: string[]) => void;

const at = (lines: string[], n: number) => n % Math.max(1, lines.length);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (lines) => void lines.splice(at(lines, n), 1)),
  fc.nat().map((n): Mutation => (lines) => void lines.splice(at(lines, n), 0, lines[at(lines, n)] ?? '')),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (lines) => {
    const [i, j] = [at(lines, a), at(lines, b)];
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...CHARS)).map(([n, c, ch]): Mutation => (lines) => {
    const i = at(lines, n);
    const line = lines[i] ?? '';
    const k = c % (line.length + 1);
    lines[i] = line.slice(0, k) + ch + line.slice(k + 1);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 12 })), fc.boolean())
    .map(([n, indent, key, value, listItem]): Mutation => (lines) => {
      lines.splice(at(lines, n), 0, `${' '.repeat(indent)}${listItem ? '- ' : ''}${key}: ${value}`);
    }),
  fc.tuple(fc.nat(), fc.constantFrom(-2, 2)).map(([n, d]): Mutation => (lines) => {
    const i = at(lines, n);
    lines[i] = d > 0 ? `  ${lines[i] ?? ''}` : (lines[i] ?? '').replace(/^ {1,2}/, '');
  }),
);

describe('fuzz: mutated example files', () => {
  it('are either valid or rejected with located errors, and never crash the loader', async () => {
    const dir = await tempTree({});
    await cp(path.join(repo, 'examples/district/rosters'), path.join(dir, 'examples/district/rosters'), { recursive: true });
    const sources = await Promise.all(EXAMPLES.map((f) => readFile(path.join(repo, f), 'utf8')));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: EXAMPLES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
        const lines = sources[which]!.split('\n');
        for (const mutate of mutations) mutate(lines);
        await writeFile(path.join(dir, EXAMPLES[which]!), lines.join('\n'));
        const { states, diagnostics } = await loadDesiredStates([EXAMPLES[which]!], { cwd: dir });
        const errors = diagnostics.filter((d) => d.severity === 'error');
        expect(states.length + (errors.length > 0 ? 1 : 0)).toBe(1);
        for (const d of diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.file).not.toBe('');
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20261121, numRuns: 150 },
    );
  });
});
