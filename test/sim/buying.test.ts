/** Buying licenses: model.setTotalCount, seen over HTTP as Apple's content manager's purchase would be. */
import { afterEach, describe, expect, test } from 'vitest';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

describe('setTotalCount', () => {
  test('more licenses: totalCount and availableCount follow, the assets versionId moves, and waiting users can be served', async () => {
    h = await harness(baseState({ assets: [app('1', 2)], users: users('a', 'b', 'c'), assignments: { '1:STDQ': { users: ['a', 'b'] } } }));
    const before = (await h.get('/assets')).json;
    expect(before.assets[0]).toMatchObject({ totalCount: 2, assignedCount: 2, availableCount: 0 });
    expect(await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['c'] })).toMatchObject({
      eventStatus: 'FAILED',
      failures: [{ errorNumber: 9709 }],
    });

    h.server.model.setTotalCount('1', 'STDQ', 5);
    const after = (await h.get('/assets')).json;
    expect(after.assets[0]).toMatchObject({ totalCount: 5, assignedCount: 2, availableCount: 3 });
    expect(after.versionId).not.toBe(before.versionId);
    expect(await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['c'] })).toMatchObject({ eventStatus: 'COMPLETE' });
    expect((await h.get('/assets')).json.assets[0]).toMatchObject({ assignedCount: 3, availableCount: 2 });
    expect(h.server.model.snapshot().assets[0]!.totalCount).toBe(5);
  });

  test('fewer licenses down to the assigned count; below it, an unknown asset or a bad number are refused, changing nothing', async () => {
    h = await harness(baseState({ assets: [app('1', 10)], users: users('a', 'b', 'c'), assignments: { '1:STDQ': { users: ['a', 'b', 'c'] } } }));
    h.server.model.setTotalCount('1', 'STDQ', 3);
    expect((await h.get('/assets')).json.assets[0]).toMatchObject({ totalCount: 3, availableCount: 0 });
    expect(() => h.server.model.setTotalCount('1', 'STDQ', 2)).toThrow(/cannot set the totalCount of 1 \(STDQ\) to 2: 3 of its licenses are assigned; disassociate 1 first/);
    expect(() => h.server.model.setTotalCount('1', 'PLUS', 20)).toThrow(/has no asset 1 \(PLUS\)/);
    expect(() => h.server.model.setTotalCount('1', 'STDQ', 4.5)).toThrow(/whole number/);
    expect((await h.get('/assets')).json.assets[0]).toMatchObject({ totalCount: 3, assignedCount: 3 });
  });
});
