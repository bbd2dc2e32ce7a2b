/**
 * Apple's worked examples (shared/seeds/apple-managing-assets.txt and
 * apple-setting-up-and-assigning-content.txt), reproduced field for field wherever the simulator
 * controls the value. Generated values (eventId, versionId, idHash) are checked for presence and type.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { app, baseState, EXAMPLE_EXPIRY, harness, type Harness, users } from './helpers.js';

const SEED_ASSETS = ['408709785', '377298193', '361309726', '361304891', '361285480'];
const DEVICE = '443d8def-f14b-4422-9997-75c83f595c24';
const ENVELOPE = { tokenExpirationDate: EXAMPLE_EXPIRY, uId: '2049025000431439' };

/** A ResponseAsset as Apple's examples print it (an iOS app, STDQ, revocable, device-assignable). */
const exampleAsset = (adamId: string, assignedCount: number, totalCount: number) => ({
  adamId,
  assignedCount,
  availableCount: totalCount - assignedCount,
  deviceAssignable: true,
  pricingParam: 'STDQ',
  productType: 'App',
  retiredCount: 0,
  revocable: true,
  supportedPlatforms: ['iOS'],
  totalCount,
});

let h: Harness;
afterEach(() => h.close());

describe('managing assets', () => {
  test('Get Assets: five apps of 15000 with 5000 assigned', async () => {
    const state = baseState({
      assets: SEED_ASSETS.map((id) => app(id, 15000)),
      assignments: Object.fromEntries(SEED_ASSETS.map((id) => [`${id}:STDQ`, { devices: Array.from({ length: 5000 }, (_, i) => `SN${i}`) }])),
    });
    h = await harness(state, { pageSize: 1000 });
    const { status, json } = await h.get('/assets');
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['assets', 'currentPageIndex', 'size', 'tokenExpirationDate', 'totalPages', 'uId', 'versionId']);
    expect(json).toMatchObject({ currentPageIndex: 0, size: 5, totalPages: 1, ...ENVELOPE });
    expect(typeof json.versionId).toBe('string');
    expect(json.assets).toEqual(SEED_ASSETS.map((adamId) => exampleAsset(adamId, 5000, 15000)));
    expect(json.assets[0].availableCount).toBe(10000);
  });

  test('Get Assignments: one device holding the five apps', async () => {
    h = await harness(
      baseState({
        assets: SEED_ASSETS.map((id) => app(id, 10)),
        assignments: Object.fromEntries(SEED_ASSETS.map((id) => [`${id}:STDQ`, { devices: [DEVICE] }])),
      }),
    );
    const { json } = await h.get('/assignments');
    expect(Object.keys(json).sort()).toEqual(['assignments', 'currentPageIndex', 'size', 'tokenExpirationDate', 'totalPages', 'uId', 'versionId']);
    expect(json).toMatchObject({ currentPageIndex: 0, size: 5, totalPages: 1, ...ENVELOPE });
    expect(json.assignments).toEqual(SEED_ASSETS.map((adamId) => ({ adamId, serialNumber: DEVICE, pricingParam: 'STDQ' })));
  });

  const body = {
    assets: [{ adamId: '408709785' }, { adamId: '377298193' }],
    clientUserIds: ['client-1', 'client-2', 'client-3', 'client-4'],
    serialNumbers: ['serial-1', 'serial-2', 'serial-3', 'serial-4'],
  };

  test('disassociate, associate, revoke answer EventResponse; 2 assets x (4 users + 4 devices) = 16 tasks', async () => {
    h = await harness(baseState({ assets: [app('408709785', 100), app('377298193', 100)], users: users('client-1', 'client-2', 'client-3', 'client-4') }));
    for (const path of ['/assets/disassociate', '/assets/associate']) {
      const { status, json } = await h.post(path, body);
      expect(status).toBe(200);
      expect(Object.keys(json).sort()).toEqual(['eventId', 'tokenExpirationDate', 'uId']);
      expect(json.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(json).toMatchObject(ENVELOPE);
    }
    const revoke = await h.post('/assets/revoke', { clientUserIds: body.clientUserIds, serialNumbers: body.serialNumbers });
    expect(Object.keys(revoke.json).sort()).toEqual(['eventId', 'tokenExpirationDate', 'uId']);
  });

  test('Event Status: PENDING 8 of 16 halfway, then COMPLETE 16 of 16', async () => {
    h = await harness(baseState({ assets: [app('408709785', 100), app('377298193', 100)], users: users('client-1', 'client-2', 'client-3', 'client-4') }), {
      eventPendingMs: 1000,
    });
    const { json: accepted } = await h.post('/assets/associate', body);
    h.clock.t += 500;
    const pending = await h.get(`/status?eventId=${accepted.eventId}`);
    expect(pending.json).toEqual({ eventStatus: 'PENDING', eventType: 'ASSOCIATE', numCompleted: 8, numRequested: 16, ...ENVELOPE });
    h.clock.t += 500;
    const done = await h.get(`/status?eventId=${accepted.eventId}`);
    expect(done.json).toEqual({ eventStatus: 'COMPLETE', eventType: 'ASSOCIATE', numCompleted: 16, numRequested: 16, ...ENVELOPE });
  });

  test('Event Status: FAILED 14 of 16 when client-4 is not a registered user (9609)', async () => {
    h = await harness(baseState({ assets: [app('408709785', 100), app('377298193', 100)], users: users('client-1', 'client-2', 'client-3') }));
    const status = await h.settled('/assets/associate', body);
    expect(status).toEqual({
      eventStatus: 'FAILED',
      eventType: 'ASSOCIATE',
      failures: [{ errorInfo: { clientUserIds: ['client-4'] }, errorNumber: 9609, errorMessage: 'Registered user not found' }],
      numCompleted: 14,
      numRequested: 16,
      ...ENVELOPE,
    });
    expect(h.server.model.holders('408709785').users).toEqual(['client-1', 'client-2', 'client-3']);
    expect(h.server.model.holders('377298193').devices).toEqual(['serial-1', 'serial-2', 'serial-3', 'serial-4']);
  });
});

