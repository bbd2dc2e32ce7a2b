/** Writes a small tree of files into a fresh temporary folder and loads desired state from it. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { loadDesiredStates, type Diagnostic } from '../../src/config/index.js';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-config-test-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Loads `paths` (default: the one file `a.yaml`) from a tree made of `files`. */
export async function load(files: Record<string, string>, paths: string[] = ['a.yaml']) {
  const cwd = await tempTree(files);
  return { cwd, ...(await loadDesiredStates(paths, { cwd })) };
}

/** `line:col message` of each diagnostic of the given severity, for compact assertions. */
export function located(diagnostics: Diagnostic[], severity: Diagnostic['severity'] = 'error'): string[] {
  return diagnostics.filter((d) => d.severity === severity).map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`);
}

export const HEADER = 'version: 1\nlocation:\n  name: Test School\n  token: VPP_TOKEN_TEST\n';
