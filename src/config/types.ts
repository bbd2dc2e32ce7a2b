/**
 * The desired state of one location, as loaded from a YAML file and resolved: groups expanded,
 * defaults filled, members sorted and unique. Plain data; produced by src/config, read by the plan.
 */
import type { PricingParam } from '../api/types.js';

/** A place in a source file, 1-based line and column. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic extends SourceRef {
  severity: 'error' | 'warning';
  /** What is wrong, in words a school IT admin understands. */
  message: string;
  /** The obvious fix, when there is one ("did you mean `devices`?"). */
  hint?: string;
}

export interface Policy {
  prune: boolean;
  scope: 'declared' | 'all';
  maxDisassociations: number;
  retireUndeclaredUsers: boolean;
  /**
   * An asset or subscription with fewer licenses than new holders: `fail` stops the plan;
   * `prioritize` serves new holders in the file's priority order and the rest wait.
   */
  whenShort: 'fail' | 'prioritize';
  /** Warn when a plan leaves an asset with this % of its licenses or fewer available; 0 = off. */
  lowLicenseWarning: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  prune: true,
  scope: 'declared',
  maxDisassociations: 100,
  retireUndeclaredUsers: false,
  whenShort: 'fail',
  lowLicenseWarning: 10,
});

export interface DesiredUser {
  clientUserId: string;
  managedAppleId?: string;
  email?: string;
}

/**
 * A member list as the file writes it (any order, repeats allowed): the loader's own arrays,
 * referenced rather than copied, since a district's lists hold 100,000 ids.
 */
export interface ListedMembers {
  users: readonly string[];
  devices: readonly string[];
  /** Names of the groups included, as listed. */
  groups: readonly string[];
}

/**
 * Who comes first when licenses run short (policy.whenShort: prioritize): the members of the
 * `priority` groups in the order listed, then everyone else, each in the order the file lists
 * them (the owner's users, devices, then its groups' members).
 */
export interface ServingOrder {
  /** Group names from `priority`, first served first. */
  priority: readonly string[];
  /** The asset's or subscription's own lists as written. */
  listed: ListedMembers;
}

export interface DesiredAsset {
  adamId: string;
  pricingParam: PricingParam;
  name?: string;
  /** clientUserIds, groups expanded, sorted, unique. */
  users: string[];
  /** serialNumbers, groups expanded, sorted, unique. */
  devices: string[];
  /** Present only with policy.whenShort: prioritize. */
  servingOrder?: ServingOrder;
  at: SourceRef;
}

export interface DesiredSubscription {
  adamId: number;
  /** Optional label from the file, for plans. */
  name?: string;
  renewing: boolean;
  /** clientUserIds, groups expanded (their devices dropped with a warning), sorted, unique. */
  users: string[];
  /** Present only with policy.whenShort: prioritize; devices are never served. */
  servingOrder?: ServingOrder;
  at: SourceRef;
}

export interface DesiredState {
  /** The file this location came from, as given on the command line (used in messages and plans). */
  source: string;
  location: {
    name: string;
    /** NAME of the environment variable holding the sToken; never the token itself. */
    tokenEnv: string;
    mdm?: { id: string; name: string; metadata?: string };
  };
  policy: Policy;
  users: DesiredUser[];
  assets: DesiredAsset[];
  subscriptions: DesiredSubscription[];
  /** Each group's lists as written, for ServingOrder; present only with policy.whenShort: prioritize. */
  listedGroups?: ReadonlyMap<string, ListedMembers>;
  /**
   * Users referenced by an asset, subscription or group but not declared under `users`; the plan
   * accepts them only if the live location already has them registered. First reference kept.
   */
  undeclaredUsers: { clientUserId: string; at: SourceRef }[];
  /** Non-fatal findings of the loader (for example devices given to a subscription via a group). */
  warnings: Diagnostic[];
  /**
   * Where a serial number is first written (a group, an asset or a roster line), for messages
   * about one device. Looked up only for the few a message names: a district's lists hold a
   * million members, whose positions are not kept apart from the lists themselves.
   */
  deviceAt?(serialNumber: string): SourceRef | undefined;
}
