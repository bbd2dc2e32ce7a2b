/**
 * The published package holds what a user runs, and all of it: the file list `npm pack` would
 * publish is checked against the built CLI's own import graph (every module it can load is there,
 * nothing it never loads is), the files it reads at run time, and what must never ship.
 *
 * `--ignore-scripts`: the list of what `npm run build` left in dist/ (npm test builds first);
 * without it, prepack would rebuild dist/ under the feet of the tests running beside this one.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

const run = promisify(execFile);

let packed: Set<string>;
beforeAll(async () => {
  // npm is a script next to node; through the shell so npm.cmd is found too.
  const { stdout } = await run('npm pack --dry-run --json --ignore-scripts', { cwd: ROOT, shell: true as unknown as string });
  const [report] = JSON.parse(stdout) as { files: { path: string }[] }[];
  packed = new Set(report!.files.map((f) => f.path));
}, 60_000);

/** Relative specifiers of every static and dynamic import, and every file read via new URL(…, import.meta.url). */
function references(jsFile: string): { imports: string[]; reads: string[] } {
  const text = readFileSync(path.join(ROOT, jsFile), 'utf8');
  const imports = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  const reads = [...text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]!);
  const resolve = (spec: string) => path.posix.normalize(path.posix.join(path.posix.dirname(jsFile), spec));
  return { imports: imports.map(resolve), reads: reads.map(resolve) };
}

/** Every module the CLI can load from its entry point, and every file those modules read. */
function closure(entry: string): { modules: Set<string>; reads: Set<string> } {
  const modules = new Set<string>();
  const reads = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    const refs = references(file);
    refs.reads.forEach((r) => reads.add(r));
    refs.imports.forEach(visit);
  };
  visit(entry);
  return { modules, reads };
}

describe('npm pack', () => {
  it('ships the CLI, its README, licence, changelog, security policy, schemas and examples', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'SECURITY.md',
      pkg.bin.vppctl!,
      'schemas/vppctl.schema.json',
      'examples/central-school.yaml',
    ]) {
      expect(packed, file).toContain(file);
    }
  });

  it('holds every module the CLI can load and every file they read, and no other module', () => {
    const { modules, reads } = closure('dist/cli/main.js');
    const missing = [...modules, ...reads].filter((f) => !packed.has(f));
    expect(missing, 'loaded or read by the CLI but not published').toEqual([]);
    // `vppctl demo` is a command, so the demo ships; the simulator is `vppctl sim`.
    expect(modules).toContain('dist/demo/run-demo.js');
    expect(modules).toContain('dist/sim/index.js');
    // A module of types only compiles to `export {};` and nothing imports it at run time.
    const typesOnly = (f: string) => /^\s*export \{\};\s*$/.test(readFileSync(path.join(ROOT, f), 'utf8'));
    const unused = [...packed].filter((f) => f.startsWith('dist/') && !modules.has(f) && !typesOnly(f));
    expect(unused, 'published but never loaded by the CLI').toEqual([]);
  });

  it('holds no source maps, sources, tests, benchmarks, build scripts or the Action bundle', () => {
    const forbidden = [...packed].filter(
      (f) => /\.(map|ts|tsx)$/.test(f) || /^(src|test|bench|build|scripts|dist-action|dist\/action|node_modules|\.ci)\//.test(f) || f === 'action.yml',
    );
    expect(forbidden).toEqual([]);
  });
});
