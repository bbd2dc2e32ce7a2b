/**
 * Runs a node script as a child process and measures it from outside: wall time from spawn to
 * exit, and the child's own peak resident set size, which a preloaded hook writes to a file as
 * the child exits (process.resourceUsage().maxRSS; no external `time` needed).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HOOK =
  'import { writeFileSync } from "node:fs";' +
  'process.on("exit", () => writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS)));';

export interface ChildRun {
  ms: number;
  /** Peak resident set size of the child, bytes. */
  maxRss: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runNode(args: string[], env: NodeJS.ProcessEnv, opts: { keepStdout?: boolean } = {}): Promise<ChildRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-rss-'));
  const rssFile = path.join(dir, 'maxrss');
  try {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`, ...args], {
      env: { ...env, BENCH_MAXRSS_FILE: rssFile },
      stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const ms = performance.now() - t;
    const written = await readFile(rssFile, 'utf8').catch(() => undefined);
    if (written === undefined) throw new Error(`node ${args.join(' ')} ended (code ${code}) without reporting its peak RSS: ${stderr.slice(-2000)}`);
    const maxRss = Number(written) * 1024; // maxRSS is in kilobytes
    return { ms, maxRss, code, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
