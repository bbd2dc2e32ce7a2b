/**
 * From per-asset changes to asset requests: additions are covered by associate bicliques; removals
 * by revoke where that saves requests overall, the rest by disassociate bicliques.
 */
import type { Limits } from '../api/types.js';
import type { LiveState } from '../live/types.js';
import { batchPairs, type BatchLimits, type BatchTarget, type Batching } from './batch.js';
import type { AssetDiff } from './diff-assets.js';
import { revokeCandidates, revokeRequestCount, type RevokeTargets } from './revoke.js';

export interface RemovalBatches {
  revoke: RevokeTargets;
  disassociate: Batching;
  /** Lower bound on revoke + disassociate requests over the revoke choices weighed. */
  lowerBound: number;
}

function assetLimits(limits: Limits): BatchLimits {
  return { maxItems: limits.maxAssets, maxUsers: limits.maxClientUserIds, maxDevices: limits.maxSerialNumbers };
}

export function associateBatches(assets: readonly AssetDiff[], limits: Limits, separate: boolean): Batching {
  return batchPairs(targetsOf(assets, 'add', NONE), assetLimits(limits), separate);
}

const NONE: RevokeTargets = { users: [], devices: [] };

/**
 * Weighs revoking no one, only the users, only the devices, or both, and keeps the cheapest;
 * revoke wins only when it is strictly cheaper (disassociate names the assets it removes).
 */
export function removalBatches(assets: readonly AssetDiff[], live: LiveState, separate: boolean): RemovalBatches {
  const candidates = revokeCandidates(assets, live);
  const choices: RevokeTargets[] = [NONE];
  if (candidates.users.length > 0) choices.push({ users: candidates.users, devices: [] });
  if (candidates.devices.length > 0) choices.push({ users: [], devices: candidates.devices });
  if (candidates.users.length > 0 && candidates.devices.length > 0) choices.push(candidates);

  let best: RemovalBatches | undefined;
  let bestCost = Infinity;
  let lowerBound = Infinity;
  for (const revoke of choices) {
    const disassociate = batchPairs(targetsOf(assets, 'remove', revoke), assetLimits(live.limits), separate);
    const revokes = revokeRequestCount(revoke, live.limits, separate);
    lowerBound = Math.min(lowerBound, disassociate.lowerBound + revokes);
    const cost = disassociate.bicliques.length + revokes;
    if (cost < bestCost) {
      bestCost = cost;
      best = { revoke, disassociate, lowerBound: 0 };
    }
  }
  return { ...best!, lowerBound };
}

function targetsOf(assets: readonly AssetDiff[], side: 'add' | 'remove', revoked: RevokeTargets): BatchTarget[] {
  const skip = (ids: readonly string[]): ReadonlySet<string> | undefined => (ids.length === 0 ? undefined : new Set(ids));
  const skipUsers = skip(revoked.users);
  const skipDevices = skip(revoked.devices);
  const users = new Map<string, number[]>();
  const devices = new Map<string, number[]>();
  assets.forEach((d, i) => {
    collect(d[side].users, i, users, skipUsers);
    collect(d[side].devices, i, devices, skipDevices);
  });
  const out: BatchTarget[] = [];
  for (const [id, items] of users) out.push({ id, kind: 'user', items });
  for (const [id, items] of devices) out.push({ id, kind: 'device', items });
  return out;
}

/** Runs once per pair (a million on a first apply): one map lookup each, no skip test when none is revoked. */
function collect(ids: readonly string[], item: number, into: Map<string, number[]>, skip: ReadonlySet<string> | undefined): void {
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (skip?.has(id) === true) continue;
    const list = into.get(id);
    if (list === undefined) into.set(id, [item]);
    else list.push(item);
  }
}