describe('setting up and assigning content', () => {
  const pagesState = () =>
    baseState({
      assets: [app('361309726', 25)],
      subscriptions: [{ adamId: 67890, parentAdamId: 361309726, total: { renewing: 25, expiring: 0 } }],
    });

  test('service config: limits and invitation URL, no authentication needed', async () => {
    h = await harness(pagesState());
    const { status, json } = await h.send('GET', '/service/config', { headers: { authorization: '' } });
    expect(status).toBe(200);
    expect(json.limits).toMatchObject({
      maxAssets: 25,
      maxUsers: 100,
      maxNotificationLength: 512,
      maxRevokeClientUserIds: 100,
      maxClientUserIds: 1000,
      maxSerialNumbers: 1000,
      maxRevokeSerialNumbers: 100,
      maxSubscriptions: 25,
      maxSubscriptionClientUserIds: 1000,
      maxMdmNameLength: 100,
      maxMdmMetadataLength: 255,
      maxMdmIdLength: 100,
    });
    expect(json.urls.invitationEmail).toBe('https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=%25inviteCode%25&mt=8');
    expect(json.urls.getAssets).toBe(`${h.server.url}/assets`);
    expect(json.errorCodes).toContainEqual({ errorNumber: 9709, errorMessage: expect.any(String) });
  });

  test('POST /client/config echoes the configuration', async () => {
    h = await harness(pagesState());
    const types = ['ASSET_MANAGEMENT', 'USER_MANAGEMENT', 'USER_ASSOCIATED', 'ASSET_COUNT', 'SUBSCRIPTION_MANAGEMENT', 'SUBSCRIPTION_COUNT'];
    const mdmInfo = { id: '522d5c43-44ca-4f7e-ba7a-53570cf60765', name: 'My MDM Server', metadata: '1.0.0' };
    const { json } = await h.post('/client/config', {
      mdmInfo,
      notificationUrl: 'https://mdm.example.com/notifications',
      notificationAuthToken: 'example-auth-token-value',
      notificationTypes: types,
    });
    expect(json).toEqual({ mdmInfo, notificationUrl: 'https://mdm.example.com/notifications', subscribedNotificationTypes: types, ...ENVELOPE });
    const read = await h.get('/client/config');
    expect(read.json).toMatchObject({ countryISO2ACode: 'US', defaultPlatform: 'volumestore', locationName: 'Test School', mdmInfo, websiteURL: 'https://school.apple.com' });
    // mdmInfo rides on every later answer
    expect((await h.get('/assets')).json.mdmInfo).toEqual(mdmInfo);
  });

  test('register user-1 with a managedAppleId: COMPLETE CREATE 1/1, then Associated with an idHash', async () => {
    h = await harness(pagesState());
    const status = await h.settled('/users/create', { users: [{ clientUserId: 'user-1', managedAppleId: 'jappleseed@appleschool.example.com' }] });
    expect(status).toEqual({ eventStatus: 'COMPLETE', eventType: 'CREATE', numCompleted: 1, numRequested: 1, ...ENVELOPE });
    const { json } = await h.get('/users?clientUserId=user-1');
    expect(Object.keys(json).sort()).toEqual(['currentPageIndex', 'size', 'tokenExpirationDate', 'totalPages', 'uId', 'users', 'versionId']);
    expect(json).toMatchObject({ currentPageIndex: 0, size: 1, totalPages: 1, ...ENVELOPE });
    expect(json.users).toEqual([{ clientUserId: 'user-1', idHash: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/), status: 'Associated' }]);
  });

  test('inventory, assignment of Pages and of the subscription to user-1', async () => {
    h = await harness(pagesState());
    await h.settled('/users/create', { users: [{ clientUserId: 'user-1', managedAppleId: 'jappleseed@appleschool.example.com' }] });

    const assets = await h.get('/assets?adamId=361309726');
    expect(assets.json).toEqual({
      assets: [exampleAsset('361309726', 0, 25)],
      currentPageIndex: 0,
      size: 1,
      totalPages: 1,
      versionId: expect.any(String),
      ...ENVELOPE,
    });

    const subs = await h.get('/subscriptions?parentAdamId=361309726');
    expect(subs.json).toEqual({
      subscriptions: [
        {
          parentAdamId: 361309726,
          adamId: 67890,
          counts: { assigned: { renewing: 0, expiring: 0 }, available: { renewing: 25, expiring: 0 }, total: { renewing: 25, expiring: 0 } },
        },
      ],
      versionId: expect.any(String),
      ...ENVELOPE,
    });

    const assign = await h.settled('/assets/associate', { assets: [{ adamId: '361309726', pricingParam: 'STDQ' }], clientUserIds: ['user-1'] });
    expect(assign).toEqual({ eventStatus: 'COMPLETE', eventType: 'ASSOCIATE', numCompleted: 1, numRequested: 1, ...ENVELOPE });
    const assignments = await h.get('/assignments?adamId=361309726&clientUserId=user-1');
    expect(assignments.json).toEqual({
      assignments: [{ adamId: '361309726', clientUserId: 'user-1', pricingParam: 'STDQ' }],
      currentPageIndex: 0,
      size: 1,
      totalPages: 1,
      versionId: expect.any(String),
      ...ENVELOPE,
    });

    const sub = await h.settled('/subscriptions/associate', { adamIds: [67890], clientUserIds: ['user-1'], renewing: true });
    expect(sub).toEqual({ eventStatus: 'COMPLETE', eventType: 'ASSOCIATE', numCompleted: 1, numRequested: 1, ...ENVELOPE });
    const subAssignments = await h.get('/subscriptions/assignments?adamId=67890&clientUserId=user-1');
    expect(subAssignments.json).toEqual({ assignments: [{ adamId: 67890, clientUserId: 'user-1', renewing: true }], versionId: expect.any(String), ...ENVELOPE });
    const after = await h.get('/subscriptions?adamId=67890');
    expect(after.json.subscriptions[0].counts).toEqual({
      assigned: { renewing: 1, expiring: 0 },
      available: { renewing: 24, expiring: 0 },
      total: { renewing: 25, expiring: 0 },
    });
  });
});
