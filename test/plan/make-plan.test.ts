import { describe, expect, it } from 'vitest';
import { isNoop, makePlan } from '../../src/plan/index.js';
import { asset, at, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

const registered = (...ids: string[]) => ids.map((clientUserId) => ({ clientUserId, status: 'Registered' as const }));

describe('revoke instead of disassociate', () => {
  // Three leavers holding A, B, C pairwise: disassociate needs 3 requests, one revoke does it all.
  const leavers = {
    '1': { users: ['u1', 'u3'], devices: [] },
    '2': { users: ['u1', 'u2'], devices: [] },
    '3': { users: ['u2', 'u3'], devices: [] },
  };
  const users = registered('u1', 'u2', 'u3');
  const live = liveState({ assets: [owned('1'), owned('2'), owned('3')], assignments: leavers, users });
  const desired = desiredState({ assets: [asset('1', []), asset('2', []), asset('3', [])] });

  it('revokes users who lose every asset they hold when that saves requests', () => {
    const plan = makePlan(desired, live, OPTIONS);
    expect(plan.requests).toEqual([{ endpoint: 'assets/revoke', body: { clientUserIds: ['u1', 'u2', 'u3'] } }]);
    expect(plan.changes.revoke).toEqual({ users: ['u1', 'u2', 'u3'], devices: [] });
    expect(plan.summary).toMatchObject({ revoke: 3, disassociate: 0, requests: 1 });
    expect(plan.changes.assets.map((a) => a.remove.users)).toEqual([['u1', 'u3'], ['u1', 'u2'], ['u2', 'u3']]);
    expect(plan.batching).toEqual({ assetRequests: 1, lowerBound: 1 });
  });

  it('keeps disassociate when a revoke would take more than the file removes', () => {
    const cases = [
      // u1 also holds an asset the file does not declare (scope declared leaves it alone)
      liveState({ users, assignments: { ...leavers, '9': { users: ['u1'], devices: [] } }, assets: [...live.assets, owned('9')] }),
      // u1 also holds a non-revocable book that stays
      liveState({ users, assignments: { ...leavers, '8': { users: ['u1'], devices: [] } }, assets: [...live.assets, owned('8', { revocable: false })] }),
    ];
    for (const l of cases) {
      const plan = makePlan(desired, l, OPTIONS);
      expect(plan.changes.revoke.users).toEqual(['u2', 'u3']);
      // u2 and u3 in one revoke, u1's two removals in one disassociate
      expect(plan.requests.map((r) => r.endpoint)).toEqual(['assets/revoke', 'assets/disassociate']);
      expect(plan.requests[1]!.body).toEqual({ assets: [{ adamId: '1', pricingParam: 'STDQ' }, { adamId: '2', pricingParam: 'STDQ' }], clientUserIds: ['u1'] });
    }
  });

  it('does not revoke a target that also gains an asset', () => {
    const gaining = desiredState({ assets: [asset('1', []), asset('2', []), asset('3', []), asset('4', ['u1'])] });
    const plan = makePlan(gaining, liveState({ users, assignments: leavers, assets: [...live.assets, owned('4')] }), OPTIONS);
    expect(plan.changes.revoke.users).toEqual(['u2', 'u3']);
  });

  it('does not revoke when disassociate is as cheap', () => {
    const one = liveState({ assets: [owned('1'), owned('2')], assignments: { '1': { users: ['u1'], devices: [] }, '2': { users: ['u1'], devices: [] } }, users: registered('u1') });
    const plan = makePlan(desiredState({ assets: [asset('1', []), asset('2', [])] }), one, OPTIONS);
    expect(plan.requests).toEqual([
      { endpoint: 'assets/disassociate', body: { assets: [{ adamId: '1', pricingParam: 'STDQ' }, { adamId: '2', pricingParam: 'STDQ' }], clientUserIds: ['u1'] } },
    ]);
  });
});

describe('a full plan', () => {
  const desired = desiredState({
    location: { name: 'Central', tokenEnv: 'VPP_TOKEN_CENTRAL', mdm: { id: 'm1', name: 'vppctl', metadata: 'x' } },
    users: [{ clientUserId: 'new' }, { clientUserId: 'kept', email: 'kept@new.example' }, { clientUserId: 'quiet', email: 'q@x' }],
    assets: [asset('2', ['new', 'kept'], ['DMP1'], { name: 'Keynote' }), asset('1', ['kept'], [], { name: 'Pages' })],
    subscriptions: [{ adamId: 900, renewing: false, users: ['kept'], at }],
    policy: { retireUndeclaredUsers: true },
  });
  const live = liveState({
    assets: [owned('1'), owned('2'), owned('3')],
    assignments: { '1': { users: ['kept', 'old'], devices: [] }, '2': { users: ['old'], devices: ['DMP0'] }, '3': { users: ['old'], devices: [] } },
    users: [{ clientUserId: 'kept', email: 'kept@old.example', status: 'Associated' }, { clientUserId: 'quiet', status: 'Registered' }, ...registered('old')],
    subscriptions: [{ adamId: 900, counts: { assigned: { renewing: 1, expiring: 0 }, available: { renewing: 5, expiring: 5 }, total: { renewing: 6, expiring: 5 } } }],
    subscriptionAssignments: new Map([[900, [{ clientUserId: 'old', renewing: true }]]]),
  });
  const plan = makePlan(desired, live, OPTIONS);

  it('sends requests in order: claim, create, removals, additions, updates, retirements', () => {
    expect(plan.errors).toEqual([]);
    expect(plan.requests).toEqual([
      { endpoint: 'client/config', body: { mdmInfo: { id: 'm1', name: 'vppctl', metadata: 'x' } } },
      { endpoint: 'users/create', body: { users: [{ clientUserId: 'new' }] } },
      { endpoint: 'assets/disassociate', body: { assets: [{ adamId: '2', pricingParam: 'STDQ' }], clientUserIds: ['old'], serialNumbers: ['DMP0'] } },
      { endpoint: 'assets/disassociate', body: { assets: [{ adamId: '1', pricingParam: 'STDQ' }], clientUserIds: ['old'] } },
      { endpoint: 'subscriptions/disassociate', body: { adamIds: [900], clientUserIds: ['old'] } },
      { endpoint: 'assets/associate', body: { assets: [{ adamId: '2', pricingParam: 'STDQ' }], clientUserIds: ['kept', 'new'], serialNumbers: ['DMP1'] } },
      { endpoint: 'subscriptions/associate', body: { adamIds: [900], clientUserIds: ['kept'], renewing: false } },
      { endpoint: 'users/update', body: { users: [{ clientUserId: 'kept', email: 'kept@new.example' }] } },
      { endpoint: 'users/retire', body: { users: [{ clientUserId: 'old' }] } },
    ]);
  });

  it('counts pairs, targets and requests in the summary', () => {
    expect(plan.summary).toEqual({
      associate: 3,
      disassociate: 3,
      revoke: 0,
      usersCreate: 1,
      usersUpdate: 1,
      usersRetire: 1,
      subscriptionsAssociate: 1,
      subscriptionsDisassociate: 1,
      requests: 9,
    });
    expect(plan.batching).toEqual({ assetRequests: 3, lowerBound: 3 });
  });

  it('lists the changes by asset name, leaving undeclared assets alone with scope declared', () => {
    expect(plan.changes.assets).toEqual([
      { adamId: '2', pricingParam: 'STDQ', name: 'Keynote', kind: 'app', add: { users: ['kept', 'new'], devices: ['DMP1'] }, remove: { users: ['old'], devices: ['DMP0'] }, liveCount: 2, desiredCount: 3 },
      { adamId: '1', pricingParam: 'STDQ', name: 'Pages', kind: 'app', add: { users: [], devices: [] }, remove: { users: ['old'], devices: [] }, liveCount: 2, desiredCount: 1 },
    ]);
    expect(plan.changes.users).toEqual({ create: ['new'], update: ['kept'], retire: ['old'] });
    expect(plan.changes.subscriptions).toEqual([{ adamId: 900, add: ['kept'], remove: ['old'] }]);
    expect(plan.changes.claim).toEqual({ to: { id: 'm1', name: 'vppctl', metadata: 'x' } });
    expect(plan).toMatchObject({ name: 'Central', source: 'loc.yaml', uId: '1', fingerprint: 'sha256:x', tokenEnv: 'VPP_TOKEN_CENTRAL' });
  });

  it('with scope all also removes undeclared assets, here by revoking the user who loses everything', () => {
    const all = makePlan(desiredState({ ...desired, policy: { retireUndeclaredUsers: true, scope: 'all' } }), live, OPTIONS);
    expect(all.changes.assets.map((a) => a.adamId)).toEqual(['3', '2', '1']);
    expect(all.changes.revoke).toEqual({ users: ['old'], devices: ['DMP0'] });
    expect(all.summary).toMatchObject({ disassociate: 0, revoke: 2 });
    expect(all.requests.filter((r) => r.endpoint.startsWith('assets/'))).toEqual([
      { endpoint: 'assets/revoke', body: { clientUserIds: ['old'], serialNumbers: ['DMP0'] } },
      { endpoint: 'assets/associate', body: { assets: [{ adamId: '2', pricingParam: 'STDQ' }], clientUserIds: ['kept', 'new'], serialNumbers: ['DMP1'] } },
    ]);
    // Apart, revoking would take two requests, no fewer than disassociating: disassociate stays.
    const apart = makePlan(desiredState({ ...desired, policy: { scope: 'all' } }), live, { ...OPTIONS, separateUsersAndDevices: true });
    expect(apart.changes.revoke).toEqual({ users: [], devices: [] });
    expect(apart.requests.filter((r) => r.endpoint === 'assets/disassociate').map((r) => r.body)).toEqual([
      { assets: [{ adamId: '3', pricingParam: 'STDQ' }, { adamId: '2', pricingParam: 'STDQ' }, { adamId: '1', pricingParam: 'STDQ' }], clientUserIds: ['old'] },
      { assets: [{ adamId: '2', pricingParam: 'STDQ' }], serialNumbers: ['DMP0'] },
    ]);
  });

  it('is a no-op once the location matches', () => {
    expect(isNoop(plan)).toBe(false);
    const matching = liveState({ assets: [owned('1')], assignments: { '1': { users: ['a'], devices: [] } }, users: registered('a') });
    expect(isNoop(makePlan(desiredState({ assets: [asset('1', ['a'])] }), matching, OPTIONS))).toBe(true);
  });
});
