/**
 * policy.whenShort: prioritize through the built CLI against the simulator: September, a grade
 * larger than the licenses bought. Apply converges to the prioritized holders, the next plan has
 * nothing to send and still names who waits, and licenses bought serve the waiting in order.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import type { SimState } from '../../src/sim/index.js';
import { simRigs } from './sim-rig.js';

const rig = simRigs();

const PAGES = '361309726';
const NEWS = 67890;

const YAML = `version: 1
location:
  name: Central School
  token: VPP_TOKEN_CENTRAL
policy:
  whenShort: prioritize
users: [${['s-1', 's-2', 's-3', 's-4', 's-5', 't-1', 't-2'].map((u) => `{clientUserId: ${u}}`).join(', ')}]
groups:
  grade-5:
    users: [s-5, s-3, s-1, s-4, s-2]
  teachers:
    users: [t-2, t-1]
assets:
  - adamId: "${PAGES}"
    name: Pages
    groups: [grade-5, teachers]
    priority: [teachers]
subscriptions:
  - adamId: ${NEWS}
    groups: [grade-5]
`;

/** Four Pages licenses for seven people, two renewing News seats for five students. */
const STATE: SimState = {
  uId: '2049025000431439',
  locationName: 'Central School',
  assets: [{ adamId: PAGES, pricingParam: 'STDQ', productType: 'App', totalCount: 4, deviceAssignable: true, revocable: true }],
  assignments: {},
  users: [],
  subscriptions: [{ adamId: NEWS, total: { renewing: 2, expiring: 3 } }],
};

const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1)!;

describe('whenShort: prioritize against the simulator', () => {
  // Four runs of the built CLI: on a loaded two-core machine, several seconds each.
  it('applies to the prioritized holders, then reports who waits with nothing to send, then serves them in order once licenses are bought', async () => {
    const r = await rig(STATE);
    const file = join(r.dir, 'central.yaml');
    await writeFile(file, YAML);

    const planned = await r.run(['plan', file, '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain('Warning: Pages (361309726 STDQ): 3 licenses short: 4 available + 0 freed by this plan for 7 new holders, so 3 users wait.');
    expect(planned.stdout).toContain('Warning: subscription 67890: 3 renewing seats short: 2 available + 0 freed by this plan for 5 new holders, so 3 users wait.');
    expect(lastLine(planned.stdout)).toMatch(/^Plan: 4 to associate, .* 2 subscription seat changes, in \d+ requests; 6 waiting for a license \(see the warnings\)\.$/);

    const applied = await r.apply([file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).not.toContain('9709');
    expect(lastLine(applied.stdout)).toMatch(/Apply complete: 4 associated, .* Location converged; 6 still waiting for a license\.$/);
    expect(r.sim.model.holders(PAGES).users.sort()).toEqual(['s-3', 's-5', 't-1', 't-2']);
    expect(r.sim.model.snapshot().subscriptionAssignments?.map((s) => s.clientUserId).sort()).toEqual(['s-3', 's-5']);

    const out = join(r.dir, 'plan.json');
    const again = await r.run(['plan', file, '--detailed-exitcode', '--verbose', '--out', out]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(lastLine(again.stdout)).toBe('No changes to send; 6 waiting for a license (see the warnings).');
    const shown = again.stdout.split('\n');
    const at = shown.indexOf('  ! Pages (app 361309726 STDQ): 3 new holders waiting for a license, first served first');
    expect(shown.slice(at + 1, at + 4)).toEqual(['        s-1', '        s-4', '        s-2']);
    const loc = (JSON.parse(await readFile(out, 'utf8')) as Plan).locations[0]!;
    expect(loc.requests).toEqual([]);
    expect(loc.summary.waiting).toBe(6);
    expect(loc.changes.assets).toMatchObject([{ adamId: PAGES, waiting: { users: ['s-1', 's-4', 's-2'], devices: [] } }]);
    expect(loc.changes.subscriptions).toMatchObject([{ adamId: NEWS, waiting: ['s-1', 's-4', 's-2'] }]);

    // Two more Pages licenses bought: the next apply serves the first two who waited.
    r.sim.model.setTotalCount(PAGES, 'STDQ', 6);
    const bought = await r.apply([file]);
    expect(bought.code, bought.stderr).toBe(0);
    expect(lastLine(bought.stdout)).toMatch(/Apply complete: 2 associated, .* Location converged; 4 still waiting for a license\.$/);
    // s-2, last in line, still waits.
    expect(r.sim.model.holders(PAGES).users.sort()).toEqual(['s-1', 's-3', 's-4', 's-5', 't-1', 't-2']);
  }, 90_000);
});
