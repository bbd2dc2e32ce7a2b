import { describe, expect, it } from 'vitest';
import { fingerprint, snapshot, type ReadProgress } from '../../src/live/index.js';
import { readLocation } from '../../src/live/read-location.js';
import { asset, fakeApi } from './fake-api.js';

const a = (adamId: string, holder: { clientUserId?: string; serialNumber?: string }, userStatus?: 'Retired' | 'Associated') => ({
  adamId,
  pricingParam: 'STDQ' as const,
  ...holder,
  ...(userStatus ? { userStatus } : {}),
});

describe('snapshot folding', () => {
  it('folds pages into sorted, unique holders and skips assignments of retired users', async () => {
    const api = fakeApi({
      assets: [asset('2'), asset('1')],
      assignments: [
        a('1', { clientUserId: 'u2' }),
        a('1', { serialNumber: 'SN2' }),
        a('1', { clientUserId: 'u1' }, 'Associated'),
        a('1', { clientUserId: 'u2' }),
        a('1', { clientUserId: 'old' }, 'Retired'),
        a('2', { serialNumber: 'SN1' }),
        a('1', { serialNumber: 'SN1' }),
      ],
      users: [],
    });
    const live = await snapshot(api);
    expect(live.uId).toBe('42');
    expect(live.locationName).toBe('Fake');
    expect(live.mdmInfo).toEqual({ id: 'm', name: 'vppctl' });
    expect(live.assets.map((x) => x.adamId)).toEqual(['1', '2']);
    expect(Object.fromEntries(live.assignments)).toEqual({
      '1:STDQ': { users: ['u1', 'u2'], devices: ['SN1', 'SN2'] },
      '2:STDQ': { users: [], devices: ['SN1'] },
    });
  });

  it('keeps one registered entry per user: an active entry wins over retired ones, in any order', async () => {
    const live = await snapshot(
      fakeApi({
        assets: [],
        assignments: [],
        users: [
          { clientUserId: 'b', status: 'Retired' },
          { clientUserId: 'b', status: 'Registered', email: 'b@x.org' },
          { clientUserId: 'a', status: 'Associated', managedAppleId: 'a@x.org' },
          { clientUserId: 'c', status: 'Retired' },
          { clientUserId: 'a', status: 'Deleted' },
        ],
      }),
    );
    expect(live.users).toEqual([
      { clientUserId: 'a', status: 'Associated', managedAppleId: 'a@x.org' },
      { clientUserId: 'b', status: 'Registered', email: 'b@x.org' },
    ]);
  });

  it('starts a fold over when a paged read restarts from page 0', async () => {
    const api = fakeApi({
      assets: [asset('1')],
      abandonedAssignments: [a('1', { clientUserId: 'gone' }), a('1', { clientUserId: 'u1' }), a('1', { clientUserId: 'x' })],
      assignments: [a('1', { clientUserId: 'u1' })],
      users: [],
    });
    const reports: ReadProgress[] = [];
    const live = await snapshot(api, { onProgress: (p) => reports.push(p) });
    expect(live.assignments.get('1:STDQ')).toEqual({ users: ['u1'], devices: [] });
    const last = reports.at(-1)!;
    // client config, limits, assets, assignments (1 page after the restart), users, 2 subscription reads
    expect(last).toMatchObject({ done: 7, total: 7 });
  });

  it('reports progress per page until done equals total', async () => {
    const users = Array.from({ length: 9 }, (_, i) => ({ clientUserId: `u${i}`, status: 'Registered' as const }));
    const reports: ReadProgress[] = [];
    await snapshot(fakeApi({ assets: [asset('1')], assignments: [], users }, 2), { onProgress: (p) => reports.push(p) });
    expect(reports.every((p) => p.done <= p.total)).toBe(true);
    expect(reports.filter((p) => p.phase === 'users')).toHaveLength(5 + 1);
    expect(reports.at(-1)).toMatchObject({ done: 11, total: 11 });
  });
});

describe('reading users since a versionId (usersSince)', () => {
  const base = {
    assets: [asset('1')],
    assignments: [a('1', { clientUserId: 'u1' })],
    users: [
      { clientUserId: 'u1', status: 'Registered' as const },
      { clientUserId: 'u2', status: 'Registered' as const },
    ],
  };

  it('applies users changed since the last versionId onto the previous users', async () => {
    const previous = await snapshot(fakeApi(base));
    const api = fakeApi({
      ...base,
      usersSince: [
        { clientUserId: 'u2', status: 'Retired' },
        { clientUserId: 'u3', status: 'Registered', email: 'u3@x.org' },
      ],
    });
    const { read: next } = await readLocation(api, { usersSince: { versionId: previous.versions.users, base: previous.users } });
    expect(api.calls).toEqual(['users since v2']);
    expect(next.users.map((u) => u.clientUserId)).toEqual(['u1', 'u3']);
    expect(fingerprint(next)).not.toBe(previous.fingerprint);
  });

  it('reads every user when Apple refuses the versionId (9721)', async () => {
    const previous = await snapshot(fakeApi(base));
    const api = fakeApi({ ...base, users: [{ clientUserId: 'u9', status: 'Registered' }] });
    const { read: next } = await readLocation(api, { usersSince: { versionId: previous.versions.users, base: previous.users } });
    expect(api.calls).toEqual(['users since v2', 'users']);
    expect(next.users.map((u) => u.clientUserId)).toEqual(['u9']);
  });
});
