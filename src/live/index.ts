/**
 * Live state: what a location holds right now, read through Apple's content management API.
 *
 * `snapshot` reads, all at once: the client config (location name, which installation has
 * claimed the location), the service limits, every app and book with its license counts, every
 * assignment, every user, every subscription and subscription seat. The reads are issued
 * together; the API client caps them (at most five paged reads in flight, at most the location's
 * maxRequestPerSecond), so a snapshot never exceeds what Apple allows. Progress is reported as
 * pages arrive, as numbers only (`onProgress`); drawing it is the CLI's job.
 *
 * Large locations stay small in memory: each page of assignments is folded into per-asset
 * holder lists as soon as it arrives and then dropped, and each clientUserId or serial number is
 * kept once however many assets it holds. Assignments of Retired or Deleted users are skipped,
 * and users holds only registered (not Retired/Deleted) users, one per clientUserId.
 *
 * Every snapshot carries a fingerprint (`sha256:…`) of what a plan depends on. A saved plan
 * records it; apply re-reads the location and refuses the plan when the fingerprint changed,
 * because someone else changed the location since the plan was made (a stale plan).
 *
 * `readCached` reads a location from its cache file (`<state dir>/cache/<uId>.json`, cache-file.ts):
 * only what changed since the last read, checked against Apple's counts so the result is exactly
 * what a full read gives; see read-cached.ts for how removals, which Apple's deltas do not list,
 * are found.
 */
export { snapshot } from './snapshot.js';
export { fingerprint } from './fingerprint.js';
export { cacheFile, loadCache, type LocationCache } from './cache-file.js';
export { readCached, type CachedRead, type CachedReadOptions, type ReadStats } from './read-cached.js';
export type { ReadProgress, OnProgress } from './progress.js';
export { assetKey } from './types.js';
export type { AssetKey, Holders, LiveState, LiveUser } from './types.js';
