/**
 * The live-state cache through the built CLI against the simulator, whose deltas never list
 * removals: an unchanged re-plan reads a few pages, changes made by hand are seen all the same, and
 * a cache that cannot be used (damaged, another location's, a versionId Apple refuses) is said in
 * one line, then the location is read in full and a new cache written.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { respond } from '../../src/sim/index.js';
import { errorBody } from '../../src/sim/errors.js';
import type { Plan } from '../../src/plan/types.js';
import { CENTRAL_YAML, centralState, NO_CHANGES, simRigs, type Rig } from './sim-rig.js';

const rig = simRigs();
const UID = '2049025000431439';

/** The example school served in pages of 3 records, so a full read takes many pages (and at 1,000 requests/s, so tests stay quick). */
async function school(): Promise<Rig> {
  const state = await centralState();
  return rig({ ...state, limits: { ...state.limits, maxRequestPerSecond: 1000 } }, { simOptions: { pageSize: 3 } });
}

async function planJson(r: Rig, ...flags: string[]): Promise<{ plan: Plan['locations'][number]; stderr: string; requests: number }> {
  const before = r.sim.log.entries.length;
  const run = await r.run(['plan', CENTRAL_YAML, '--format', 'json', ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return { plan: (JSON.parse(run.stdout) as Plan).locations[0]!, stderr: run.stderr, requests: r.sim.log.entries.length - before };
}

const cachePath = (r: Rig) => join(r.dir, 'journal', 'cache', `${UID}.json`);
const cacheLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('live-state cache') || l.includes('9721'));

describe('the live-state cache', () => {
  it('re-plans an unchanged location in a few requests, and says so in the plan', async () => {
    const r = await school();
    const full = await planJson(r);
    expect(full.plan.read).toEqual({ mode: 'full', pages: expect.any(Number), assetsReRead: 0 });
    const again = await planJson(r);
    expect(again.plan.read).toEqual({ mode: 'incremental', pages: 9, assetsReRead: 0 });
    expect(again.plan.fingerprint).toBe(full.plan.fingerprint);
    expect(again.plan.requests).toEqual(full.plan.requests);
    // The pages, plus the second page of subscription seats (cursor pages count as one read).
    expect(again.requests).toBeLessThanOrEqual(10);
    expect(full.requests).toBeGreaterThan(3 * again.requests);
    const text = await r.run(['plan', CENTRAL_YAML]);
    expect(text.stdout).toContain('  read 9 pages since the cached read; 0 assets re-read\n');
    const markdown = await r.run(['plan', CENTRAL_YAML, '--format', 'markdown']);
    expect(markdown.stdout).toContain(' · read 9 pages since the cached read; 0 assets re-read');
  });

  it('holds user ids, serial numbers and versionIds, never the token', async () => {
    const r = await school();
    await planJson(r);
    const text = await readFile(cachePath(r), 'utf8');
    expect(text).toContain('"s-1001"');
    const secret = (JSON.parse(Buffer.from(r.token, 'base64').toString('utf8')) as { token: string }).token;
    expect(text).not.toContain(r.token);
    expect(text).not.toContain(secret);
  });

  it('sees changes made by hand, removals included, as a full read does', async () => {
    const r = await school();
    await planJson(r);
    // In Apple School Manager: s-1001 loses Pages and gets Keynote instead; a cart iPad loses the Classroom app.
    const pages = r.sim.model.holders('361309726');
    r.sim.model.disassociate({ assets: [{ adamId: '361309726' }], clientUserIds: [pages.users[0]!] });
    r.sim.model.disassociate({ assets: [{ adamId: '408709785' }], serialNumbers: [r.sim.model.holders('408709785').devices[0]!] });
    r.sim.model.retireUsers({ users: [{ clientUserId: 's-1013' }] });
    const cached = await planJson(r);
    const full = await planJson(r, '--full-read');
    expect(cached.plan.read?.mode).toBe('incremental');
    expect(cached.plan.read?.assetsReRead).toBeGreaterThan(0);
    expect(cached.plan.fingerprint).toBe(full.plan.fingerprint);
    expect(cached.plan.requests).toEqual(full.plan.requests);
    expect(cached.requests).toBeLessThan(full.requests);
  });

  it('a damaged cache: one line saying so, a full read, a new cache', async () => {
    const r = await school();
    const first = await planJson(r);
    const file = cachePath(r);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"s-1001"', '"s-1999"'));
    const damaged = await planJson(r);
    expect(cacheLines(damaged.stderr)).toEqual([
      `warning: Central School: the live-state cache ${file} was not used: its checksum does not match (damaged or edited); reading everything and writing a new cache`,
    ]);
    expect(damaged.plan.read?.mode).toBe('full');
    expect(damaged.plan.fingerprint).toBe(first.plan.fingerprint);
    expect((await planJson(r)).plan.read?.mode).toBe('incremental');
  });

  it("another location's cache under this location's name: one line, a full read, a new cache", async () => {
    const r = await school();
    await planJson(r);
    const file = cachePath(r);
    await writeFile(file, (await readFile(file, 'utf8')).replace(`"uId":"${UID}"`, '"uId":"1111111111"'));
    const other = await planJson(r);
    expect(cacheLines(other.stderr)).toEqual([
      `warning: Central School: the live-state cache ${file} was not used: it belongs to another location (uId 1111111111), not uId ${UID}; reading everything and writing a new cache`,
    ]);
    expect(other.plan.read?.mode).toBe('full');
    // One live-state cache, this location's, beside its names cache; no other uId's file, no temporary file.
    expect((await readdir(join(r.dir, 'journal', 'cache'))).sort()).toEqual([`${UID}.json`, `names-${UID}.json`]);
    expect((await planJson(r)).plan.read?.mode).toBe('incremental');
  });

  it('Apple refusing the cached versionId (9721) mid-run: one line, a full read, a new cache', async () => {
    const r = await school();
    const first = await planJson(r);
    r.sim.use(
      respond({ paths: ['/assignments'], when: (req) => new URL(req.url).searchParams.has('sinceVersionId'), limit: 1 }, () =>
        Response.json(errorBody(9721), { status: 400 }),
      ),
    );
    const refused = await planJson(r);
    expect(cacheLines(refused.stderr)).toEqual([
      'warning: Central School: Apple no longer accepts the versionId of the live-state cache (9721): reading everything and writing a new cache',
    ]);
    expect(refused.plan.read?.mode).toBe('full');
    expect(refused.plan.fingerprint).toBe(first.plan.fingerprint);
    expect((await planJson(r)).plan.read?.mode).toBe('incremental');
  });

  it('apply verifies by re-reading the assets it wrote to and leaves the cache up to date', async () => {
    const r = await school();
    const applied = await r.apply([CENTRAL_YAML]);
    expect(applied.code, applied.stderr).toBe(0);
    // Verification read on from the cache: each asset written to alone, no second walk of every assignment.
    const reads = r.sim.log.entries.filter((e) => e.method === 'GET' && e.path === '/assignments');
    const whole = reads.filter((e) => e.query.sinceVersionId === undefined && e.query.adamId === undefined && e.query.pageIndex === '0');
    expect(whole).toHaveLength(1);
    expect(new Set(reads.filter((e) => e.query.adamId !== undefined).map((e) => e.query.adamId))).toEqual(new Set(['361309726', '408709785', '361304891', '1559451201']));
    const after = await r.run(['plan', CENTRAL_YAML]);
    expect(after.stdout).toContain('read 9 pages since the cached read; 0 assets re-read');
    expect(after.stdout).toContain(NO_CHANGES);
    expect((await planJson(r, '--full-read')).plan.fingerprint).toBe((await planJson(r)).plan.fingerprint);
  });
});
