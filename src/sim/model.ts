/**
 * SimModel: one simulated location as plain data and methods (no HTTP). Reads answer
 * from the current state; writes are checked synchronously (a SimError rejects them with no
 * effect) and otherwise accepted as events whose tasks run when the event settles.
 */
import type {
  Assignment,
  ClientConfigRequest,
  ClientConfigResponse,
  EventType,
  GetAssetsQuery,
  GetAssetsResponse,
  GetAssignmentsQuery,
  GetSubscriptionAssignmentsResponse,
  GetSubscriptionsResponse,
  GetUsersQuery,
  GetUsersResponse,
  GetAssignmentsResponse,
  Limits,
  MdmInfo,
  PricingParam,
  ServiceConfigResponse,
  StatusResponse,
} from '../api/types.js';
import { DEFAULT_LIMITS } from '../api/types.js';
import { SimError } from './errors.js';
import { EventQueue, type TaskTally } from './events.js';
import { assetKey, type AssetRecord, Inventory, toResponseAsset, assignedCount, availableCount } from './inventory.js';
import { resolveSimOptions, type SimOptions } from './options.js';
import { pageByCursor, pageByIndex } from './paging.js';
import { mulberry32, randomUuid, type Random } from './prng.js';
import { serviceConfig } from './service-config.js';
import { type StoreItem, storeItem } from './store-metadata.js';
import type { SimState } from './state.js';
import { validateSimState } from './state.js';
import { type SubscriptionAssignmentFilter, SubscriptionStore, toResponseSubscription } from './subscriptions.js';
import { manageAssets, manageSubscriptions, manageUsers, revokeAssets, type WriteContext } from './tasks.js';
import { toResponseUser, UserDirectory } from './users.js';
import {
  validateClientConfig,
  validateManageAssets,
  validateManageSubscriptions,
  validateManageUsers,
  validateRevoke,
} from './validation.js';
import { type DataSet, VersionClock } from './versions.js';

/** Free assets with unlimited assignment report this totalCount unless `unlimited` is asked for. */
const UNLIMITED_COUNT = 2147483647;

export interface AssetsQuery extends GetAssetsQuery {
  minAssignedCount?: number;
  maxAssignedCount?: number;
  minAvailableCount?: number;
  maxAvailableCount?: number;
}

type Paged<T> = Omit<T, 'uId' | 'mdmInfo' | 'tokenExpirationDate'>;

export class SimModel {
  readonly options: SimOptions;
  readonly uId: string;
  readonly locationName: string;
  readonly countryISO2ACode: string;
  /** The limits in force (state limits over DEFAULT_LIMITS); tests may change them. */
  readonly limits: Limits;
  private readonly stateLimits?: Partial<Limits>;
  private mdm?: MdmInfo;
  private notifications: Omit<ClientConfigRequest, 'mdmInfo'> = {};
  private subscriptionManagement = true;
  private readonly random: Random;
  private readonly versions: VersionClock;
  private readonly inventory: Inventory;
  private readonly users: UserDirectory;
  private readonly subscriptions: SubscriptionStore;
  private readonly events = new EventQueue();
  private readonly revokedTokens = new Set<string>();

