/**
 * `vppctl import --out DIR` bootstraps a repository: the file it writes plans to "No changes"
 * against the location it came from, and importing again gives the same bytes.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simStateOf } from '../../bench/district-sim.js';
import { makeDistrict } from '../../bench/district.js';
import type { SimState } from '../../src/sim/index.js';
import { centralState, NO_CHANGES, simRigs } from './sim-rig.js';

const rig = simRigs();

/**
 * A district-like location, deterministic: 3,000 users, carts of iPads, ~30 apps, ~20,000
 * assignments. Its service config allows more requests per second than Apple's usual 15, so the
 * three full reads (import, import, plan) stay quick; paging is the same.
 */
function district(): SimState {
  const state = simStateOf(makeDistrict({ users: 3000, devices: 300, assets: 30, seed: 7 }).live);
  // Unclaimed, as a location is before vppctl manages it: import never copies a claim it cannot
  // prove is its own (import-identity.test.ts), so a claimed one would plan a take-over.
  return { ...state, mdmInfo: undefined, limits: { ...state.limits, maxRequestPerSecond: 200 } };
}

describe('vppctl import', () => {
  it.each([
    { name: 'the example school', state: centralState, file: 'central-school.yaml' },
    { name: 'a district with 3,000 users', state: async () => district(), file: 'unified-school-district.yaml' },
  ])('$name: the imported file plans to no changes, and a second import is byte-identical', async ({ state, file }) => {
    const location = await state();
    const r = await rig(location, { tokenEnv: ['VPP_TOKEN'] });
    const first = join(r.dir, 'first');
    const second = join(r.dir, 'second');
    const imported = await r.run(['import', '--out', first]);
    expect(imported.code, imported.stderr).toBe(0);
    // Beside the file: the state dir, with the names the store gave (the district's apps have none).
    expect((await readdir(first)).filter((f) => f !== '.vppctl')).toEqual([file]);
    expect(imported.stderr).toContain(`Wrote ${join(first, file)}`);
    expect((await r.run(['import', '--out', second])).code).toBe(0);
    const text = await readFile(join(first, file), 'utf8');
    expect(await readFile(join(second, file), 'utf8')).toBe(text);
    // The editor's schema comment points at the schema vppctl ships, from where the file was written.
    const schema = /\$schema=(\S+)/.exec(text)?.[1];
    expect(schema).toBeDefined();
    await access(resolve(first, schema!));
    // Every registered user is declared (retired ones are not), so the file is the whole location.
    const registered = location.users.filter((u) => u.status === 'Registered' || u.status === 'Associated');
    expect(text.match(/clientUserId: /g)).toHaveLength(registered.length);

    const plan = await r.run(['plan', join(first, file), '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout.trimEnd().split('\n').at(-1)).toBe(NO_CHANGES);
    expect(r.sim.log.writes()).toEqual([]);
  });

  it('the example school: import writes the store\'s names, and the plan of the imported file shows them', async () => {
    const r = await rig(await centralState(), { tokenEnv: ['VPP_TOKEN'] });
    const out = join(r.dir, 'vpp');
    expect((await r.run(['import', '--out', out])).code).toBe(0);
    const text = await readFile(join(out, 'central-school.yaml'), 'utf8');
    for (const name of ['Pages', 'Numbers', 'Keynote', 'iMovie', 'GarageBand', 'Grade 5 Reader']) expect(text).toContain(`name: ${name}\n`);
    expect(text).not.toContain('look up adamId');
    // Someone hands out Keynote in Apple School Manager: the plan takes it back, by name.
    r.sim.model.associate({ assets: [{ adamId: '361285480', pricingParam: 'STDQ' }], clientUserIds: ['s-1013'] });
    const plan = await r.run(['plan', join(out, 'central-school.yaml')]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('  - Keynote (app 361285480 STDQ): -1 user [assigned');
    expect(plan.stdout).not.toContain('Warning');
  });
});
