/**
 * The order requests are sent in, and their bodies. Claim first (nothing is written to a location
 * before it is ours), then users are created (they must exist before they are assigned), removals
 * free licenses before additions take them, and retirements come last (retiring a user removes its
 * assignments anyway, so the explicit removals above are already accounted for).
 */
import type { Limits, RequestAsset, RequestUser } from '../api/types.js';
import type { Biclique } from './batch.js';
import type { AssetDiff } from './diff-assets.js';
import type { RevokeTargets } from './revoke.js';
import { chunk, splitEven } from '../shared/chunk.js';
import type { PlannedRequest } from './types.js';

export interface SubscriptionBatch {
  adamIds: number[];
  clientUserIds: string[];
  renewing?: boolean;
}

export interface RequestParts {
  claim?: PlannedRequest;
  usersCreate: RequestUser[];
  revoke: RevokeTargets;
  disassociate: Biclique[];
  subscriptionsDisassociate: SubscriptionBatch[];
  associate: Biclique[];
  subscriptionsAssociate: SubscriptionBatch[];
  usersUpdate: RequestUser[];
  usersRetire: RequestUser[];
}

export function orderedRequests(parts: RequestParts, assets: readonly AssetDiff[], limits: Limits, separate: boolean): PlannedRequest[] {
  const users = (endpoint: 'users/create' | 'users/update' | 'users/retire', list: RequestUser[]): PlannedRequest[] =>
    chunk(list, limits.maxUsers).map((batch) => ({ endpoint, body: { users: batch } }));
  const manage = (endpoint: 'assets/associate' | 'assets/disassociate', list: Biclique[]): PlannedRequest[] =>
    list.map((b) => ({ endpoint, body: manageBody(b, assets) }));
  const subscriptions = (endpoint: 'subscriptions/associate' | 'subscriptions/disassociate', list: SubscriptionBatch[]): PlannedRequest[] =>
    list.map((body) => ({ endpoint, body }));
  return [
    ...(parts.claim === undefined ? [] : [parts.claim]),
    ...users('users/create', parts.usersCreate),
    ...revokeRequests(parts.revoke, limits, separate),
    ...manage('assets/disassociate', parts.disassociate),
    ...subscriptions('subscriptions/disassociate', parts.subscriptionsDisassociate),
    ...manage('assets/associate', parts.associate),
    ...subscriptions('subscriptions/associate', parts.subscriptionsAssociate),
    ...users('users/update', parts.usersUpdate),
    ...users('users/retire', parts.usersRetire),
  ];
}

function manageBody(b: Biclique, assets: readonly AssetDiff[]): { assets: RequestAsset[]; clientUserIds?: string[]; serialNumbers?: string[] } {
  const body: { assets: RequestAsset[]; clientUserIds?: string[]; serialNumbers?: string[] } = {
    assets: b.items.map((i) => ({ adamId: assets[i]!.adamId, pricingParam: assets[i]!.pricingParam })),
  };
  if (b.users.length > 0) body.clientUserIds = b.users;
  if (b.devices.length > 0) body.serialNumbers = b.devices;
  return body;
}

/** Separated or not, a revoke request carries as many targets as its limits allow. */
function revokeRequests(t: RevokeTargets, limits: Limits, separate: boolean): PlannedRequest[] {
  const userChunks = chunk(t.users, limits.maxRevokeClientUserIds);
  const deviceChunks = chunk(t.devices, limits.maxRevokeSerialNumbers);
  if (separate) {
    return [
      ...userChunks.map((clientUserIds): PlannedRequest => ({ endpoint: 'assets/revoke', body: { clientUserIds } })),
      ...deviceChunks.map((serialNumbers): PlannedRequest => ({ endpoint: 'assets/revoke', body: { serialNumbers } })),
    ];
  }
  const n = Math.max(userChunks.length, deviceChunks.length);
  const users = splitEven(t.users, n);
  const devices = splitEven(t.devices, n);
  const out: PlannedRequest[] = [];
  for (let i = 0; i < n; i++) {
    const body: { clientUserIds?: string[]; serialNumbers?: string[] } = {};
    if (users[i]!.length > 0) body.clientUserIds = users[i]!;
    if (devices[i]!.length > 0) body.serialNumbers = devices[i]!;
    if (body.clientUserIds !== undefined || body.serialNumbers !== undefined) out.push({ endpoint: 'assets/revoke', body });
  }
  return out;
}
