/**
 * Assets and who holds them. Holders are kept per asset (a Map per kind, holder -> the sequence
 * number of the write that assigned it), so counts are map sizes and a holder lookup is O(assets).
 * Listing pages walks per-asset holder arrays, rebuilt only for the assets a write touched, so
 * a write to a 1,000,000-assignment location does not rebuild the whole listing.
 */
import type { PricingParam, ProductType, ResponseAsset } from '../api/types.js';
import type { SimState } from './state.js';
import { ViewCache } from './view-cache.js';

export interface AssetRecord {
  adamId: string;
  pricingParam: PricingParam;
  productType: ProductType;
  totalCount: number;
  retiredCount: number;
  deviceAssignable: boolean;
  revocable: boolean;
  supportedPlatforms: string[];
  /** The store's metadata, for the content metadata lookup only. */
  name?: string;
  artistName?: string;
  users: Map<string, number>;
  devices: Map<string, number>;
  /** The holders of each kind as an array, until the next change of that kind. */
  listed: Partial<Record<HolderKind, string[]>>;
}

export type HolderKind = 'users' | 'devices';

export function assetKey(adamId: string, pricingParam: PricingParam): string {
  return `${adamId}:${pricingParam}`;
}

export function assignedCount(a: AssetRecord): number {
  return a.users.size + a.devices.size;
}

export function availableCount(a: AssetRecord): number {
  return Math.max(0, a.totalCount - assignedCount(a));
}

export function toResponseAsset(a: AssetRecord): ResponseAsset {
  return {
    adamId: a.adamId,
    assignedCount: assignedCount(a),
    availableCount: availableCount(a),
    deviceAssignable: a.deviceAssignable,
    pricingParam: a.pricingParam,
    productType: a.productType,
    retiredCount: a.retiredCount,
    revocable: a.revocable,
    supportedPlatforms: a.supportedPlatforms,
    totalCount: a.totalCount,
  };
}

export interface AssignmentFilter {
  adamId?: string;
  pricingParam?: PricingParam;
  clientUserId?: string;
  serialNumber?: string;
  /** Only assignments made after this sequence number. */
  sinceSeq?: number;
}

export interface AssignmentRow {
  asset: AssetRecord;
  holder: string;
  device: boolean;
}

interface Segment {
  asset: AssetRecord;
  device: boolean;
  holders: readonly string[];
}

/** The matching assignments as consecutive per-asset segments; rows are made only for the page asked. */
export class AssignmentView {
  readonly length: number;
  private readonly starts: number[] = [];

  constructor(private readonly segments: Segment[]) {
    let n = 0;
    for (const s of segments) {
      this.starts.push(n);
      n += s.holders.length;
    }
    this.length = n;
  }

  slice(start: number, end: number): AssignmentRow[] {
    const rows: AssignmentRow[] = [];
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo, at = start; i < this.segments.length && at < end; i++) {
      const { asset, device, holders } = this.segments[i]!;
      for (let j = at - this.starts[i]!; j < holders.length && at < end; j++, at++) rows.push({ asset, holder: holders[j]!, device });
    }
    return rows;
  }
}

export class Inventory {
  readonly assets = new Map<string, AssetRecord>();
  private readonly views = new ViewCache<AssignmentView>();

  constructor(state: SimState, seq: number) {
    for (const a of state.assets) {
      const held = state.assignments[assetKey(a.adamId, a.pricingParam)];
      this.add(a, seq, held);
    }
  }

  /** An asset the location now owns, with its holders (assigned at `seq`). */
  add(a: SimState['assets'][number], seq: number, held?: { users?: string[]; devices?: string[] }): void {
    const record: AssetRecord = {
      adamId: a.adamId,
      pricingParam: a.pricingParam,
      productType: a.productType,
      totalCount: a.totalCount,
      retiredCount: a.retiredCount ?? 0,
      deviceAssignable: a.deviceAssignable,
      revocable: a.revocable,
      supportedPlatforms: a.supportedPlatforms ?? ['iOS'],
      ...(a.name !== undefined && { name: a.name }),
      ...(a.artistName !== undefined && { artistName: a.artistName }),
      users: new Map(),
      devices: new Map(),
      listed: {},
    };
    for (const id of held?.users ?? []) record.users.set(id, seq);
    for (const id of held?.devices ?? []) record.devices.set(id, seq);
    this.assets.set(assetKey(a.adamId, a.pricingParam), record);
  }

  find(adamId: string, pricingParam: PricingParam): AssetRecord | undefined {
    return this.assets.get(assetKey(adamId, pricingParam));
  }

  /** The assignments matching `filter`, in a stable order, for the data set at `version`. */
  view(filter: AssignmentFilter, version: number): AssignmentView {
    return this.views.get(JSON.stringify(filter), version, () => {
      const segments: Segment[] = [];
      for (const asset of this.assets.values()) {
        if (filter.adamId !== undefined && asset.adamId !== filter.adamId) continue;
        if (filter.pricingParam !== undefined && asset.pricingParam !== filter.pricingParam) continue;
        if (filter.serialNumber === undefined) segments.push({ asset, device: false, holders: matching(asset, 'users', filter.clientUserId, filter.sinceSeq) });
        if (filter.clientUserId === undefined) segments.push({ asset, device: true, holders: matching(asset, 'devices', filter.serialNumber, filter.sinceSeq) });
      }
      return new AssignmentView(segments);
    });
  }

  hold(asset: AssetRecord, kind: HolderKind, id: string, seq: number): void {
    asset[kind].set(id, seq);
    delete asset.listed[kind];
  }

  drop(asset: AssetRecord, kind: HolderKind, id: string): boolean {
    if (!asset[kind].delete(id)) return false;
    delete asset.listed[kind];
    return true;
  }

  /** Takes `id` off every (revocable, when asked) asset it holds; returns the assets touched. */
  release(kind: HolderKind, id: string, revocableOnly: boolean): AssetRecord[] {
    const touched: AssetRecord[] = [];
    for (const asset of this.assets.values()) {
      if (revocableOnly && !asset.revocable) continue;
      if (this.drop(asset, kind, id)) touched.push(asset);
    }
    return touched;
  }
}

function matching(asset: AssetRecord, kind: HolderKind, only: string | undefined, sinceSeq: number | undefined): readonly string[] {
  const holders = asset[kind];
  if (only !== undefined) {
    const seq = holders.get(only);
    return seq !== undefined && (sinceSeq === undefined || seq > sinceSeq) ? [only] : [];
  }
  if (sinceSeq !== undefined) return [...holders].filter(([, seq]) => seq > sinceSeq).map(([id]) => id);
  return (asset.listed[kind] ??= [...holders.keys()]);
}
