/**
 * Reading a location from its cache: the live state exactly as a full read gives it (the same
 * fingerprint), for about what changed since the last read rather than for the whole location.
 *
 * Apple's GET /assignments?sinceVersionId= lists assignments added or changed since a versionId;
 * it is not documented to list removals, so this read assumes it never does, and finds removals
 * by counting:
 *   - GET /assets is read in full each time (a page or two); each asset carries assignedCount.
 *   - Per asset, the cached holders plus the delta's additions must make the live assignedCount,
 *     less the calibration of the asset's last full read (assignments Apple counts that holders
 *     leave out). Any other count means something was removed or moved: the asset alone is read
 *     again (GET /assignments?adamId=, every page) and its holders replaced. An addition that
 *     re-creates a cached pair keeps both the count and the holders right.
 *   - Also re-read: a new asset that holds anything; an asset with rows of retired users in the
 *     delta, or whose cached holders include a user retired since (whether Apple still counts
 *     those is not documented); when any user was registered since, every asset with a non-zero
 *     calibration (a re-registered user may revive assignments that were counted, not held); and
 *     every asset the caller names (apply: every asset it wrote to). An asset gone is dropped.
 *   - Users: GET /users?sinceVersionId= carries status changes (retired, re-registered), applied
 *     onto the cached users. Subscriptions have no sinceVersionId and are read in full.
 * When re-reading them one by one would take more pages than the last full read of the
 * assignments (changes by hand spread over every asset), the location is read in full instead.
 * Assets are read after the assignments, and a last GET /assignments?sinceVersionId= of the new
 * versionId proves nothing was written meanwhile; so the counts, the holders and the versionId the
 * cache records all describe one moment. If something was written, an incremental read starts
 * again (up to three times in all, then the location is read in full); a full read is used as is,
 * as a read without a cache would be, but not kept as the cache.
 *
 * A cache that cannot be used (another format, another location, damaged, unreadable) or whose
 * versionId Apple refuses (9721) is said in one line; the location is read in full and a new
 * cache written. A cache that cannot be written is said in one line too; the plan is not affected.
 */
import { VppApiError } from '../api/errors.js';
import type { ClientConfigResponse, ResponseAsset, VppApi } from '../api/types.js';
import { describeError } from '../shared/describe-error.js';
import { indexesMissingFrom, unionSorted } from '../shared/sorted-ids.js';
import { loadCache, saveCache, type CachedAsset, type LocationCache } from './cache-file.js';
import { fingerprint } from './fingerprint.js';
import { HoldersFold, Interner } from './holders-fold.js';
import type { OnProgress } from './progress.js';
import { INVALID_VERSION_ID, readLocation, type LocationRead } from './read-location.js';
import { assetKey, type AssetKey, type Holders, type LiveState } from './types.js';

/** Reads of the location, incremental or full, before giving up on a moment with no writes. */
const MAX_ATTEMPTS = 3;

/** How the live state was read, for the plan to tell reviewers. */
export interface ReadStats {
  mode: 'full' | 'incremental';
  /** Pages (requests) read. */
  pages: number;
  /** Assets read again on their own because their counts did not add up (or apply wrote to them). */
  assetsReRead: number;
}

export interface CachedReadOptions {
  /** The location's cache file, once its uId is known; without it no cache is loaded or written. */
  cacheFile?: (uId: string) => string;
  /** Ignore the cache: read everything, then write a new cache. */
  fullRead?: boolean;
  /** Start from this cache rather than the file (apply's verification starts from its plan's read). */
  from?: LocationCache;
  /** Assets to read again whatever the counts say (apply's verification: every asset it wrote to). */
  reRead?: ReadonlySet<AssetKey>;
  onProgress?: OnProgress;
  /** One line when a cache cannot be used or written, saying why. */
  onNotice?: (line: string) => void;
}

export interface CachedRead {
  live: LiveState;
  /** The cache as written (what apply's verification starts from). */
  cache: LocationCache;
  read: ReadStats;
}

interface Step {
  mode: ReadStats['mode'];
  read: LocationRead;
  assets: Map<AssetKey, CachedAsset>;
  assignmentPages: number;
  pages: number;
  assetsReRead: number;
}

