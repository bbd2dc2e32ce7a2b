/** `vppctl plan --out FILE` then `vppctl apply --plan FILE`: applied as reviewed, or refused when stale. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { CENTRAL_YAML, centralState, desiredOf, holdersCompared, posted, simRigs } from './sim-rig.js';

const rig = simRigs();

describe('vppctl apply --plan FILE', () => {
  it('applies a saved plan and the location converges', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    const applied = await r.apply(['--plan', file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Location converged.');
    // Exactly the reviewed requests were sent, each once.
    const saved = JSON.parse(await readFile(file, 'utf8')) as Plan;
    const reviewed = saved.locations[0]!.requests.map((q) => `/${q.endpoint}`);
    expect(reviewed).toHaveLength(7);
    expect(posted(r.sim).sort()).toEqual(reviewed.sort());
    const { want, have } = holdersCompared(await desiredOf(CENTRAL_YAML), r.sim);
    expect(have).toEqual(want);
  });

  it('refuses a plan made before the location changed, and writes nothing', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    // Someone assigns Keynote to a student in the meantime.
    r.sim.model.associate({ assets: [{ adamId: '361285480', pricingParam: 'STDQ' }], clientUserIds: ['s-1013'] });
    await new Promise((resolve) => setTimeout(resolve, 60)); // past eventPendingMs: it settles on the next request
    r.sim.log.clear();
    const applied = await r.apply(['--plan', file]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/stale/);
    expect(applied.stderr).toContain('vppctl plan');
    expect(r.sim.log.entries.length).toBeGreaterThan(0); // it did read the location
    expect(r.sim.log.writes()).toEqual([]);
    expect(posted(r.sim)).toEqual([]);
    expect(r.sim.model.holders('361285480').users).toContain('s-1013');
  });
});
