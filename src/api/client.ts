/**
 * createClient: the VppApi over HTTP. Ties the pieces together in the order a request meets
 * them: the mdm guard (writes only), the paged-read cap, the retry loop, the rate limiter (once
 * per send), the HTTP exchange, then the envelope check (mdmInfo). When the token expires is the
 * plan's business (plan/token-expiry.ts): the client only refuses a token already expired.
 */
import PQueue from 'p-queue';
import { lookupContent, type ContentLookup } from './content-lookup.js';
import { TokenError, VppApiError } from './errors.js';
import { APPLE_BASE_URL, HttpTransport, type Method, type Query } from './http.js';
import { MdmGuard } from './mdm-guard.js';
import { walkCursor, walkIndexPages } from './paging.js';
import { RateLimiter } from './rate-limit.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './settings.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryInfo, type RetryPolicy } from './retry.js';
import { decodeToken, expiredTokenMessage, makeRedactor, type TokenInfo } from './token.js';
import {
  DEFAULT_LIMITS,
  type Assignment,
  type ClientConfigRequest,
  type ClientConfigResponse,
  type Envelope,
  type EventResponse,
  type GetAssetsQuery,
  type GetAssetsResponse,
  type GetAssignmentsQuery,
  type GetAssignmentsResponse,
  type GetSubscriptionAssignmentsResponse,
  type GetSubscriptionsResponse,
  type GetUsersQuery,
  type GetUsersResponse,
  type Limits,
  type MdmInfo,
  type PagedResponse,
  type ResponseAsset,
  type ResponseSubscription,
  type ResponseUser,
  type ServiceConfigResponse,
  type StatusResponse,
  type SubscriptionAssignment,
  type VppApi,
  type WriteBodies,
  type WriteEndpoint,
} from './types.js';

export interface ClientOptions {
  /** The sToken itself (read by the caller from the env var the location file names). */
  token: string;
  /** Default: process.env.VPP_BASE_URL ?? 'https://vpp.itunes.apple.com/mdm/v2'. */
  baseUrl?: string;
  /** Our installation's mdmInfo.id (location.mdm.id). */
  mdmId?: string;
  /** Allow writes to a location whose mdmInfo names another installation. */
  takeOver?: boolean;
  retry?: Partial<RetryPolicy>;
  onRetry?: (info: RetryInfo) => void;
  /** Per-attempt connect, headers and body timeout; default 30 s (settings.ts). */
  timeoutMs?: number;
  /** Plain http:// to a host other than this machine; refused unless set (settings.ts). */
  allowPlainHttp?: boolean;
  /** Told what a slow request is waiting for, one line at a time (wait-notice.ts). */
  onWaiting?: (message: string) => void;
  /** The content metadata lookup's deadline, all its requests together; default 3 s (content-lookup.ts). */
  lookupTimeoutMs?: number;
  /** Clock for the expired-token check and the service-config cache (waits always use real time); default Date.now. */
  now?: () => number;
}

export type VppClient = VppApi & {
  readonly org: TokenInfo;
  readonly observedMdmInfo?: MdmInfo;
  /** Store names of `adamIds` in the location's country; never throws (content-lookup.ts). */
  lookupContent(adamIds: readonly string[], countryCode: string | undefined): Promise<ContentLookup>;
};

/** Apple: "don't submit more than five requests simultaneously" to paginated endpoints. */
export const MAX_PAGED_IN_FLIGHT = 5;
/** Apple: sync limits and urls every 5 minutes; both are dynamic. */
export const SERVICE_CONFIG_TTL_MS = 5 * 60_000;

export const WRITE_ENDPOINTS: readonly WriteEndpoint[] = [
  'users/create',
  'users/update',
  'users/retire',
  'assets/associate',
  'assets/disassociate',
  'assets/revoke',
  'subscriptions/associate',
  'subscriptions/disassociate',
];

