/** Page-index and cursor pagination, filters, pages under concurrent writes, and a 1,000,000-assignment location. */
import { afterEach, describe, expect, test } from 'vitest';
import type { SimState } from '../../src/sim/index.js';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

describe('page index', () => {
  test('zero-based pages of pageSize; nextPageIndex only while more remain', async () => {
    h = await harness(baseState({ assets: Array.from({ length: 7 }, (_, i) => app(String(100 + i), 5)) }), { pageSize: 3 });
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push((await h.get(`/assets?pageIndex=${i}`)).json);
    expect(pages.map((p) => [p.currentPageIndex, p.nextPageIndex, p.size, p.totalPages])).toEqual([
      [0, 1, 3, 3],
      [1, 2, 3, 3],
      [2, undefined, 1, 3],
    ]);
    expect(pages.flatMap((p) => p.assets.map((a: { adamId: string }) => a.adamId))).toEqual(['100', '101', '102', '103', '104', '105', '106']);
    expect(new Set(pages.map((p) => p.versionId)).size).toBe(1);
  });

  test('filters of GET /assets and GET /assignments', async () => {
    const book = app('B', 5, { productType: 'Book', deviceAssignable: false, revocable: false });
    h = await harness(
      baseState({
        assets: [app('1', 5), app('1', 5, { pricingParam: 'PLUS' }), book],
        users: users('u1', 'u2'),
        assignments: { '1:STDQ': { users: ['u1'], devices: ['S1'] }, '1:PLUS': { users: ['u2'] }, 'B:STDQ': { users: ['u1', 'u2'] } },
      }),
    );
    const ids = async (q: string) => (await h.get(`/assets?${q}`)).json.assets.map((a: { adamId: string; pricingParam: string }) => `${a.adamId}:${a.pricingParam}`);
    expect(await ids('productType=Book')).toEqual(['B:STDQ']);
    expect(await ids('revocable=false')).toEqual(['B:STDQ']);
    expect(await ids('deviceAssignable=true&pricingParam=PLUS')).toEqual(['1:PLUS']);
    expect(await ids('adamId=1')).toEqual(['1:STDQ', '1:PLUS']);
    expect(await ids('minAssignedCount=2')).toEqual(['1:STDQ', 'B:STDQ']);
    expect(await ids('maxAvailableCount=3&minAvailableCount=3')).toEqual(['1:STDQ', 'B:STDQ']);
    const rows = async (q: string) =>
      (await h.get(`/assignments?${q}`)).json.assignments.map((a: { adamId: string; clientUserId?: string; serialNumber?: string; pricingParam: string }) =>
        [a.adamId, a.pricingParam, a.clientUserId ?? a.serialNumber].join(' '),
      );
    expect(await rows('clientUserId=u1')).toEqual(['1 STDQ u1', 'B STDQ u1']);
    expect(await rows('serialNumber=S1')).toEqual(['1 STDQ S1']);
    expect(await rows('adamId=1&pricingParam=PLUS')).toEqual(['1 PLUS u2']);
    expect(await rows('adamId=B&clientUserId=u2')).toEqual(['B STDQ u2']);
  });

  test('unlimited free assets: totalCount 2147483647 unless `unlimited` separates or excludes them', async () => {
    h = await harness(baseState({ assets: [app('1', 5), app('F', 2147483647)] }));
    expect((await h.get('/assets?adamId=F')).json.assets[0].totalCount).toBe(2147483647);
    expect((await h.get('/assets?unlimited=false')).json.assets.map((a: { adamId: string }) => a.adamId)).toEqual(['1']);
    const split = (await h.get('/assets?unlimited=true')).json;
    expect(split.assets.map((a: { adamId: string }) => a.adamId)).toEqual(['1']);
    expect(split.unlimitedAssets).toEqual([
      { adamId: 'F', assignedCount: 0, deviceAssignable: true, pricingParam: 'STDQ', productType: 'App', revocable: true, supportedPlatforms: ['iOS'] },
    ]);
  });

  test('pages of assignments run across assets, users and devices, skipping empty assets', async () => {
    h = await harness(
      baseState({
        assets: [app('1', 9), app('2', 9), app('3', 9)],
        users: users('a', 'b', 'c'),
        assignments: { '1:STDQ': { users: ['a', 'b'] }, '3:STDQ': { users: ['c'], devices: ['S1', 'S2', 'S3'] } },
      }),
      { pageSize: 4 },
    );
    const all: string[] = [];
    for (let i = 0; i < 2; i++) {
      const page = (await h.get(`/assignments?pageIndex=${i}`)).json;
      all.push(...page.assignments.map((a: { adamId: string; clientUserId?: string; serialNumber?: string }) => `${a.adamId} ${a.clientUserId ?? a.serialNumber}`));
    }
    expect(all).toEqual(['1 a', '1 b', '3 c', '3 S1', '3 S2', '3 S3']);
  });

  test('pages read across a write see a new versionId and the new totalPages', async () => {
    h = await harness(baseState({ assets: [app('1', 100)], users: users('a', 'b', 'c', 'd'), assignments: { '1:STDQ': { users: ['a', 'b', 'c'] } } }), {
      pageSize: 2,
    });
    const [p0, p0again] = await Promise.all([h.get('/assignments?pageIndex=0'), h.get('/assignments?pageIndex=0')]);
    expect(p0.json).toMatchObject({ totalPages: 2, nextPageIndex: 1 });
    expect(p0again.json.versionId).toBe(p0.json.versionId);
    await h.settled('/assets/associate', { assets: [{ adamId: '1' }], serialNumbers: ['S1', 'S2'] });
    const p1 = (await h.get('/assignments?pageIndex=1')).json;
    expect(p1.versionId).not.toBe(p0.json.versionId);
    expect(p1).toMatchObject({ currentPageIndex: 1, totalPages: 3, nextPageIndex: 2, size: 2 });
  });
});

