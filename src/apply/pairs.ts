/**
 * Where requests and (asset, user-or-device) pairs meet: which pairs a request touches, which of
 * them an event failure names, and how to cut new requests that touch exactly a given subset.
 * Retries and splits are built here, so they stay bicliques within the current limits.
 */
import type { ErrorResponse, Limits, RequestAsset, WriteEndpoint } from '../api/types.js';
import { assetKey } from '../live/types.js';
import { batchPairs, type BatchLimits, type BatchTarget, type Biclique } from '../plan/index.js';
import type { PlannedRequest } from '../plan/types.js';
import { chunk } from '../shared/chunk.js';

/** A request apply sends and follows on /status (everything but the synchronous claim). */
export type WriteRequest = Exclude<PlannedRequest, { endpoint: 'client/config' }>;

/**
 * One unit of change. `asset` is the asset key for assets/associate and assets/disassociate, the
 * subscription adamId for subscriptions/*, absent for assets/revoke and users/*.
 */
export interface Pair {
  asset?: string;
  user?: string;
  device?: string;
}

export function pairKey(endpoint: WriteEndpoint, p: Pair): string {
  return `${endpoint}|${p.asset ?? ''}|${p.user !== undefined ? `u:${p.user}` : `d:${p.device}`}`;
}

function targets(users: readonly string[] | undefined, devices: readonly string[] | undefined, asset?: string): Pair[] {
  const out: Pair[] = [];
  for (const user of users ?? []) out.push(asset === undefined ? { user } : { asset, user });
  for (const device of devices ?? []) out.push(asset === undefined ? { device } : { asset, device });
  return out;
}

export function pairsOf(req: WriteRequest): Pair[] {
  switch (req.endpoint) {
    case 'assets/associate':
    case 'assets/disassociate':
      return req.body.assets.flatMap((a) =>
        targets(req.body.clientUserIds, req.body.serialNumbers, assetKey(a.adamId, a.pricingParam ?? 'STDQ')),
      );
    case 'assets/revoke':
      return targets(req.body.clientUserIds, req.body.serialNumbers);
    case 'users/create':
    case 'users/update':
    case 'users/retire':
      return req.body.users.map((u) => ({ user: u.clientUserId }));
    case 'subscriptions/associate':
    case 'subscriptions/disassociate':
      return req.body.adamIds.flatMap((id) => targets(req.body.clientUserIds, undefined, String(id)));
  }
}

/** How many pairs a request touches, without listing them. */
export function pairCount(req: PlannedRequest): number {
  switch (req.endpoint) {
    case 'client/config':
      return 0;
    case 'assets/associate':
    case 'assets/disassociate':
      return req.body.assets.length * ((req.body.clientUserIds?.length ?? 0) + (req.body.serialNumbers?.length ?? 0));
    case 'assets/revoke':
      return (req.body.clientUserIds?.length ?? 0) + (req.body.serialNumbers?.length ?? 0);
    case 'users/create':
    case 'users/update':
    case 'users/retire':
      return req.body.users.length;
    case 'subscriptions/associate':
    case 'subscriptions/disassociate':
      return req.body.adamIds.length * req.body.clientUserIds.length;
  }
}

/** An associate/disassociate holding both users and devices (Apple may refuse those: UNCERTAIN). */
export function isMixed(req: WriteRequest): boolean {
  return (
    (req.endpoint === 'assets/associate' || req.endpoint === 'assets/disassociate') &&
    (req.body.clientUserIds?.length ?? 0) > 0 &&
    (req.body.serialNumbers?.length ?? 0) > 0
  );
}

/**
 * The pairs of `req` that one failure names. errorInfo narrows by asset and by user/device; a
 * failure naming nothing of this request (or nothing at all) counts against every pair, so a
 * success is never claimed that Apple did not confirm.
 */
export function failedPairs(req: WriteRequest, failure: ErrorResponse): Pair[] {
  const all = pairsOf(req);
  const info = failure.errorInfo;
  const assets = info?.assets?.length ? new Set(info.assets.map((a) => assetKeyOf(req, a.adamId, a.pricingParam))) : undefined;
  const named = (info?.clientUserIds?.length ?? 0) + (info?.serialNumbers?.length ?? 0) > 0;
  const users = new Set(info?.clientUserIds ?? []);
  const devices = new Set(info?.serialNumbers ?? []);
  const hit = all.filter(
    (p) =>
      (!assets || p.asset === undefined || assets.has(p.asset)) &&
      (!named || (p.user !== undefined ? users.has(p.user) : devices.has(p.device!))),
  );
  return hit.length > 0 ? hit : all;
}

