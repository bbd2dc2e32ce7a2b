/** The paths of the simulated API (after /mdm/v2), by what they are. */

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

/** Every path the simulator serves, whatever the method (a wrong method on one of these is 9726). */
export const KNOWN_PATHS: ReadonlySet<string> = new Set([
  ...WRITE_PATHS,
  '/service/config',
  '/client/config',
  '/assets',
  '/assignments',
  '/users',
  '/status',
  '/subscriptions',
  '/subscriptions/assignments',
  '/subscriptions/enable',
  '/subscriptions/disable',
]);
