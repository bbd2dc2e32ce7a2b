/** `vppctl sim --port 0`: prints the base URL it serves, and serves the state file it was given. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './run-cli.js';

describe('vppctl sim', () => {
  it('prints its URL, serves the example location there, and stops when killed', async () => {
    const child = spawn(process.execPath, [CLI, 'sim', '--port', '0', '--state', 'examples/sim/central-school.json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/mdm\/v2)\n/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`vppctl sim exited (${code}) before printing its URL: ${out}`)));
      });
      expect(out).toContain('Central School (uId 2049025000431439)');
      expect(out).toContain(`export VPP_BASE_URL=${url}`);
      const config = (await (await fetch(`${url}/service/config`)).json()) as { limits: { maxAssets: number } };
      expect(config.limits.maxAssets).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });
});
