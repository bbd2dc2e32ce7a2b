/**
 * Wire types of Apple's content management API v2, as documented in shared/apple-v2-api.md.
 * The simulator serves these shapes and the client returns them; nothing here does I/O.
 */

export type PricingParam = 'STDQ' | 'PLUS';
export type ProductType = 'App' | 'Book';
export type UserStatus = 'Registered' | 'Associated' | 'Retired' | 'Deleted';
export type EventStatus = 'PENDING' | 'COMPLETE' | 'FAILED';
export type EventType = 'ASSOCIATE' | 'DISASSOCIATE' | 'REVOKE' | 'CREATE' | 'UPDATE' | 'RETIRE';

export interface MdmInfo {
  id: string;
  name: string;
  metadata?: string;
}

/** Fields Apple puts on (almost) every response. */
export interface Envelope {
  uId?: string;
  mdmInfo?: MdmInfo;
  /** Present only when the token expires within 15 days. */
  tokenExpirationDate?: string;
}

export interface ErrorInfo {
  assets?: RequestAsset[];
  clientUserIds?: string[];
  serialNumbers?: string[];
}

export interface ErrorResponse {
  errorNumber: number;
  errorMessage: string;
  errorInfo?: ErrorInfo;
}

// ---- service and client config -------------------------------------------------------------

/** The limits vppctl plans against. Read from GET /service/config at run time. */
export interface Limits {
  maxAssets: number;
  maxClientUserIds: number;
  maxSerialNumbers: number;
  maxRevokeClientUserIds: number;
  maxRevokeSerialNumbers: number;
  maxUsers: number;
  maxSubscriptions: number;
  maxSubscriptionClientUserIds: number;
  maxRequestPerSecond: number;
}

/** Apple's documented example values; used only where the live config omits a key. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxAssets: 25,
  maxClientUserIds: 1000,
  maxSerialNumbers: 1000,
  maxRevokeClientUserIds: 100,
  maxRevokeSerialNumbers: 100,
  maxUsers: 100,
  maxSubscriptions: 25,
  maxSubscriptionClientUserIds: 1000,
  maxRequestPerSecond: 15,
});

export interface ServiceConfigResponse {
  errorCodes?: { errorNumber: number; errorMessage: string }[];
  limits: Partial<Limits> & Record<string, number>;
  notificationTypes?: string[];
  urls?: Record<string, string>;
}

export interface ClientConfigRequest {
  mdmInfo?: MdmInfo;
  notificationUrl?: string;
  notificationAuthToken?: string;
  notificationTypes?: string[];
}

export interface ClientConfigResponse extends Envelope {
  countryISO2ACode?: string;
  defaultPlatform?: 'volumestore' | 'enterprisestore';
  locationName?: string;
  notificationAuthToken?: string;
  notificationUrl?: string;
  subscribedNotificationTypes?: string[];
  websiteURL?: string;
}

// ---- paged reads -----------------------------------------------------------------------------

export interface PagedResponse extends Envelope {
  currentPageIndex: number;
  /** Present only while more pages remain: the reliable stop condition. */
  nextPageIndex?: number;
  size: number;
  totalPages: number;
  versionId: string;
}

export interface ResponseAsset {
  adamId: string;
  pricingParam: PricingParam;
  productType: ProductType;
  assignedCount: number;
  availableCount: number;
  retiredCount: number;
  totalCount: number;
  deviceAssignable: boolean;
  revocable: boolean;
  supportedPlatforms: string[];
}

export interface GetAssetsResponse extends PagedResponse {
  assets: ResponseAsset[];
  unlimitedAssets?: Omit<ResponseAsset, 'availableCount' | 'totalCount' | 'retiredCount'>[];
}

export interface GetAssetsQuery {
  adamId?: string;
  pricingParam?: PricingParam;
  productType?: ProductType;
  revocable?: boolean;
  deviceAssignable?: boolean;
  unlimited?: boolean;
}

export interface Assignment {
  adamId: string;
  pricingParam: PricingParam;
  clientUserId?: string;
  serialNumber?: string;
  idHash?: string;
  userStatus?: UserStatus;
}

export interface GetAssignmentsResponse extends PagedResponse {
  assignments: Assignment[];
}

export interface GetAssignmentsQuery {
  adamId?: string;
  clientUserId?: string;
  serialNumber?: string;
  pricingParam?: PricingParam;
  excludeInactiveUsers?: boolean;
  includeUserState?: boolean;
  sinceVersionId?: string;
}

export interface ResponseUser {
  clientUserId: string;
  email?: string;
  /** Not in Apple's ResponseUser table; read when present so updates can be planned. */
  managedAppleId?: string;
  idHash?: string;
  inviteCode?: string;
  status: UserStatus;
}

export interface GetUsersResponse extends PagedResponse {
  users: ResponseUser[];
}