const EMPTY: Holders = { users: [], devices: [] };
const heldCount = (h: Holders): number => h.users.length + h.devices.length;

export async function readCached(api: VppApi, opts: CachedReadOptions = {}): Promise<CachedRead> {
  const clientConfig = await api.getClientConfig();
  const uId = clientConfig.uId;
  if (uId === undefined) throw new Error('the location did not say its uId on GET /client/config');
  const file = opts.cacheFile?.(uId);
  const say = (line: string) => opts.onNotice?.(line);
  let base = opts.fullRead ? undefined : (opts.from ?? (file === undefined ? undefined : await loaded(file, uId, say)));

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let step: Step | undefined;
    if (base !== undefined) {
      step = await incremental(api, base, clientConfig, opts).catch((err: unknown) => {
        if (!(err instanceof VppApiError) || err.errorNumber !== INVALID_VERSION_ID) throw err;
        return undefined;
      });
      if (step === undefined) {
        say(`Apple no longer accepts the versionId of the live-state cache (9721): reading everything and writing a new cache`);
        base = undefined;
      }
    }
    step ??= await full(api, clientConfig, opts);
    const versionId = step.read.versions.assignments;
    const probe = await api.getAssignments({ sinceVersionId: versionId });
    const read: ReadStats = { mode: step.mode, pages: step.pages + 1, assetsReRead: step.assetsReRead };
    // A write since the versionId means the counts may not describe the holders. A full read is
    // still what a read without a cache gives, so it is used, but not kept as a cache; holders
    // carried over from the cache may miss a removal, so that read starts again (the state and
    // its fingerprint are made only for a read that is kept).
    if (probe.versionId !== versionId) {
      if (read.mode === 'full') return resultOf(step, read);
      if (attempt < MAX_ATTEMPTS) continue;
      const fallback = await full(api, clientConfig, opts);
      return resultOf(fallback, { mode: 'full', pages: fallback.pages, assetsReRead: 0 });
    }
    const result = resultOf(step, read);
    if (file !== undefined && !unchanged(base, result.cache, read)) {
      await saveCache(file, result.cache).catch((err: unknown) => say(`could not write the live-state cache ${file}: ${describeError(err)}`));
    }
    return result;
  }
  throw new Error('unreachable: the last attempt returns');
}

/**
 * Nothing was written to the location since the cache (the same versionIds), no asset was read
 * again and the same assets are owned: the file already holds this cache, so it is not rewritten.
 */
function unchanged(base: LocationCache | undefined, next: LocationCache, read: ReadStats): boolean {
  if (base === undefined || read.mode !== 'incremental' || read.assetsReRead > 0) return false;
  if (base.versions.assignments !== next.versions.assignments || base.versions.users !== next.versions.users) return false;
  return base.assets.size === next.assets.size && [...next.assets.keys()].every((key) => base.assets.has(key));
}

async function loaded(file: string, uId: string, say: (line: string) => void): Promise<LocationCache | undefined> {
  const got = await loadCache(file, uId);
  if ('cache' in got) return got.cache;
  if ('problem' in got) say(`the live-state cache ${file} was not used: ${got.problem}; reading everything and writing a new cache`);
  return undefined;
}

function resultOf(step: Step, read: ReadStats): CachedRead {
  const assignments = new Map<AssetKey, Holders>();
  for (const [key, a] of step.assets) if (heldCount(a.holders) > 0) assignments.set(key, a.holders);
  const state = { ...step.read, assignments };
  return {
    live: { ...state, fingerprint: fingerprint(state) },
    cache: { uId: step.read.uId, versions: step.read.versions, assignmentPages: step.assignmentPages, assets: step.assets, users: step.read.users },
    read,
  };
}

async function full(api: VppApi, clientConfig: ClientConfigResponse, opts: CachedReadOptions): Promise<Step> {
  const { read, pages, assignmentPages } = await readLocation(api, { clientConfig, ...(opts.onProgress && { onProgress: opts.onProgress }) });
  const assets = new Map<AssetKey, CachedAsset>();
  for (const a of read.assets) {
    const key = assetKey(a.adamId, a.pricingParam);
    assets.set(key, calibrated(a, read.assignments.get(key) ?? EMPTY));
  }
  return { mode: 'full', read, assets, assignmentPages, pages, assetsReRead: 0 };
}

