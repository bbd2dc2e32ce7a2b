import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import { liveFixture } from '../live/live-fixture.js';
import { load } from '../config/temp-files.js';

const OPTIONS = { separateUsersAndDevices: false, allowMassRemoval: false, takeOver: false };

describe('a declared serial number that equals a live one but for letter case', () => {
  it('is a warning located at the line that declares it', async () => {
    const { states, diagnostics } = await load({
      'a.yaml': [
        'version: 1',
        'location: {name: School}',
        'groups:',
        '  cart:',
        '    devices: [DMPX0001, dmpx1234abcd]',
        'assets:',
        '  - adamId: "361309726"',
        '    groups: [cart]',
        '',
      ].join('\n'),
    });
    expect(diagnostics).toEqual([]);
    const live = liveFixture({ assets: [{ adamId: '361309726', devices: ['DMPX0001', 'DMPX1234ABCD'] }] });
    const plan = makePlan(states[0]!, live, OPTIONS);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatchObject({
      code: 'serial-number-case',
      at: { file: 'a.yaml', line: 5, col: 25 },
    });
    expect(plan.warnings[0]!.message).toContain('`dmpx1234abcd` (declared for 361309726 STDQ) differs only in letter case from `DMPX1234ABCD`');
  });

  it('also when the live device holds a different asset', async () => {
    const { states } = await load({ 'a.yaml': 'version: 1\nlocation: {name: School}\nassets:\n  - adamId: "2"\n    devices: [dmpx1]\n' });
    const live = liveFixture({ assets: [{ adamId: '1', devices: ['DMPX1'] }, { adamId: '2' }] });
    const warnings = makePlan(states[0]!, live, OPTIONS).warnings;
    expect(warnings.map((w) => [w.code, w.at?.line])).toEqual([['serial-number-case', 5]]);
  });

  it('says nothing when serial numbers match exactly', async () => {
    const { states } = await load({ 'a.yaml': 'version: 1\nlocation: {name: School}\nassets:\n  - adamId: "1"\n    devices: [DMPX1, DMPX2]\n' });
    const live = liveFixture({ assets: [{ adamId: '1', devices: ['DMPX1'] }] });
    expect(makePlan(states[0]!, live, OPTIONS).warnings).toEqual([]);
  });
});
