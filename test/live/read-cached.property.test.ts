/**
 * The cached read against the simulator over real HTTP, whose deltas never list removals: after
 * any sequence of changes made by hand through the API between reads, reading from the cache gives
 * exactly what a full read gives (the same fingerprint, the same content).
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VppApi } from '../../src/api/types.js';
import { cacheFile, readCached, snapshot } from '../../src/live/index.js';
import { respond } from '../../src/sim/index.js';
import type { SimState } from '../../src/sim/state.js';
import { actualLive, generatedState, startSim, type SimHarness } from './sim-fixture.js';

const open: { h: SimHarness; dir: string }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.h.close();
    await rm(o.dir, { recursive: true, force: true });
  }
});

async function location(state: SimState = generatedState()) {
  const h = await startSim(state, 20);
  const dir = await mkdtemp(join(tmpdir(), 'vppctl-cached-read-'));
  open.push({ h, dir });
  const notices: string[] = [];
  const read = (extra: Parameters<typeof readCached>[1] = {}) =>
    readCached(h.api, { cacheFile: (uId) => cacheFile(dir, uId), onNotice: (line) => notices.push(line), ...extra });
  return { h, dir, notices, read };
}

/** Sends one write and lets it settle (the simulator settles due events at the next request). */
async function write(api: VppApi, ...[endpoint, body]: Parameters<VppApi['write']>): Promise<void> {
  const { eventId } = await api.write(endpoint, body);
  const status = await api.status(eventId);
  expect(status.eventStatus).not.toBe('PENDING');
}

const active = (s: string) => s === 'Registered' || s === 'Associated';

type Change =
  | { kind: 'remove' | 'readd'; asset: number; holder: number }
  | { kind: 'swap'; asset: number; holder: number; user: number }
  | { kind: 'add'; asset: number; user: number; device: boolean }
  | { kind: 'retire' | 'reregister'; user: number }
  | { kind: 'newAsset'; user: number }
  | { kind: 'assetGone'; asset: number };

const index = fc.nat(10_000);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constantFrom('remove' as const, 'readd' as const), asset: index, holder: index }),
  fc.record({ kind: fc.constant('swap' as const), asset: index, holder: index, user: index }),
  fc.record({ kind: fc.constant('add' as const), asset: index, user: index, device: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('retire' as const, 'reregister' as const), user: index }),
  fc.record({ kind: fc.constant('newAsset' as const), user: index }),
  fc.record({ kind: fc.constant('assetGone' as const), asset: index }),
);

let newAssets = 0;

/** Makes one change through the API (assets bought or moved away: the content manager's side of the simulator). */
async function make(h: SimHarness, c: Change): Promise<void> {
  const now = h.server.model.snapshot();
  const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
  // Removals only where Apple allows them: a book is not revocable.
  const assets = c.kind === 'remove' || c.kind === 'readd' || c.kind === 'swap' ? now.assets.filter((a) => a.revocable) : now.assets;
  const asset = 'asset' in c ? pick(assets, c.asset) : undefined;
  const held = asset ? now.assignments[`${asset.adamId}:${asset.pricingParam}`] : undefined;
  const holders = [...(held?.users ?? []).map((id) => ({ clientUserIds: [id] })), ...(held?.devices ?? []).map((id) => ({ serialNumbers: [id] }))];
  const users = now.users.filter((u) => active(u.status)).map((u) => u.clientUserId);
  const target = (a: NonNullable<typeof asset>) => ({ assets: [{ adamId: a.adamId, pricingParam: a.pricingParam }] });
  switch (c.kind) {
    case 'remove':
    case 'readd': {
      const who = pick(holders, c.holder);
      if (!asset || !who) return;
      await write(h.api, 'assets/disassociate', { ...target(asset), ...who });
      if (c.kind === 'readd') await write(h.api, 'assets/associate', { ...target(asset), ...who });
      return;
    }
    case 'swap': {
      const who = pick(holders, c.holder);
      const other = pick(users.filter((u) => !held?.users?.includes(u)), c.user);
      if (!asset || !who || other === undefined) return;
      await write(h.api, 'assets/disassociate', { ...target(asset), ...who });
      await write(h.api, 'assets/associate', { ...target(asset), clientUserIds: [other] });
      return;
    }
    case 'add': {
      if (!asset) return;
      if (c.device && asset.deviceAssignable) await write(h.api, 'assets/associate', { ...target(asset), serialNumbers: [`NEW${c.user}`] });
      else if (users.length > 0) await write(h.api, 'assets/associate', { ...target(asset), clientUserIds: [pick(users, c.user)!] });
      return;
    }
    case 'retire': {
      const who = pick(users, c.user);
      if (who !== undefined) await write(h.api, 'users/retire', { users: [{ clientUserId: who }] });
      return;
    }
    case 'reregister': {
      const retired = [...new Set(now.users.filter((u) => !active(u.status)).map((u) => u.clientUserId))].filter((id) => !users.includes(id));
      await write(h.api, 'users/create', { users: [{ clientUserId: pick(retired, c.user) ?? `new-${c.user}` }] });
      return;
    }
    case 'newAsset': {
      const adamId = String(990_000_000 + newAssets++);
      h.server.model.addAsset({ adamId, pricingParam: 'STDQ', productType: 'App', totalCount: 50, deviceAssignable: true, revocable: true });
      const who = pick(users, c.user);
      if (who !== undefined && c.user % 2 === 0) await write(h.api, 'assets/associate', { assets: [{ adamId, pricingParam: 'STDQ' }], clientUserIds: [who] });
      return;
    }
    case 'assetGone':
      if (asset) h.server.model.removeAsset(asset.adamId, asset.pricingParam);
      return;
  }
}

