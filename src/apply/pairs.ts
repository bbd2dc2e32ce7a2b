/**
 * Where requests and (asset, user-or-device) pairs meet: which pairs a request touches, which of
 * them an event failure names, and how to cut new requests that touch exactly a given subset.
 * Retries and splits are built here, so they stay bicliques within the current limits.
 */
import type { ErrorResponse, Limits, WriteEndpoint } from '../api/types.js';
import { assetKey } from '../live/types.js';
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
 * Groups assets by their exact set of targets, so each group is a biclique: every asset of a group
 * goes to every target of it. A request retried whole comes back as one group.
 */
function bicliques(byAsset: Map<string, string[]>): { assets: string[]; targets: string[] }[] {
  const groups = new Map<string, { assets: string[]; targets: string[] }>();
  for (const [asset, ts] of byAsset) {
    const sorted = [...ts].sort();
    const sig = JSON.stringify(sorted);
    const g = groups.get(sig);
    if (g) g.assets.push(asset);
    else groups.set(sig, { assets: [asset], targets: sorted });
  }
  return [...groups.values()];
}

function collect(pairs: readonly Pair[], kind: 'user' | 'device'): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of pairs) {
    const t = p[kind];
    if (t === undefined || p.asset === undefined) continue;
    const list = m.get(p.asset);
    if (list) list.push(t);
    else m.set(p.asset, [t]);
  }
  return m;
}

/**
 * Requests that do exactly `pairs` (a subset of `pairsOf(req)`), keeping everything else of the
 * original body (asset spelling, user emails, renewing/deferred). Users and devices never share a
 * request, and every request fits `limits`.
 */
export function restrict(req: WriteRequest, pairs: readonly Pair[], limits: Limits): WriteRequest[] {
  if (pairs.length === 0) return [];
  switch (req.endpoint) {
    case 'assets/associate':
    case 'assets/disassociate': {
      const endpoint = req.endpoint;
      const spelled = new Map(req.body.assets.map((a) => [assetKey(a.adamId, a.pricingParam ?? 'STDQ'), a]));
      const out: WriteRequest[] = [];
      for (const [kind, field, max] of [
        ['user', 'clientUserIds', limits.maxClientUserIds],
        ['device', 'serialNumbers', limits.maxSerialNumbers],
      ] as const) {
        for (const g of bicliques(collect(pairs, kind))) {
          for (const assets of chunk(g.assets, limits.maxAssets)) {
            for (const ts of chunk(g.targets, max)) {
              out.push({ endpoint, body: { assets: assets.map((k) => spelled.get(k)!), [field]: ts } });
            }
          }
        }
      }
      return out;
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
      const { adamIds: _ids, clientUserIds: _users, ...flags } = req.body;
      const out: WriteRequest[] = [];
      for (const g of bicliques(collect(pairs, 'user'))) {
        for (const ids of chunk(g.assets, limits.maxSubscriptions)) {
          for (const users of chunk(g.targets, limits.maxSubscriptionClientUserIds)) {
            out.push({ endpoint, body: { ...flags, adamIds: ids.map(Number), clientUserIds: users } });
          }
        }
      }
      return out;
    }
  }
}
