import { createHash, type Hash } from 'node:crypto';
import { assetKey, type LiveState } from './types.js';
import { compareStrings, sortedByClientUserId } from '../shared/sorted-ids.js';

/** Hashing a million tiny strings one update() each is slow; a few KB per update() is not. */
const CHUNK_CHARS = 64 * 1024;
const USERS_PER_LIST = 1024;

/** Feeds JSON-encoded fields to the hash in chunks, so no serialization of the whole state exists at once. */
class HashWriter {
  private chunk = '';

  constructor(private readonly hash: Hash) {}

  /** One record: a tag and its fields. JSON encoding keeps any id text from forging a separator. */
  record(tag: string, ...fields: (string | number | boolean | undefined)[]): void {
    this.chunk += tag;
    for (const f of fields) this.chunk += f === undefined ? ',-' : ',' + JSON.stringify(f);
    this.chunk += '\n';
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  /** A list as one JSON array: one native stringify of 100,000 ids, not 100,000 records. */
  list(tag: string, values: readonly unknown[]): void {
    this.chunk += tag + JSON.stringify(values) + '\n';
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    this.hash.update(this.chunk);
    this.chunk = '';
  }
}

/**
 * `sha256:` + hex over exactly what a plan depends on: the claim (mdmInfo id), every asset's
 * counts and flags, every holder, every registered user, every subscription seat. Everything is
 * visited in sorted order, so the same content gives the same fingerprint whatever order the
 * pages came in. Assets nobody holds and assets absent from the holder map hash alike.
 */
export function fingerprint(live: Omit<LiveState, 'fingerprint'>): string {
  const hash = createHash('sha256');
  const out = new HashWriter(hash);
  out.record('location', live.uId, live.mdmInfo?.id);

  const assets = [...live.assets].sort((a, b) =>
    compareStrings(assetKey(a.adamId, a.pricingParam), assetKey(b.adamId, b.pricingParam)),
  );
  for (const a of assets) out.record('asset', a.adamId, a.pricingParam, a.availableCount, a.deviceAssignable, a.revocable);

  for (const key of [...live.assignments.keys()].sort(compareStrings)) {
    const holders = live.assignments.get(key)!;
    if (holders.users.length === 0 && holders.devices.length === 0) continue;
    out.record('holders', key);
    out.list('u', holders.users);
    out.list('d', holders.devices);
  }

  const users = sortedByClientUserId(live.users);
  // Users go a slice at a time as arrays of fields: one stringify per slice, not four per user.
  for (let i = 0; i < users.length; i += USERS_PER_LIST) {
    out.list('users', users.slice(i, i + USERS_PER_LIST).map((u) => [u.clientUserId, u.email ?? null, u.managedAppleId ?? null, u.status]));
  }

  const subscriptions = [...live.subscriptions].sort((a, b) => a.adamId - b.adamId);
  for (const s of subscriptions) {
    out.record('subscription', s.adamId, s.counts.available.renewing, s.counts.available.expiring);
  }
  for (const adamId of [...live.subscriptionAssignments.keys()].sort((a, b) => a - b)) {
    const seats = [...live.subscriptionAssignments.get(adamId)!].sort((a, b) => compareStrings(a.clientUserId, b.clientUserId));
    if (seats.length === 0) continue;
    out.record('seats', adamId);
    for (const s of seats) out.record('s', s.clientUserId, s.renewing);
  }
  out.flush();
  return 'sha256:' + hash.digest('hex');
}
