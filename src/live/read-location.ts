import type {
  ClientConfigResponse,
  Envelope,
  GetAssetsResponse,
  GetAssignmentsResponse,
  GetUsersResponse,
  PagedResponse,
  ResponseAsset,
  SubscriptionAssignment,
  VppApi,
} from '../api/types.js';
import { VppApiError } from '../api/errors.js';
import { assetKey, type AssetKey, type LiveState, type LiveUser } from './types.js';
import { compareStrings } from '../shared/sorted-ids.js';
import { HoldersFold, Interner } from './holders-fold.js';
import { UsersFold } from './users-fold.js';
import { PageProgress, type OnProgress } from './progress.js';

/** Apple's "invalid versionId": the incremental read is refused, so read everything instead. */
export const INVALID_VERSION_ID = 9721;

const READS = ['client config', 'limits', 'assets', 'assignments', 'users', 'subscriptions', 'subscription assignments'] as const;

export interface ReadOptions {
  onProgress?: OnProgress;
  /** Read only users changed since `versionId` and apply them onto `base` (GET /users sinceVersionId). */
  usersSince?: { versionId: string; base: readonly LiveUser[] };
  /**
   * Read only the assignments added or changed since `versionId` (GET /assignments
   * sinceVersionId): `assignments` then holds those per asset, not every holder. A 9721 is thrown.
   */
  assignmentsSince?: string;
  /** GET /client/config already read (the cached read needs the uId first): not asked again. */
  clientConfig?: ClientConfigResponse;
}

export type LocationRead = Omit<LiveState, 'fingerprint'>;

export interface LocationReadResult {
  read: LocationRead;
  /** Pages (requests) the read took. */
  pages: number;
  /** Of which the assignments took. */
  assignmentPages: number;
  /** Assets with assignment rows of Retired or Deleted users, which the holders leave out. */
  inactiveRowsIn: ReadonlySet<AssetKey>;
}

/** Remembers the first uId and the latest token-expiry warning seen on any response. */
class EnvelopeWatch {
  uId?: string;
  tokenExpirationDate?: string;

  see(e: Envelope): void {
    if (this.uId === undefined && e.uId !== undefined) this.uId = e.uId;
    if (e.tokenExpirationDate !== undefined) this.tokenExpirationDate = e.tokenExpirationDate;
  }
}

function compareSeats(a: SubscriptionAssignment, b: SubscriptionAssignment): number {
  return compareStrings(a.clientUserId, b.clientUserId) || Number(a.renewing) - Number(b.renewing);
}

/**
 * Issues every read of a location at once and folds the pages as they arrive. The client caps
 * how many are really in flight (paged GETs, requests per second), so nothing is throttled here.
 * GET /assets alone waits for the assignments to be read: the counts it carries are then never
 * older than the assignments' versionId, which is what lets the cache check holders against them.
 */
export async function readLocation(api: VppApi, opts: ReadOptions = {}): Promise<LocationReadResult> {
  const progress = new PageProgress(READS, opts.onProgress);
  const envelope = new EnvelopeWatch();
  const ids = new Interner();
  const holders = new HoldersFold(ids);
  const assetsByKey = new Map<string, ResponseAsset>();

  // The client walks a paged read again from page 0 when the data changes mid-read, so page 0
  // always starts the fold over.
  const folding =
    <P extends PagedResponse>(phase: (typeof READS)[number], restart: () => void, add: (page: P) => void) =>
    (page: P): void => {
      envelope.see(page);
      const restarted = page.currentPageIndex === 0;
      if (restarted) restart();
      add(page);
      progress.page(phase, page.totalPages, restarted);
    };

  const readUsers = async (sinceVersionId?: string): Promise<{ fold: UsersFold; versionId: string }> => {
    const fold = new UsersFold(ids);
    const onPage = folding<GetUsersResponse>('users', () => fold.restart(), (page) => fold.add(page.users));
    const { versionId } = await api.getUsers(sinceVersionId === undefined ? {} : { sinceVersionId }, onPage);
    return { fold, versionId };
  };
  const readUsersIncrementally = async (): Promise<{ users: LiveUser[]; versionId: string }> => {
    const since = opts.usersSince;
    if (since !== undefined) {
      try {
        const { fold, versionId } = await readUsers(since.versionId);
        return { users: fold.mergeOnto(since.base), versionId };
      } catch (err) {
        if (!(err instanceof VppApiError) || err.errorNumber !== INVALID_VERSION_ID) throw err;
      }
    }
    const { fold, versionId } = await readUsers();
    return { users: fold.mergeOnto([]), versionId };
  };

  const assignmentsQuery = { includeUserState: true, ...(opts.assignmentsSince !== undefined && { sinceVersionId: opts.assignmentsSince }) };
  const assignmentsRead = api
    .getAssignments(
      assignmentsQuery,
      folding<GetAssignmentsResponse>('assignments', () => holders.restart(), (page) => holders.add(page.assignments)),
    )
    .then((r) => (progress.finish('assignments'), r));
  const [clientConfig, limits, , assignments, usersRead, subscriptions, seats] = await Promise.all([
    (opts.clientConfig === undefined ? api.getClientConfig() : Promise.resolve(opts.clientConfig)).then((c) => (envelope.see(c), progress.finish('client config', 1), c)),
    api.limits().then((l) => (progress.finish('limits', 1), l)),
    assignmentsRead.then(() =>
      api.getAssets(
        {},
        folding<GetAssetsResponse>(
          'assets',
          () => assetsByKey.clear(),
          (page) => {
            for (const a of page.assets) assetsByKey.set(assetKey(a.adamId, a.pricingParam), a);
          },
        ),
      ),
    ).then(() => progress.finish('assets')),
    assignmentsRead,
    readUsersIncrementally().then((r) => (progress.finish('users'), r)),
    api.getSubscriptions().then((s) => (progress.finish('subscriptions', 1), s)),
    api.getSubscriptionAssignments().then((s) => (progress.finish('subscription assignments', 1), s)),
  ]);

  const subscriptionAssignments = new Map<number, { clientUserId: string; renewing: boolean }[]>();
  for (const seat of [...seats].sort(compareSeats)) {
    let list = subscriptionAssignments.get(seat.adamId);
    if (list === undefined) subscriptionAssignments.set(seat.adamId, (list = []));
    list.push({ clientUserId: ids.intern(seat.clientUserId), renewing: seat.renewing });
  }

  const uId = envelope.uId;
  if (uId === undefined) throw new Error('the location did not say its uId on any response');
  const read: LocationRead = {
    uId,
    limits,
    assets: [...assetsByKey.keys()].sort(compareStrings).map((k) => assetsByKey.get(k)!),
    assignments: holders.finish(),
    users: usersRead.users,
    subscriptions: [...subscriptions].sort((a, b) => a.adamId - b.adamId),
    subscriptionAssignments,
    versions: { assignments: assignments.versionId, users: usersRead.versionId },
  };
  if (clientConfig.locationName !== undefined) read.locationName = clientConfig.locationName;
  if (clientConfig.countryISO2ACode !== undefined) read.countryCode = clientConfig.countryISO2ACode;
  if (clientConfig.mdmInfo !== undefined) read.mdmInfo = clientConfig.mdmInfo;
  if (envelope.tokenExpirationDate !== undefined) read.tokenExpirationDate = envelope.tokenExpirationDate;
  return { read, pages: progress.pages(), assignmentPages: progress.pagesOf('assignments'), inactiveRowsIn: holders.inactiveRowsIn };
}