  constructor(state: SimState, options: Partial<SimOptions> = {}) {
    validateSimState(state);
    this.options = resolveSimOptions(options);
    this.random = mulberry32(this.options.seed);
    this.versions = new VersionClock(this.random);
    this.uId = state.uId;
    this.locationName = state.locationName;
    this.countryISO2ACode = state.countryISO2ACode ?? 'US';
    this.stateLimits = state.limits;
    this.limits = { ...DEFAULT_LIMITS, ...state.limits };
    this.mdm = state.mdmInfo;
    const seq = this.versions.current('assets');
    this.inventory = new Inventory(state, seq);
    this.users = new UserDirectory(state, seq);
    this.subscriptions = new SubscriptionStore(state);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  get mdmInfo(): MdmInfo | undefined {
    return this.mdm;
  }

  /** Claims the location for an MDM (or releases it): as if another installation had POSTed /client/config. */
  setMdmInfo(info?: MdmInfo): void {
    this.mdm = info;
  }

  /** From now on requests with this sToken are answered 9625. */
  revokeToken(sToken: string): void {
    this.revokedTokens.add(sToken);
  }

  isRevoked(sToken: string): boolean {
    return this.revokedTokens.has(sToken);
  }

  /** Settles, in order, every event whose time has come. Runs at the start of every request. */
  settle(): void {
    this.events.settleDue(this.now());
  }

  // ---- configuration --------------------------------------------------------------------------

  /** GET /service/config, its URLs on `origin` (the simulator's own scheme, host and port). */
  serviceConfig(origin: string): ServiceConfigResponse {
    return serviceConfig(origin, this.limits);
  }

  clientConfig(): Omit<ClientConfigResponse, 'uId' | 'tokenExpirationDate'> {
    return {
      countryISO2ACode: this.countryISO2ACode,
      defaultPlatform: 'volumestore',
      locationName: this.locationName,
      ...this.configEcho(),
      ...(this.notifications.notificationAuthToken !== undefined && { notificationAuthToken: this.notifications.notificationAuthToken }),
      websiteURL: 'https://school.apple.com',
    };
  }

  /** POST /client/config: fields given overwrite (mdmInfo included, whoever held it); the rest stay. */
  setClientConfig(body: unknown): Omit<ClientConfigResponse, 'uId' | 'tokenExpirationDate'> {
    const req = validateClientConfig(body);
    if (req.mdmInfo) this.mdm = req.mdmInfo;
    if (req.notificationUrl !== undefined) {
      this.notifications.notificationUrl = req.notificationUrl;
      this.notifications.notificationAuthToken = req.notificationAuthToken;
    }
    if (req.notificationTypes) this.notifications.notificationTypes = req.notificationTypes;
    return this.configEcho();
  }

  private configEcho(): Omit<ClientConfigResponse, 'uId' | 'tokenExpirationDate'> {
    return {
      ...(this.mdm && { mdmInfo: this.mdm }),
      ...(this.notifications.notificationUrl !== undefined && { notificationUrl: this.notifications.notificationUrl }),
      ...(this.notifications.notificationTypes && { subscribedNotificationTypes: this.notifications.notificationTypes }),
    };
  }

  // ---- reads ------------------------------------------------------------------------------------

  getAssets(q: AssetsQuery, pageIndex: number): Paged<GetAssetsResponse> {
    const matches = [...this.inventory.assets.values()].filter((a) => assetMatches(a, q));
    const limited = q.unlimited === undefined ? matches : matches.filter((a) => a.totalCount !== UNLIMITED_COUNT);
    const page = pageByIndex(limited, pageIndex, this.options.pageSize);
    const unlimited = q.unlimited ? matches.filter((a) => a.totalCount === UNLIMITED_COUNT) : [];
    return {
      assets: page.items.map(toResponseAsset),
      ...(q.unlimited && {
        unlimitedAssets: unlimited.map((a) => {
          const { availableCount: _a, totalCount: _t, retiredCount: _r, ...rest } = toResponseAsset(a);
          return rest;
        }),
      }),
      ...pageFields(page),
      versionId: this.versions.versionId('assets'),
    };
  }

  getAssignments(q: GetAssignmentsQuery, pageIndex: number): Paged<GetAssignmentsResponse> {
    const sinceSeq = q.sinceVersionId === undefined ? undefined : this.versions.parse(q.sinceVersionId);
    const rows = this.inventory.view(
      { adamId: q.adamId, pricingParam: q.pricingParam, clientUserId: q.clientUserId, serialNumber: q.serialNumber, sinceSeq },
      this.versions.current('assignments'),
    );
    const page = pageByIndex(rows, pageIndex, this.options.pageSize);
    const assignments = page.items.map((r): Assignment => {
      if (r.device) return { adamId: r.asset.adamId, serialNumber: r.holder, pricingParam: r.asset.pricingParam };
      const row: Assignment = { adamId: r.asset.adamId, clientUserId: r.holder, pricingParam: r.asset.pricingParam };
      const user = q.includeUserState ? this.users.active(r.holder) : undefined;
      if (user) {
        row.userStatus = user.status;
        if (user.idHash !== undefined) row.idHash = user.idHash;
      }
      return row;
    });
    return { assignments, ...pageFields(page), versionId: this.versions.versionId('assignments') };
  }

  getUsers(q: GetUsersQuery, pageIndex: number): Paged<GetUsersResponse> {
    const sinceSeq = q.sinceVersionId === undefined ? undefined : this.versions.parse(q.sinceVersionId);
    const rows = this.users.rows(
      { clientUserId: q.clientUserId, activeOnly: q.activeOnly, retiredOnly: q.retiredOnly, sinceSeq },
      this.versions.current('users'),
    );
    const page = pageByIndex(rows, pageIndex, this.options.pageSize);
    return { users: page.items.map(toResponseUser), ...pageFields(page), versionId: this.versions.versionId('users') };
  }

  getSubscriptions(filter: { adamId?: number; parentAdamId?: number }, cursor?: string): Omit<GetSubscriptionsResponse, 'uId'> {
    const page = pageByCursor(this.subscriptions.list(filter), cursor, this.options.pageSize, 'subscriptions');
    return {
      subscriptions: page.items.map(toResponseSubscription),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
      versionId: this.versions.versionId('subscriptions'),
    };
  }

  getSubscriptionAssignments(filter: SubscriptionAssignmentFilter, cursor?: string): Omit<GetSubscriptionAssignmentsResponse, 'uId'> {
    const rows = this.subscriptions.assignments(filter, this.versions.current('subscriptionAssignments'));
    const page = pageByCursor(rows, cursor, this.options.pageSize, 'subscriptionAssignments');
    return {
      assignments: page.items,
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
      versionId: this.versions.versionId('subscriptionAssignments'),
    };
  }

  /** The content metadata lookup's results for these adamIds: the ones the store knows (named). */
  storeItems(adamIds: readonly string[]): Record<string, StoreItem> {
    const wanted = new Set(adamIds);
    const results: Record<string, StoreItem> = {};
    for (const asset of this.inventory.assets.values()) {
      const item = wanted.has(asset.adamId) && !(asset.adamId in results) ? storeItem(asset) : undefined;
      if (item) results[asset.adamId] = item;
    }
    return results;
  }

  status(eventId: string): Omit<StatusResponse, 'uId'> {
    return this.events.status(eventId, this.now());
  }

  // ---- asynchronous writes ---------------------------------------------------------------------

  associate(body: unknown): { eventId: string } {
    return this.manageAssets(body, 'associate');
  }

  disassociate(body: unknown): { eventId: string } {
    return this.manageAssets(body, 'disassociate');
  }

  private manageAssets(body: unknown, kind: 'associate' | 'disassociate'): { eventId: string } {
    const input = validateManageAssets(body, kind, this.limits, (id, pp) => this.inventory.find(id, pp), this.options.rejectMixedTargets);
    const tasks = input.assets.length * (input.clientUserIds.length + input.serialNumbers.length);
    return this.accept(kind === 'associate' ? 'ASSOCIATE' : 'DISASSOCIATE', tasks, (ctx, tally) => manageAssets(ctx, tally, input, kind));
  }

  revoke(body: unknown): { eventId: string } {
    const input = validateRevoke(body, this.limits);
    return this.accept('REVOKE', input.clientUserIds.length + input.serialNumbers.length, (ctx, tally) => revokeAssets(ctx, tally, input));
  }

  createUsers(body: unknown): { eventId: string } {
    return this.manageUsers(body, 'create');
  }

  updateUsers(body: unknown): { eventId: string } {
    return this.manageUsers(body, 'update');
  }

  retireUsers(body: unknown): { eventId: string } {
    return this.manageUsers(body, 'retire');
  }

  private manageUsers(body: unknown, kind: 'create' | 'update' | 'retire'): { eventId: string } {
    const input = validateManageUsers(body, this.limits);
    const type: EventType = kind === 'create' ? 'CREATE' : kind === 'update' ? 'UPDATE' : 'RETIRE';
    return this.accept(type, input.users.length, (ctx, tally) => manageUsers(ctx, tally, input, kind));
  }

  associateSubscriptions(body: unknown): { eventId: string } {
    return this.manageSubscriptions(body, 'associate');
  }

  disassociateSubscriptions(body: unknown): { eventId: string } {
    return this.manageSubscriptions(body, 'disassociate');
  }

  /** Apple documents no event types for subscriptions; they reuse ASSOCIATE / DISASSOCIATE (UNCERTAIN). */
  private manageSubscriptions(body: unknown, kind: 'associate' | 'disassociate'): { eventId: string } {
    const input = validateManageSubscriptions(body, kind, this.limits, {
      exists: (adamId) => this.subscriptions.byAdamId.has(adamId),
      activeUser: (id) => this.users.active(id) !== undefined,
      holds: (adamId, id) => this.subscriptions.byAdamId.get(adamId)?.holders.has(id) === true,
    });
    const tasks = input.adamIds.length * input.clientUserIds.length;
    return this.accept(kind === 'associate' ? 'ASSOCIATE' : 'DISASSOCIATE', tasks, (ctx, tally) => manageSubscriptions(ctx, tally, input, kind));
  }

  /** POST /subscriptions/enable and /disable (synchronous); disabling while subscriptions exist is 9818. */
  setSubscriptionManagement(enabled: boolean): { subscriptionManagement: boolean } {
    if (!enabled && this.subscriptions.byAdamId.size > 0) throw new SimError(9818);
    this.subscriptionManagement = enabled;
    return { subscriptionManagement: this.subscriptionManagement };
  }

  private accept(eventType: EventType, numRequested: number, work: (ctx: WriteContext, tally: TaskTally) => void): { eventId: string } {
    const eventId = randomUuid(this.random);
    const createdAt = this.now();
    this.events.add({
      eventId,
      eventType,
      numRequested,
      createdAt,
      settleAt: createdAt + this.options.eventPendingMs,
      work: (tally) => work(this.writeContext(), tally),
    });
    return { eventId };
  }

  private writeContext(): WriteContext {
    const seq = this.versions.next();
    const rate = this.options.transientTaskFailureRate;
    return {
      inventory: this.inventory,
      users: this.users,
      subscriptions: this.subscriptions,
      seq,
      random: this.random,
      transient: () => rate > 0 && this.random() < rate,
      touch: (...sets: DataSet[]) => sets.forEach((set) => this.versions.touch(set, seq)),
    };
  }

  // ---- the content manager's side (Apple School Manager, not the API) ----------------------------

  /**
   * Buys (or gives back) licenses: the asset's totalCount becomes `total`, its availableCount
   * follows, and the assets versionId moves on. A total below the licenses assigned is refused:
   * Apple School Manager does not take back assigned licenses by lowering a count.
   */
  setTotalCount(adamId: string, pricingParam: PricingParam, total: number): void {
    const asset = this.inventory.find(adamId, pricingParam);
    if (!asset) throw new Error(`the simulated location ${this.locationName} has no asset ${adamId} (${pricingParam})`);
    if (!Number.isInteger(total) || total < 0) throw new Error(`a totalCount must be a whole number of 0 or more, not ${total}`);
    const assigned = assignedCount(asset);
    if (total < assigned) {
      throw new Error(`cannot set the totalCount of ${adamId} (${pricingParam}) to ${total}: ${assigned} of its licenses are assigned; disassociate ${assigned - total} first`);
    }
    asset.totalCount = total;
    this.versions.touch('assets', this.versions.next());
  }

  /**
   * An app or book the location did not own (bought, or moved here from another location): no
   * holders yet; the assets versionId moves on.
   */
  addAsset(asset: SimState['assets'][number]): void {
    if (this.inventory.find(asset.adamId, asset.pricingParam)) throw new Error(`the simulated location ${this.locationName} already owns ${asset.adamId} (${asset.pricingParam})`);
    const seq = this.versions.next();
    this.inventory.add(asset, seq);
    this.versions.touch('assets', seq);
  }

  /**
   * An app or book the location no longer owns (moved to another location, or refunded): it is
   * gone from GET /assets together with its assignments, which no delta reports.
   */
  removeAsset(adamId: string, pricingParam: PricingParam): void {
    if (!this.inventory.assets.delete(assetKey(adamId, pricingParam))) throw new Error(`the simulated location ${this.locationName} has no asset ${adamId} (${pricingParam})`);
    const seq = this.versions.next();
    this.versions.touch('assets', seq);
    this.versions.touch('assignments', seq);
  }

  // ---- inspection --------------------------------------------------------------------------------

  holders(adamId: string, pricingParam: PricingParam = 'STDQ'): { users: string[]; devices: string[] } {
    const asset = this.inventory.find(adamId, pricingParam);
    return { users: [...(asset?.users.keys() ?? [])], devices: [...(asset?.devices.keys() ?? [])] };
  }

  /** The current state in the state-file format. */
  snapshot(): SimState {
    const assets = [...this.inventory.assets.values()];
    const assignments: SimState['assignments'] = {};
    for (const a of assets) {
      if (assignedCount(a) === 0) continue;
      assignments[assetKey(a.adamId, a.pricingParam)] = {
        ...(a.users.size > 0 && { users: [...a.users.keys()] }),
        ...(a.devices.size > 0 && { devices: [...a.devices.keys()] }),
      };
    }
    const subs = [...this.subscriptions.byAdamId.values()];
    return {
      uId: this.uId,
      locationName: this.locationName,
      countryISO2ACode: this.countryISO2ACode,
      ...(this.mdm && { mdmInfo: { ...this.mdm } }),
      ...(this.stateLimits && { limits: { ...this.stateLimits } }),
      assets: assets.map((a) => ({
        adamId: a.adamId,
        pricingParam: a.pricingParam,
        productType: a.productType,
        totalCount: a.totalCount,
        deviceAssignable: a.deviceAssignable,
        revocable: a.revocable,
        supportedPlatforms: [...a.supportedPlatforms],
        retiredCount: a.retiredCount,
        ...(a.name !== undefined && { name: a.name }),
        ...(a.artistName !== undefined && { artistName: a.artistName }),
      })),
      assignments,
      users: this.users.all.map(({ seq: _seq, ...u }) => ({ ...u })),
      subscriptions: subs.map((s) => ({ adamId: s.adamId, ...(s.parentAdamId !== undefined && { parentAdamId: s.parentAdamId }), total: { ...s.total } })),
      subscriptionAssignments: subs.flatMap((s) => [...s.holders].map(([clientUserId, renewing]) => ({ adamId: s.adamId, clientUserId, renewing }))),
    };
  }
}

function assetMatches(a: AssetRecord, q: AssetsQuery): boolean {
  const assigned = assignedCount(a);
  const available = availableCount(a);
  return (
    (q.adamId === undefined || a.adamId === q.adamId) &&
    (q.pricingParam === undefined || a.pricingParam === q.pricingParam) &&
    (q.productType === undefined || a.productType === q.productType) &&
    (q.revocable === undefined || a.revocable === q.revocable) &&
    (q.deviceAssignable === undefined || a.deviceAssignable === q.deviceAssignable) &&
    (q.minAssignedCount === undefined || assigned >= q.minAssignedCount) &&
    (q.maxAssignedCount === undefined || assigned <= q.maxAssignedCount) &&
    (q.minAvailableCount === undefined || available >= q.minAvailableCount) &&
    (q.maxAvailableCount === undefined || available <= q.maxAvailableCount)
  );
}

function pageFields(page: { currentPageIndex: number; nextPageIndex?: number; size: number; totalPages: number }) {
  return {
    currentPageIndex: page.currentPageIndex,
    ...(page.nextPageIndex !== undefined && { nextPageIndex: page.nextPageIndex }),
    size: page.size,
    totalPages: page.totalPages,
  };
}
