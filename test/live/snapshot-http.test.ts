import { afterEach, describe, expect, it } from 'vitest';
import type { VppApi } from '../../src/api/types.js';
import { readCached, snapshot, type ReadProgress } from '../../src/live/index.js';
import { actualLive, expectedLive, generatedState, startSim, type SimHarness } from './sim-fixture.js';

let harnesses: SimHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  harnesses = [];
});

async function sim(...args: Parameters<typeof startSim>): Promise<SimHarness> {
  const h = await startSim(...args);
  harnesses.push(h);
  return h;
}

/** Sends one write and waits (bounded) until its event settles. */
async function settle(api: VppApi, ...[endpoint, body]: Parameters<VppApi['write']>): Promise<void> {
  const { eventId } = await api.write(endpoint, body);
  for (let i = 0; i < 200; i++) {
    const status = await api.status(eventId);
    if (status.eventStatus !== 'PENDING') {
      expect(status.eventStatus).toBe('COMPLETE');
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`event ${eventId} did not settle`);
}

describe('snapshot over HTTP', () => {
  it("equals the simulator's state for the example location", async () => {
    const { server, api } = await sim(undefined);
    const live = await snapshot(api);
    expect(actualLive(live)).toEqual(expectedLive(server.model.snapshot()));
  });

  it("equals the simulator's state for a location read in many small pages, reporting every page", async () => {
    const { server, api } = await sim(generatedState(), 7);
    const reports: ReadProgress[] = [];
    const live = await snapshot(api, { onProgress: (p) => reports.push(p) });
    const expected = expectedLive(server.model.snapshot());
    expect(actualLive(live)).toEqual(expected);
    // The retired s-0007 entry does not hide the active one.
    expect(live.users.some((u) => u.clientUserId === 's-0007')).toBe(true);

    const assignmentCount = Object.values(expected.holders).reduce((n, h) => n + h.users.length + h.devices.length, 0);
    expect(reports.filter((p) => p.phase === 'assignments').length).toBeGreaterThanOrEqual(Math.ceil(assignmentCount / 7));
    expect(reports.every((p) => p.done <= p.total)).toBe(true);
    const last = reports.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(Math.ceil(assignmentCount / 7));
  });

  it('gives the same fingerprint twice and at any page size, and another after a write', async () => {
    const small = await sim(generatedState(), 7);
    const large = await sim(generatedState(), 500);
    const first = await snapshot(small.api);
    expect((await snapshot(small.api)).fingerprint).toBe(first.fingerprint);
    expect((await snapshot(large.api)).fingerprint).toBe(first.fingerprint);

    const [asset] = first.assets;
    await settle(small.api, 'assets/associate', { assets: [{ adamId: asset!.adamId, pricingParam: asset!.pricingParam }], serialNumbers: ['NEWDEVICE01'] });
    expect((await snapshot(small.api)).fingerprint).not.toBe(first.fingerprint);
  });
});

describe('reading on from the cache over HTTP', () => {
  it('picks up a user created and an assignment removed since the last read', async () => {
    const { server, api } = await sim(generatedState(), 7);
    const { live: previous, cache } = await readCached(api);
    const [key, holders] = [...previous.assignments].find(([, h]) => h.users.length > 0)!;
    const [adamId, pricingParam] = key.split(':') as [string, 'STDQ' | 'PLUS'];
    const removed = holders.users[0]!;
    await settle(api, 'users/create', { users: [{ clientUserId: 'new-0001', email: 'new-0001@school.example.com' }] });
    await settle(api, 'assets/disassociate', { assets: [{ adamId, pricingParam }], clientUserIds: [removed] });

    server.log.clear();
    const { live: next } = await readCached(api, { from: cache });
    expect(next.users.find((u) => u.clientUserId === 'new-0001')).toMatchObject({ email: 'new-0001@school.example.com' });
    expect(next.assignments.get(key)!.users).not.toContain(removed);
    expect(actualLive(next)).toEqual(expectedLive(server.model.snapshot()));
    expect(next.fingerprint).toBe((await snapshot(api)).fingerprint);
    expect(next.fingerprint).not.toBe(previous.fingerprint);
    const userReads = server.log.entries.filter((e) => e.path === '/users');
    expect(userReads[0]!.query.sinceVersionId).toBe(previous.versions.users);
  });
});
