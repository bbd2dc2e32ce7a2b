import { describe, expect, it } from 'vitest';
import type { DesiredState, ListedMembers } from '../../src/config/types.js';
import { isNoop, makePlan } from '../../src/plan/index.js';
import { asset, at, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

const GROUPS = new Map<string, ListedMembers>([
  ['grade-5', { users: ['s-5', 's-3', 's-4'], devices: [], groups: [] }],
  ['teachers', { users: ['t-2', 't-1'], devices: [], groups: [] }],
]);

/** Pages for s-9 and DEV1 directly, then grade 5 and the teachers; teachers first when short. */
function september(policy: Partial<DesiredState['policy']> = { whenShort: 'prioritize' }): DesiredState {
  const pages = asset('10', ['s-3', 's-4', 's-5', 's-9', 't-1', 't-2'], ['DEV1'], {
    name: 'Pages',
    servingOrder: { priority: ['teachers'], listed: { users: ['s-9'], devices: ['DEV1'], groups: ['grade-5', 'teachers'] } },
  });
  return desiredState({ assets: [pages], listedGroups: GROUPS, policy });
}

describe('whenShort: prioritize', () => {
  it('serves the priority groups first, then the file order, and says who waits and how many licenses are missing', () => {
    // s-3 already holds Pages: it keeps it and is no new holder. 3 licenses for 6 new holders.
    const live = liveState({ assets: [owned('10', { availableCount: 3 })], assignments: { '10': { users: ['s-3'], devices: [] } } });
    const plan = makePlan(september(), live, OPTIONS);
    expect(plan.errors).toEqual([]);
    const pages = plan.changes.assets[0]!;
    expect(pages.add).toEqual({ users: ['s-9', 't-1', 't-2'], devices: [] });
    expect(pages.waiting).toEqual({ users: ['s-5', 's-4'], devices: ['DEV1'] });
    expect(pages.desiredCount).toBe(4);
    expect(plan.summary).toMatchObject({ associate: 3, waiting: 3 });
    expect(plan.warnings).toEqual([
      {
        code: 'waiting-for-licenses',
        message:
          'Pages (10 STDQ): 3 licenses short: 3 available + 0 freed by this plan for 6 new holders, so 2 users and 1 device wait. ' +
          'Buy 3 more, or free some, and the next plan serves the waiting in priority order.',
        asset: { adamId: '10', pricingParam: 'STDQ', name: 'Pages', kind: 'app' },
        at,
      },
    ]);
  });

  it('counts the licenses the plan frees, and takes none from a holder still wanted', () => {
    const live = liveState({ assets: [owned('10', { availableCount: 0 })], assignments: { '10': { users: ['s-3', 'x-1', 'x-2'], devices: [] } } });
    const plan = makePlan(september(), live, OPTIONS);
    expect(plan.changes.assets[0]!.remove).toEqual({ users: ['x-1', 'x-2'], devices: [] });
    expect(plan.changes.assets[0]!.add).toEqual({ users: ['t-1', 't-2'], devices: [] });
    expect(plan.requests.map((r) => r.endpoint)).toEqual(['users/create', 'assets/disassociate', 'assets/associate']);
    expect(plan.warnings[0]!.message).toContain('0 available + 2 freed by this plan for 6 new holders');
  });

  it('with nothing left to send, the plan is a no-op that still names who waits', () => {
    const live = liveState({
      assets: [owned('10', { availableCount: 0 })],
      assignments: { '10': { users: ['s-3', 's-9', 't-1', 't-2'], devices: [] } },
      users: ['s-3', 's-4', 's-5', 's-9', 't-1', 't-2'].map((clientUserId) => ({ clientUserId, status: 'Registered' as const })),
    });
    const plan = makePlan(september(), live, OPTIONS);
    expect(plan.requests).toEqual([]);
    expect(isNoop(plan)).toBe(true);
    expect(plan.changes.assets[0]).toMatchObject({ add: { users: [], devices: [] }, waiting: { users: ['s-5', 's-4'], devices: ['DEV1'] } });
    expect(plan.summary.waiting).toBe(3);
  });

  it('is off by default: a short asset is an error, and nobody waits', () => {
    const live = liveState({ assets: [owned('10', { availableCount: 3 })] });
    const plan = makePlan(september({}), live, OPTIONS);
    expect(plan.errors.map((e) => e.code)).toEqual(['not-enough-licenses']);
    expect(plan.summary.waiting).toBeUndefined();
    expect(plan.changes.assets[0]!.waiting).toBeUndefined();
    expect(plan.warnings).toEqual([]);
  });

  it('an asset the location does not own is that error, not a shortage', () => {
    const plan = makePlan(september(), liveState(), OPTIONS);
    expect(plan.errors.map((e) => e.code)).toEqual(['asset-not-owned']);
    expect(plan.summary.waiting).toBeUndefined();
  });
});

describe('subscription seats, per kind', () => {
  const seats = (renewing: number, expiring: number) => ({
    adamId: 501,
    counts: { assigned: { renewing: 0, expiring: 0 }, available: { renewing, expiring }, total: { renewing, expiring } },
  });
  const subscription = { adamId: 501, renewing: true, users: ['s-3', 's-4', 's-5', 't-1'], servingOrder: { priority: ['teachers'], listed: { users: [], devices: [], groups: ['grade-5', 'teachers'] } }, at };

  it('a new holder takes a seat of the kind the file assigns: expiring seats do not count for a renewing subscription', () => {
    const live = liveState({ subscriptions: [seats(1, 5)] });
    const plan = makePlan(desiredState({ subscriptions: [subscription] }), live, OPTIONS);
    expect(plan.errors).toEqual([
      { code: 'not-enough-seats', message: 'subscription 501: 3 seats short: 1 renewing available + 0 freed by this plan < 4 to assign.', at },
    ]);
  });

  it('prioritized: the first served get the seats of their kind, and seats freed of the other kind do not count', () => {
    const live = liveState({
      subscriptions: [seats(1, 5)],
      subscriptionAssignments: new Map([[501, [{ clientUserId: 'x-1', renewing: false }, { clientUserId: 'x-2', renewing: true }]]]),
    });
    const plan = makePlan(desiredState({ subscriptions: [subscription], listedGroups: GROUPS, policy: { whenShort: 'prioritize' } }), live, OPTIONS);
    expect(plan.errors).toEqual([]);
    expect(plan.changes.subscriptions).toEqual([{ adamId: 501, add: ['s-5', 't-1'], remove: ['x-1', 'x-2'], waiting: ['s-3', 's-4'] }]);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'subscription 501: 2 renewing seats short: 1 available + 1 freed by this plan for 4 new holders, so 2 users wait. ' +
        'Buy 2 more, or free some, and the next plan serves the waiting in priority order.',
    ]);
  });
});