function calibrated(a: ResponseAsset, holders: Holders): CachedAsset {
  return { adamId: a.adamId, pricingParam: a.pricingParam, calibration: a.assignedCount - heldCount(holders), holders };
}

async function incremental(api: VppApi, base: LocationCache, clientConfig: ClientConfigResponse, opts: CachedReadOptions): Promise<Step> {
  const { read, pages, inactiveRowsIn } = await readLocation(api, {
    clientConfig,
    assignmentsSince: base.versions.assignments,
    usersSince: { versionId: base.versions.users, base: base.users },
    ...(opts.onProgress && { onProgress: opts.onProgress }),
  });
  const registered = new Set(read.users.map((u) => u.clientUserId));
  const before = new Set(base.users.map((u) => u.clientUserId));
  const retired = base.users.filter((u) => !registered.has(u.clientUserId)).map((u) => u.clientUserId);
  const arrived = read.users.some((u) => !before.has(u.clientUserId));

  const assets = new Map<AssetKey, CachedAsset>();
  const again: ResponseAsset[] = [];
  for (const a of read.assets) {
    const key = assetKey(a.adamId, a.pricingParam);
    const next = carriedOver(a, base.assets.get(key), read.assignments.get(key), retired, arrived);
    const counted = next !== undefined && a.assignedCount - next.calibration === heldCount(next.holders);
    if (!counted || inactiveRowsIn.has(key) || opts.reRead?.has(key)) again.push(a);
    else assets.set(key, next);
  }
  if (again.length > 1 && reReadPages(again, read.assets, base.assignmentPages) >= base.assignmentPages) {
    const whole = await full(api, clientConfig, opts);
    return { ...whole, pages: pages + whole.pages };
  }

  // Each asset alone, every page; the client keeps at most five in flight.
  const ids = new Interner();
  let pagesReRead = 0;
  await Promise.all(
    again.map(async (a) => {
      const fold = new HoldersFold(ids);
      // A write landing meanwhile moves the versionId on; the caller's last check sees that too.
      await api.getAssignments({ adamId: a.adamId, pricingParam: a.pricingParam, includeUserState: true }, (page) => {
        pagesReRead++;
        if (page.currentPageIndex === 0) fold.restart();
        fold.add(page.assignments);
      });
      assets.set(assetKey(a.adamId, a.pricingParam), calibrated(a, fold.finish().get(assetKey(a.adamId, a.pricingParam)) ?? EMPTY));
    }),
  );
  return { mode: 'incremental', read, assets, assignmentPages: base.assignmentPages, pages: pages + pagesReRead, assetsReRead: again.length };
}

/**
 * What re-reading `again` one by one would take, in pages: at least one each, and their share of
 * the assignments spread over the pages the last full read took (changes by hand spread over
 * every asset make this more than one full read, which is then done instead).
 */
function reReadPages(again: readonly ResponseAsset[], all: readonly ResponseAsset[], fullPages: number): number {
  const total = all.reduce((n, a) => n + a.assignedCount, 0);
  return again.reduce((n, a) => n + Math.max(1, Math.ceil((a.assignedCount * fullPages) / Math.max(1, total))), 0);
}

/**
 * The asset's cached holders with the delta's additions, or undefined when the asset must be read
 * again whatever its count says: a new asset holding anything; holders that include a user
 * retired since; a non-zero calibration when some user was registered since.
 */
function carriedOver(a: ResponseAsset, cached: CachedAsset | undefined, added: Holders | undefined, retired: readonly string[], arrived: boolean): CachedAsset | undefined {
  if (cached === undefined) return a.assignedCount === 0 && added === undefined ? calibrated(a, EMPTY) : undefined;
  if (arrived && cached.calibration !== 0) return undefined;
  if (retired.length > 0 && indexesMissingFrom(retired, cached.holders.users).length < retired.length) return undefined;
  if (added === undefined) return cached;
  return {
    ...cached,
    holders: { users: unionSorted([cached.holders.users, added.users]), devices: unionSorted([cached.holders.devices, added.devices]) },
  };
}
