/**
 * The simulator of Apple's content management API v2 (Apps and Books), served on loopback.
 *
 * What it is for: rehearsing a plan and an apply without touching real licenses. `vppctl sim
 * --state FILE` serves one location (the state file: assets with counts, users, assignments,
 * subscriptions); point vppctl at the printed URL with VPP_BASE_URL and the printed sim token,
 * then `plan` and `apply` as you would against Apple. The README's demo and vppctl's own tests
 * run against it. Several `--state` files are several locations behind one URL, as an
 * organisation's tokens all reach Apple's one address: each location is reached only by the
 * token made for it and keeps its own rate cap, versionIds, events and log entries (uId). With
 * one location any well-formed token reaches it.
 *
 * How it behaves, in the order a request meets it:
 * 1. Faults put in front with `use()` (tests and rehearsals only; none by default) may answer
 *    first: 503 + Retry-After, 429, dropped connections, added latency, another MDM claiming the
 *    location. A request a fault answers is never processed.
 * 2. The router picks the endpoint by method and path: a known path with another method is
 *    405 / 9726, any other path 404 / 9602. The location the Bearer token reaches settles its
 *    events whose time has come, oldest first (no timers: it happens on each request).
 * 3. Authorization: `Bearer {sToken}` on everything but GET /service/config (9601 / 9722 /
 *    9621 / 9625; a token made for no location served is 9625, as Apple answers a token it no
 *    longer knows). More than the location's limits.maxRequestPerSecond requests per token in a
 *    sliding second are answered 429 / 9646, as Apple does.
 * 4. Synchronous validation with Apple's error numbers (limits, duplicates, not revocable, not
 *    device-assignable, bad page, bad versionId, bad cursor, ...). A rejected write has no effect.
 * 5. Writes answer an eventId. The event stays PENDING for eventPendingMs (default 0: it settles
 *    on the next request), then settles: associate/disassociate run every asset x every
 *    clientUserId and serialNumber as tasks; unregistered users fail with 9609, licenses run out
 *    with 9709 (partial fill), and transientTaskFailureRate (default 0) fails tasks with 9603.
 *    FAILED means at least one task failed; the others took effect.
 * 6. Every answer carries uId, mdmInfo once set, and tokenExpirationDate when the token expires
 *    within 15 days. Paged reads return pageSize records (default 500) and a versionId that
 *    moves on with every write to that data set; sinceVersionId returns records changed since.
 *    Removed assignments are not reported by sinceVersionId (UNCERTAIN at Apple); retired users are.
 *
 * Where Apple's documents are silent the simulator chooses, and says so here: an asset the
 * location does not own fails its tasks with 9709; disassociating a pair nobody holds is a no-op
 * success; revoke counts one task per user or device; subscription events reuse the ASSOCIATE /
 * DISASSOCIATE event types; a deferred subscription disassociation frees the seat when the event
 * settles (the simulator has no billing periods); GET /users does not show managedAppleId (Apple's
 * ResponseUser has no such field); an empty list is one empty page (totalPages 1); GET
 * /service/config, which needs no token, shows the limits of the location a token sent along
 * reaches, else the first location's.
 *
 * Off by default: mixed user+device targets are accepted (rejectMixedTargets turns on the
 * UNCERTAIN 9602 reading), no latency, no transient failures. Every random choice uses a seeded
 * PRNG (`seed`), so runs reproduce. The server logs every request (RequestLog) so tests can prove
 * from outside that the rate cap held, no request came early after a Retry-After, and no write
 * was sent twice. Notifications are not sent.
 */
export { type SimState, loadSimState, validateSimState, defaultSimState, SimStateError } from './state.js';
export { type SimOptions, DEFAULT_SIM_OPTIONS } from './options.js';
export { makeSimToken } from './token.js';
export { type SimServer, type SimServerOptions, startSimServer } from './server.js';
export { type LoggedRequest, type RequestLog } from './request-log.js';
export { SimModel } from './model.js';
export {
  type Fault,
  type FaultOptions,
  type FaultTarget,
  respond,
  serviceUnavailable,
  throttled,
  droppedConnections,
  latency,
  claimedByAnotherMdm,
} from './faults.js';
