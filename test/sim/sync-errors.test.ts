/** Every synchronous error number the simulator answers, with Apple's HTTP status, and no side effect. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeSimToken } from '../../src/sim/index.js';
import { app, baseState, EXAMPLE_NOW, harness, type Harness, users } from './helpers.js';

let h: Harness;
const BOOK = app('1559451201', 10, { productType: 'Book', deviceAssignable: false, revocable: false });

beforeAll(async () => {
  h = await harness(
    baseState({
      limits: {
        maxAssets: 2,
        maxClientUserIds: 2,
        maxSerialNumbers: 2,
        maxRevokeClientUserIds: 1,
        maxRevokeSerialNumbers: 1,
        maxUsers: 2,
        maxSubscriptions: 1,
        maxSubscriptionClientUserIds: 2,
        maxRequestPerSecond: 100_000,
      },
      assets: [app('1', 10), app('2', 10), app('3', 10), BOOK],
      users: users('u1', 'u2', 'u3'),
      subscriptions: [{ adamId: 67890, total: { renewing: 5, expiring: 0 } }],
      subscriptionAssignments: [{ adamId: 67890, clientUserId: 'u1', renewing: true }],
    }),
  );
});
afterAll(() => h.close());

const a = (...ids: string[]) => ids.map((adamId) => ({ adamId }));

type Case = [name: string, errorNumber: number, status: number, send: () => Promise<{ status: number; json: any }>];

const cases: Case[] = [
  ['assets beyond maxAssets', 9700, 400, () => h.post('/assets/associate', { assets: a('1', '2', '3'), clientUserIds: ['u1'] })],
  ['clientUserIds beyond maxClientUserIds', 9701, 400, () => h.post('/assets/associate', { assets: a('1'), clientUserIds: ['u1', 'u2', 'u3'] })],
  ['serialNumbers beyond maxSerialNumbers', 9702, 400, () => h.post('/assets/associate', { assets: a('1'), serialNumbers: ['A', 'B', 'C'] })],
  ['duplicate assets', 9703, 400, () => h.post('/assets/associate', { assets: [{ adamId: '1' }, { adamId: '1', pricingParam: 'STDQ' }], clientUserIds: ['u1'] })],
  ['duplicate clientUserIds', 9704, 400, () => h.post('/assets/disassociate', { assets: a('1'), clientUserIds: ['u1', 'u1'] })],
  ['duplicate serialNumbers', 9705, 400, () => h.post('/assets/associate', { assets: a('1'), serialNumbers: ['A', 'A'] })],
  ['disassociating a non-revocable asset', 9706, 400, () => h.post('/assets/disassociate', { assets: a('1559451201'), clientUserIds: ['u1'] })],
  ['associating a non-device-assignable asset to a device', 9707, 400, () => h.post('/assets/associate', { assets: a('1559451201'), serialNumbers: ['A'] })],
  ['no asset', 9718, 400, () => h.post('/assets/associate', { assets: [], clientUserIds: ['u1'] })],
  ['no users or devices', 9719, 400, () => h.post('/assets/associate', { assets: a('1') })],
  ['revoke with neither users nor devices', 9719, 400, () => h.post('/assets/revoke', {})],
  ['revoke beyond maxRevokeClientUserIds', 9701, 400, () => h.post('/assets/revoke', { clientUserIds: ['u1', 'u2'] })],
  ['revoke beyond maxRevokeSerialNumbers', 9702, 400, () => h.post('/assets/revoke', { serialNumbers: ['A', 'B'] })],
  ['users beyond maxUsers', 9714, 400, () => h.post('/users/create', { users: [{ clientUserId: 'x' }, { clientUserId: 'y' }, { clientUserId: 'z' }] })],
  ['duplicate users', 9715, 400, () => h.post('/users/create', { users: [{ clientUserId: 'x' }, { clientUserId: 'x' }] })],
  ['invalid email', 9717, 400, () => h.post('/users/update', { users: [{ clientUserId: 'u1', email: 'not-an-email' }] })],
  ['no users', 9720, 400, () => h.post('/users/retire', { users: [] })],
  ['unknown eventId', 9708, 400, () => h.get('/status?eventId=00000000-0000-4000-8000-000000000000')],
  ['page index past the end', 9650, 400, () => h.get('/assets?pageIndex=1')],
  ['negative page index', 9650, 400, () => h.get('/users?pageIndex=-1')],
  ['non-numeric page index', 9650, 400, () => h.get('/assignments?pageIndex=first')],
  ['garbage versionId', 9721, 400, () => h.get('/assignments?sinceVersionId=nope')],
  ['versionId of another simulator', 9721, 400, () => h.get('/users?sinceVersionId=70e8c740-514c-11eb-bb63-a90b882fcd52')],
  ['wrong method on a known path', 9726, 405, () => h.send('PUT', '/assets')],
  ['GET on a write endpoint', 9726, 405, () => h.get('/assets/associate')],
  ['unknown path', 9602, 404, () => h.get('/licenses')],
  [
    'wrong content type',
    9727,
    415,
    () => h.send('POST', '/assets/associate', { body: JSON.stringify({ assets: a('1'), clientUserIds: ['u1'] }), headers: { 'content-type': 'text/plain' } }),
  ],
  ['unparseable JSON body', 9602, 400, () => h.send('POST', '/users/create', { body: '{"users": [' })],
  ['subscription request without clientUserIds', 9811, 400, () => h.post('/subscriptions/associate', { adamIds: [67890] })],
  ['subscription adamIds not integers', 9811, 400, () => h.post('/subscriptions/associate', { adamIds: ['67890'], clientUserIds: ['u1'] })],
  ['bad subscription cursor', 9812, 400, () => h.get('/subscriptions?cursor=bm90LWEtY3Vyc29y')],
  ['unknown subscription adamId', 9813, 400, () => h.post('/subscriptions/associate', { adamIds: [11111], clientUserIds: ['u1'] })],
  ['non-numeric subscription adamId filter', 9813, 400, () => h.get('/subscriptions?adamId=pages')],
  ['subscription for an unregistered user', 9814, 400, () => h.post('/subscriptions/associate', { adamIds: [67890], clientUserIds: ['ghost'] })],
  ['subscription disassociate of a user without it', 9815, 400, () => h.post('/subscriptions/disassociate', { adamIds: [67890], clientUserIds: ['u2'] })],
  ['subscriptions beyond maxSubscriptions', 9816, 400, () => h.post('/subscriptions/associate', { adamIds: [67890, 67891], clientUserIds: ['u1'] })],
  ['subscription users beyond maxSubscriptionClientUserIds', 9816, 400, () => h.post('/subscriptions/associate', { adamIds: [67890], clientUserIds: ['u1', 'u2', 'u3'] })],
  ['disabling subscription management while subscriptions exist', 9818, 400, () => h.post('/subscriptions/disable')],
  ['both notification URL and token needed', 9710, 400, () => h.post('/client/config', { notificationUrl: 'https://mdm.example.com/n' })],
  ['notification token too long', 9711, 400, () => h.post('/client/config', { notificationUrl: 'https://mdm.example.com/n', notificationAuthToken: 'x'.repeat(513) })],
  ['notification URL not HTTPS', 9712, 400, () => h.post('/client/config', { notificationUrl: 'http://mdm.example.com/n', notificationAuthToken: 't' })],
  ['mdmInfo metadata too long', 9713, 400, () => h.post('/client/config', { mdmInfo: { id: 'i', name: 'n', metadata: 'm'.repeat(256) } })],
  ['mdmInfo without metadata', 9723, 400, () => h.post('/client/config', { mdmInfo: { id: 'i', name: 'n' } })],
  ['mdmInfo id too long', 9724, 400, () => h.post('/client/config', { mdmInfo: { id: 'i'.repeat(101), name: 'n', metadata: '' } })],
  ['mdmInfo name too long', 9725, 400, () => h.post('/client/config', { mdmInfo: { id: 'i', name: 'n'.repeat(101), metadata: '' } })],
];

describe('synchronous errors', () => {
  test.each(cases)('%s: %i (HTTP %i)', async (_name, errorNumber, status, send) => {
    const before = JSON.stringify(h.server.model.snapshot());
    const writesBefore = h.server.log.writes().length;
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ errorNumber, errorMessage: expect.any(String) });
    expect(JSON.stringify(h.server.model.snapshot())).toBe(before);
    expect(h.server.log.writes().length).toBe(writesBefore);
    expect(h.server.log.entries.at(-1)).toMatchObject({ status, errorNumber });
  });

  test('errorInfo names what was wrong', async () => {
    expect((await h.post('/assets/disassociate', { assets: a('1', '1559451201'), clientUserIds: ['u1'] })).json.errorInfo).toEqual({
      assets: [{ adamId: '1559451201', pricingParam: 'STDQ' }],
    });
    expect((await h.post('/assets/associate', { assets: a('1'), clientUserIds: ['u1', 'u1'] })).json.errorInfo).toEqual({ clientUserIds: ['u1'] });
  });
});

describe('authentication', () => {
  test('9601 without an Authorization header', async () => {
    const answer = await h.send('GET', '/assets', { headers: { authorization: '' } });
    expect([answer.status, answer.json.errorNumber]).toEqual([401, 9601]);
  });

  test.each([['Token abc'], ['Bearer'], ['Bearer not*base64'], [`Bearer ${Buffer.from('{"token":"x"}').toString('base64')}`]])('9722 for header %s', async (header) => {
    const answer = await h.send('GET', '/assets', { headers: { authorization: header } });
    expect([answer.status, answer.json.errorNumber]).toEqual([401, 9722]);
  });

  test('9621 for an expired token', async () => {
    const expired = makeSimToken({ expDate: new Date(EXAMPLE_NOW - 1000) });
    const answer = await h.send('GET', '/assets', { headers: { authorization: `Bearer ${expired}` } });
    expect([answer.status, answer.json.errorNumber]).toEqual([401, 9621]);
  });

  test('9625 for a revoked token; the token is never echoed', async () => {
    const other = makeSimToken({ expDate: new Date(EXAMPLE_NOW + 86_400_000 * 100) });
    h.server.model.revokeToken(other);
    const answer = await h.send('GET', '/users', { headers: { authorization: `Bearer ${other}` } });
    expect([answer.status, answer.json.errorNumber]).toEqual([401, 9625]);
    expect(JSON.stringify(answer.json)).not.toContain(other);
  });

  test('tokenExpirationDate appears only within 15 days of expiry', async () => {
    const far = makeSimToken({ expDate: new Date(EXAMPLE_NOW + 86_400_000 * 16) });
    const answer = await h.send('GET', '/assets', { headers: { authorization: `Bearer ${far}` } });
    expect(answer.status).toBe(200);
    expect(answer.json.tokenExpirationDate).toBeUndefined();
    expect((await h.get('/assets')).json.tokenExpirationDate).toBe('2030-11-08T22:33:22+0000');
  });
});

describe('mixed targets', () => {
  test('accepted by default, 9602 when rejectMixedTargets is on', async () => {
    const body = { assets: a('1'), clientUserIds: ['u1'], serialNumbers: ['A'] };
    expect((await h.post('/assets/associate', body)).status).toBe(200);
    h.server.model.options.rejectMixedTargets = true;
    try {
      const answer = await h.post('/assets/associate', body);
      expect([answer.status, answer.json.errorNumber]).toEqual([400, 9602]);
      expect((await h.post('/assets/associate', { assets: a('1'), serialNumbers: ['A'] })).status).toBe(200);
    } finally {
      h.server.model.options.rejectMixedTargets = false;
    }
  });
});
