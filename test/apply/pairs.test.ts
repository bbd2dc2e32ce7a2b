import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/api/types.js';
import { failedPairs, pairsOf, restrict, type WriteRequest } from '../../src/apply/pairs.js';

const mixed: WriteRequest = {
  endpoint: 'assets/associate',
  body: {
    assets: [{ adamId: '1', pricingParam: 'STDQ' }, { adamId: '2' }],
    clientUserIds: ['u1', 'u2'],
    serialNumbers: ['D1'],
  },
};

const key = (p: { asset?: string; user?: string; device?: string }) => `${p.asset}|${p.user ?? p.device}`;

describe('pairs', () => {
  it('a request touches every asset x every target', () => {
    expect(pairsOf(mixed).map(key).sort()).toEqual(
      ['1:STDQ|u1', '1:STDQ|u2', '1:STDQ|D1', '2:STDQ|u1', '2:STDQ|u2', '2:STDQ|D1'].sort(),
    );
  });

  it('errorInfo narrows by asset and by user; a failure naming nothing hits every pair', () => {
    const byUser = failedPairs(mixed, { errorNumber: 9609, errorMessage: 'x', errorInfo: { clientUserIds: ['u2'] } });
    expect(byUser.map(key).sort()).toEqual(['1:STDQ|u2', '2:STDQ|u2']);
    const byAsset = failedPairs(mixed, { errorNumber: 9709, errorMessage: 'x', errorInfo: { assets: [{ adamId: '2', pricingParam: 'STDQ' }] } });
    expect(byAsset.map(key).sort()).toEqual(['2:STDQ|D1', '2:STDQ|u1', '2:STDQ|u2']);
    const both = failedPairs(mixed, { errorNumber: 9709, errorMessage: 'x', errorInfo: { assets: [{ adamId: '1' }], serialNumbers: ['D1'] } });
    expect(both.map(key)).toEqual(['1:STDQ|D1']);
    expect(failedPairs(mixed, { errorNumber: 9603, errorMessage: 'x' })).toHaveLength(6);
    // Names nothing of this request: never claim a success Apple did not confirm.
    expect(failedPairs(mixed, { errorNumber: 9603, errorMessage: 'x', errorInfo: { clientUserIds: ['zz'] } })).toHaveLength(6);
  });

  it('restrict cuts exactly the given pairs into bicliques within limits, users and devices apart', () => {
    const pairs = pairsOf(mixed).filter((p) => !(p.asset === '2:STDQ' && p.user === 'u1'));
    const limits = { ...DEFAULT_LIMITS, maxClientUserIds: 1 };
    const out = restrict(mixed, pairs, limits);
    const covered = out.flatMap(pairsOf).map(key).sort();
    expect(covered).toEqual(pairs.map(key).sort());
    for (const r of out) {
      if (r.endpoint !== 'assets/associate') throw new Error('endpoint changed');
      expect((r.body.clientUserIds?.length ?? 0) > 0 && (r.body.serialNumbers?.length ?? 0) > 0).toBe(false);
      expect(r.body.clientUserIds?.length ?? 0).toBeLessThanOrEqual(1);
    }
    // The devices-only part keeps both assets in one request: they share the same target set.
    expect(out.filter((r) => r.endpoint === 'assets/associate' && r.body.serialNumbers)).toHaveLength(1);
  });

  it('restrict cuts the way the planner does: overlapping asset sets go class by class, not block by block', () => {
    // x needs 1,2,3; y needs 1,2,4; z needs 1,3,4: grouping assets by target set gives four requests.
    const req: WriteRequest = {
      endpoint: 'assets/associate',
      body: { assets: ['1', '2', '3', '4'].map((adamId) => ({ adamId, pricingParam: 'STDQ' as const })), clientUserIds: ['x', 'y', 'z'] },
    };
    const wanted = { x: ['1', '2', '3'], y: ['1', '2', '4'], z: ['1', '3', '4'] };
    const pairs = Object.entries(wanted).flatMap(([user, assets]) => assets.map((a) => ({ asset: `${a}:STDQ`, user })));
    // A pair named by two failures comes twice; it is still sent once.
    const out = restrict(req, [...pairs, pairs[0]!], DEFAULT_LIMITS);
    expect(out.flatMap(pairsOf).map(key).sort()).toEqual(pairs.map(key).sort());
    expect(out).toHaveLength(3);
    expect(out.map((r) => (r.endpoint === 'assets/associate' ? r.body.clientUserIds : []))).toEqual([['x'], ['y'], ['z']]);
  });

  it('restrict keeps user bodies and subscription flags', () => {
    const users: WriteRequest = {
      endpoint: 'users/create',
      body: { users: [{ clientUserId: 'a', email: 'a@x' }, { clientUserId: 'b', email: 'b@x' }] },
    };
    expect(restrict(users, [{ user: 'b' }], DEFAULT_LIMITS)).toEqual([{ endpoint: 'users/create', body: { users: [{ clientUserId: 'b', email: 'b@x' }] } }]);
    const subs: WriteRequest = { endpoint: 'subscriptions/associate', body: { adamIds: [5, 6], clientUserIds: ['a', 'b'], renewing: false } };
    expect(restrict(subs, [{ asset: '6', user: 'a' }], DEFAULT_LIMITS)).toEqual([
      { endpoint: 'subscriptions/associate', body: { renewing: false, adamIds: [6], clientUserIds: ['a'] } },
    ]);
    const revoke: WriteRequest = { endpoint: 'assets/revoke', body: { clientUserIds: ['a', 'b', 'c'], serialNumbers: ['D'] } };
    const cut = restrict(revoke, pairsOf(revoke), { ...DEFAULT_LIMITS, maxRevokeClientUserIds: 2 });
    expect(cut).toEqual([
      { endpoint: 'assets/revoke', body: { clientUserIds: ['a', 'b'] } },
      { endpoint: 'assets/revoke', body: { clientUserIds: ['c'] } },
      { endpoint: 'assets/revoke', body: { serialNumbers: ['D'] } },
    ]);
  });
});
