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
 *    first: 503 + Retry-After, 429, dropped connections, added latency, no answer at all, a 200
 *    of the wrong shape, another MDM claiming the location, a slow, failing or empty content
 *    lookup. A request a fault answers is never processed.
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
 * 6. Every answer carries uId, mdmInfo once set, and tokenExpirationDate (the token's own
 *    expDate, as all of Apple's worked examples do, years ahead; expiryField 'near-expiry' keeps
 *    it to the last 15 days, as Apple's text says). Paged reads return pageSize records (default
 *    500) and a versionId that moves on with every write to that data set. sinceVersionId (on
 *    /assignments and /users, with any filter and page) lists the records added or changed since
 *    that versionId and never a removal: a removed assignment is simply absent (UNCERTAIN at
 *    Apple, so the least convenient reading); a retired user is a change and is listed.
 *
 * Beside the API, the simulator answers the content metadata lookup that GET /service/config
 * names (urls.contentMetadataLookup, here on the simulator's own origin): many adamIds at once,
 * the sToken as the cookie `itvt` (401 without one it would accept), names and artistNames from
 * the state's assets, kinds "software", "mac-software" (macOS-only apps) or "ebook" (the store
 * search's words; Apple's legacy example shows "iosSoftware", so a client must take kinds it does
 * not know); ids it has no name for are absent, as the store leaves out ids it does not know.
 *
 * Tests and rehearsals change a location from outside, as its content manager or another MDM
 * would, through SimModel: setTotalCount (licenses bought or given back, never below those
 * assigned), addAsset and removeAsset (an app bought, or moved to another location together with
 * its assignments, which no delta reports), setMdmInfo (a claim), revokeToken.
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
  neverAnswers,
  wrongShape,
  claimedByAnotherMdm,
  slowLookup,
  failingLookup,
  emptyLookup,
} from './faults.js';
export { LOOKUP_PATH } from './lookup.js';
