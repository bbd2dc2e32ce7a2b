/** Asynchronous writes: pending then settled, the cross product, counts, partial fill, revoke, transient failures. */
import { afterEach, describe, expect, test } from 'vitest';
import type { SimOptions, SimState } from '../../src/sim/index.js';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
const opened: Harness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function start(state: SimState, options: Partial<SimOptions> = {}): Promise<Harness> {
  h = await harness(state, options);
  opened.push(h);
  return h;
}

const asset = async (adamId: string) => (await h.get(`/assets?adamId=${adamId}`)).json.assets[0];

describe('event lifecycle', () => {
  test('an event stays PENDING for eventPendingMs with no effect, then settles and takes effect', async () => {
    h = await start(baseState({ assets: [app('1', 10)], users: users('u1') }), { eventPendingMs: 30_000 });
    const { json } = await h.post('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['u1'] });
    h.clock.t += 29_999;
    expect((await h.get(`/status?eventId=${json.eventId}`)).json).toMatchObject({ eventStatus: 'PENDING', numCompleted: 0, numRequested: 1 });
    expect(await asset('1')).toMatchObject({ assignedCount: 0, availableCount: 10 });
    h.clock.t += 1;
    expect(await asset('1')).toMatchObject({ assignedCount: 1, availableCount: 9 });
    expect((await h.get(`/status?eventId=${json.eventId}`)).json).toMatchObject({ eventStatus: 'COMPLETE', numCompleted: 1, numRequested: 1 });
  });

  test('events settle in the order they were accepted, even if a later one names the same pair', async () => {
    h = await start(baseState({ assets: [app('1', 10)], users: users('u1') }), { eventPendingMs: 100 });
    const body = { assets: [{ adamId: '1' }], clientUserIds: ['u1'] };
    await h.post('/assets/associate', body);
    h.clock.t += 50;
    await h.post('/assets/disassociate', body);
    h.clock.t += 200;
    await h.get('/assets');
    expect(h.server.model.holders('1').users).toEqual([]);
  });
});

describe('associate and disassociate', () => {
  test('the cross product: every asset x every clientUserId and every serialNumber', async () => {
    h = await start(baseState({ assets: [app('1', 10), app('2', 10), app('3', 10)], users: users('u1', 'u2') }));
    const status = await h.settled('/assets/associate', { assets: [{ adamId: '1' }, { adamId: '2' }, { adamId: '3' }], clientUserIds: ['u1', 'u2'], serialNumbers: ['S1'] });
    expect(status).toMatchObject({ eventStatus: 'COMPLETE', numCompleted: 9, numRequested: 9 });
    for (const id of ['1', '2', '3']) expect(h.server.model.holders(id)).toEqual({ users: ['u1', 'u2'], devices: ['S1'] });
    const listed = (await h.get('/assignments')).json;
    expect(listed.size).toBe(9);
  });

  test('9709 partial fill: tasks beyond the available count fail and name the asset and holders', async () => {
    h = await start(baseState({ assets: [app('1', 3, { pricingParam: 'PLUS' }), app('2', 10)], users: users('u1', 'u2', 'u3') }));
    const status = await h.settled('/assets/associate', {
      assets: [{ adamId: '1', pricingParam: 'PLUS' }, { adamId: '2' }],
      clientUserIds: ['u1', 'u2', 'u3'],
      serialNumbers: ['S1', 'S2'],
    });
    expect(status).toMatchObject({ eventStatus: 'FAILED', numCompleted: 8, numRequested: 10 });
    expect(status.failures).toEqual([
      {
        errorNumber: 9709,
        errorMessage: "There aren't enough assets available to complete this association",
        errorInfo: { assets: [{ adamId: '1', pricingParam: 'PLUS' }], serialNumbers: ['S1', 'S2'] },
      },
    ]);
    expect(h.server.model.holders('1', 'PLUS')).toEqual({ users: ['u1', 'u2', 'u3'], devices: [] });
    expect((await h.get('/assets?pricingParam=PLUS')).json.assets[0]).toMatchObject({ assignedCount: 3, availableCount: 0, totalCount: 3 });
  });

  test('an already-held pair is a no-op success and consumes nothing; disassociate frees licenses', async () => {
    h = await start(baseState({ assets: [app('1', 2)], users: users('u1'), assignments: { '1:STDQ': { users: ['u1'] } } }));
    const again = await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['u1'], serialNumbers: ['S1'] });
    expect(again).toMatchObject({ eventStatus: 'COMPLETE', numCompleted: 2, numRequested: 2 });
    expect(await asset('1')).toMatchObject({ assignedCount: 2, availableCount: 0 });
    const off = await h.settled('/assets/disassociate', { assets: [{ adamId: '1' }], serialNumbers: ['S1', 'never-held'] });
    expect(off).toMatchObject({ eventStatus: 'COMPLETE', numCompleted: 2, numRequested: 2 });
    expect(await asset('1')).toMatchObject({ assignedCount: 1, availableCount: 1 });
  });

  test('an asset the location does not own fails every task with 9709', async () => {
    h = await start(baseState({ assets: [app('1', 2)], users: users('u1') }));
    const status = await h.settled('/assets/associate', { assets: [{ adamId: '999' }], clientUserIds: ['u1'] });
    expect(status).toMatchObject({ eventStatus: 'FAILED', numCompleted: 0, numRequested: 1, failures: [{ errorNumber: 9709 }] });
  });
});

