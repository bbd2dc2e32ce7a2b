/**
 * `plan` and `apply` begin reading the live location before the roster files are checked. A roster
 * with an error must still end the run with exit 1 and the located error alone, before anything
 * is written: the simulator's log shows no POST.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../../src/sim/index.js';
import { runBuiltCli } from './run-cli.js';
import { CENTRAL_TOKEN_ENV, centralState, posted, simRigs, type Rig } from './sim-rig.js';

const rig = simRigs();

const SCHOOL = `version: 1
location:
  name: Central School
  token: ${CENTRAL_TOKEN_ENV}
  mdm: {id: 6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10, name: vppctl}
users: {file: people.txt}
assets:
  - adamId: "361309726"
    users: [s-1001]
`;

/** The school file beside a roster naming s-1001 twice (line 3). */
async function brokenRoster(r: Pick<Rig, 'dir'>): Promise<string> {
  await writeFile(join(r.dir, 'people.txt'), 's-1001\ns-1002\ns-1001\n');
  await writeFile(join(r.dir, 'school.yaml'), SCHOOL);
  return join(r.dir, 'school.yaml');
}

const ROSTER_ERROR = /people\.txt:3:1: error: user `s-1001` is declared twice/;

/** Nothing but the diagnostic and its hint: no stack, no abandoned read's error. */
function onlyTheDiagnostic(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(ROSTER_ERROR);
  expect(lines.slice(1).every((l) => /^\s+hint: /.test(l)), stderr).toBe(true);
}

describe('a roster with an error, while the live location is already being read', () => {
  it('plan exits 1 with the located error and writes nothing', async () => {
    const r = await rig(await centralState());
    const plan = await r.run(['plan', await brokenRoster(r)]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe('');
    onlyTheDiagnostic(plan.stderr);
    expect(posted(r.sim)).toEqual([]);
  });

  it('apply --yes exits 1, applies nothing and writes nothing', async () => {
    const r = await rig(await centralState());
    const applied = await r.apply([await brokenRoster(r)]);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toBe('');
    onlyTheDiagnostic(applied.stderr);
    expect(r.sim.log.entries.filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('without the token variable set, the roster error is what is reported', async () => {
    const r = await rig(await centralState());
    const plan = await r.run(['plan', await brokenRoster(r)], { [CENTRAL_TOKEN_ENV]: undefined });
    expect(plan.code).toBe(1);
    onlyTheDiagnostic(plan.stderr);
    expect(r.sim.log.entries).toEqual([]);
  });
});

describe('the same file with a valid roster', () => {
  it('plans from the read begun early', async () => {
    const r = await rig(await centralState());
    const file = await brokenRoster(r);
    await writeFile(join(r.dir, 'people.txt'), 's-1001\ns-1002\n');
    const plan = await r.run(['plan', file, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).locations[0]).toMatchObject({ name: 'Central School', uId: '2049025000431439', errors: [] });
    expect(posted(r.sim)).toEqual([]);
  });
});

describe('an abandoned read', () => {
  let sim: SimServer | undefined;
  afterEach(async () => sim?.close());

  it('stops within a few pages instead of reading the location to the end', async () => {
    // One record per page, each answered after 150 ms: the full read is about a hundred pages, at
    // most 5 in flight, so reading to the end takes 3 s at least. Load only makes it longer; the
    // broken run must find its roster error and stop within half of that.
    const state = await centralState();
    sim = await startSimServer({ state: { ...state, limits: { maxRequestPerSecond: 1000 } }, options: { pageSize: 1, latencyMs: 150 } });
    const r = await rig(state);
    const file = await brokenRoster(r);
    const env = { VPP_BASE_URL: sim.url, [CENTRAL_TOKEN_ENV]: r.token };
    const gets = (): number => sim!.log.entries.filter((e) => e.method === 'GET').length;

    const broken = await runBuiltCli(['plan', file], env);
    expect(broken.code).toBe(1);
    onlyTheDiagnostic(broken.stderr);
    const abandoned = gets();

    await writeFile(join(r.dir, 'people.txt'), 's-1001\ns-1002\n');
    const whole = await runBuiltCli(['plan', file], env);
    expect(whole.code, whole.stderr).toBe(0);
    const full = gets() - abandoned;
    expect(full).toBeGreaterThan(90);
    expect(abandoned).toBeLessThan(full / 2);
  });
});
