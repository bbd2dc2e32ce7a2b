/**
 * What Apple's content metadata lookup says of an asset, in the form Zentral reads (`id`, `name`,
 * `kind`, `artistName`; Apple's real answers carry many more fields). Only assets whose sim state
 * gives a name are known to the store: the others are absent from the answer, as unknown ids are.
 */
import type { AssetRecord } from './inventory.js';

export interface StoreItem {
  id: string;
  name: string;
  /** "software" (an app), "mac-software" (a macOS-only app) or "ebook", as the store names kinds. */
  kind: 'software' | 'mac-software' | 'ebook';
  artistName?: string;
}

function kindOf(asset: AssetRecord): StoreItem['kind'] {
  if (asset.productType === 'Book') return 'ebook';
  return asset.supportedPlatforms.length > 0 && asset.supportedPlatforms.every((p) => p === 'macOS') ? 'mac-software' : 'software';
}

/** The store's item for an asset, when the store knows it (has a name). */
export function storeItem(asset: AssetRecord): StoreItem | undefined {
  if (asset.name === undefined) return undefined;
  return { id: asset.adamId, name: asset.name, kind: kindOf(asset), ...(asset.artistName !== undefined && { artistName: asset.artistName }) };
}
