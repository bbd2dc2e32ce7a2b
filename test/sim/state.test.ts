/** The state file: loading with clear errors, the example location, snapshot round trip. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultSimState, loadSimState, SimModel, type SimState, validateSimState } from '../../src/sim/index.js';
import { app, baseState, users } from './helpers.js';

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'vppctl-sim-')), 'state.json');
  await writeFile(file, text);
  return file;
}

describe('loadSimState', () => {
  test('names the file and the problem', async () => {
    await expect(loadSimState('/nonexistent/state.json')).rejects.toThrow('/nonexistent/state.json: cannot read the sim state file (ENOENT)');
    const bad = await fileWith('{ "uId": ');
    await expect(loadSimState(bad)).rejects.toThrow(`${bad}: the sim state file is not valid JSON`);
    const wrong = await fileWith(JSON.stringify({ ...baseState(), assets: [{ ...app('1', 5), pricingParam: 'GOLD' }] }));
    await expect(loadSimState(wrong)).rejects.toThrow(`${wrong}: assets[0].pricingParam must be one of STDQ, PLUS`);
  });

  const invalid: [string, Partial<SimState>, string][] = [
    ['unknown limit', { limits: { maxWidgets: 3 } as never }, 'limits.maxWidgets is not a known limit'],
    ['assignment of an unknown asset', { assignments: { '9:STDQ': { users: [] } } }, 'assignments["9:STDQ"] names an asset that is not in assets'],
    ['holder that is not an active user', { assets: [app('1', 5)], assignments: { '1:STDQ': { users: ['ghost'] } } }, 'assignments["1:STDQ"].users[0] is ghost'],
    ['more holders than licenses', { assets: [app('1', 1)], users: users('a', 'b'), assignments: { '1:STDQ': { users: ['a', 'b'] } } }, 'assignments["1:STDQ"] holds 2 assignments but the asset\'s totalCount is 1'],
    [
      'device holding a user-only asset',
      { assets: [app('1', 3, { deviceAssignable: false })], assignments: { '1:STDQ': { devices: ['S'] } } },
      'assignments["1:STDQ"].devices is not allowed',
    ],
    ['two active users with one id', { users: users('a', 'a') }, 'users[1] is a second active user with clientUserId a'],
    ['repeated holder', { assets: [app('1', 5)], assignments: { '1:STDQ': { devices: ['S', 'S'] } } }, 'assignments["1:STDQ"].devices[1] repeats S'],
    [
      'subscription seats exceeded',
      { users: users('a', 'b'), subscriptions: [{ adamId: 1, total: { renewing: 1, expiring: 0 } }], subscriptionAssignments: ['a', 'b'].map((clientUserId) => ({ adamId: 1, clientUserId, renewing: true })) },
      'subscriptionAssignments[1] exceeds the renewing seats of subscription 1',
    ],
  ];
  test.each(invalid)('rejects %s', (_name, overrides, message) => {
    expect(() => validateSimState(baseState(overrides), 'x.json')).toThrow(`x.json: ${message}`);
  });
});

describe('the Central School example', () => {
  test('is a valid, unclaimed, modest location with the seed assets, a book and subscription 67890', async () => {
    const state = await defaultSimState();
    expect(state).toMatchObject({ uId: '2049025000431439', locationName: 'Central School' });
    expect(state.mdmInfo).toBeUndefined();
    expect(state.assets.map((a) => a.adamId)).toEqual(expect.arrayContaining(['408709785', '377298193', '361309726', '361304891', '361285480']));
    expect(state.assets.filter((a) => a.productType === 'Book')).toEqual([expect.objectContaining({ deviceAssignable: false, revocable: false })]);
    expect(state.subscriptions).toEqual([expect.objectContaining({ adamId: 67890, parentAdamId: 361309726 })]);
    expect(state.users.length).toBeLessThanOrEqual(40);
    const devices = new Set(Object.values(state.assignments).flatMap((h) => h.devices ?? []));
    expect(devices.size).toBe(10);
  });
});

describe('snapshot', () => {
  test('round-trips through the model, and reflects writes', async () => {
    const state = await defaultSimState();
    const model = new SimModel(state, { now: () => 0 });
    expect(model.snapshot()).toEqual({ ...state, assignments: state.assignments });
    model.associate({ assets: [{ adamId: '361309726' }], clientUserIds: ['s-1024'] });
    model.settle();
    const after = model.snapshot();
    expect(after.assignments['361309726:STDQ']!.users).toContain('s-1024');
    expect(new SimModel(after).holders('361309726').users).toContain('s-1024');
  });
});
