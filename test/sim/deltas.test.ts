/**
 * sinceVersionId, the least convenient reading: a delta lists additions and changes, never a
 * removal, whatever the filter and page; the versionId to pass next is the first page's.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

type Row = { adamId: string; clientUserId?: string; serialNumber?: string };
const pair = (r: Row) => `${r.adamId}:${r.clientUserId ?? r.serialNumber}`;

/** Every page of a GET, and the first page's versionId. */
async function readAll(path: string, key: 'assignments' | 'users'): Promise<{ rows: any[]; versionId: string; pages: number }> {
  const first = (await h.get(path)).json;
  const rows = [...first[key]];
  for (let page = first.nextPageIndex; page !== undefined; ) {
    const next = (await h.get(`${path}${path.includes('?') ? '&' : '?'}pageIndex=${page}`)).json;
    expect(next.versionId).toBe(first.versionId);
    rows.push(...next[key]);
    page = next.nextPageIndex;
  }
  return { rows, versionId: first.versionId, pages: first.totalPages };
}

describe('assignment deltas', () => {
  test('additions and changes only: a removal, a swap, a revoke and a retirement never show; a re-added pair does', async () => {
    h = await harness(
      baseState({
        assets: [app('1', 20), app('2', 20)],
        users: users('a', 'b', 'c', 'd', 'e'),
        assignments: { '1:STDQ': { users: ['a', 'b', 'c'], devices: ['S1', 'S2'] }, '2:STDQ': { users: ['a', 'd'] } },
      }),
      { pageSize: 2 },
    );
    const full = await readAll('/assignments', 'assignments');
    expect(full.pages).toBe(4);
    expect(full.rows).toHaveLength(7);

    await h.settled('/assets/disassociate', { assets: [{ adamId: '1' }], clientUserIds: ['a'] }); // removal
    await h.settled('/assets/disassociate', { assets: [{ adamId: '2' }], clientUserIds: ['d'] }); // swap: d out ...
    await h.settled('/assets/associate', { assets: [{ adamId: '2' }], clientUserIds: ['e'] }); // ... e in
    await h.settled('/assets/revoke', { serialNumbers: ['S2'] }); // revoke
    await h.settled('/users/retire', { users: [{ clientUserId: 'c' }] }); // retirement frees c's license
    await h.settled('/assets/disassociate', { assets: [{ adamId: '1' }], clientUserIds: ['b'] }); // removed ...
    await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['b'], serialNumbers: ['S3'] }); // ... and re-added, plus a new device

    const delta = await readAll(`/assignments?sinceVersionId=${full.versionId}`, 'assignments');
    expect(delta.rows.map(pair).sort()).toEqual(['1:S3', '1:b', '2:e']);
    // The live state did lose a, c, d and S2: only a count (GET /assets) can tell.
    expect((await readAll('/assignments', 'assignments')).rows.map(pair).sort()).toEqual(['1:S1', '1:S3', '1:b', '2:a', '2:e']);

    // With an adamId filter, paged: that asset's additions only.
    const one = await readAll(`/assignments?adamId=1&sinceVersionId=${full.versionId}`, 'assignments');
    expect(one.rows.map(pair).sort()).toEqual(['1:S3', '1:b']);
    expect(one.pages).toBe(1);
    expect((await readAll(`/assignments?adamId=2&sinceVersionId=${full.versionId}`, 'assignments')).rows.map(pair)).toEqual(['2:e']);

    // The delta's own first-page versionId is the next one to pass: nothing since.
    expect((await readAll(`/assignments?sinceVersionId=${delta.versionId}`, 'assignments')).rows).toEqual([]);
  });

  test('a delta over several pages keeps one versionId; 9721 for a versionId this location never issued', async () => {
    h = await harness(baseState({ assets: [app('1', 50)], users: users(...Array.from({ length: 12 }, (_, i) => `u${i}`)) }), { pageSize: 3 });
    const v0 = (await h.get('/assignments')).json.versionId as string;
    await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: Array.from({ length: 10 }, (_, i) => `u${i}`) });
    const delta = await readAll(`/assignments?sinceVersionId=${v0}`, 'assignments');
    expect(delta.pages).toBe(4);
    expect(delta.rows).toHaveLength(10);
    const future = v0.replace(/[0-9a-f]{12}$/, (seq) => (parseInt(seq, 16) + 99).toString(16).padStart(12, '0'));
    for (const bad of [future, 'not-a-version', `${v0}0`]) {
      const answer = await h.get(`/assignments?sinceVersionId=${encodeURIComponent(bad)}`);
      expect([answer.status, answer.json.errorNumber]).toEqual([400, 9721]);
      expect((await h.get(`/users?sinceVersionId=${encodeURIComponent(bad)}`)).json.errorNumber).toBe(9721);
    }
  });
});

describe('user deltas', () => {
  test('paged, with a filter: creations, updates and retirements are changes; nothing else is listed', async () => {
    h = await harness(baseState({ users: users('a', 'b', 'c', 'd') }), { pageSize: 1 });
    const full = await readAll('/users', 'users');
    expect(full.pages).toBe(4);
    await h.settled('/users/update', { users: [{ clientUserId: 'a', email: 'a@school.example.com' }] });
    await h.settled('/users/retire', { users: [{ clientUserId: 'b' }] });
    await h.settled('/users/create', { users: [{ clientUserId: 'e' }] });
    const delta = await readAll(`/users?sinceVersionId=${full.versionId}`, 'users');
    expect(delta.rows.map((u) => [u.clientUserId, u.status])).toEqual([
      ['a', 'Registered'],
      ['b', 'Retired'],
      ['e', 'Registered'],
    ]);
    expect(delta.pages).toBe(3);
    expect((await readAll(`/users?clientUserId=b&sinceVersionId=${full.versionId}`, 'users')).rows).toEqual([expect.objectContaining({ clientUserId: 'b', status: 'Retired' })]);
    expect((await readAll(`/users?activeOnly=true&sinceVersionId=${full.versionId}`, 'users')).rows.map((u) => u.clientUserId)).toEqual(['a', 'e']);
  });
});
