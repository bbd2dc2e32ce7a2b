/**
 * `vppctl import` never writes another installation's identity into a file (issue 16, item 1):
 * the claim guard is only as good as the id in the file. Run with the built CLI against the
 * simulator; the simulator's request log proves nothing was written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { centralState, NO_CHANGES, posted, simRigs } from './sim-rig.js';

const rig = simRigs();

// Several runs of the built CLI per test.
vi.setConfig({ testTimeout: 90_000 });

const OTHER_MDM = { id: '11111111-2222-4333-8444-555555555555', name: 'OtherMDM', metadata: 'mdm.other.example.com' };
const FILE = 'central-school.yaml';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function mdmOf(file: string): Promise<{ id: string; name: string } | undefined> {
  return (parse(await readFile(file, 'utf8')) as { location: { mdm?: { id: string; name: string } } }).location.mdm;
}

describe('import of a location another MDM claims', () => {
  it('warns naming that MDM, writes a new identity of its own, and the plan refuses without --take-over', async () => {
    const r = await rig({ ...(await centralState()), mdmInfo: OTHER_MDM }, { tokenEnv: ['VPP_TOKEN'] });
    const out = join(r.dir, 'vpp');
    const imported = await r.run(['import', '--out', out]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/^warning: .*claimed by another installation, OtherMDM \(mdmInfo\.id 11111111-2222-4333-8444-555555555555\)/m);
    expect(imported.stderr).toContain('--take-over');

    const file = join(out, FILE);
    const mdm = await mdmOf(file);
    expect(mdm?.name).toBe('vppctl');
    expect(mdm?.id).toMatch(UUID);
    expect(mdm?.id).not.toBe(OTHER_MDM.id);
    expect(await readFile(file, 'utf8')).not.toContain(OTHER_MDM.id.replace(/-/g, '')); // not even in another spelling

    const plan = await r.run(['plan', file]);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toContain('OtherMDM');
    expect(plan.stdout + plan.stderr).toContain('Pass --take-over to claim it');
    expect(plan.stdout).not.toContain(NO_CHANGES);

    const takeOver = await r.run(['plan', file, '--take-over']);
    expect(takeOver.code, takeOver.stderr).toBe(0);
    expect(takeOver.stdout).toContain('take the location over from OtherMDM');

    expect(r.sim.log.writes()).toEqual([]);
    expect(posted(r.sim)).toEqual([]);
    expect(r.sim.model.mdmInfo).toEqual(OTHER_MDM);
  });

  it('importing again into the same folder keeps the identity the file already names', async () => {
    const r = await rig({ ...(await centralState()), mdmInfo: OTHER_MDM }, { tokenEnv: ['VPP_TOKEN'] });
    const out = join(r.dir, 'vpp');
    expect((await r.run(['import', '--out', out])).code).toBe(0);
    const first = await readFile(join(out, FILE), 'utf8');
    expect((await r.run(['import', '--out', out])).code).toBe(0);
    expect(await readFile(join(out, FILE), 'utf8')).toBe(first);
  });
});

describe('import of a location this installation claims', () => {
  it('keeps the id of the file it replaces: no warning, and the plan has no changes', async () => {
    const ours = { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl', metadata: 'vppctl' };
    const r = await rig({ ...(await centralState()), mdmInfo: ours }, { tokenEnv: ['VPP_TOKEN'] });
    const out = join(r.dir, 'vpp');
    const file = join(out, FILE);
    // The repository's earlier file: its identity is the only proof that the claim is ours.
    expect((await r.run(['import', '--out', out])).code).toBe(0);
    const earlier = await readFile(file, 'utf8');
    await writeFile(file, earlier.replace((await mdmOf(file))!.id, ours.id));

    const again = await r.run(['import', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('warning');
    expect((await mdmOf(file))?.id).toBe(ours.id);
    const plan = await r.run(['plan', file, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain(NO_CHANGES);
  });

  it('without that file, a claim named "vppctl" is another installation all the same', async () => {
    const r = await rig({ ...(await centralState()), mdmInfo: { id: 'a-different-vppctl', name: 'vppctl' } }, { tokenEnv: ['VPP_TOKEN'] });
    const imported = await r.run(['import']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('a-different-vppctl');
    expect((parse(imported.stdout) as { location: { mdm: { id: string } } }).location.mdm.id).toMatch(UUID);
  });
});

describe('import of an unclaimed location', () => {
  it('writes no identity, claims nothing, and says how to claim it', async () => {
    const r = await rig({ ...(await centralState()), mdmInfo: undefined }, { tokenEnv: ['VPP_TOKEN'] });
    const imported = await r.run(['import']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).not.toContain('warning');
    expect((parse(imported.stdout) as { location: { mdm?: unknown } }).location.mdm).toBeUndefined();
    expect(imported.stdout).toContain('No installation claims the location');
  });
});
