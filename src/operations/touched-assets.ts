/**
 * The assets an apply writes to, which its verification reads again rather than trusting the
 * cache's count check: the assets of associate and disassociate requests, and for a revoke every
 * asset the revoked users and devices held.
 */
import type { LiveState } from '../live/types.js';
import { assetKey, type AssetKey } from '../live/types.js';
import type { PlannedRequest } from '../plan/types.js';

export function touchedAssets(requests: readonly PlannedRequest[], live: LiveState, into = new Set<AssetKey>()): Set<AssetKey> {
  const revoked = new Set<string>();
  for (const r of requests) {
    if (r.endpoint === 'assets/associate' || r.endpoint === 'assets/disassociate') {
      for (const a of r.body.assets) into.add(assetKey(a.adamId, a.pricingParam ?? 'STDQ'));
    } else if (r.endpoint === 'assets/revoke') {
      for (const id of [...(r.body.clientUserIds ?? []), ...(r.body.serialNumbers ?? [])]) revoked.add(id);
    }
  }
  if (revoked.size === 0) return into;
  for (const [key, holders] of live.assignments) {
    if (holders.users.some((id) => revoked.has(id)) || holders.devices.some((id) => revoked.has(id))) into.add(key);
  }
  return into;
}