export interface GetUsersQuery {
  activeOnly?: boolean;
  retiredOnly?: boolean;
  clientUserId?: string;
  sinceVersionId?: string;
}

// ---- writes (all asynchronous: they answer with an eventId) -------------------------------

export interface RequestAsset {
  adamId: string;
  pricingParam?: PricingParam;
}

/** associate / disassociate: every asset applies to every clientUserId and every serialNumber. */
export interface ManageAssetsRequest {
  assets: RequestAsset[];
  clientUserIds?: string[];
  serialNumbers?: string[];
}

export interface RevokeAssetsRequest {
  clientUserIds?: string[];
  serialNumbers?: string[];
}

export interface RequestUser {
  clientUserId: string;
  email?: string;
  managedAppleId?: string;
}

export interface ManageUsersRequest {
  users: RequestUser[];
}

export interface ManageSubscriptionsRequest {
  adamIds: number[];
  clientUserIds: string[];
  renewing?: boolean;
  deferred?: boolean;
}

export interface EventResponse extends Envelope {
  eventId: string;
}

export interface StatusResponse extends Envelope {
  eventStatus: EventStatus;
  eventType: EventType;
  failures?: ErrorResponse[];
  numCompleted: number;
  numRequested: number;
}

// ---- subscriptions (cursor-paged) -----------------------------------------------------------

export interface SeatCounts {
  renewing: number;
  expiring: number;
}

export interface ResponseSubscription {
  parentAdamId?: number | null;
  adamId: number;
  status?: 'ACTIVE' | 'INACTIVE' | 'PAUSED';
  periodEndDate?: string;
  counts: { assigned: SeatCounts; available: SeatCounts; total: SeatCounts };
}

export interface CursorResponse extends Envelope {
  nextCursor?: string;
  versionId?: string;
}

export interface GetSubscriptionsResponse extends CursorResponse {
  subscriptions: ResponseSubscription[];
}

export interface SubscriptionAssignment {
  adamId: number;
  clientUserId: string;
  renewing: boolean;
}

export interface GetSubscriptionAssignmentsResponse extends CursorResponse {
  assignments: SubscriptionAssignment[];
}

// ---- what vppctl writes --------------------------------------------------------------------

/** The asynchronous write endpoints, as named in plan JSON (`requests[].endpoint`). */
export type WriteEndpoint =
  | 'users/create'
  | 'users/update'
  | 'users/retire'
  | 'assets/associate'
  | 'assets/disassociate'
  | 'assets/revoke'
  | 'subscriptions/associate'
  | 'subscriptions/disassociate';

export interface WriteBodies {
  'users/create': ManageUsersRequest;
  'users/update': ManageUsersRequest;
  'users/retire': ManageUsersRequest;
  'assets/associate': ManageAssetsRequest;
  'assets/disassociate': ManageAssetsRequest;
  'assets/revoke': RevokeAssetsRequest;
  'subscriptions/associate': ManageSubscriptionsRequest;
  'subscriptions/disassociate': ManageSubscriptionsRequest;
}

/**
 * The client as the rest of vppctl sees it (implemented in src/api/client.ts over undici).
 * Paged reads walk every page; the `onPage` callbacks let callers fold large results page by
 * page instead of holding them twice.
 */
export interface VppApi {
  /** GET /service/config, cached for 5 minutes. */
  serviceConfig(): Promise<ServiceConfigResponse>;
  /** The limits from the service config, with DEFAULT_LIMITS for missing keys. */
  limits(): Promise<Limits>;
  getClientConfig(): Promise<ClientConfigResponse>;
  setClientConfig(body: ClientConfigRequest): Promise<ClientConfigResponse>;
  /** Every page of GET /assets. Returns the versionId of the first page. */
  getAssets(query?: GetAssetsQuery, onPage?: (page: GetAssetsResponse) => void): Promise<{ assets: ResponseAsset[]; versionId: string }>;
  /** Every page of GET /assignments; pages go to onPage (not accumulated) when it is given. */
  getAssignments(query?: GetAssignmentsQuery, onPage?: (page: GetAssignmentsResponse) => void): Promise<{ assignments: Assignment[]; versionId: string }>;
  getUsers(query?: GetUsersQuery, onPage?: (page: GetUsersResponse) => void): Promise<{ users: ResponseUser[]; versionId: string }>;
  getSubscriptions(query?: { adamId?: number; parentAdamId?: number }): Promise<ResponseSubscription[]>;
  getSubscriptionAssignments(query?: { adamId?: number; clientUserId?: string }): Promise<SubscriptionAssignment[]>;
  /** One asynchronous write; the eventId is followed with status(). */
  write<E extends WriteEndpoint>(endpoint: E, body: WriteBodies[E]): Promise<EventResponse>;
  /** GET /status?eventId= */
  status(eventId: string): Promise<StatusResponse>;
  close(): Promise<void>;
}
