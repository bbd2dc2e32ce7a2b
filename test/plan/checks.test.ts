import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { asset, at, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

const codes = (p: { errors: { code: string }[] }): string[] => p.errors.map((e) => e.code);

describe('checks before anything is sent', () => {
  it('counts licenses after the plan frees its own removals, and says how many are short', () => {
    const desired = desiredState({ assets: [asset('10', ['u2', 'u3', 'u4', 'u5'], [], { name: 'Pages' })] });
    const live = liveState({ assets: [owned('10', { availableCount: 2 })], assignments: { '10': { users: ['u1'], devices: [] } } });
    const plan = makePlan(desired, live, OPTIONS);
    expect(plan.errors).toEqual([
      {
        code: 'not-enough-licenses',
        message: 'Pages (10 STDQ): 1 license short: 2 available + 1 freed by this plan < 4 to assign.',
        asset: { adamId: '10', pricingParam: 'STDQ', name: 'Pages', kind: 'app' },
        at,
      },
    ]);
    expect(plan.requests.map((r) => r.endpoint)).toEqual(['users/create', 'assets/disassociate', 'assets/associate']);
    const enough = makePlan(desired, liveState({ ...live, assignments: { '10': { users: ['u1'], devices: [] } }, assets: [owned('10', { availableCount: 3 })] }), OPTIONS);
    expect(enough.errors).toEqual([]);
  });

  it('refuses a device assignment of an asset that is not device-assignable', () => {
    const plan = makePlan(desiredState({ assets: [asset('20', [], ['DMP1'])] }), liveState({ assets: [owned('20', { deviceAssignable: false })] }), OPTIONS);
    expect(codes(plan)).toEqual(['not-device-assignable']);
    expect(plan.errors[0]!.message).toBe('20 STDQ cannot be assigned to devices, but the file gives it to 1 device: DMP1. Assign it to users instead.');
  });

  it('refuses to remove a non-revocable asset, and says how to keep it', () => {
    const live = liveState({
      assets: [owned('30', { revocable: false, productType: 'Book' })],
      assignments: { '30': { users: ['u1', 'u2'], devices: [] } },
      users: [{ clientUserId: 'u2', status: 'Associated' }],
    });
    const plan = makePlan(desiredState({ assets: [asset('30', ['u2'])] }), live, OPTIONS);
    expect(codes(plan)).toEqual(['not-revocable']);
    expect(plan.errors[0]!.message).toBe(
      '30 STDQ is not revocable, but the plan would remove it from 1 user (u1). Set policy.prune: false, or keep these holders in the file.',
    );
    expect(plan.changes.revoke).toEqual({ users: [], devices: [] });
    const kept = makePlan(desiredState({ assets: [asset('30', ['u2'])], policy: { prune: false } }), live, OPTIONS);
    expect(kept.errors).toEqual([]);
    expect(kept.requests).toEqual([]);
  });

  it('names a referenced user nobody registers, and where it was referenced', () => {
    const where = { file: 'loc.yaml', line: 3, col: 7 };
    const desired = desiredState({ undeclaredUsers: [{ clientUserId: 'ghost', at: where }, { clientUserId: 'known', at: where }] });
    const plan = makePlan(desired, liveState({ users: [{ clientUserId: 'known', status: 'Registered' }] }), OPTIONS);
    expect(plan.errors).toEqual([
      {
        code: 'unknown-user',
        message: 'user ghost (referenced at loc.yaml:3:7) is neither declared under users nor registered at the location. Declare it under users so the plan creates it.',
        at: where,
      },
    ]);
  });

  it('refuses an asset or subscription the location does not own, hinting at pricingParam', () => {
    const desired = desiredState({ assets: [asset('40', ['u1'])], subscriptions: [{ adamId: 77, renewing: true, users: ['u1'], at }] });
    const plan = makePlan(desired, liveState({ assets: [owned('40', { pricingParam: 'PLUS' })] }), OPTIONS);
    expect(plan.errors.map((e) => [e.code, e.message])).toEqual([
      ['asset-not-owned', '40 STDQ: the location does not own this asset. It owns it as PLUS: check pricingParam.'],
      ['subscription-not-owned', 'subscription 77: the location does not own this subscription.'],
    ]);
  });

  it('refuses more removals than policy.maxDisassociations, counting revoked pairs, unless allowed', () => {
    const desired = desiredState({ assets: [asset('1', []), asset('2', [])], policy: { maxDisassociations: 3 } });
    const live = liveState({
      assets: [owned('1'), owned('2')],
      assignments: { '1': { users: ['u1', 'u2'], devices: [] }, '2': { users: ['u1', 'u3'], devices: [] } },
    });
    const plan = makePlan(desired, live, OPTIONS);
    expect(plan.errors.map((e) => [e.code, e.message])).toEqual([
      ['too-many-removals', 'the plan removes 4 assignments, more than policy.maxDisassociations (3). Check the file, then raise the limit or pass --allow-mass-removal.'],
    ]);
    expect(plan.requests.length).toBeGreaterThan(0);
    expect(makePlan(desired, live, { ...OPTIONS, allowMassRemoval: true }).errors).toEqual([]);
  });
});

describe('whose location it is', () => {
  const ours = { id: 'ours-1', name: 'vppctl', metadata: 'repo' };
  const theirs = { id: 'other-9', name: 'Jamf' };

  it('claims an unclaimed location first, as a change of its own', () => {
    const plan = makePlan(desiredState({ location: { name: 'Central', tokenEnv: 'T', mdm: ours } }), liveState(), OPTIONS);
    expect(plan.requests).toEqual([{ endpoint: 'client/config', body: { mdmInfo: ours } }]);
    expect(plan.changes.claim).toEqual({ to: ours });
    expect(plan.errors).toEqual([]);
  });

  it('refuses a location another installation claims, unless taking it over', () => {
    const desired = desiredState({ location: { name: 'Central', tokenEnv: 'T', mdm: ours }, assets: [asset('1', ['u1'])] });
    const live = liveState({ mdmInfo: theirs, assets: [owned('1')], users: [{ clientUserId: 'u1', status: 'Registered' }] });
    const refused = makePlan(desired, live, OPTIONS);
    expect(refused.errors.map((e) => [e.code, e.message])).toEqual([
      ['claimed-by-other-mdm', 'location Central is claimed by Jamf (id other-9), not by this file\'s vppctl (id ours-1). Pass --take-over to claim it.'],
    ]);
    expect(refused.changes.claim).toBeUndefined();

    const taken = makePlan(desired, live, { ...OPTIONS, takeOver: true });
    expect(taken.errors).toEqual([]);
    expect(taken.warnings.map((w) => w.code)).toEqual(['take-over']);
    expect(taken.changes.claim).toEqual({ from: theirs, to: ours });
    expect(taken.requests.map((r) => r.endpoint)).toEqual(['client/config', 'assets/associate']);
  });

  it('refuses a claimed location when the file names no mdm, even with take-over', () => {
    for (const takeOver of [false, true]) {
      const plan = makePlan(desiredState(), liveState({ mdmInfo: theirs }), { ...OPTIONS, takeOver });
      expect(codes(plan)).toEqual(['claimed-by-other-mdm']);
      expect(plan.errors[0]!.message).toContain('set location.mdm.id to other-9');
    }
  });

  it('says nothing when the location is already ours', () => {
    const plan = makePlan(desiredState({ location: { name: 'C', tokenEnv: 'T', mdm: ours } }), liveState({ mdmInfo: ours }), OPTIONS);
    expect(plan.errors).toEqual([]);
    expect(plan.requests).toEqual([]);
  });
});