describe('revoke', () => {
  test('takes every revocable asset from the users and devices named, keeps books, 9609 for unknown users', async () => {
    const book = app('B', 5, { productType: 'Book', deviceAssignable: false, revocable: false });
    h = await start(
      baseState({
        assets: [app('1', 5), app('2', 5), book],
        users: users('u1', 'u2'),
        assignments: { '1:STDQ': { users: ['u1', 'u2'], devices: ['S1'] }, '2:STDQ': { users: ['u1'], devices: ['S1', 'S2'] }, 'B:STDQ': { users: ['u1'] } },
      }),
    );
    const status = await h.settled('/assets/revoke', { clientUserIds: ['u1', 'ghost'], serialNumbers: ['S1'] });
    expect(status).toMatchObject({
      eventStatus: 'FAILED',
      eventType: 'REVOKE',
      numCompleted: 2,
      numRequested: 3,
      failures: [{ errorNumber: 9609, errorInfo: { clientUserIds: ['ghost'] } }],
    });
    expect(h.server.model.holders('1')).toEqual({ users: ['u2'], devices: [] });
    expect(h.server.model.holders('2')).toEqual({ users: [], devices: ['S2'] });
    expect(h.server.model.holders('B')).toEqual({ users: ['u1'], devices: [] });
  });
});

describe('transient task failures', () => {
  const run = async (seed: number) => {
    h = await start(baseState({ assets: [app('1', 100)], users: users(...Array.from({ length: 20 }, (_, i) => `u${i}`)) }), {
      transientTaskFailureRate: 0.3,
      seed,
    });
    const status = await h.settled('/assets/associate', { assets: [{ adamId: '1' }], clientUserIds: Array.from({ length: 20 }, (_, i) => `u${i}`) });
    return { status, held: h.server.model.holders('1').users };
  };

  test('fail tasks with 9603 that do not take effect, and reproduce with the same seed', async () => {
    const first = await run(7);
    expect(first.status.eventStatus).toBe('FAILED');
    const failed: string[] = first.status.failures[0].errorInfo.clientUserIds;
    expect(first.status.failures[0]).toMatchObject({ errorNumber: 9603, errorInfo: { assets: [{ adamId: '1', pricingParam: 'STDQ' }] } });
    expect(failed.length).toBeGreaterThan(0);
    expect(first.status.numCompleted).toBe(20 - failed.length);
    expect(first.held.filter((u) => failed.includes(u))).toEqual([]);
    expect(first.held.length).toBe(20 - failed.length);
    const second = await run(7);
    expect(second.status).toEqual(first.status);
  });
});

describe('subscriptions', () => {
  test('seats by kind: 9709 when no seat of the asked kind is free; disassociate frees it', async () => {
    h = await start(
      baseState({
        users: users('u1', 'u2', 'u3'),
        subscriptions: [{ adamId: 67890, parentAdamId: 361309726, total: { renewing: 1, expiring: 1 } }],
      }),
    );
    const renewing = await h.settled('/subscriptions/associate', { adamIds: [67890], clientUserIds: ['u1', 'u2'], renewing: true });
    expect(renewing).toMatchObject({ eventStatus: 'FAILED', numCompleted: 1, numRequested: 2, failures: [{ errorNumber: 9709, errorInfo: { clientUserIds: ['u2'] } }] });
    const expiring = await h.settled('/subscriptions/associate', { adamIds: [67890], clientUserIds: ['u2'], renewing: false });
    expect(expiring).toMatchObject({ eventStatus: 'COMPLETE' });
    let counts = (await h.get('/subscriptions')).json.subscriptions[0].counts;
    expect(counts).toEqual({ assigned: { renewing: 1, expiring: 1 }, available: { renewing: 0, expiring: 0 }, total: { renewing: 1, expiring: 1 } });
    const off = await h.settled('/subscriptions/disassociate', { adamIds: [67890], clientUserIds: ['u1'], deferred: true });
    expect(off).toMatchObject({ eventStatus: 'COMPLETE', eventType: 'DISASSOCIATE' });
    counts = (await h.get('/subscriptions')).json.subscriptions[0].counts;
    expect(counts.available).toEqual({ renewing: 1, expiring: 0 });
    expect((await h.get('/subscriptions/assignments')).json.assignments).toEqual([{ adamId: 67890, clientUserId: 'u2', renewing: false }]);
  });
});
