/**
 * Whether saved requests still fit the location's limits. Apple changes its limits without notice;
 * a request over them would be refused (9700-9702, 9714, 9816) after the requests before it went out.
 */
import type { Limits } from '../api/types.js';
import type { PlannedRequest } from '../plan/types.js';

/** The first request that holds more than `limits` allow, and what it exceeds; undefined if all fit. */
export function firstOverLimit(requests: readonly PlannedRequest[], limits: Limits): { index: number; what: string } | undefined {
  for (const [index, r] of requests.entries()) {
    const over = (count: number | undefined, limit: keyof Limits, noun: string): string | undefined =>
      (count ?? 0) > limits[limit] ? `request ${index + 1} (${r.endpoint}) holds ${count} ${noun}; the location now allows ${limits[limit]} (${limit})` : undefined;
    let what: string | undefined;
    switch (r.endpoint) {
      case 'assets/associate':
      case 'assets/disassociate':
        what =
          over(r.body.assets.length, 'maxAssets', 'assets') ??
          over(r.body.clientUserIds?.length, 'maxClientUserIds', 'clientUserIds') ??
          over(r.body.serialNumbers?.length, 'maxSerialNumbers', 'serialNumbers');
        break;
      case 'assets/revoke':
        what = over(r.body.clientUserIds?.length, 'maxRevokeClientUserIds', 'clientUserIds') ?? over(r.body.serialNumbers?.length, 'maxRevokeSerialNumbers', 'serialNumbers');
        break;
      case 'users/create':
      case 'users/update':
      case 'users/retire':
        what = over(r.body.users.length, 'maxUsers', 'users');
        break;
      case 'subscriptions/associate':
      case 'subscriptions/disassociate':
        what = over(r.body.adamIds.length, 'maxSubscriptions', 'subscriptions') ?? over(r.body.clientUserIds.length, 'maxSubscriptionClientUserIds', 'clientUserIds');
        break;
      case 'client/config':
        break;
    }
    if (what !== undefined) return { index, what };
  }
  return undefined;
}
