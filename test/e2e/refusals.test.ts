/**
 * What vppctl refuses to do, and proves it from outside: the simulator's request log shows that
 * nothing was written (and, for a dead token, that nothing was even sent).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENTRAL_YAML, centralState, desiredOf, holdersCompared, posted, simRigs } from './sim-rig.js';

const rig = simRigs();

const OTHER_MDM = { id: '11111111-2222-4333-8444-555555555555', name: 'Jamf Pro' };
const OURS = '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10'; // examples/central-school.yaml location.mdm.id

describe('a location claimed by another MDM', () => {
  const claimed = async () => rig({ ...(await centralState()), mdmInfo: OTHER_MDM });

  it('plan fails naming the other installation', async () => {
    const r = await claimed();
    const plan = await r.run(['plan', CENTRAL_YAML]);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toContain('Jamf Pro');
    expect(plan.stdout + plan.stderr).toContain(OTHER_MDM.id);
    expect(plan.stdout + plan.stderr).toContain('--take-over');
  });

  it('apply refuses and writes nothing', async () => {
    const r = await claimed();
    const applied = await r.apply([CENTRAL_YAML]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('Nothing was applied');
    expect(posted(r.sim)).toEqual([]);
    expect(r.sim.model.mdmInfo).toEqual(OTHER_MDM);
  });

  it('with --take-over the plan shows the claim and apply converges', async () => {
    const r = await claimed();
    const applied = await r.apply([CENTRAL_YAML, '--take-over']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/take the location over from Jamf Pro \(11111111-2222-4333-8444-555555555555\) for vppctl/);
    expect(applied.stdout).toContain('Location converged.');
    expect(r.sim.model.mdmInfo?.id).toBe(OURS);
    const { want, have } = holdersCompared(await desiredOf(CENTRAL_YAML), r.sim);
    expect(have).toEqual(want);
  });
});

describe('tokens', () => {
  it('an expired token fails before any request is sent, and is never printed', async () => {
    const r = await rig(await centralState(), { expDate: new Date(Date.now() - 86_400_000) });
    const plan = await r.run(['plan', CENTRAL_YAML]); // the rig throws if the token shows up in the output
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).not.toContain(r.token);
    expect(plan.stderr).toMatch(/expired/);
    expect(plan.stderr).toContain('Central School');
    expect(r.sim.log.entries).toEqual([]);
  });
});

describe('confirmation', () => {
  it('apply without --yes and without a terminal refuses and writes nothing', async () => {
    const r = await rig(await centralState());
    const applied = await r.run(['apply', CENTRAL_YAML, '--state-dir', join(r.dir, 'journal')]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('--yes');
    expect(posted(r.sim)).toEqual([]);
  });
});