describe('reading from the live-state cache', () => {
  it('equals a full read after any changes made by hand between reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), async (rounds) => {
        const { h, read, notices } = await location();
        const first = await read();
        expect(first.read.mode).toBe('full');
        for (const changes of rounds) {
          for (const c of changes) await make(h, c);
          const cached = await read();
          const full = await snapshot(h.api);
          expect(cached.live.fingerprint).toBe(full.fingerprint);
          expect(actualLive(cached.live)).toEqual(actualLive(full));
        }
        expect(notices).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('reads an unchanged location in a few pages, re-reading no asset', async () => {
    const { read } = await location();
    const full = await read();
    const again = await read();
    expect(again.live.fingerprint).toBe(full.live.fingerprint);
    expect(again.read).toEqual({ mode: 'incremental', pages: 8, assetsReRead: 0 });
    expect(full.read.pages).toBeGreaterThan(40);
  });

  it('re-reads the one asset whose holder was swapped for another, though its count did not move', async () => {
    const { h, read } = await location();
    await read();
    const asset = h.server.model.snapshot().assets[0]!;
    const before = h.server.model.holders(asset.adamId, asset.pricingParam);
    const newcomer = h.server.model.snapshot().users.find((u) => active(u.status) && !before.users.includes(u.clientUserId))!.clientUserId;
    const target = { assets: [{ adamId: asset.adamId, pricingParam: asset.pricingParam }] };
    await write(h.api, 'assets/disassociate', { ...target, clientUserIds: [before.users[0]!] });
    await write(h.api, 'assets/associate', { ...target, clientUserIds: [newcomer] });
    const cached = await read();
    expect(cached.read.assetsReRead).toBe(1);
    expect(cached.live.fingerprint).toBe((await snapshot(h.api)).fingerprint);
  });

  it('re-reads the assets it is told to (apply: the ones it wrote to), whatever the counts say', async () => {
    const { h, read } = await location();
    const first = await read();
    const keys = [...first.cache.assets.keys()].slice(0, 2);
    const again = await read({ from: first.cache, reRead: new Set(keys) });
    expect(again.read.assetsReRead).toBe(2);
    expect(again.live.fingerprint).toBe((await snapshot(h.api)).fingerprint);
  });

  it('says in one line why a cache Apple no longer accepts (9721) is not used, then reads everything and writes a new one', async () => {
    const { h, read, notices } = await location();
    const first = await read();
    const stale = { ...first.cache, versions: { assignments: 'not-a-version', users: first.cache.versions.users } };
    const again = await read({ from: stale });
    expect(again.read.mode).toBe('full');
    expect(notices).toEqual(['Apple no longer accepts the versionId of the live-state cache (9721): reading everything and writing a new cache']);
    expect(again.live.fingerprint).toBe((await snapshot(h.api)).fingerprint);
    expect((await read()).read.mode).toBe('incremental');
  });

  it('starts again when a write lands while it reads, and still equals a full read', async () => {
    const { h, read } = await location();
    await read();
    const asset = h.server.model.snapshot().assets[0]!;
    const holders = h.server.model.holders(asset.adamId, asset.pricingParam).users;
    const holder = holders[0]!;
    const newcomer = h.server.model.snapshot().users.find((u) => active(u.status) && !holders.includes(u.clientUserId))!.clientUserId;
    // Swapped by hand just before the counts are read, after the delta was: the count alone cannot tell.
    h.server.use(
      respond({ paths: ['/assets'], limit: 1 }, () => {
        const target = { assets: [{ adamId: asset.adamId, pricingParam: asset.pricingParam }] };
        h.server.model.disassociate({ ...target, clientUserIds: [holder] });
        h.server.model.associate({ ...target, clientUserIds: [newcomer] });
        return undefined;
      }),
    );
    const cached = await read();
    expect(cached.read.mode).toBe('incremental');
    const now = cached.live.assignments.get(`${asset.adamId}:${asset.pricingParam}`)!.users;
    expect(now).not.toContain(holder);
    expect(now).toContain(newcomer);
    expect(cached.live.fingerprint).toBe((await snapshot(h.api)).fingerprint);
  });

  it('--full-read ignores the cache and writes it anew', async () => {
    const { read } = await location();
    await read();
    const full = await read({ fullRead: true });
    expect(full.read.mode).toBe('full');
    expect((await read()).read.mode).toBe('incremental');
  });
});
