/** Users: create, update, retire; and incremental reads with sinceVersionId. */
import { afterEach, describe, expect, test } from 'vitest';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const user = async (clientUserId: string) => (await h.get(`/users?clientUserId=${clientUserId}`)).json.users;

describe('users lifecycle', () => {
  test('create: Registered with an inviteCode, or Associated with an idHash when a managedAppleId is given', async () => {
    h = await harness(baseState());
    const status = await h.settled('/users/create', {
      users: [{ clientUserId: 'a', email: 'a@school.example.com' }, { clientUserId: 'b', managedAppleId: 'b@appleschool.example.com' }],
    });
    expect(status).toMatchObject({ eventStatus: 'COMPLETE', eventType: 'CREATE', numCompleted: 2, numRequested: 2 });
    expect(await user('a')).toEqual([{ clientUserId: 'a', email: 'a@school.example.com', inviteCode: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'Registered' }]);
    expect(await user('b')).toEqual([{ clientUserId: 'b', idHash: expect.any(String), status: 'Associated' }]);
  });

  test('create of an active clientUserId fails that task with 9716; the others take effect', async () => {
    h = await harness(baseState({ users: users('a') }));
    const status = await h.settled('/users/create', { users: [{ clientUserId: 'a' }, { clientUserId: 'c' }] });
    expect(status).toMatchObject({
      eventStatus: 'FAILED',
      numCompleted: 1,
      numRequested: 2,
      failures: [{ errorNumber: 9716, errorInfo: { clientUserIds: ['a'] } }],
    });
    expect((await user('c'))[0].status).toBe('Registered');
  });

  test('update: email and managedAppleId; an unknown user fails with 9609', async () => {
    h = await harness(baseState({ users: users('a') }));
    const status = await h.settled('/users/update', {
      users: [{ clientUserId: 'a', email: 'new@school.example.com', managedAppleId: 'a@appleschool.example.com' }, { clientUserId: 'zz' }],
    });
    expect(status).toMatchObject({ eventStatus: 'FAILED', eventType: 'UPDATE', numCompleted: 1, failures: [{ errorNumber: 9609, errorInfo: { clientUserIds: ['zz'] } }] });
    expect(await user('a')).toEqual([{ clientUserId: 'a', email: 'new@school.example.com', idHash: expect.any(String), status: 'Associated' }]);
  });

  test('retire: status Retired, assignments and seats removed, licenses freed; the id can register again', async () => {
    h = await harness(
      baseState({
        assets: [app('1', 5)],
        users: users('a', 'b'),
        assignments: { '1:STDQ': { users: ['a', 'b'] } },
        subscriptions: [{ adamId: 67890, total: { renewing: 2, expiring: 0 } }],
        subscriptionAssignments: [{ adamId: 67890, clientUserId: 'a', renewing: true }],
      }),
    );
    const status = await h.settled('/users/retire', { users: [{ clientUserId: 'a' }] });
    expect(status).toMatchObject({ eventStatus: 'COMPLETE', eventType: 'RETIRE', numCompleted: 1 });
    expect((await user('a'))[0].status).toBe('Retired');
    expect(h.server.model.holders('1').users).toEqual(['b']);
    expect((await h.get('/assets')).json.assets[0]).toMatchObject({ assignedCount: 1, availableCount: 4 });
    expect((await h.get('/subscriptions/assignments')).json.assignments).toEqual([]);

    const assign = await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['a'] });
    expect(assign).toMatchObject({ eventStatus: 'FAILED', failures: [{ errorNumber: 9609 }] });

    await h.settled('/users/create', { users: [{ clientUserId: 'a' }] });
    expect((await user('a')).map((u: { status: string }) => u.status)).toEqual(['Retired', 'Registered']);
    expect((await h.get('/users?activeOnly=true')).json.users.map((u: { clientUserId: string }) => u.clientUserId)).toEqual(['b', 'a']);
    expect((await h.get('/users?retiredOnly=true')).json.users).toEqual([expect.objectContaining({ clientUserId: 'a', status: 'Retired' })]);
  });
});

describe('sinceVersionId', () => {
  test('users modified since a version, retired ones included', async () => {
    h = await harness(baseState({ users: users('a', 'b', 'c') }));
    const first = (await h.get('/users')).json;
    expect(first.size).toBe(3);
    await h.settled('/users/retire', { users: [{ clientUserId: 'b' }] });
    await h.settled('/users/create', { users: [{ clientUserId: 'd' }] });
    const since = (await h.get(`/users?sinceVersionId=${first.versionId}`)).json;
    expect(since.users.map((u: { clientUserId: string; status: string }) => [u.clientUserId, u.status])).toEqual([
      ['b', 'Retired'],
      ['d', 'Registered'],
    ]);
    expect(since.versionId).not.toBe(first.versionId);
    const none = (await h.get(`/users?sinceVersionId=${since.versionId}`)).json;
    expect(none).toMatchObject({ users: [], size: 0, currentPageIndex: 0, totalPages: 1 });
    expect(none.nextPageIndex).toBeUndefined();
  });

  test('assignments added since a version; removals are not reported; no-op writes keep the versionId', async () => {
    h = await harness(baseState({ assets: [app('1', 10), app('2', 10)], users: users('a', 'b'), assignments: { '1:STDQ': { users: ['a'] } } }));
    const v0 = (await h.get('/assignments')).json.versionId;
    await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['a'] });
    expect((await h.get('/assignments')).json.versionId).toBe(v0);
    await h.settled('/assets/associate', { assets: [{ adamId: '2' }], clientUserIds: ['b'], serialNumbers: ['S1'] });
    await h.settled('/assets/disassociate', { assets: [{ adamId: '1' }], clientUserIds: ['a'] });
    const since = (await h.get(`/assignments?sinceVersionId=${v0}`)).json;
    expect(since.assignments).toEqual([
      { adamId: '2', clientUserId: 'b', pricingParam: 'STDQ' },
      { adamId: '2', serialNumber: 'S1', pricingParam: 'STDQ' },
    ]);
    expect(since.versionId).not.toBe(v0);
    const withState = (await h.get('/assignments?clientUserId=b&includeUserState=true')).json.assignments;
    expect(withState).toEqual([{ adamId: '2', clientUserId: 'b', pricingParam: 'STDQ', userStatus: 'Registered' }]);
  });
});
