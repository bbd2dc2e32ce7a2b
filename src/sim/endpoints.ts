/** Where the simulated API lives, and its paths (after /mdm/v2) by what they are. */

/** Apple's API lives under this path; the base URL a client is given ends with it. */
export const API_PREFIX = '/mdm/v2';

/** A request's path as the request log and faults name it: after /mdm/v2 for the API, whole otherwise. */
export function apiPath(pathname: string): string {
  return pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : pathname;
}

/** The asynchronous writes: each accepted one answers an eventId. */
export const WRITE_PATHS: ReadonlySet<string> = new Set([
  '/assets/associate',
  '/assets/disassociate',
  '/assets/revoke',
  '/users/create',
  '/users/update',
  '/users/retire',
  '/subscriptions/associate',
  '/subscriptions/disassociate',
]);
