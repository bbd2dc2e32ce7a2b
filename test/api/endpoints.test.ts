import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GetAssignmentsResponse } from '../../src/api/types.js';
import { OURS, requestsTo, simState, startSim, userId, type Sim } from './sim-fixture.js';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim(simState({ limits: { maxAssets: 10, maxRequestPerSecond: 200 } }));
});
afterEach(async () => {
  await sim.close();
});

describe('configuration endpoints', () => {
  it('caches the service config for 5 minutes and merges its limits over the defaults', async () => {
    let now = Date.now();
    const client = sim.client({ now: () => now });
    const limits = await client.limits();
    expect(limits.maxAssets).toBe(10);
    expect(limits.maxUsers).toBe(100);
    expect(limits.maxRequestPerSecond).toBe(200);
    await client.serviceConfig();
    expect(requestsTo(sim, 'GET', '/service/config')).toHaveLength(1);
    now += 5 * 60_000 + 1;
    await client.serviceConfig();
    expect(requestsTo(sim, 'GET', '/service/config')).toHaveLength(2);
  });

  it('reads and writes the client config, sending JSON with the bearer token', async () => {
    const client = sim.client();
    expect((await client.getClientConfig()).locationName).toBe('Central School');
    const answer = await client.setClientConfig({ mdmInfo: OURS });
    expect(answer.mdmInfo).toEqual(OURS);
    expect(client.observedMdmInfo).toEqual(OURS);
    expect(sim.server.model.mdmInfo).toEqual(OURS);
    const [post] = requestsTo(sim, 'POST', '/client/config');
    expect(post?.body).toEqual({ mdmInfo: OURS });
    expect(post?.status).toBe(200);
  });

  it('exposes the organization from the token', () => {
    expect(sim.client().org.orgName).toBe('Central School');
  });
});

describe('paged reads', () => {
  it('walks every page of assets, passing filters as query parameters', async () => {
    const client = sim.client();
    const all = await client.getAssets();
    expect(all.assets.map((a) => a.adamId)).toEqual(['100000001', '100000002', '100000003', '200000001']);
    expect(all.versionId).toBeTruthy();
    const books = await client.getAssets({ productType: 'Book', revocable: false });
    expect(books.assets.map((a) => a.adamId)).toEqual(['200000001']);
    expect(requestsTo(sim, 'GET', '/assets').at(-1)?.query).toEqual({ productType: 'Book', revocable: 'false', pageIndex: '0' });
  });

  it('walks every page of assignments in page order', async () => {
    const client = sim.client();
    const { assignments, versionId } = await client.getAssignments();
    // 3 apps x (10 users + 2 devices) = 36 rows over 8 pages of 5
    expect(assignments).toHaveLength(36);
    expect(new Set(assignments.map((a) => `${a.adamId}/${a.clientUserId ?? a.serialNumber}`)).size).toBe(36);
    expect(versionId).toBeTruthy();
    expect(requestsTo(sim, 'GET', '/assignments').map((e) => Number(e.query.pageIndex)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const one = await client.getAssignments({ adamId: '100000002', includeUserState: true });
    expect(one.assignments).toHaveLength(12);
    expect(one.assignments.find((a) => a.clientUserId)?.userStatus).toBe('Registered');
  });

  it('hands pages to onPage instead of accumulating them, page 0 first', async () => {
    const client = sim.client();
    const pages: GetAssignmentsResponse[] = [];
    const result = await client.getAssignments(undefined, (page) => pages.push(page));
    expect(result.assignments).toEqual([]);
    expect(pages[0]?.currentPageIndex).toBe(0);
    expect(pages.flatMap((p) => p.assignments)).toHaveLength(36);
    expect(result.versionId).toBe(pages[0]?.versionId);
  });

  it('walks every page of users', async () => {
    const { users, versionId } = await sim.client().getUsers({ activeOnly: true });
    expect(users.map((u) => u.clientUserId)).toEqual(Array.from({ length: 30 }, (_, i) => userId(i)));
    expect(versionId).toBeTruthy();
  });

  it('walks the cursor-paged subscription endpoints in order', async () => {
    const client = sim.client();
    const subscriptions = await client.getSubscriptions();
    expect(subscriptions.map((s) => s.adamId).sort()).toEqual([67890, 67891]);
    const seats = await client.getSubscriptionAssignments({ adamId: 67890 });
    expect(seats).toHaveLength(7);
    const walk = requestsTo(sim, 'GET', '/subscriptions/assignments');
    expect(walk).toHaveLength(2);
    expect(walk[0]?.query.cursor).toBeUndefined();
    expect(walk[1]?.query.cursor).toBeTruthy();
  });
});

describe('writes and status', () => {
  it('sends every write endpoint and follows its event', async () => {
    const client = sim.client();
    const { model } = sim.server;
    const settle = async (eventId: string) => {
      const status = await client.status(eventId);
      expect(status.eventStatus).toBe('COMPLETE');
      return status;
    };

    await settle((await client.write('users/create', { users: [{ clientUserId: 'new-1', email: 'new1@school.example.com' }] })).eventId);
    await settle((await client.write('users/update', { users: [{ clientUserId: 'new-1', email: 'n1@school.example.com' }] })).eventId);
    expect((await client.getUsers({ clientUserId: 'new-1' })).users[0]?.email).toBe('n1@school.example.com');

    const assets = [{ adamId: '100000001', pricingParam: 'STDQ' as const }];
    const associated = await settle((await client.write('assets/associate', { assets, clientUserIds: ['new-1'], serialNumbers: ['DMPX0099'] })).eventId);
    expect(associated.numRequested).toBe(2);
    expect(model.holders('100000001').users).toContain('new-1');
    expect(model.holders('100000001').devices).toContain('DMPX0099');

    await settle((await client.write('assets/disassociate', { assets, serialNumbers: ['DMPX0099'] })).eventId);
    expect(model.holders('100000001').devices).not.toContain('DMPX0099');
    await settle((await client.write('assets/revoke', { clientUserIds: ['new-1'] })).eventId);
    expect(model.holders('100000001').users).not.toContain('new-1');

    await settle((await client.write('subscriptions/associate', { adamIds: [67890], clientUserIds: ['new-1'], renewing: true })).eventId);
    expect((await client.getSubscriptionAssignments({ clientUserId: 'new-1' })).map((s) => s.adamId)).toEqual([67890]);
    await settle((await client.write('subscriptions/disassociate', { adamIds: [67890], clientUserIds: ['new-1'] })).eventId);
    expect(await client.getSubscriptionAssignments({ clientUserId: 'new-1' })).toEqual([]);

    await settle((await client.write('users/retire', { users: [{ clientUserId: 'new-1' }] })).eventId);
    expect((await client.getUsers({ clientUserId: 'new-1', activeOnly: true })).users).toEqual([]);

    expect(sim.server.log.writes().map((w) => w.path)).toEqual([
      '/users/create',
      '/users/update',
      '/assets/associate',
      '/assets/disassociate',
      '/assets/revoke',
      '/subscriptions/associate',
      '/subscriptions/disassociate',
      '/users/retire',
    ]);
  });

  it('refuses an endpoint that is not a write endpoint without sending it', async () => {
    const client = sim.client();
    await expect(client.write('assets/steal' as 'assets/revoke', { clientUserIds: ['x'] })).rejects.toThrow(/unknown write endpoint/);
    expect(sim.server.log.entries).toHaveLength(0);
  });
});