function assetKeyOf(req: WriteRequest, adamId: string, pricingParam: string | undefined): string {
  return req.endpoint.startsWith('subscriptions/') ? String(adamId) : assetKey(String(adamId), pricingParam ?? 'STDQ');
}

/**
 * Covers `pairs` the way the planner covers a location's changes (plan/batch.ts, one cutter):
 * items are the assets (or subscriptions) of the original request, in its order, so a request
 * retried whole comes back as itself, cut by today's limits.
 */
function cover(pairs: readonly Pair[], items: readonly string[], limits: BatchLimits): Biclique[] {
  const index = new Map(items.map((key, i) => [key, i]));
  const targets = new Map<string, BatchTarget>();
  for (const p of pairs) {
    if (p.asset === undefined) continue;
    const kind = p.user !== undefined ? 'user' : 'device';
    const id = p.user ?? p.device!;
    const key = `${kind}:${id}`;
    let t = targets.get(key);
    if (t === undefined) targets.set(key, (t = { id, kind, items: [] }));
    (t.items as number[]).push(index.get(p.asset)!);
  }
  // A pair named by two failures of one request is still one pair.
  const unique = [...targets.values()].map((t) => ({ ...t, items: [...new Set(t.items)].sort((x, y) => x - y) }));
  return batchPairs(unique, limits, true).bicliques;
}

/**
 * Requests that do exactly `pairs` (a subset of `pairsOf(req)`), keeping everything else of the
 * original body (asset spelling, user emails, renewing/deferred). Users and devices never share a
 * request (a mixed request Apple refused is split here), and every request fits `limits`.
 */
export function restrict(req: WriteRequest, pairs: readonly Pair[], limits: Limits): WriteRequest[] {
  if (pairs.length === 0) return [];
  switch (req.endpoint) {
    case 'assets/associate':
    case 'assets/disassociate': {
      const endpoint = req.endpoint;
      const keys = req.body.assets.map((a) => assetKey(a.adamId, a.pricingParam ?? 'STDQ'));
      const limitsOf = { maxItems: limits.maxAssets, maxUsers: limits.maxClientUserIds, maxDevices: limits.maxSerialNumbers };
      return cover(pairs, keys, limitsOf).map((b): WriteRequest => {
        const body: { assets: RequestAsset[]; clientUserIds?: string[]; serialNumbers?: string[] } = { assets: b.items.map((i) => req.body.assets[i]!) };
        if (b.users.length > 0) body.clientUserIds = b.users;
        if (b.devices.length > 0) body.serialNumbers = b.devices;
        return { endpoint, body };
      });
    }
    case 'assets/revoke': {
      const users = pairs.flatMap((p) => (p.user !== undefined ? [p.user] : []));
      const devices = pairs.flatMap((p) => (p.device !== undefined ? [p.device] : []));
      return [
        ...chunk(users, limits.maxRevokeClientUserIds).map((clientUserIds): WriteRequest => ({ endpoint: 'assets/revoke', body: { clientUserIds } })),
        ...chunk(devices, limits.maxRevokeSerialNumbers).map((serialNumbers): WriteRequest => ({ endpoint: 'assets/revoke', body: { serialNumbers } })),
      ];
    }
    case 'users/create':
    case 'users/update':
    case 'users/retire': {
      const endpoint = req.endpoint;
      const keep = new Set(pairs.map((p) => p.user));
      const users = req.body.users.filter((u) => keep.has(u.clientUserId));
      return chunk(users, limits.maxUsers).map((us) => ({ endpoint, body: { users: us } }));
    }
    case 'subscriptions/associate':
    case 'subscriptions/disassociate': {
      const endpoint = req.endpoint;
      const { adamIds, clientUserIds: _users, ...flags } = req.body;
      const limitsOf = { maxItems: limits.maxSubscriptions, maxUsers: limits.maxSubscriptionClientUserIds, maxDevices: 1 };
      return cover(pairs, adamIds.map(String), limitsOf).map((b) => ({ endpoint, body: { ...flags, adamIds: b.items.map((i) => adamIds[i]!), clientUserIds: b.users } }));
    }
  }
}
