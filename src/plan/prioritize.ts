/**
 * policy.whenShort: prioritize. When an asset's new holders outnumber the licenses the plan can
 * hand out (those available plus those its own removals and revokes free), they are served in the
 * file's order (config's ServingOrder): the members of the `priority` groups in the order listed,
 * then everyone else, each in the order the file lists them. The first get a license; the rest
 * wait, which the plan reports as a warning. Subscriptions do the same with seats of the kind the
 * file assigns.
 *
 * Only new holders are served: current holders the file still wants are not in `add`, so nobody
 * loses a license to make room, and no associate asks for more than there is, so no event fails
 * for want of a license. The order depends on the file alone: a later plan, after licenses are
 * bought or freed, serves the waiting in the same order.
 */
import type { DesiredState, ListedMembers, ServingOrder } from '../config/types.js';
import type { Holders } from '../live/types.js';
import { plural } from '../shared/plural.js';
import { messageAbout } from './checks.js';
import { assetLabel, licensesFor, pairCount, type AssetDiff } from './diff-assets.js';
import { seatKind, seatsFor, type SubscriptionDiff } from './diff-subscriptions.js';
import type { PlanMessage } from './types.js';

type Kind = keyof Holders;
type Groups = DesiredState['listedGroups'];

/** The diffs with the additions of short assets cut to the licenses there are; the rest wait. */
export function prioritizeAssets(desired: DesiredState, diffs: AssetDiff[]): AssetDiff[] {
  if (desired.policy.whenShort !== 'prioritize') return diffs;
  return diffs.map((d) => {
    const licenses = licensesFor(d);
    // An asset the location does not own is an error of its own, not a shortage.
    if (d.declared === undefined || d.owned === undefined || pairCount(d.add) <= licenses) return d;
    const { served, waiting } = serve(d.add, licenses, d.declared.servingOrder, desired.listedGroups);
    return { ...d, add: served, waiting };
  });
}

/** As prioritizeAssets, for subscription seats. */
export function prioritizeSubscriptions(desired: DesiredState, diffs: SubscriptionDiff[]): SubscriptionDiff[] {
  if (desired.policy.whenShort !== 'prioritize') return diffs;
  return diffs.map((d) => {
    const seats = seatsFor(d);
    if (!d.owned || d.add.length <= seats) return d;
    const { served, waiting } = serve({ users: d.add, devices: [] }, seats, d.declared.servingOrder, desired.listedGroups);
    return { ...d, add: served.users, waiting: waiting.users };
  });
}

/**
 * The first `licenses` of `add` in serving order, and the rest in that order. Anyone the file's
 * order does not reach (none, for a state the loader made) comes last, users before devices.
 */
function serve(add: Holders, licenses: number, order: ServingOrder | undefined, groups: Groups): { served: Holders; waiting: Holders } {
  const pending = { users: new Set(add.users), devices: new Set(add.devices) };
  const chosen = { users: new Set<string>(), devices: new Set<string>() };
  const waiting: Holders = { users: [], devices: [] };
  let given = 0;
  const take = (kind: Kind, id: string): void => {
    if (!pending[kind].delete(id)) return;
    if (given < licenses) {
      chosen[kind].add(id);
      given++;
    } else {
      waiting[kind].push(id);
    }
  };
  if (order !== undefined) inServingOrder(order, groups, take);
  for (const id of add.users) take('users', id);
  for (const id of add.devices) take('devices', id);
  // `add` lists stay sorted, as the batching and the plan's changes expect.
  return { served: { users: add.users.filter((u) => chosen.users.has(u)), devices: add.devices.filter((s) => chosen.devices.has(s)) }, waiting };
}

/**
 * Calls `visit` for every member in serving order, repeats included: the `priority` groups, then
 * the owner's users, devices and groups; a group's members are its users, devices, then its own
 * groups', and a group already walked is not walked again.
 */
function inServingOrder(order: ServingOrder, groups: Groups, visit: (kind: Kind, id: string) => void): void {
  const walked = new Set<string>();
  const walk = (lists: ListedMembers): void => {
    for (const id of lists.users) visit('users', id);
    for (const id of lists.devices) visit('devices', id);
    for (const name of lists.groups) {
      const group = groups?.get(name);
      if (group === undefined || walked.has(name)) continue;
      walked.add(name);
      walk(group);
    }
  };
  walk({ users: [], devices: [], groups: order.priority });
  walk(order.listed);
}

/** The pairs that wait, over every asset and subscription. */
export function waitingCount(assets: readonly AssetDiff[], subscriptions: readonly SubscriptionDiff[]): number {
  let n = 0;
  for (const d of assets) n += d.waiting === undefined ? 0 : pairCount(d.waiting);
  for (const d of subscriptions) n += d.waiting?.length ?? 0;
  return n;
}

/** One warning per short asset or subscription: how many wait, and how many licenses are missing. */
export function waitingWarnings(assets: readonly AssetDiff[], subscriptions: readonly SubscriptionDiff[]): PlanMessage[] {
  const out: PlanMessage[] = [];
  for (const d of assets) {
    if (d.waiting === undefined) continue;
    const missing = pairCount(d.waiting);
    const who = [plural(d.waiting.users.length, 'user'), plural(d.waiting.devices.length, 'device')].filter((t) => !t.startsWith('0 '));
    out.push({
      code: 'waiting-for-licenses',
      message:
        `${assetLabel(d)}: ${plural(missing, 'license')} short: ${d.owned?.availableCount ?? 0} available + ${pairCount(d.remove)} freed by this plan ` +
        `for ${missing + pairCount(d.add)} new holders, so ${who.join(' and ')} ${wait(missing)}. ${nextStep(missing)}`,
      ...messageAbout(d),
    });
  }
  for (const d of subscriptions) {
    if (d.waiting === undefined) continue;
    const missing = d.waiting.length;
    out.push({
      code: 'waiting-for-seats',
      message:
        `subscription ${d.adamId}: ${plural(missing, `${seatKind(d)} seat`)} short: ${d.available ?? 0} available + ${d.freed} freed by this plan ` +
        `for ${missing + d.add.length} new holders, so ${plural(missing, 'user')} ${wait(missing)}. ${nextStep(missing)}`,
      at: d.declared.at,
    });
  }
  return out;
}

const wait = (n: number): string => (n === 1 ? 'waits' : 'wait');
const nextStep = (missing: number): string => `Buy ${missing} more, or free some, and the next plan serves the waiting in priority order.`;
