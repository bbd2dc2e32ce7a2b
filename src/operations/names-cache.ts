/**
 * The names cache: what the store called each asset of a location, kept a week in
 * `<state-dir>/cache/names-<uId>.json`, so a plan asks the store only for names it has not seen
 * lately (an app can be renamed; a week-old name is still a fine label). Names and kinds only,
 * never the token. Written atomically (shared/atomic-file.ts), so a reader never sees half a
 * file; a file that cannot be read or is of another shape counts as empty, and a cache that
 * cannot be written is skipped: it only saves a lookup. The file is untrusted like the store:
 * its names are cleaned the same way on the way in (api storeName).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeName } from '../api/index.js';
import type { AssetName } from '../plan/types.js';
import { writeFileAtomically } from '../shared/atomic-file.js';
import { compareStrings } from '../shared/sorted-ids.js';
import { stateFileKey } from '../shared/state-dir.js';

/** How long a looked-up name is used before it is asked again. */
export const NAMES_TTL_MS = 7 * 86_400_000;

export interface CachedName extends AssetName {
  /** When the store gave it (epoch ms). */
  at: number;
}

interface NamesFile {
  formatVersion: 1;
  uId: string;
  /** The store's country the names are from: another country's cache is not used. */
  country: string;
  names: Record<string, CachedName>;
}

export function namesCacheFile(stateDir: string, uId: string): string {
  return join(stateDir, 'cache', `names-${stateFileKey(uId)}.json`);
}

/** Every entry of the file for this location and country (fresh or not; `fresh` tells). */
export async function readNamesCache(file: string, uId: string, country: string): Promise<Map<string, CachedName>> {
  let parsed: Partial<NamesFile>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<NamesFile>;
  } catch {
    return new Map();
  }
  const out = new Map<string, CachedName>();
  if (parsed.formatVersion !== 1 || parsed.uId !== uId || parsed.country !== country || typeof parsed.names !== 'object' || parsed.names === null) return out;
  for (const [adamId, entry] of Object.entries(parsed.names)) {
    const e = entry as Partial<CachedName> | null;
    if (e && typeof e.name === 'string' && (e.kind === 'app' || e.kind === 'book') && typeof e.at === 'number') out.set(adamId, { name: storeName(e.name), kind: e.kind, at: e.at });
  }
  return out;
}

export function fresh(entry: CachedName, now: number): boolean {
  return now - entry.at < NAMES_TTL_MS && entry.at <= now;
}

export async function writeNamesCache(file: string, uId: string, country: string, names: ReadonlyMap<string, CachedName>): Promise<void> {
  const body: NamesFile = { formatVersion: 1, uId, country, names: Object.fromEntries([...names].sort(([a], [b]) => compareStrings(a, b))) };
  // A names cache that cannot be written costs the next plan a lookup, nothing more.
  await writeFileAtomically(file, `${JSON.stringify(body, null, 2)}\n`).catch(() => undefined);
}
