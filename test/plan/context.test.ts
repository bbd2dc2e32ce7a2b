/** Store names label a plan and never change it: the same requests with names, without, or when the lookup failed. */
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../src/plan/index.js';
import type { AssetName } from '../../src/plan/types.js';
import { asset, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

const desired = desiredState({ assets: [asset('1', ['a', 'b']), asset('2', ['a'], [], { name: 'Zebra (file name)' }), asset('3', ['b'])] });
const live = liveState({ assets: [owned('1'), owned('2'), owned('3', { productType: 'Book', deviceAssignable: false })], assignments: { '1': { users: ['c'], devices: [] } } });
const names = new Map<string, AssetName>([
  ['1', { name: 'Numbers', kind: 'app' }],
  ['2', { name: 'Store name that loses', kind: 'app' }],
  ['3', { name: 'A Book', kind: 'book' }],
]);

describe('plan context: names', () => {
  it('labels assets with the file name first, else the store name, with their kind, sorted by name', () => {
    const plan = makePlan(desired, live, OPTIONS, { names });
    expect(plan.changes.assets.map((a) => [a.name, a.kind])).toEqual([
      ['A Book', 'book'],
      ['Numbers', 'app'],
      ['Zebra (file name)', 'app'],
    ]);
  });

  it('sends exactly the same requests with names, without them, and when the lookup failed', () => {
    const named = makePlan(desired, live, OPTIONS, { names });
    const bare = makePlan(desired, live, OPTIONS);
    const failed = makePlan(desired, live, OPTIONS, { namesProblem: 'the store lookup answered HTTP 500' });
    expect(named.requests).toEqual(bare.requests);
    expect(failed.requests).toEqual(bare.requests);
    expect(failed.warnings).toEqual([
      { code: 'names-unavailable', message: 'apps and books are shown by adamId where the file names none: the store lookup answered HTTP 500' },
    ]);
    expect(bare.changes.assets.map((a) => a.name)).toEqual([undefined, undefined, 'Zebra (file name)']);
  });
});
