/**
 * `vppctl plan --out FILE` then `vppctl apply --plan FILE`: applied as reviewed, from any folder;
 * refused, with nothing sent, when stale, when Apple's limits dropped since, or when the file's
 * requests are not the ones the desired state and the live location call for (an edited plan).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

  it('finds the desired-state files from the plan file, whatever folder apply runs in', async () => {
    const r = await rig(await centralState());
    await mkdir(join(r.dir, 'plans'));
    const file = join(r.dir, 'plans', 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    const applied = await r.run(['apply', '--plan', 'plans/plan.json', '--yes', '--poll-interval', '0.05', '--state-dir', 'state'], {}, r.dir);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Location converged.');
    const { want, have } = holdersCompared(await desiredOf(CENTRAL_YAML), r.sim);
    expect(have).toEqual(want);
  });
});

describe('a saved plan must be the plan', () => {
  /** Plans to a file, lets `edit` change the saved JSON, applies it: refused, with not one write. */
  async function tampered(edit: (requests: Plan['locations'][number]['requests']) => void): Promise<string> {
    const r = await rig(await centralState());
    const file = join(r.dir, 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Plan;
    edit(saved.locations[0]!.requests);
    await writeFile(file, JSON.stringify(saved, null, 2));
    r.sim.log.clear();
    const applied = await r.apply(['--plan', file]);
    expect(applied.code).toBe(1);
    expect(r.sim.log.writes()).toEqual([]);
    expect(posted(r.sim)).toEqual([]);
    expect(applied.stdout).not.toContain('Apply complete');
    return applied.stderr;
  }

  it('refuses a plan edited to also revoke a teacher', async () => {
    const stderr = await tampered((requests) => requests.push({ endpoint: 'assets/revoke', body: { clientUserIds: ['t-001'] } }));
    expect(stderr).toMatch(/the saved plan for Central School is refused: its requests are not the ones examples\/central-school\.yaml and the live location call for now \(request 8 of 8 is assets\/revoke in the file, nothing now \(of 7\)\)/);
    expect(stderr).toContain('Nothing was sent to it.');
  });

  it('refuses a plan whose users/create was edited to users/retire', async () => {
    const stderr = await tampered((requests) => {
      const create = requests.find((q) => q.endpoint === 'users/create')!;
      (create as { endpoint: string }).endpoint = 'users/retire';
    });
    expect(stderr).toMatch(/request \d of 7 is users\/retire in the file, users\/create now/);
  });

  it('refuses a plan that no longer fits after the location\'s limits dropped, and says to plan again', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    r.sim.model.limits.maxClientUserIds = 2;
    r.sim.log.clear();
    const applied = await r.apply(['--plan', file]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/holds \d+ clientUserIds; the location now allows 2 \(maxClientUserIds\)\. Apple lowered its limits/);
    expect(r.sim.log.writes()).toEqual([]);
    expect(posted(r.sim)).toEqual([]);
  });

  it('refuses a plan file of another format version, saying so', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'plan.json');
    expect((await r.run(['plan', CENTRAL_YAML, '--out', file])).code).toBe(0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...saved, formatVersion: 2 }));
    r.sim.log.clear();
    const applied = await r.apply(['--plan', file]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('is a plan of format 2; this vppctl reads format 1');
    expect(r.sim.log.entries).toEqual([]);
  });
});
