/** Fault factories, the simulator's own rate cap, and the bridge dropping connections. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { claimedByAnotherMdm, droppedConnections, latency, respond, serviceUnavailable, throttled } from '../../src/sim/index.js';
import { app, baseState, harness, type Harness, users } from './helpers.js';

let h: Harness;
afterEach(() => h.close());

const state = () => baseState({ assets: [app('1', 10)], users: users('u1') });
const associate = { assets: [{ adamId: '1' }], clientUserIds: ['u1'] };

describe('serviceUnavailable', () => {
  test('503 + Retry-After seconds + 9729; the rejected write is not processed', async () => {
    h = await harness(state());
    h.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 2 }));
    const rejected = await h.post('/assets/associate', associate);
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('retry-after')).toBe('2');
    expect(rejected.json.errorNumber).toBe(9729);
    expect(h.server.log.writes()).toEqual([]);
    await h.get('/assets');
    expect(h.server.model.holders('1').users).toEqual([]);
    const entry = h.server.log.entries[0]!;
    expect(entry).toMatchObject({ status: 503, errorNumber: 9729, retryAfterUntil: entry.respondedAt! + 2000 });
    expect((await h.post('/assets/associate', associate)).status).toBe(200);
    expect(h.server.log.writes()).toHaveLength(1);
  });

  test('Retry-After as an HTTP-date that never comes before the promised wait', async () => {
    h = await harness(state());
    const now = Date.parse('2030-11-01T10:00:00.400Z');
    h.server.use(serviceUnavailable({ rate: 1, retryAfterSeconds: 5, httpDate: true, now: () => now }));
    const answer = await h.get('/assets');
    expect(answer.headers.get('retry-after')).toBe('Fri, 01 Nov 2030 10:00:06 GMT');
    expect(h.server.log.entries[0]!.retryAfterUntil).toBe(Date.parse('2030-11-01T10:00:06Z'));
  });

  test('a seeded rate reproduces the same hits; `when` narrows the candidates', async () => {
    h = await harness(state());
    const pattern = async (seed: number) => {
      h.server.resetHandlers();
      h.server.use(serviceUnavailable({ rate: 0.5, seed, retryAfterSeconds: 1, when: (r) => new URL(r.url).pathname.endsWith('/assets') }));
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await h.get('/assets')).status);
      out.push((await h.get('/users')).status);
      return out;
    };
    const a = await pattern(3);
    expect(await pattern(3)).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(a.at(-1)).toBe(200);
  });
});

describe('throttled', () => {
  test('429 + 9646, with a Retry-After only when asked', async () => {
    h = await harness(state());
    h.server.use(throttled({ rate: 1, limit: 1 }), throttled({ rate: 1, limit: 1, retryAfterSeconds: 3 }));
    const first = await h.post('/assets/associate', associate);
    expect([first.status, first.json.errorNumber, first.headers.get('retry-after')]).toEqual([429, 9646, null]);
    const second = await h.get('/assets');
    expect([second.status, second.json.errorNumber, second.headers.get('retry-after')]).toEqual([429, 9646, '3']);
    expect((await h.get('/assets')).status).toBe(200);
    expect(h.server.log.writes()).toEqual([]);
  });
});

describe('dropped connections', () => {
  test('the socket is destroyed, the client sees a network error, the write is not processed', async () => {
    h = await harness(state());
    h.server.use(droppedConnections({ rate: 1, limit: 1 }));
    await expect(h.post('/assets/associate', associate)).rejects.toThrow();
    expect(h.server.log.entries[0]).toMatchObject({ path: '/assets/associate', dropped: true, status: 0 });
    expect(h.server.log.writes()).toEqual([]);
    expect((await h.get('/assets')).json.assets[0].assignedCount).toBe(0);
  });

  test('any fault answering Response.error() drops the connection; resetHandlers removes it', async () => {
    h = await harness(state());
    h.server.use(respond({ paths: ['/users'] }, () => Response.error()));
    await expect(h.get('/users')).rejects.toThrow();
    expect((await h.get('/assets')).status).toBe(200);
    h.server.resetHandlers();
    expect((await h.get('/users')).status).toBe(200);
  });
});

describe('latency', () => {
  test('the latency fault and the latencyMs option hold answers back', async () => {
    h = await harness(state(), { now: Date.now });
    h.server.use(latency({ ms: 60, when: (r) => r.url.includes('/users') }));
    await h.get('/users');
    await h.get('/assets');
    const [slow, fast] = h.server.log.entries;
    expect(slow!.respondedAt! - slow!.at).toBeGreaterThanOrEqual(55);
    expect(fast!.status).toBe(200);
    h.server.resetHandlers();
    h.server.model.options.latencyMs = 40;
    await h.get('/assets');
    const last = h.server.log.entries.at(-1)!;
    expect(last.respondedAt! - last.at).toBeGreaterThanOrEqual(35);
  });
});

describe('claimedByAnotherMdm', () => {
  test('another MDM writes its mdmInfo after N requests; every later answer carries it', async () => {
    h = await harness(state());
    const other = { id: 'other-id', name: 'Other MDM', metadata: 'other.example.com' };
    h.server.use(claimedByAnotherMdm({ model: h.server.model, mdmInfo: other, afterRequests: 1 }));
    expect((await h.get('/client/config')).json.mdmInfo).toBeUndefined();
    expect((await h.get('/client/config')).json.mdmInfo).toEqual(other);
    expect((await h.post('/assets/associate', associate)).json.mdmInfo).toEqual(other);
  });
});

describe("the simulator's own rate cap", () => {
  test('more than maxRequestPerSecond in a sliding second from one token is 429 / 9646', async () => {
    h = await harness(baseState({ limits: { maxRequestPerSecond: 3 } }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.get('/assets')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(h.server.log.entries.at(-1)).toMatchObject({ status: 429, errorNumber: 9646 });
    expect((await h.send('GET', '/service/config', { headers: { authorization: '' } })).status).toBe(200);
    h.clock.t += 999;
    expect((await h.get('/assets')).status).toBe(429);
    h.clock.t += 1;
    expect((await h.get('/assets')).status).toBe(200);
    expect(h.server.log.maxPerSecond()).toBe(6); // the request at +1000 starts a new window
  });
});

describe('Retry-After compliance seen from outside', () => {
  test('a client retrying before Retry-After passed is reported', async () => {
    h = await harness(state(), { now: Date.now });
    h.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 30 }));
    expect((await h.get('/assets')).status).toBe(503);
    await sleep(150);
    expect((await h.get('/assets')).status).toBe(200);
    expect(h.server.log.earlyAfterRetryAfter().map((e) => e.status)).toEqual([200]);
  });
});
