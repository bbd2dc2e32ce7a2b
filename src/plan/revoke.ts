/**
 * Where one assets/revoke replaces many disassociations: a user or device that loses every asset
 * it holds, all of them revocable. Revoke has no asset list, so it is safe only when nothing the
 * target holds should stay; removal pairs exist only for managed assets, so "loses everything it
 * holds" also means everything it holds is managed by this file. A target that also gains assets
 * is left to disassociate: were the revoke to settle after the associate, it would take the new
 * assets away too.
 */
import type { Limits } from '../api/types.js';
import { assetKey, type LiveState } from '../live/types.js';
import type { AssetDiff } from './diff-assets.js';

export interface RevokeTargets {
  users: string[];
  devices: string[];
}

export function revokeCandidates(diffs: readonly AssetDiff[], live: LiveState): RevokeTargets {
  const removed = { users: new Map<string, number>(), devices: new Map<string, number>() };
  const gaining = { users: new Set<string>(), devices: new Set<string>() };
  for (const d of diffs) {
    for (const u of d.remove.users) removed.users.set(u, (removed.users.get(u) ?? 0) + 1);
    for (const s of d.remove.devices) removed.devices.set(s, (removed.devices.get(s) ?? 0) + 1);
  }
  if (removed.users.size + removed.devices.size === 0) return { users: [], devices: [] };
  // Only targets losing something can be revoked: a first apply adds a million pairs and removes none.
  for (const d of diffs) {
    for (const u of d.add.users) if (removed.users.has(u)) gaining.users.add(u);
    for (const s of d.add.devices) if (removed.devices.has(s)) gaining.devices.add(s);
  }

  const revocable = new Map(live.assets.map((a) => [assetKey(a.adamId, a.pricingParam), a.revocable]));
  const held = { users: new Map<string, number>(), devices: new Map<string, number>() };
  const blocked = { users: new Set<string>(), devices: new Set<string>() };
  for (const [key, holders] of live.assignments) {
    const canRevoke = revocable.get(key) === true;
    countHeld(holders.users, removed.users, held.users, canRevoke ? undefined : blocked.users);
    countHeld(holders.devices, removed.devices, held.devices, canRevoke ? undefined : blocked.devices);
  }
  const pick = (kind: 'users' | 'devices'): string[] =>
    [...removed[kind]]
      .filter(([id, n]) => held[kind].get(id) === n && !blocked[kind].has(id) && !gaining[kind].has(id))
      .map(([id]) => id)
      .sort();
  return { users: pick('users'), devices: pick('devices') };
}

/** The one pass over every live assignment; kept monomorphic because it runs a million times. */
function countHeld(ids: readonly string[], removed: Map<string, number>, held: Map<string, number>, blocked: Set<string> | undefined): void {
  if (removed.size === 0) return;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!removed.has(id)) continue;
    held.set(id, (held.get(id) ?? 0) + 1);
    blocked?.add(id);
  }
}

/** Revoke requests needed for these targets; minimal, since revoke takes any targets together. */
export function revokeRequestCount(t: RevokeTargets, limits: Limits, separate: boolean): number {
  const users = Math.ceil(t.users.length / limits.maxRevokeClientUserIds);
  const devices = Math.ceil(t.devices.length / limits.maxRevokeSerialNumbers);
  return separate ? users + devices : Math.max(users, devices);
}
