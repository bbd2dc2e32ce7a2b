/**
 * The action over a folder of many locations behind one simulator URL: planned and applied side
 * by side, every location reported (one with an expired token too), the `locations` output for a
 * workflow matrix, and the job summary under GitHub's 1 MiB.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSimState, makeSimToken, startSimServer, type SimServer, type SimState } from '../../src/sim/index.js';
import { runAction, type ActionRun } from './run-action.js';

const COUNT = 24;
const name = (i: number): string => `School ${String(i).padStart(2, '0')}`;
const tokenEnv = (i: number): string => `VPP_TOKEN_L${String(i).padStart(2, '0')}`;

let sim: SimServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sim = undefined;
  dir = undefined;
});

/** COUNT copies of the test school, each its own location with its own file and token variable. */
async function folder(tokens: (string | undefined)[] = []): Promise<{ env: Record<string, string>; path: string }> {
  const base = await loadSimState('test/action/fixtures/school-sim.json');
  const states: SimState[] = Array.from({ length: COUNT }, (_, i) => ({ ...base, uId: `50000000000000${String(i).padStart(2, '0')}`, locationName: name(i) }));
  sim = await startSimServer({ locations: states, tokens });
  dir = mkdtempSync(join(tmpdir(), 'vppctl-action-many-'));
  const yaml = readFileSync('test/action/fixtures/school/school.yaml', 'utf8');
  const env: Record<string, string> = { VPP_BASE_URL: sim.url };
  for (let i = 0; i < COUNT; i++) {
    writeFileSync(join(dir, `loc-${String(i).padStart(2, '0')}.yaml`), yaml.replace('name: Test School', `name: ${name(i)}`).replace('VPP_TOKEN_TEST', tokenEnv(i)));
    env[tokenEnv(i)] = sim.locations[i]!.token;
  }
  return { env, path: dir };
}

function run(event: string, path: string, env: Record<string, string>, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ event, inputs: { path, comment: 'false', 'poll-interval': '0.01', parallel: '6', ...inputs }, env });
}

describe('the action over many locations', () => {
  it('plans every location side by side and lists the location files for a matrix', async () => {
    const { env, path } = await folder();
    const r = await run('schedule', path, env);
    expect(r.exitCode).toBe(0);
    const locations = JSON.parse(r.outputs.locations!) as { file: string; name: string; key: string }[];
    expect(locations.map((l) => l.name)).toEqual(Array.from({ length: COUNT }, (_, i) => name(i)));
    expect(new Set(locations.map((l) => l.key)).size).toBe(COUNT);
    const plan = JSON.parse(readFileSync(r.outputs['plan-file']!, 'utf8')) as { locations: { name: string }[] };
    expect(plan.locations.map((l) => l.name)).toEqual(locations.map((l) => l.name));
    expect(r.outputs.associate).toBe(String(2 * COUNT));
    expect(r.summary).toContain(`${COUNT} locations have drifted`);
    expect(sim!.log.writes()).toEqual([]);
    // Several locations were read at once.
    const first = sim!.log.entries.map((e) => e.uId);
    expect(first.indexOf(sim!.locations[5]!.model.snapshot().uId)).toBeLessThan(first.lastIndexOf(sim!.locations[0]!.model.snapshot().uId));
  });

  it('applies every location; one with an expired token is reported and the others still apply', async () => {
    const expired = makeSimToken({ orgName: name(3), expDate: new Date(Date.now() - 86_400_000) });
    const { env, path } = await folder([undefined, undefined, undefined, expired]);
    const r = await run('push', path, env);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^::error::${name(3)} \\(.*loc-03\\.yaml\\): .*expired`, 'm'));
    expect(r.summary).toMatch(new RegExp(`${name(3)}: not planned: .*expired`));
    for (let i = 0; i < COUNT; i++) {
      const holders = sim!.locations[i]!.model.holders('361309726', 'STDQ');
      if (i === 3) expect(holders.users).toEqual(['s-1001']);
      else expect(holders).toEqual({ users: ['s-1001', 's-1002'], devices: ['DMPX0000AAAA'] });
    }
    expect(r.summary.match(/Location converged\./g)).toHaveLength(COUNT - 1);
    expect(statSync(r.env.GITHUB_STEP_SUMMARY!).size).toBeLessThan(1024 * 1024);
  });

  it('a matrix job: one location file and its own token through the token input, masked everywhere', async () => {
    const { env, path } = await folder();
    const token = env[tokenEnv(5)]!;
    const r = await run('push', join(path, 'loc-05.yaml'), { VPP_BASE_URL: env.VPP_BASE_URL! }, { token });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`::add-mask::${token}`);
    expect(r.stdout.split('\n').filter((l) => l.includes(token))).toEqual([`::add-mask::${token}`]);
    expect(r.summary).not.toContain(token);
    expect(sim!.locations[5]!.model.holders('361309726', 'STDQ').users).toEqual(['s-1001', 's-1002']);
    expect(sim!.log.writes({ uId: sim!.locations[4]!.model.snapshot().uId })).toEqual([]);
    expect(JSON.parse(r.outputs.locations!)).toHaveLength(1);
  });

  it('refuses the token input for a path of several locations, before anything is sent', async () => {
    const { env, path } = await folder();
    const r = await run('push', path, { VPP_BASE_URL: env.VPP_BASE_URL! }, { token: env[tokenEnv(0)]! });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::vppctl: The token input serves one location, but .* holds 24/);
    expect(sim!.log.entries).toEqual([]);
  });

  it('validate (the matrix job list) needs no token and sends nothing', async () => {
    const { path } = await folder();
    const r = await run('workflow_dispatch', path, {}, { command: 'validate' });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.outputs.locations!)).toHaveLength(COUNT);
    expect(sim!.log.entries).toEqual([]);
  });
});
