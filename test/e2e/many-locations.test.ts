/**
 * A folder of locations planned and applied side by side by the built CLI, against several
 * simulated locations behind one base URL (routed by token): each converges, each location's rate
 * cap and limits hold, output comes whole and in file order, and one failing location (an expired
 * token, a claim by another MDM, a file for a location another file has) is reported while the
 * others apply.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSimToken } from '../../src/sim/index.js';
import { holdersAt, LOCATION, multiRigs, type MultiRig } from './multi-rig.js';
import { NO_CHANGES } from './sim-rig.js';

const rig = multiRigs();

const OTHER_MDM = { id: '11111111-2222-4333-8444-555555555555', name: 'Jamf Pro' };
/** Low limits, different per location, so each location's own cut and cap are visible. */
const RATE = (i: number): number => 6 + 4 * i;
const MAX_USERS = (i: number): number => 3 + i;

/** Every accepted write at location `i` holds no more users or devices than its limits allow. */
function writesWithinLimits(r: MultiRig, i: number): void {
  const writes = r.sim.log.writes({ uId: r.uIds[i]! });
  expect(writes.length).toBeGreaterThan(0);
  for (const w of writes) {
    const body = w.body as { clientUserIds?: string[]; serialNumbers?: string[]; users?: unknown[] };
    expect(body.clientUserIds?.length ?? 0).toBeLessThanOrEqual(MAX_USERS(i));
    expect(body.users?.length ?? 0).toBeLessThanOrEqual(MAX_USERS(i));
  }
}

