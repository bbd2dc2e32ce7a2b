/** Runs the BUILT CLI (dist/cli/main.js), or another built entry point, as a user would: a child process with its own environment. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: string[], env: Record<string, string | undefined>, opts: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  return runBuiltScript(CLI, args, env, opts);
}

/** `node SCRIPT ARGS` from the repository root (or `cwd`), stdin from `input`, not a terminal. */
export function runBuiltScript(script: string, args: string[], env: Record<string, string | undefined>, opts: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: opts.cwd ?? ROOT,
      // A clean environment: no colour, no CI-specific behaviour leaking in from the test runner.
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