export function createClient(opts: ClientOptions): VppClient {
  const now = opts.now ?? Date.now;
  const org = decodeToken(opts.token);
  if (org.expDate.getTime() <= now()) throw new TokenError(expiredTokenMessage(org));
  return new HttpVppClient(opts, org, now);
}

class HttpVppClient implements VppClient {
  private readonly http: HttpTransport;
  private readonly limiter: RateLimiter;
  private readonly paged = new PQueue({ concurrency: MAX_PAGED_IN_FLIGHT });
  private readonly guard: MdmGuard;
  private readonly policy: RetryPolicy;
  private readonly redact: (text: string) => string;
  private serviceConfigCache?: { at: number; value: Promise<ServiceConfigResponse> };

  constructor(private readonly opts: ClientOptions, readonly org: TokenInfo, private readonly now: () => number) {
    this.redact = makeRedactor(opts.token);
    this.http = new HttpTransport({
      baseUrl: opts.baseUrl ?? process.env.VPP_BASE_URL ?? APPLE_BASE_URL,
      token: opts.token.trim(),
      redact: this.redact,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      allowPlainHttp: opts.allowPlainHttp,
      onWaiting: opts.onWaiting,
    });
    this.limiter = new RateLimiter(DEFAULT_LIMITS.maxRequestPerSecond);
    this.guard = new MdmGuard(opts.mdmId, opts.takeOver ?? false);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  }

  get observedMdmInfo(): MdmInfo | undefined {
    return this.guard.observed;
  }

  serviceConfig(): Promise<ServiceConfigResponse> {
    const cached = this.serviceConfigCache;
    if (cached !== undefined && this.now() - cached.at < SERVICE_CONFIG_TTL_MS) return cached.value;
    const value = this.call<ServiceConfigResponse>('GET', '/service/config').then((config) => {
      const perSecond = config.limits?.maxRequestPerSecond;
      if (typeof perSecond === 'number') this.limiter.setRate(perSecond);
      return config;
    });
    const entry = { at: this.now(), value };
    this.serviceConfigCache = entry;
    // A failed read is not cached: the next caller asks again.
    value.catch(() => {
      if (this.serviceConfigCache === entry) this.serviceConfigCache = undefined;
    });
    return value;
  }

