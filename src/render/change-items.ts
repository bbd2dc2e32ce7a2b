import type { MdmInfo } from '../api/types.js';
import type { AssetChange, AssetKind, LocationPlan } from '../plan/types.js';
import { plural } from '../shared/plural.js';
import { visibleText } from '../shared/visible-text.js';

export type Sign = '+' | '-' | '~';

export interface CountPart {
  sign: Sign;
  text: string;
}

/**
 * One reviewable change of a location, in the words both the terminal and the pull-request
 * renderings use. Member lists are sorted, users before devices, so two plans of the same change
 * read the same.
 */
export interface ChangeItem {
  kind: 'users' | 'revoke' | 'asset' | 'subscription';
  symbol: Sign;
  title: string;
  /** adamId and pricing, for assets. */
  id?: string;
  /** App or book, for assets whose kind is known. */
  assetKind?: AssetKind;
  counts: CountPart[];
  note?: string;
  removed: string[];
  changed: string[];
  added: string[];
}

interface Members {
  users: string[];
  devices: string[];
}

function sorted(ids: readonly string[]): string[] {
  return ids.slice().sort();
}

function roster(m: Members): string[] {
  return sorted(m.users).concat(sorted(m.devices));
}

function memberCounts(sign: Sign, m: Members): CountPart[] {
  const parts: CountPart[] = [];
  if (m.users.length > 0) parts.push({ sign, text: `${sign}${plural(m.users.length, 'user')}` });
  if (m.devices.length > 0) parts.push({ sign, text: `${sign}${plural(m.devices.length, 'device')}` });
  return parts;
}

function symbolOf(removed: number, changed: number, added: number): Sign {
  if (removed === 0 && changed === 0) return '+';
  if (added === 0 && changed === 0) return '-';
  return '~';
}

function item(fields: Omit<ChangeItem, 'symbol'>): ChangeItem {
  return { ...fields, symbol: symbolOf(fields.removed.length, fields.changed.length, fields.added.length) };
}

/** Changes in the order apply makes them: users exist before they are assigned, removals first. */
export function changeItems(loc: LocationPlan): ChangeItem[] {
  const { users, revoke, assets, subscriptions } = loc.changes;
  const items: ChangeItem[] = [];
  if (users.create.length + users.update.length + users.retire.length > 0) {
    const counts: CountPart[] = [];
    if (users.create.length > 0) counts.push({ sign: '+', text: `+${users.create.length} to create` });
    if (users.update.length > 0) counts.push({ sign: '~', text: `~${users.update.length} to update` });
    if (users.retire.length > 0) counts.push({ sign: '-', text: `-${users.retire.length} to retire` });
    items.push(item({
      kind: 'users', title: 'users', counts,
      removed: sorted(users.retire), changed: sorted(users.update), added: sorted(users.create),
    }));
  }
  if (revoke.users.length + revoke.devices.length > 0) {
    items.push(item({
      kind: 'revoke', title: 'revoke', counts: memberCounts('-', revoke), note: 'every revocable asset',
      removed: roster(revoke), changed: [], added: [],
    }));
  }
  for (const a of assets) {
    if (a.add.users.length + a.add.devices.length + a.remove.users.length + a.remove.devices.length === 0) continue;
    items.push(item({
      kind: 'asset',
      ...assetTitle(a),
      counts: [...memberCounts('+', a.add), ...memberCounts('-', a.remove)],
      note: `assigned ${a.liveCount} -> ${a.desiredCount}`,
      removed: roster(a.remove), changed: [], added: roster(a.add),
    }));
  }
  for (const s of subscriptions) {
    if (s.add.length + s.remove.length === 0) continue;
    const counts = [...memberCounts('+', { users: s.add, devices: [] }), ...memberCounts('-', { users: s.remove, devices: [] })];
    items.push(item({
      kind: 'subscription', title: `subscription ${s.adamId}`, counts,
      removed: sorted(s.remove), changed: [], added: sorted(s.add),
    }));
  }
  return items;
}

/** Who waits for a license on one short asset or subscription (whenShort: prioritize). */
export interface WaitingItem {
  title: string;
  id?: string;
  assetKind?: AssetKind;
  /** Users, then devices, each in the order they will be served. */
  members: string[];
}

export function waitingItems(loc: LocationPlan): WaitingItem[] {
  const items: WaitingItem[] = [];
  for (const a of loc.changes.assets) {
    if (a.waiting === undefined) continue;
    items.push({
      ...assetTitle(a),
      members: a.waiting.users.concat(a.waiting.devices),
    });
  }
  for (const s of loc.changes.subscriptions) {
    if (s.waiting !== undefined) items.push({ title: `subscription ${s.adamId}`, members: s.waiting });
  }
  return items;
}

/**
 * An asset's name (the file's, else the store's), id and kind. Store names are untrusted: made
 * visible again here, so a plan file edited by hand cannot put a line break in a rendering either.
 */
function assetTitle(a: AssetChange): Pick<ChangeItem, 'title' | 'id' | 'assetKind'> {
  return { title: a.name === undefined ? '(unnamed)' : visibleText(a.name), id: `${a.adamId} ${a.pricingParam}`, ...(a.kind !== undefined && { assetKind: a.kind }) };
}

function mdm(info: MdmInfo): string {
  return `${info.name} (${info.id})`;
}

/** What the plan does to the location's mdmInfo, if anything. */
export function claimText(loc: LocationPlan): string | undefined {
  const claim = loc.changes.claim;
  if (!claim) return undefined;
  return claim.from
    ? `take the location over from ${mdm(claim.from)} for ${mdm(claim.to)}`
    : `claim the location for ${mdm(claim.to)}`;
}
