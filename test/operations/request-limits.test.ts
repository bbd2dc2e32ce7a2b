/** Whether saved requests still fit the location's limits: the first that does not, and why. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/api/types.js';
import { firstOverLimit } from '../../src/operations/request-limits.js';
import type { PlannedRequest } from '../../src/plan/types.js';

const ids = (n: number, p = 'u') => Array.from({ length: n }, (_, i) => `${p}${i}`);
const assets = (n: number) => ids(n, '').map((a) => ({ adamId: `1${a}`, pricingParam: 'STDQ' as const }));

describe('firstOverLimit', () => {
  it('passes requests within every limit', () => {
    const requests: PlannedRequest[] = [
      { endpoint: 'client/config', body: { mdmInfo: { id: 'x', name: 'vppctl' } } },
      { endpoint: 'users/create', body: { users: ids(100).map((clientUserId) => ({ clientUserId })) } },
      { endpoint: 'assets/associate', body: { assets: assets(25), clientUserIds: ids(1000), serialNumbers: ids(1000, 'd') } },
      { endpoint: 'assets/revoke', body: { clientUserIds: ids(100), serialNumbers: ids(100, 'd') } },
      { endpoint: 'subscriptions/associate', body: { adamIds: [1], clientUserIds: ids(1000) } },
    ];
    expect(firstOverLimit(requests, DEFAULT_LIMITS)).toBeUndefined();
  });

  it.each([
    [{ endpoint: 'assets/disassociate', body: { assets: assets(26), clientUserIds: ['u'] } }, 'holds 26 assets; the location now allows 25 (maxAssets)'],
    [{ endpoint: 'assets/associate', body: { assets: assets(1), serialNumbers: ids(1001, 'd') } }, 'holds 1001 serialNumbers; the location now allows 1000 (maxSerialNumbers)'],
    [{ endpoint: 'assets/revoke', body: { clientUserIds: ids(101) } }, 'holds 101 clientUserIds; the location now allows 100 (maxRevokeClientUserIds)'],
    [{ endpoint: 'users/retire', body: { users: ids(101).map((clientUserId) => ({ clientUserId })) } }, 'holds 101 users; the location now allows 100 (maxUsers)'],
    [{ endpoint: 'subscriptions/disassociate', body: { adamIds: [1], clientUserIds: ids(1001) } }, 'holds 1001 clientUserIds; the location now allows 1000 (maxSubscriptionClientUserIds)'],
  ] as [PlannedRequest, string][])('names the request and the limit it passes: %#', (request, what) => {
    const fits: PlannedRequest = { endpoint: 'users/create', body: { users: [{ clientUserId: 'a' }] } };
    expect(firstOverLimit([fits, request], DEFAULT_LIMITS)).toEqual({ index: 1, what: `request 2 (${request.endpoint}) ${what}` });
  });
});
