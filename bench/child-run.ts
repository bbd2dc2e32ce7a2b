/**
 * Runs a node script as a child process and measures it from outside: wall time from spawn to
 * exit, and the child's own peak resident set size and CPU time, which a preloaded hook writes to
 * a file as the child exits (process.resourceUsage(); no external `time` needed).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HOOK =
  'import { writeFileSync } from "node:fs";' +
  'process.on("exit", () => { const r = process.resourceUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(r)); });';

export interface ChildRun {
  ms: number;
  /** Peak resident set size of the child, bytes. */
  maxRss: number;
  /** User + system CPU time of the child, ms. */
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runNode(args: string[], env: NodeJS.ProcessEnv, opts: { keepStdout?: boolean } = {}): Promise<ChildRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-rss-'));
  const usageFile = path.join(dir, 'usage.json');
  try {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`, ...args], {
      env: { ...env, BENCH_USAGE_FILE: usageFile },
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
    const written = await readFile(usageFile, 'utf8').catch(() => undefined);
    if (written === undefined) throw new Error(`node ${args.join(' ')} ended (code ${code}) without reporting its resource usage: ${stderr.slice(-2000)}`);
    const usage = JSON.parse(written) as NodeJS.ResourceUsage;
    // maxRSS is in kilobytes, CPU times in microseconds.
    return { ms, maxRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, code, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
