/**
 * A snapshot of one live location, held compactly: assignments are kept per asset as sorted
 * arrays of holders, so a location with 1,000,000 assignments fits comfortably in memory.
 * Produced by src/live (snapshot), read by the plan and by verification after apply.
 */
import type { Limits, MdmInfo, ResponseAsset, ResponseSubscription, UserStatus } from '../api/types.js';

/** `${adamId}:${pricingParam}`, the identity of an asset. */
export type AssetKey = string;

export interface Holders {
  /** clientUserIds holding the asset, sorted, unique. */
  users: string[];
  /** serialNumbers holding the asset, sorted, unique. */
  devices: string[];
}

export interface LiveUser {
  clientUserId: string;
  email?: string;
  managedAppleId?: string;
  status: UserStatus;
}

export interface LiveState {
  uId: string;
  locationName?: string;
  /** countryISO2ACode from the client config: the store's country for names. */
  countryCode?: string;
  mdmInfo?: MdmInfo;
  tokenExpirationDate?: string;
  limits: Limits;
  /** Every app and book the location owns, with counts and flags. */
  assets: ResponseAsset[];
  /** Current holders per asset; an asset nobody holds may be absent. */
  assignments: Map<AssetKey, Holders>;
  /** Users that are not Retired or Deleted (one entry per clientUserId). */
  users: LiveUser[];
  subscriptions: ResponseSubscription[];
  /** Seats per subscription adamId: who holds one and whether it renews. */
  subscriptionAssignments: Map<number, { clientUserId: string; renewing: boolean }[]>;
  /** versionIds of the first page of each full read, for incremental re-reads with sinceVersionId. */
  versions: { assignments: string; users: string };
  /** `sha256:…` over the content that a plan depends on; equal content gives an equal fingerprint. */
  fingerprint: string;
}

export function assetKey(adamId: string, pricingParam: string): AssetKey {
  return `${adamId}:${pricingParam}`;
}
