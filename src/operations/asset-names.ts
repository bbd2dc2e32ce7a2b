/**
 * Names for a location's apps and books, for plans, status and import: from the names cache
 * where it has them (names-cache.ts), else from the store's content metadata lookup, whose
 * answers are then cached. A name in the desired-state file wins and is never looked up. What
 * cannot be named comes back with one sentence saying why (the plan's `names-unavailable`
 * warning); nothing here throws or takes more than the lookup's few seconds.
 */
import type { ContentItem, VppClient } from '../api/index.js';
import type { ProductType } from '../api/types.js';
import type { DesiredState } from '../config/types.js';
import type { LiveState } from '../live/types.js';
import { kindOfProduct } from '../plan/diff-assets.js';
import type { AssetKind, AssetName } from '../plan/types.js';
import { fresh, namesCacheFile, type CachedName, readNamesCache, writeNamesCache } from './names-cache.js';

export interface AssetNames {
  names: Map<string, AssetName>;
  problem?: string;
}

export interface NamesOptions {
  /** The location's state dir; without one nothing is cached. */
  stateDir?: string;
  now: number;
}

/** Names for every asset the location owns and the file declares, except those the file names. */
export async function assetNames(api: VppClient, live: LiveState, desired: DesiredState | undefined, opts: NamesOptions): Promise<AssetNames> {
  const named = new Set(desired?.assets.flatMap((a) => (a.name === undefined ? [] : [a.adamId])) ?? []);
  const wanted = [...new Set([...live.assets.map((a) => a.adamId), ...(desired?.assets.map((a) => a.adamId) ?? [])])].filter((id) => !named.has(id));
  const names = new Map<string, AssetName>();
  if (wanted.length === 0) return { names };
  const country = (live.countryCode ?? '').toLowerCase();
  const file = opts.stateDir === undefined ? undefined : namesCacheFile(opts.stateDir, live.uId);
  const cached: Map<string, CachedName> = file === undefined ? new Map() : await readNamesCache(file, live.uId, country);
  const missing = wanted.filter((id) => {
    const entry = cached.get(id);
    if (entry === undefined || !fresh(entry, opts.now)) return true;
    names.set(id, { name: entry.name, kind: entry.kind });
    return false;
  });
  if (missing.length === 0) return { names };
  const lookup = await api.lookupContent(missing, live.countryCode);
  const productTypes = new Map(live.assets.map((a) => [a.adamId, a.productType] as const));
  for (const [id, item] of lookup.items) {
    const name = { name: item.name, kind: kindOf(item, productTypes.get(id)) };
    names.set(id, name);
    cached.set(id, { ...name, at: opts.now });
  }
  if (file !== undefined && lookup.items.size > 0) {
    await writeNamesCache(file, live.uId, country, new Map([...cached].filter(([, entry]) => fresh(entry, opts.now))));
  }
  return lookup.problem === undefined ? { names } : { names, problem: lookup.problem };
}

/** The location's productType when it owns the asset; else the store's kind ("ebook" is a book). */
function kindOf(item: ContentItem, productType: ProductType | undefined): AssetKind {
  if (productType !== undefined) return kindOfProduct(productType);
  return item.kind === 'ebook' || item.kind === 'book' ? 'book' : 'app';
}
