/**
 * The plan: a value that can be saved, shown, reviewed and applied later (plan JSON, design.md).
 * Produced by src/plan, rendered by src/render, executed by src/apply.
 */
import type { ReadStats } from '../live/read-cached.js';
import type { ClientConfigRequest, MdmInfo, PricingParam, WriteBodies, WriteEndpoint } from '../api/types.js';
import type { SourceRef } from '../config/types.js';

/** One request exactly as apply sends it. `client/config` appears only to claim a location. */
export type PlannedRequest =
  | { [E in WriteEndpoint]: { endpoint: E; body: WriteBodies[E] } }[WriteEndpoint]
  | { endpoint: 'client/config'; body: ClientConfigRequest };

export interface PlanSummary {
  /** (asset, user-or-device) pairs associated. */
  associate: number;
  /** (asset, user-or-device) pairs disassociated by assets/disassociate. */
  disassociate: number;
  /** users and devices revoked (each loses every revocable asset). */
  revoke: number;
  usersCreate: number;
  usersUpdate: number;
  usersRetire: number;
  /** (subscription, user) pairs. */
  subscriptionsAssociate: number;
  subscriptionsDisassociate: number;
  /** requests.length */
  requests: number;
  /**
   * New holders, (asset, user-or-device) and (subscription, user) pairs, that wait for a license
   * (policy.whenShort: prioritize, licenses short); present only when some wait. Not a change:
   * a plan whose only difference from the file is who waits has nothing to send.
   */
  waiting?: number;
}

export interface PlanMessage {
  /** Stable machine-readable code, e.g. `not-enough-licenses`, `claimed-by-other-mdm`. */
  code: string;
  message: string;
  asset?: { adamId: string; pricingParam: PricingParam; name?: string; kind?: AssetKind };
  at?: SourceRef;
}

/** Per-asset changes, for reviewers (render) and for mapping failures back (apply). */
export interface AssetChange {
  adamId: string;
  pricingParam: PricingParam;
  /** The file's name, else the store's. */
  name?: string;
  kind?: AssetKind;
  add: { users: string[]; devices: string[] };
  /** Pairs removed, whether by disassociate or by revoke. */
  remove: { users: string[]; devices: string[] };
  /** Holders before and after, counted. */
  liveCount: number;
  desiredCount: number;
  /**
   * New holders the file wants who get no license from this plan (policy.whenShort: prioritize,
   * licenses short), each kind in the order they will be served; present only when some wait.
   */
  waiting?: { users: string[]; devices: string[] };
}

export interface SubscriptionChange {
  adamId: number;
  add: string[];
  remove: string[];
  /** Users who get no seat from this plan (as AssetChange.waiting), in the order they will be served. */
  waiting?: string[];
}

export interface LocationPlan {
  name: string;
  source: string;
  uId: string;
  fingerprint: string;
  summary: PlanSummary;
  requests: PlannedRequest[];
  warnings: PlanMessage[];
  errors: PlanMessage[];
  // ---- extensions to design.md's contract (additive) ----
  /** Environment variable naming the token (from the location file), so a saved plan can be applied. */
  tokenEnv: string;
  /** assets/associate + assets/disassociate + assets/revoke requests, and a lower bound on them. */
  batching: { assetRequests: number; lowerBound: number };
  /** How the live state was read: in full, or from the live-state cache with what changed since. */
  read?: ReadStats;
  changes: {
    assets: AssetChange[];
    revoke: { users: string[]; devices: string[] };
    users: { create: string[]; update: string[]; retire: string[] };
    subscriptions: SubscriptionChange[];
    /** Set when the plan claims the location (no mdmInfo yet) or takes it over (--take-over). */
    claim?: { from?: MdmInfo; to: MdmInfo };
  };
}

export interface Plan {
  formatVersion: 1;
  createdAt: string;
  /** Set in a file saved with --out: the folder `source` paths start from, relative to the plan file's folder (plan-file.ts). */
  sourceRoot?: string;
  locations: LocationPlan[];
}

/** An app or a book, as plans and status call them (Apple's productType, or the store's kind). */
export type AssetKind = 'app' | 'book';

/** What the store calls an asset (content metadata lookup); untrusted text, made visible on the way in. */
export interface AssetName {
  name: string;
  kind: AssetKind;
}

/** The location's content token, as a plan needs it: whose it is and when it ends. */
export interface TokenContext {
  orgName: string;
  /** The token's own expDate, ISO 8601. */
  expDate: string;
  /** When the plan is made (epoch ms): the plan core reads no clock. */
  now: number;
}

/**
 * What a plan shows beside the file and the live state. None of it changes a request, so a saved
 * plan made with names is applied the same when the store cannot be reached.
 */
export interface PlanContext {
  token?: TokenContext;
  /** Store names by adamId; a name in the file wins. */
  names?: ReadonlyMap<string, AssetName>;
  /** Why some or all names are missing (the lookup failed, timed out or was empty): one warning. */
  namesProblem?: string;
}

export interface PlanOptions {
  /** Never put clientUserIds and serialNumbers in the same associate/disassociate request. */
  separateUsersAndDevices: boolean;
  /** Allow more removals than policy.maxDisassociations. */
  allowMassRemoval: boolean;
  /** Claim a location whose mdmInfo names another installation. */
  takeOver: boolean;
}
