/**
 * The live-state cache file: what the last read of a location found, kept so the next plan reads
 * only what changed (read-cached.ts). One file per location, `<state dir>/cache/<uId>.json`.
 *
 * It holds the versionIds to ask changes since, every asset's holders (clientUserIds and serial
 * numbers) with the count calibration of its last full read, and the registered users (ids,
 * emails, statuses). Never the token, nor anything secret: nothing a request sends is stored.
 *
 * Format: one header line `{"format":1,"uId":…,"sha256":…}`, then the body, whose sha256 the
 * header carries. The body is arrays, not objects per holder or user, so loading a
 * 1,000,000-assignment cache costs little more than JSON.parse of its text; ids of up to ten
 * characters come out of JSON.parse as shared strings, so a holder held by many assets is one
 * string. Written to a temporary file and renamed over the old one, so a reader sees the old
 * file or the new one, never half of one.
 *
 * Loading refuses, with one line saying why, a file of another format, of another location (a
 * copied or renamed file), whose checksum does not match (damaged or edited), or that cannot be
 * read or parsed; the caller then reads everything and writes a new cache.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UserStatus } from '../api/types.js';
import { describeError } from '../shared/describe-error.js';
import { writeFileAtomically } from '../shared/atomic-file.js';
import { fsReason } from '../shared/fs-errors.js';
import { stateFileKey } from '../shared/state-dir.js';
import { assetKey, type AssetKey, type Holders, type LiveUser } from './types.js';

export const CACHE_FORMAT = 1;

export interface CachedAsset {
  adamId: string;
  pricingParam: string;
  /**
   * assignedCount minus the holders, at this asset's last full read: assignments Apple counts
   * that the holders leave out (e.g. retired users'), so later counts can be checked against holders.
   */
  calibration: number;
  holders: Holders;
}

/** What the cache keeps of a location. */
export interface LocationCache {
  uId: string;
  /** The versionIds the holders and users are exact for: the next read asks what changed since. */
  versions: { assignments: string; users: string };
  /** Pages the last full read of the assignments took: what re-reading assets one by one is weighed against. */
  assignmentPages: number;
  assets: Map<AssetKey, CachedAsset>;
  /** Registered users, sorted by clientUserId. */
  users: LiveUser[];
}

/**
 * Body: [versions and the full read's assignment pages, assets as [adamId, pricingParam,
 * calibration, users, devices], users flat as id, email, managedAppleId, status].
 */
type Body = [{ assignments: string; users: string; assignmentPages: number }, [string, string, number, string[], string[]][], (string | null)[]];

interface Header {
  format: number;
  uId: string;
  sha256: string;
}

export type CacheLoad = { cache: LocationCache } | { problem: string } | { missing: true };

/** The cache file of a location in a state dir. */
export function cacheFile(stateDir: string, uId: string): string {
  return join(stateDir, 'cache', `${stateFileKey(uId)}.json`);
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The whole file: a header line, then the body. Bytes, so the body is encoded once for both the checksum and the write. */
export function serializeCache(cache: LocationCache): Buffer {
  const assets: Body[1] = [];
  for (const a of cache.assets.values()) assets.push([a.adamId, a.pricingParam, a.calibration, a.holders.users, a.holders.devices]);
  const users: Body[2] = [];
  for (const u of cache.users) users.push(u.clientUserId, u.email ?? null, u.managedAppleId ?? null, u.status);
  const body = Buffer.from(JSON.stringify([{ ...cache.versions, assignmentPages: cache.assignmentPages }, assets, users] satisfies Body));
  const header: Header = { format: CACHE_FORMAT, uId: cache.uId, sha256: sha256(body) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/** The cache in `data` (a whole file) for location `uId`, or why it cannot be used. */
export function parseCache(data: Buffer, uId: string): { cache: LocationCache } | { problem: string } {
  const newline = data.indexOf(10);
  let header: Partial<Header>;
  try {
    header = JSON.parse(data.toString('utf8', 0, newline < 0 ? data.length : newline)) as Partial<Header>;
  } catch {
    return { problem: 'it is not a vppctl cache file' };
  }
  if (header.format !== CACHE_FORMAT) return { problem: `it is in format ${String(header.format)}, this vppctl reads format ${CACHE_FORMAT}` };
  if (header.uId !== uId) return { problem: `it belongs to another location (uId ${String(header.uId)}), not uId ${uId}` };
  const body = data.subarray(newline + 1);
  if (newline < 0 || sha256(body) !== header.sha256) return { problem: 'its checksum does not match (damaged or edited)' };
  try {
    // Ids and emails are nearly always ASCII, which decodes as latin1 several times faster than as UTF-8.
    const [versions, assets, users] = JSON.parse(body.toString(isAscii(body) ? 'latin1' : 'utf8')) as Body;
    const cache: LocationCache = {
      uId,
      versions: { assignments: versions.assignments, users: versions.users },
      assignmentPages: versions.assignmentPages,
      assets: new Map(),
      users: [],
    };
    for (const [adamId, pricingParam, calibration, u, d] of assets) {
      cache.assets.set(assetKey(adamId, pricingParam), { adamId, pricingParam, calibration, holders: { users: u, devices: d } });
    }
    for (let i = 0; i < users.length; i += 4) {
      const user: LiveUser = { clientUserId: users[i]!, status: users[i + 3] as UserStatus };
      if (users[i + 1] !== null) user.email = users[i + 1]!;
      if (users[i + 2] !== null) user.managedAppleId = users[i + 2]!;
      cache.users.push(user);
    }
    if (typeof cache.versions.assignments !== 'string' || typeof cache.versions.users !== 'string' || typeof cache.assignmentPages !== 'number') {
      throw new Error('no versionIds');
    }
    return { cache };
  } catch (err) {
    return { problem: `it cannot be parsed (${describeError(err)})` };
  }
}

/** Loads the cache of location `uId` from `file`; a file that is not there is no problem, only missing. */
export async function loadCache(file: string, uId: string): Promise<CacheLoad> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: `it cannot be read: ${fsReason(err, 'read')}` };
  }
  return parseCache(data, uId);
}

/** Writes the cache atomically (see shared/atomic-file.ts); a failure throws an Error saying why in words. */
export async function saveCache(file: string, cache: LocationCache): Promise<void> {
  await writeFileAtomically(file, serializeCache(cache));
}
