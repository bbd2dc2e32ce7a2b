/** Warning `low-licenses`: policy.lowLicenseWarning percent of an asset's licenses or fewer left after the plan. */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { asset, at, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

/** Pages with 20 licenses, 5 of them held, and the file giving it to `holders` users. */
function plan(holders: number, policy: { lowLicenseWarning?: number } = {}) {
  const users = Array.from({ length: holders }, (_, i) => `u${String(i).padStart(2, '0')}`);
  const desired = desiredState({ assets: [asset('10', users, [], { name: 'Pages' })], policy });
  const live = liveState({ assets: [owned('10', { totalCount: 20, assignedCount: 5, availableCount: 15 })], assignments: { '10': { users: users.slice(0, 5), devices: [] } } });
  return makePlan(desired, live, OPTIONS);
}

const low = (p: ReturnType<typeof plan>) => p.warnings.filter((w) => w.code === 'low-licenses');

describe('low-license warning', () => {
  it('warns when 10% or less are left after the plan (the default), with the numbers', () => {
    expect(low(plan(18))).toEqual([
      {
        code: 'low-licenses',
        message: 'Pages (10 STDQ): 2 licenses of 20 (10%) left available after this plan, at or below policy.lowLicenseWarning (10%). Buy more, or free some, before new holders have to wait.',
        asset: { adamId: '10', pricingParam: 'STDQ', name: 'Pages', kind: 'app' },
        at,
      },
    ]);
    expect(low(plan(20))[0]!.message).toContain('0 licenses of 20 (0%)');
  });

  it('is silent above the threshold, when the plan is short (an error says so), and with 0', () => {
    expect(low(plan(17))).toEqual([]);
    expect(low(plan(21))).toEqual([]);
    expect(plan(21).errors.map((e) => e.code)).toEqual(['not-enough-licenses']);
    expect(low(plan(20, { lowLicenseWarning: 0 }))).toEqual([]);
  });

  it('follows policy.lowLicenseWarning', () => {
    expect(low(plan(16, { lowLicenseWarning: 20 }))).toHaveLength(1);
    expect(low(plan(15, { lowLicenseWarning: 20 }))).toEqual([]);
  });

  it('never warns of free (unlimited) assets or assets the file does not declare', () => {
    const desired = desiredState({ assets: [asset('11', ['u1'])], policy: { scope: 'all' } });
    const live = liveState({
      assets: [owned('11', { totalCount: 2_147_483_647, availableCount: 0 }), owned('12', { totalCount: 10, availableCount: 0, assignedCount: 10 })],
      assignments: { '12': { users: ['u1'], devices: [] } },
    });
    expect(makePlan(desired, live, OPTIONS).warnings.filter((w) => w.code === 'low-licenses')).toEqual([]);
  });
});
