import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, expect, it } from 'vitest';
import { makeSimToken } from '../../src/sim/token.js';
import { desiredState, emptyLocation, expectMatches, planAndApply, PLAN_OPTIONS, startHarness, UID, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Bundled beside node_modules so the child resolves undici and p-queue like the CLI does. */
async function bundleChild(): Promise<string> {
  const out = join(import.meta.dirname, '../../node_modules/.cache/vppctl-test/crash-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures/crash-child.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

function accepted(journalFile: string): number {
  if (!existsSync(journalFile)) return 0;
  return readFileSync(journalFile, 'utf8').split('\n').filter((l) => l.includes('"t":"accepted"')).length;
}

it('resumes after kill -9 mid-apply: follows accepted events, resends nothing, converges', async () => {
  const initial = emptyLocation();
  // Small batches make many requests, so the kill lands with events still PENDING.
  initial.limits = { ...initial.limits, maxClientUserIds: 4, maxSerialNumbers: 4 };
  h = await startHarness(initial, { eventPendingMs: 300 });
  const desired = desiredState();
  const child = spawn(process.execPath, [await bundleChild(), JSON.stringify({ url: h.sim.url, stateDir: h.stateDir, desired, planOptions: PLAN_OPTIONS })], {
    env: { ...process.env, VPP_TOKEN: makeSimToken() },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const journalFile = join(h.stateDir, `apply-${UID}.jsonl`);
  // No deadline of its own: on a busy machine the child may take long to get going (the test's timeout bounds it).
  while (accepted(journalFile) < 5 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
  expect(accepted(journalFile), stderr).toBeGreaterThanOrEqual(5);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const writesBefore = h.sim.log.writes().length;

  // The rerun waits one poll interval before re-planning over unknown writes: longer than events stay PENDING.
  const { result } = await planAndApply(h, desired, { pollIntervalMs: 400 });

  expect(result.resumed?.outstanding).toBeGreaterThan(0);
  expect(result.converged).toBe(true);
  expect(expectMatches(h.sim, desired, initial)).toEqual([]);
  expect(h.sim.log.writes().length).toBeGreaterThan(writesBefore);
  const bodies = h.sim.log.writes().map((w) => `${w.path} ${JSON.stringify(w.body)}`);
  expect(bodies.filter((b, i) => bodies.indexOf(b) !== i)).toEqual([]);
});