describe('cursor paging', () => {
  test('opaque cursors until nextCursor is absent; a cursor of another endpoint is 9812', async () => {
    const subscriptions = Array.from({ length: 5 }, (_, i) => ({ adamId: 1000 + i, parentAdamId: 361309726, total: { renewing: 3, expiring: 0 } }));
    h = await harness(
      baseState({
        users: users('a', 'b', 'c'),
        subscriptions,
        subscriptionAssignments: ['a', 'b', 'c'].map((clientUserId) => ({ adamId: 1000, clientUserId, renewing: true })),
      }),
      { pageSize: 2 },
    );
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = (await h.get(`/subscriptions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
      seen.push(...page.subscriptions.map((s: { adamId: number }) => s.adamId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([1000, 1001, 1002, 1003, 1004]);
    const first = (await h.get('/subscriptions/assignments')).json;
    expect(first.assignments).toHaveLength(2);
    const last = (await h.get(`/subscriptions/assignments?cursor=${encodeURIComponent(first.nextCursor)}`)).json;
    expect(last.assignments).toEqual([{ adamId: 1000, clientUserId: 'c', renewing: true }]);
    expect(last.nextCursor).toBeUndefined();
    const foreign = (await h.get('/subscriptions?pageIndex=0')).json.nextCursor;
    const wrong = await h.get(`/subscriptions/assignments?cursor=${encodeURIComponent(foreign)}`);
    expect([wrong.status, wrong.json.errorNumber]).toEqual([400, 9812]);
    const filtered = (await h.get('/subscriptions/assignments?clientUserId=a&clientUserId=c')).json.assignments;
    expect(filtered.map((a: { clientUserId: string }) => a.clientUserId)).toEqual(['a', 'c']);
  });
});

describe('scale', () => {
  test('1,000,000 assignments (100k users, 200 assets) load, page and take writes', async () => {
    const userIds = Array.from({ length: 100_000 }, (_, i) => `u${i}`);
    const assets = Array.from({ length: 200 }, (_, i) => app(String(500_000_000 + i), 6000));
    const assignments: SimState['assignments'] = {};
    assets.forEach((a, i) => {
      const start = (i * 5000) % 100_000;
      assignments[`${a.adamId}:STDQ`] = { users: userIds.slice(start, start + 5000) };
    });
    h = await harness(baseState({ assets, users: userIds.map((clientUserId) => ({ clientUserId, status: 'Associated' as const })), assignments }));
    const first = (await h.get('/assignments')).json;
    expect(first).toMatchObject({ size: 500, totalPages: 2000, nextPageIndex: 1 });
    const last = (await h.get('/assignments?pageIndex=1999')).json;
    expect(last.assignments.at(-1)).toEqual({ adamId: '500000199', clientUserId: 'u99999', pricingParam: 'STDQ' });
    expect((await h.get('/assignments?clientUserId=u42')).json.size).toBe(10);
    expect((await h.get('/users?pageIndex=199')).json).toMatchObject({ size: 500, totalPages: 200 });
    await h.settled('/assets/associate', { assets: [{ adamId: '500000000' }], clientUserIds: ['u99999'] });
    const after = (await h.get('/assignments?pageIndex=10')).json;
    expect(after.totalPages).toBe(2001);
    expect(after.versionId).not.toBe(first.versionId);
  });
});