describe('several locations side by side', () => {
  it('plan and apply converge every location, each within its own rate and limits, output in file order', async () => {
    const r = await rig(4, {
      edit: (s, i) => ({ ...s, limits: { maxRequestPerSecond: RATE(i), maxClientUserIds: MAX_USERS(i), maxUsers: MAX_USERS(i), maxSubscriptionClientUserIds: MAX_USERS(i) } }),
    });
    const plan = await r.run(['plan', join(r.dir, 'vpp'), '--format', 'json', '--parallel', '4', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    const planned = JSON.parse(plan.stdout) as { locations: { name: string; uId: string }[] };
    expect(planned.locations.map((l) => [l.name, l.uId])).toEqual(r.uIds.map((u, i) => [LOCATION(i), u]));
    expect(r.sim.log.writes()).toEqual([]);

    const applied = await r.apply([join(r.dir, 'vpp'), '--parallel', '4']);
    expect(applied.code, applied.stderr).toBe(0);
    // One outcome line per location, whole, in file order.
    const outcomes = applied.stdout.split('\n').filter((l) => / Apply (complete|incomplete): /.test(l));
    expect(outcomes.map((l) => l.split(':')[0])).toEqual([0, 1, 2, 3].map(LOCATION));
    expect(outcomes.every((l) => l.endsWith('Location converged.'))).toBe(true);

    for (let i = 0; i < 4; i++) {
      const { want, have } = holdersAt(r, i);
      expect(have).toEqual(want);
      // Each location is paced to its own cap. Arrivals are timed by the simulator, in this process:
      // on a loaded machine requests granted on time reach it late and bunched (12 in a second for a
      // cap of 10 was seen), so half a cap of slack. The caps are far enough apart that a location
      // paced by its neighbour's cap, or by none, still fails; the limiter's exact pacing is proven
      // on a virtual clock in test/api/rate-limit.test.ts.
      expect(r.sim.log.maxPerSecond({ uId: r.uIds[i]! })).toBeLessThanOrEqual(Math.floor(RATE(i) * 1.5));
      writesWithinLimits(r, i);
    }
    // The locations really were worked on at once: their requests interleave in the log.
    const order = r.sim.log.entries.map((e) => e.uId);
    const firstOfLast = order.indexOf(r.uIds[3]);
    const lastOfFirst = order.lastIndexOf(r.uIds[0]);
    expect(firstOfLast).toBeLessThan(lastOfFirst);

    const again = await r.run(['plan', join(r.dir, 'vpp'), '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(NO_CHANGES);
  });

  it('with --parallel 1 the locations are read one after another, in file order', async () => {
    const r = await rig(3);
    const plan = await r.run(['plan', join(r.dir, 'vpp'), '--parallel', '1']);
    expect(plan.code, plan.stderr).toBe(0);
    const order = r.sim.log.entries.map((e) => e.uId).filter((u, i, all) => u !== undefined && all[i - 1] !== u);
    expect(order).toEqual(r.uIds);
  });

  it('an expired token and a location claimed by another MDM are reported; the other locations apply', async () => {
    const expired = makeSimToken({ orgName: LOCATION(1), expDate: new Date(Date.now() - 86_400_000) });
    const r = await rig(4, { tokens: [undefined, expired], edit: (s, i) => (i === 2 ? { ...s, mdmInfo: OTHER_MDM } : s) });
    const applied = await r.apply([join(r.dir, 'vpp'), '--parallel', '4']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(new RegExp(`error: ${LOCATION(1)} \\(.*b\\.yaml\\): .*expired`));
    expect(applied.stdout + applied.stderr).toContain('Jamf Pro');
    expect(applied.stderr).toContain(`Apply refused for ${LOCATION(2)}`);
    // Nothing reached the expired location, nothing was written to the claimed one.
    expect(r.sim.log.entries.filter((e) => e.uId === r.uIds[1])).toEqual([]);
    expect(r.sim.log.writes({ uId: r.uIds[2]! })).toEqual([]);
    expect(r.sim.locations[2]!.model.mdmInfo).toEqual(OTHER_MDM);
    for (const i of [0, 3]) {
      const { want, have } = holdersAt(r, i);
      expect(have).toEqual(want);
    }
    expect(applied.stdout).toMatch(new RegExp(`^${LOCATION(0)}: Apply complete: .*converged\\.$`, 'm'));
    expect(applied.stdout).toMatch(new RegExp(`^${LOCATION(3)}: Apply complete: .*converged\\.$`, 'm'));
  });

  it('two files for one location are refused, naming both, and nothing is written to it', async () => {
    const r = await rig(3);
    // b.yaml's variable holds a's token: two files, one location.
    const env = { [r.tokenEnvs[1]!]: r.sim.locations[0]!.token };
    const plan = await r.run(['plan', join(r.dir, 'vpp')], { env });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/vpp\/a\.yaml and .*vpp\/b\.yaml manage the same location \(uId 4000000000000000\)/);
    const applied = await r.run(['apply', join(r.dir, 'vpp'), '--yes', '--poll-interval', '0.05', '--state-dir', join(r.dir, 'state')], { env });
    expect(applied.code).toBe(1);
    expect(r.sim.log.writes({ uId: r.uIds[0]! })).toEqual([]);
    // The third location is not held back.
    const { want, have } = holdersAt(r, 2);
    expect(have).toEqual(want);
  });
});

describe('vppctl import of several locations', () => {
  it('writes one file per token variable, side by side; the folder plans the take-over and no asset change', async () => {
    const r = await rig(3);
    await r.apply([join(r.dir, 'vpp')]);
    const out = join(r.dir, 'imported');
    const imported = await r.run(['import', ...r.tokenEnvs.flatMap((t) => ['--token-env', t]), '--out', out, '--parallel', '3']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['school-a.yaml', 'school-b.yaml', 'school-c.yaml']);
    // The rig's files claimed the locations: import never copies that claim, it says who holds it.
    expect(imported.stderr.match(/is claimed by another installation, vppctl \(mdmInfo\.id /g)).toHaveLength(3);
    r.sim.log.clear();
    const refused = await r.run(['plan', out, '--detailed-exitcode']);
    expect(refused.code).toBe(1);
    expect(refused.stdout.match(/Pass --take-over to claim it/g)).toHaveLength(3);
    const plan = await r.run(['plan', out, '--detailed-exitcode', '--take-over']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout.match(/~ take the location over from vppctl \(6f1c1b7e-/g)).toHaveLength(3);
    expect(plan.stdout).toMatch(/Plan: 0 to associate, 0 to disassociate, 0 to revoke, 0 user changes/);
    expect(r.sim.log.writes()).toEqual([]);
  });

  it('asks for --out when importing several', async () => {
    const r = await rig(2);
    const imported = await r.run(['import', '--token-env', 'VPP_TOKEN_A', '--token-env', 'VPP_TOKEN_B']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('give the folder with --out DIR');
  });
});

describe('vppctl validate --format json', () => {
  it('lists the location files for a workflow matrix, needing no token', async () => {
    const r = await rig(2);
    const v = await r.run(['validate', join(r.dir, 'vpp'), '--format', 'json'], { env: { VPP_TOKEN_A: undefined, VPP_TOKEN_B: undefined } });
    expect(v.code, v.stderr).toBe(0);
    const out = JSON.parse(v.stdout) as { valid: boolean; locations: { file: string; name: string; tokenEnv: string; key: string }[] };
    expect(out.valid).toBe(true);
    expect(out.locations.map((l) => [l.name, l.tokenEnv])).toEqual([[LOCATION(0), 'VPP_TOKEN_A'], [LOCATION(1), 'VPP_TOKEN_B']]);
    expect(out.locations[0]!.file).toBe(r.files[0]);
    expect(out.locations.every((l) => /^[A-Za-z0-9._-]+$/.test(l.key))).toBe(true);
    expect(r.sim.log.entries).toEqual([]);
  });
});
