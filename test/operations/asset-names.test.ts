/**
 * Names for plans: the file's name wins, the cache (a week) answers what it knows, the store the
 * rest, and the cache file holds names and kinds only, never the token.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot } from '../../src/live/index.js';
import { assetNames } from '../../src/operations/asset-names.js';
import { namesCacheFile, NAMES_TTL_MS } from '../../src/operations/names-cache.js';
import { failingLookup } from '../../src/sim/faults.js';
import { LOOKUP_PATH } from '../../src/sim/lookup.js';
import { asset, desiredState } from '../plan/fixtures.js';
import { simState, startSim, type Sim } from '../api/sim-fixture.js';

let sim: Sim;
let dir: string;
beforeEach(async () => {
  const base = simState();
  const names = ['Pages', 'Numbers', 'Keynote', 'A Book'];
  sim = await startSim({ ...base, assets: base.assets.map((a, i) => ({ ...a, name: names[i]! })) });
  dir = await mkdtemp(join(tmpdir(), 'vppctl-names-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const NOW = Date.parse('2026-12-03T09:00:00Z');
const lookups = () => sim.server.log.entries.filter((e) => e.path === LOOKUP_PATH);

describe('assetNames', () => {
  it("looks up what the file does not name, caches it a week, and never writes the token", async () => {
    const api = sim.client();
    const live = await snapshot(api);
    const desired = desiredState({ assets: [asset('100000001', [], [], { name: 'Pages for grade 5' })] });
    const first = await assetNames(api, live, desired, { stateDir: dir, now: NOW });
    expect(first.problem).toBeUndefined();
    expect(Object.fromEntries(first.names)).toEqual({
      '100000002': { name: 'Numbers', kind: 'app' },
      '100000003': { name: 'Keynote', kind: 'app' },
      '200000001': { name: 'A Book', kind: 'book' },
    });
    expect(lookups()).toHaveLength(1);
    expect(lookups()[0]!.query.id!.split(',')).not.toContain('100000001');

    const file = namesCacheFile(dir, live.uId);
    expect(file).toBe(join(dir, 'cache', 'names-2049025000431439.json'));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"Keynote"');
    expect(text).not.toContain(sim.token);

    // A day later the cache answers; the store is not asked.
    const cached = await assetNames(api, live, desired, { stateDir: dir, now: NOW + 86_400_000 });
    expect(cached.names).toEqual(first.names);
    expect(lookups()).toHaveLength(1);
    // A week later the names are asked again.
    await assetNames(api, live, desired, { stateDir: dir, now: NOW + NAMES_TTL_MS });
    expect(lookups()).toHaveLength(2);
  });

  it('a name from an edited cache file is cleaned as a name from the store is: nothing that does not print gets through', async () => {
    const api = sim.client();
    const live = await snapshot(api);
    const desired = desiredState({ assets: [] });
    await assetNames(api, live, desired, { stateDir: dir, now: NOW });
    const file = namesCacheFile(dir, live.uId);
    const body = JSON.parse(await readFile(file, 'utf8')) as { names: Record<string, { name: string }> };
    body.names['100000003']!.name = 'Evil\n\u001b[31mRED\u202e';
    await writeFile(file, JSON.stringify(body));
    const { names } = await assetNames(api, live, desired, { stateDir: dir, now: NOW + 60_000 });
    expect(names.get('100000003')?.name).toBe('Evil\\n\\u001b[31mRED\\u202e');
    expect(lookups()).toHaveLength(1);
  });

  it('a failed lookup gives the cached names where there are some, and the reason', async () => {
    const api = sim.client();
    const live = await snapshot(api);
    sim.server.use(failingLookup());
    const none = await assetNames(api, live, undefined, { stateDir: dir, now: NOW });
    expect(none).toEqual({ names: new Map(), problem: 'the store lookup answered HTTP 500' });
    sim.server.resetHandlers();
    await assetNames(api, live, undefined, { stateDir: dir, now: NOW });
    sim.server.use(failingLookup());
    expect((await assetNames(api, live, undefined, { stateDir: dir, now: NOW + 1000 })).names.get('100000003')).toEqual({ name: 'Keynote', kind: 'app' });
  });
});