  async limits(): Promise<Limits> {
    const live = (await this.serviceConfig()).limits ?? {};
    const merged: Limits = { ...DEFAULT_LIMITS };
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const value = live[key];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key] = value;
    }
    return merged;
  }

  getClientConfig(): Promise<ClientConfigResponse> {
    return this.call('GET', '/client/config');
  }

  async setClientConfig(body: ClientConfigRequest): Promise<ClientConfigResponse> {
    this.guard.assertWritable('POST /client/config');
    const answer = await this.call<ClientConfigResponse>('POST', '/client/config', undefined, body);
    this.guard.claimed(answer.mdmInfo);
    return answer;
  }

  async getAssets(query?: GetAssetsQuery, onPage?: (page: GetAssetsResponse) => void) {
    const { items, versionId } = await this.walk<GetAssetsResponse, ResponseAsset>('/assets', query, (p) => p.assets, onPage);
    return { assets: items, versionId };
  }

  async getAssignments(query?: GetAssignmentsQuery, onPage?: (page: GetAssignmentsResponse) => void) {
    const { items, versionId } = await this.walk<GetAssignmentsResponse, Assignment>('/assignments', query, (p) => p.assignments, onPage);
    return { assignments: items, versionId };
  }

  async getUsers(query?: GetUsersQuery, onPage?: (page: GetUsersResponse) => void) {
    const { items, versionId } = await this.walk<GetUsersResponse, ResponseUser>('/users', query, (p) => p.users, onPage);
    return { users: items, versionId };
  }

  async getSubscriptions(query?: { adamId?: number; parentAdamId?: number }): Promise<ResponseSubscription[]> {
    return this.walkCursor<GetSubscriptionsResponse, ResponseSubscription>('/subscriptions', query, (p) => p.subscriptions);
  }

  async getSubscriptionAssignments(query?: { adamId?: number; clientUserId?: string }): Promise<SubscriptionAssignment[]> {
    return this.walkCursor<GetSubscriptionAssignmentsResponse, SubscriptionAssignment>('/subscriptions/assignments', query, (p) => p.assignments);
  }

  write<E extends WriteEndpoint>(endpoint: E, body: WriteBodies[E]): Promise<EventResponse> {
    if (!WRITE_ENDPOINTS.includes(endpoint)) {
      return Promise.reject(new Error(`unknown write endpoint "${String(endpoint)}"; expected one of ${WRITE_ENDPOINTS.join(', ')}`));
    }
    try {
      this.guard.assertWritable(`POST /${endpoint}`);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.call<EventResponse>('POST', `/${endpoint}`, undefined, body);
  }

  status(eventId: string): Promise<StatusResponse> {
    return this.call('GET', '/status', { eventId });
  }

  async lookupContent(adamIds: readonly string[], countryCode: string | undefined): Promise<ContentLookup> {
    let url: string | undefined;
    try {
      url = (await this.serviceConfig()).urls?.contentMetadataLookup;
    } catch (err) {
      return { items: new Map(), problem: `the service config, which gives the lookup's address, could not be read (${this.redact((err as Error).message)})` };
    }
    return lookupContent({
      url,
      token: this.opts.token,
      countryCode,
      ids: adamIds,
      redact: this.redact,
      pace: (send) => this.limiter.run(send),
      ...(this.opts.allowPlainHttp !== undefined && { allowPlainHttp: this.opts.allowPlainHttp }),
      ...(this.opts.lookupTimeoutMs !== undefined && { timeoutMs: this.opts.lookupTimeoutMs }),
    });
  }

  async close(): Promise<void> {
    await this.paged.onIdle();
    await this.http.close();
  }

  /** One request: retried per the policy, every send through the rate limiter, envelope checked. */
  private async call<T>(method: Method, path: string, query?: Query, body?: unknown): Promise<T> {
    const answer = await withRetries<T>({
      policy: this.policy,
      endpoint: `${method} ${path}`,
      onRetry: this.opts.onRetry,
      send: () =>
        this.limiter.run(async () => {
          try {
            return await this.http.send<T>(method, path, query, body);
          } catch (err) {
            if (err instanceof VppApiError && err.retryAfterMs !== undefined) this.limiter.holdUntil(Date.now() + err.retryAfterMs);
            throw err;
          }
        }),
    });
    this.guard.observe((answer as Envelope).mdmInfo);
    return answer;
  }

  private pagedCall<T>(path: string, query: Query): Promise<T> {
    return this.paged.add(() => this.call<T>('GET', path, query));
  }

  private async walk<P extends PagedResponse, I>(
    path: string,
    query: object | undefined,
    items: (page: P) => I[] | undefined,
    onPage?: (page: P) => void,
  ): Promise<{ items: I[]; versionId: string }> {
    const pages = new Map<number, I[]>();
    const { versionId } = await walkIndexPages<P>({
      endpoint: `GET ${path}`,
      parallel: MAX_PAGED_IN_FLIGHT,
      fetchPage: (pageIndex) => this.pagedCall<P>(path, { ...(query as Query), pageIndex }),
      onPage:
        onPage ??
        ((page) => {
          if (page.currentPageIndex === 0) pages.clear();
          pages.set(page.currentPageIndex, items(page) ?? []);
        }),
    });
    const ordered = [...pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, list]) => list);
    return { items: ordered, versionId };
  }

  private async walkCursor<P extends GetSubscriptionsResponse | GetSubscriptionAssignmentsResponse, I>(
    path: string,
    query: object | undefined,
    items: (page: P) => I[] | undefined,
  ): Promise<I[]> {
    const all: I[] = [];
    await walkCursor<P>({
      endpoint: `GET ${path}`,
      fetchPage: (cursor) => this.pagedCall<P>(path, { ...(query as Query), cursor }),
      onPage: (page) => {
        for (const item of items(page) ?? []) all.push(item);
      },
    });
    return all;
  }
}
