/**
 * The committed bundle is what runners execute: it must be rebuilt from the current sources,
 * hold no simulator, and run on its own (no node_modules) with Node 20 as it will with Node 24.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSimState, makeSimToken, startSimServer, type SimServer } from '../../src/sim/index.js';
import { actionEnv, parseOutputs } from './run-action.js';

const run = promisify(execFile);
const BUNDLE = 'dist-action/index.js';

describe('dist-action bundle', () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = await startSimServer({ state: await loadSimState('test/action/fixtures/school-sim.json') });
  });
  afterAll(() => sim.close());

  it('is up to date with the sources (npm run bundle:action rebuilds it)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/bundle-action.mjs', '--check']);
    expect(stdout).toContain('is up to date');
  });

  it('is what action.yml runs, on node24, and holds neither the simulator nor msw', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: BUNDLE });
    const text = readFileSync(BUNDLE, 'utf8');
    // esbuild heads every bundled module with a comment naming its file.
    expect(text).toMatch(/^\/\/ src\/action\/index\.ts$/m);
    expect(text).not.toMatch(/^\/\/ (src\/sim\/|node_modules\/(msw|@mswjs)\/)/m);
  });

  it('leaves out code the action never runs: progress bars, and undici beyond its Pool', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text).toMatch(/^\/\/ node_modules\/undici\/lib\/dispatcher\/pool\.js$/m);
    expect(text).not.toMatch(/^\/\/ node_modules\/(cli-progress|undici\/index\.js|undici\/lib\/web\/websocket\/)/m);
  });

  it('runs standalone: a scheduled drift check against the simulator', async () => {
    const token = makeSimToken();
    const env = actionEnv({
      event: 'schedule',
      inputs: { path: 'test/action/fixtures/school', comment: 'false' },
      env: { VPP_BASE_URL: sim.url, VPP_TOKEN_TEST: token },
    });
    const { stdout, stderr } = await run(process.execPath, [BUNDLE], { env, cwd: process.cwd() });
    expect(stderr).toBe('');
    expect(stdout.split('\n').slice(0, 2)).toEqual([`::add-mask::${env['INPUT_GITHUB-TOKEN']}`, `::add-mask::${token}`]);
    expect(stdout).toMatch(/^::warning::Drift: Test School/m);
    const outputs = parseOutputs(readFileSync(env.GITHUB_OUTPUT!, 'utf8'));
    expect(outputs).toMatchObject({ command: 'plan', 'has-changes': 'true', associate: '2' });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('1 location has drifted');
  });
});
