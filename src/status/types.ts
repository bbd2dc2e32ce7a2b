/**
 * A location's license health (`vppctl status`): counts per app, book and subscription, what the
 * plan would leave, the token's expiry and who claims the location. Plain data; made by
 * location-status.ts, rendered by src/render/status-*.ts, written as JSON as is.
 */
import type { PricingParam, SeatCounts } from '../api/types.js';
import type { AssetKind, PlanMessage } from '../plan/types.js';

export interface AssetStatus {
  adamId: string;
  pricingParam: PricingParam;
  /** The file's name, else the store's; absent when neither names it. */
  name?: string;
  kind: AssetKind;
  /** Licenses bought; null for a free asset Apple counts as unlimited. */
  total: number | null;
  assigned: number;
  available: number;
  retired: number;
  /** Available once the plan is applied (its removals freed, its additions taken). */
  availableAfterPlan: number;
  /** Licenses that could be taken back: held by retired users, or under `scope: all` by holders the file does not declare. */
  reclaimable: number;
  /** Whether the file declares the asset (it is managed). */
  declared: boolean;
}

export interface SubscriptionStatus {
  adamId: number;
  name?: string;
  total: SeatCounts;
  assigned: SeatCounts;
  available: SeatCounts;
}

export interface LocationStatus {
  name: string;
  source: string;
  uId: string;
  token: {
    orgName: string;
    /** The earlier of the token's expDate and Apple's tokenExpirationDate. */
    expires: string;
    daysLeft: number;
  };
  /** Who claims the location (its mdmInfo), and whether that is the file's location.mdm. */
  claim?: { id: string; name: string; ours: boolean };
  assets: AssetStatus[];
  subscriptions: SubscriptionStatus[];
  /** The plan's warnings (token expiry, low licenses, names that could not be looked up…). */
  warnings: PlanMessage[];
}

export interface StatusReport {
  formatVersion: 1;
  createdAt: string;
  locations: LocationStatus[];
}
