import { VppApiError } from '../../src/api/errors.js';
import {
  DEFAULT_LIMITS,
  type Assignment,
  type PagedResponse,
  type ResponseAsset,
  type ResponseSubscription,
  type ResponseUser,
  type SubscriptionAssignment,
  type VppApi,
} from '../../src/api/types.js';

/**
 * An in-memory VppApi for the cases the simulator cannot stage on demand: a paged read that
 * restarts mid-walk, a refused versionId. It hands pages to onPage like the real client.
 */
export interface FakeData {
  assets: ResponseAsset[];
  assignments: Assignment[];
  users: ResponseUser[];
  subscriptions?: ResponseSubscription[];
  seats?: SubscriptionAssignment[];
  /** Users reported by a read with sinceVersionId; undefined: such reads fail with 9721. */
  usersSince?: ResponseUser[];
  /** Assignments handed over (from page 0) before the walk restarts, as after a mid-walk write. */
  abandonedAssignments?: Assignment[];
}

export function fakeApi(data: FakeData, pageSize = 2): VppApi & { calls: string[] } {
  const calls: string[] = [];
  function pages<T, P>(items: T[], wrap: (page: T[], meta: PagedResponse) => P, onPage?: (p: P) => void): void {
    const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
    for (let i = 0; i < totalPages; i++) {
      const meta: PagedResponse = { currentPageIndex: i, size: 0, totalPages, versionId: 'v2', uId: '42' };
      if (i + 1 < totalPages) meta.nextPageIndex = i + 1;
      const page = items.slice(i * pageSize, (i + 1) * pageSize);
      onPage?.(wrap(page, { ...meta, size: page.length }));
    }
  }
  return {
    calls,
    serviceConfig: async () => ({ limits: {} }),
    limits: async () => ({ ...DEFAULT_LIMITS }),
    getClientConfig: async () => ({ uId: '42', locationName: 'Fake', mdmInfo: { id: 'm', name: 'vppctl' } }),
    setClientConfig: async () => ({}),
    getAssets: async (_q, onPage) => {
      pages(data.assets, (assets, m) => ({ ...m, assets }), onPage);
      return { assets: [], versionId: 'v2' };
    },
    getAssignments: async (_q, onPage) => {
      if (data.abandonedAssignments) pages(data.abandonedAssignments, (assignments, m) => ({ ...m, assignments }), onPage);
      pages(data.assignments, (assignments, m) => ({ ...m, assignments }), onPage);
      return { assignments: [], versionId: 'v2' };
    },
    getUsers: async (q, onPage) => {
      calls.push(q?.sinceVersionId === undefined ? 'users' : `users since ${q.sinceVersionId}`);
      if (q?.sinceVersionId !== undefined && data.usersSince === undefined) {
        throw new VppApiError({ endpoint: 'GET /users', status: 400, errorNumber: 9721, reason: 'invalid versionId', retryable: false });
      }
      const users = q?.sinceVersionId === undefined ? data.users : data.usersSince!;
      pages(users, (u, m) => ({ ...m, users: u }), onPage);
      return { users: [], versionId: 'v2' };
    },
    getSubscriptions: async () => data.subscriptions ?? [],
    getSubscriptionAssignments: async () => data.seats ?? [],
    write: async () => ({ eventId: 'e' }),
    status: async () => ({ eventStatus: 'COMPLETE', eventType: 'ASSOCIATE', numCompleted: 0, numRequested: 0 }),
    close: async () => {},
  };
}

export function asset(adamId: string, extra: Partial<ResponseAsset> = {}): ResponseAsset {
  return {
    adamId,
    pricingParam: 'STDQ',
    productType: 'App',
    assignedCount: 0,
    availableCount: 10,
    retiredCount: 0,
    totalCount: 10,
    deviceAssignable: true,
    revocable: true,
    supportedPlatforms: ['iOS'],
    ...extra,
  };
}
