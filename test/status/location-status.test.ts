/** What status works out itself: what the plan leaves, what is reclaimable, whose claim it is. */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { locationStatus } from '../../src/status/location-status.js';
import { asset, desiredState, liveState, OPTIONS, owned } from '../plan/fixtures.js';

const token = { orgName: 'Central School', expDate: '2027-06-01T00:00:00.000Z', now: Date.parse('2026-12-03T00:00:00Z') };

function statusOf(scope: 'declared' | 'all') {
  const desired = desiredState({
    assets: [asset('10', ['a', 'b'], [], { name: 'Pages' })],
    policy: { scope, prune: false },
    location: { name: 'Central', tokenEnv: 'VPP_TOKEN', mdm: { id: 'ours', name: 'vppctl' } },
  });
  const live = liveState({
    mdmInfo: { id: 'ours', name: 'vppctl' },
    assets: [owned('10', { totalCount: 10, assignedCount: 3, availableCount: 6, retiredCount: 1 }), owned('20', { productType: 'Book', totalCount: 2_147_483_647, assignedCount: 2 })],
    assignments: { '10': { users: ['a', 'x'], devices: ['DEV1'] }, '20': { users: ['a', 'b'], devices: [] } },
  });
  const names = new Map([['20', { name: 'Store Book', kind: 'book' as const }]]);
  return locationStatus(desired, live, makePlan(desired, live, OPTIONS, { token, names }), { token, names });
}

describe('locationStatus', () => {
  it('counts retired holders as reclaimable, and under scope: all every holder the file does not declare', () => {
    const declared = statusOf('declared');
    expect(declared.assets.map((a) => [a.name, a.reclaimable])).toEqual([['Pages', 1], ['Store Book', 0]]);
    const all = statusOf('all');
    // Pages: 1 retired, plus x and DEV1 the file does not list; the book: both of its holders.
    expect(all.assets.map((a) => [a.name, a.reclaimable])).toEqual([['Pages', 3], ['Store Book', 2]]);
  });

  it('shows what the plan leaves, free assets as unlimited, the claim and the token', () => {
    const s = statusOf('declared');
    expect(s.assets[0]).toMatchObject({ kind: 'app', total: 10, available: 6, availableAfterPlan: 5, declared: true });
    expect(s.assets[1]).toMatchObject({ kind: 'book', total: null, declared: false });
    expect(s.claim).toEqual({ id: 'ours', name: 'vppctl', ours: true });
    expect(s.token).toEqual({ orgName: 'Central School', expires: '2027-06-01T00:00:00.000Z', daysLeft: 180 });
  });
});
