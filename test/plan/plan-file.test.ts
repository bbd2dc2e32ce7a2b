/** The plan file: made, written and read by one module, checked against schemas/plan.schema.json on read. */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPlan, forPlanFile, newPlan, PLAN_SCHEMA_PATH, PlanFileError, planJson, readPlanFile, writePlanFile } from '../../src/plan/plan-file.js';
import type { LocationPlan, Plan } from '../../src/plan/types.js';
import { centralWithChanges, plan } from '../render/fixtures.js';

const FINGERPRINT = `sha256:${'ab'.repeat(32)}`;
const valid = (): Plan => plan({ ...centralWithChanges(), fingerprint: FINGERPRINT });

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vppctl-plan-file-'));
  dirs.push(d);
  return d;
}

describe('planJson', () => {
  it('round-trips to the same Plan value, 2-space indented with a trailing newline', () => {
    const p = valid();
    p.locations[0]!.changes.claim = { to: { id: 'ours', name: 'vppctl' } };
    const json = planJson(p);
    expect(JSON.parse(json)).toEqual(p);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "formatVersion": 1,');
  });

  it("uses design.md's field order whatever order the plan was built in", () => {
    const loc = centralWithChanges();
    // Rebuild the objects with their keys reversed.
    const reversed = Object.fromEntries(Object.entries(loc).reverse()) as unknown as LocationPlan;
    reversed.summary = Object.fromEntries(Object.entries(loc.summary).reverse()) as unknown as LocationPlan['summary'];
    const parsed = JSON.parse(planJson({ locations: [reversed], sourceRoot: '..', createdAt: 'x', formatVersion: 1 }));
    expect(Object.keys(parsed)).toEqual(['formatVersion', 'createdAt', 'sourceRoot', 'locations']);
    expect(Object.keys(parsed.locations[0])).toEqual([
      'name', 'source', 'uId', 'fingerprint', 'summary', 'requests', 'warnings', 'errors',
      'tokenEnv', 'batching', 'changes',
    ]);
    expect(Object.keys(parsed.locations[0].summary)).toEqual([
      'associate', 'disassociate', 'revoke', 'usersCreate', 'usersUpdate', 'usersRetire',
      'subscriptionsAssociate', 'subscriptionsDisassociate', 'requests',
    ]);
  });

  it('never contains the token, only the name of its variable', () => {
    expect(planJson(valid())).toContain('"tokenEnv": "VPP_TOKEN_CENTRAL"');
  });

  it('newPlan stamps createdAt to the second, as the schema wants', () => {
    expect(newPlan([], new Date('2026-11-21T22:33:22.123Z')).createdAt).toBe('2026-11-21T22:33:22Z');
  });
});

describe('checkPlan', () => {
  it('accepts what planJson writes, and fields it does not know within format 1', () => {
    const p = JSON.parse(planJson(valid()));
    p.somethingNew = { added: 'in 1.x' };
    p.locations[0].read = { pages: 3, assetsReRead: 0, full: true };
    p.locations[0].changes.assets[0].kind = 'software';
    expect(checkPlan(p, 'plan.json')).toBe(p);
  });

  it('refuses another major version, saying which one it reads', () => {
    const p = { ...JSON.parse(planJson(valid())), formatVersion: 2 };
    expect(() => checkPlan(p, 'plan.json')).toThrow(PlanFileError);
    expect(() => checkPlan(p, 'plan.json')).toThrow('plan.json is a plan of format 2; this vppctl reads format 1. It was made by a newer vppctl');
  });

  it('refuses what is not a plan at all', () => {
    expect(() => checkPlan([1, 2], 'x.json')).toThrow('x.json is not a vppctl plan (no formatVersion');
    expect(() => checkPlan({ locations: [] }, 'x.json')).toThrow('no formatVersion');
  });

  it.each([
    ['an endpoint Apple does not have', (l: Record<string, any>) => (l.requests[0].endpoint = 'assets/delete-all'), '/locations/0/requests/0/endpoint'],
    ['an associate without assets', (l: Record<string, any>) => delete l.requests[2].body.assets, '/locations/0/requests/2/body'],
    ['a location without its token variable', (l: Record<string, any>) => delete l.tokenEnv, '/locations/0'],
    ['a fingerprint that is not one', (l: Record<string, any>) => (l.fingerprint = 'sha256:abc'), '/locations/0/fingerprint'],
    ['a negative count', (l: Record<string, any>) => (l.summary.associate = -1), '/locations/0/summary/associate'],
  ])('refuses %s, naming where', (_, edit, where) => {
    const p = JSON.parse(planJson(valid()));
    edit(p.locations[0]);
    expect(() => checkPlan(p, 'plan.json')).toThrow(new RegExp(`^plan\\.json is not a valid vppctl plan: at ${where}, `));
  });

  it('is the published schema: every plan planJson writes validates with ajv compiling schemas/plan.schema.json', async () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const check = ajv.compile(JSON.parse(await readFile(PLAN_SCHEMA_PATH, 'utf8')));
    expect(check(JSON.parse(planJson(forPlanFile(valid(), 'out/plan.json', '/repo'))))).toBe(true);
  });
});

describe('plan files and their paths', () => {
  it('--out records the folder sources start from, relative to the plan file', () => {
    expect(forPlanFile(valid(), '/tmp/plans/plan.json', '/home/it/repo').sourceRoot).toBe('../../home/it/repo');
    expect(forPlanFile(valid(), 'plan.json', '/home/it/repo').sourceRoot).toBe('.');
    expect(forPlanFile(valid(), 'out/plan.json', '/home/it/repo').sourceRoot).toBe('..');
  });

  it('reads a plan written elsewhere with its sources resolved from the plan file, not the current folder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'repo', 'plans'), { recursive: true });
    const file = join(dir, 'repo', 'plans', 'plan.json');
    await writePlanFile(file, planJson(forPlanFile(valid(), 'plans/plan.json', join(dir, 'repo'))));
    const saved = await readPlanFile(file, '/');
    expect(saved.sources).toEqual([join(dir, 'repo', 'vpp', 'central.yaml')]);
  });

  it('without sourceRoot (printed with --format json), sources start at the plan file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'plan.json');
    await writeFile(file, planJson(valid()));
    expect((await readPlanFile('plan.json', dir)).sources).toEqual([join(dir, 'vpp', 'central.yaml')]);
  });

  it('says plainly when the file is missing or not JSON', async () => {
    const dir = await tempDir();
    await expect(readPlanFile(join(dir, 'nope.json'))).rejects.toThrow(/cannot read the saved plan .*nope\.json: it does not exist\./);
    await writeFile(join(dir, 'bad.json'), '{"formatVersion": 1,');
    await expect(readPlanFile(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not a vppctl plan: it is not JSON/);
  });
});
