/**
 * The checks made before anything is sent. Each finding is a PlanMessage with a stable `code`;
 * errors make apply refuse the plan, but the plan still lists its requests for review.
 */
import type { DesiredState } from '../config/types.js';
import { plural } from '../shared/plural.js';
import type { LiveState } from '../live/types.js';
import type { PlanMessage, PlanOptions } from './types.js';
import { assetLabel, licensesFor, pairCount, type AssetDiff } from './diff-assets.js';
import { seatKind, seatsFor, type SubscriptionDiff } from './diff-subscriptions.js';

export function checkAssets(diffs: readonly AssetDiff[], live: LiveState): PlanMessage[] {
  const out: PlanMessage[] = [];
  const ownedIds = new Map<string, string[]>();
  for (const a of live.assets) ownedIds.set(a.adamId, [...(ownedIds.get(a.adamId) ?? []), a.pricingParam]);
  for (const d of diffs) {
    const label = assetLabel(d);
    const about = messageAbout(d);
    if (d.owned === undefined) {
      if (d.declared === undefined) continue;
      const others = ownedIds.get(d.adamId);
      const hint = others === undefined ? '' : ` It owns it as ${others.join(' and ')}: check pricingParam.`;
      out.push({ code: 'asset-not-owned', message: `${label}: the location does not own this asset.${hint}`, ...about });
      continue;
    }
    const freed = pairCount(d.remove);
    const added = pairCount(d.add);
    const short = added - licensesFor(d);
    if (short > 0) {
      out.push({
        code: 'not-enough-licenses',
        message: `${label}: ${plural(short, 'license')} short: ${d.owned.availableCount} available + ${freed} freed by this plan < ${added} to assign.`,
        ...about,
      });
    }
    if (!d.owned.deviceAssignable && d.add.devices.length > 0) {
      out.push({
        code: 'not-device-assignable',
        message: `${label} cannot be assigned to devices, but the file gives it to ${plural(d.add.devices.length, 'device')}: ${sample(d.add.devices)}. Assign it to users instead.`,
        ...about,
      });
    }
    if (!d.owned.revocable && freed > 0) {
      const fix =
        d.declared === undefined
          ? 'Declare the asset with its current holders, or set policy.scope: declared.'
          : 'Set policy.prune: false, or keep these holders in the file.';
      out.push({
        code: 'not-revocable',
        message: `${label} is not revocable, but the plan would remove it from ${describe(d.remove.users, 'user')}${d.remove.devices.length > 0 ? ` and ${describe(d.remove.devices, 'device')}` : ''}. ${fix}`,
        ...about,
      });
    }
  }
  return out;
}

export function checkUsers(desired: DesiredState, live: LiveState): PlanMessage[] {
  if (desired.undeclaredUsers.length === 0) return [];
  const registered = new Set(live.users.map((u) => u.clientUserId));
  return desired.undeclaredUsers
    .filter((u) => !registered.has(u.clientUserId))
    .map((u) => ({
      code: 'unknown-user',
      message: `user ${u.clientUserId} (referenced at ${u.at.file}:${u.at.line}:${u.at.col}) is neither declared under users nor registered at the location. Declare it under users so the plan creates it.`,
      at: u.at,
    }));
}

export function checkSubscriptions(diffs: readonly SubscriptionDiff[]): PlanMessage[] {
  const out: PlanMessage[] = [];
  for (const d of diffs) {
    if (!d.owned) {
      out.push({ code: 'subscription-not-owned', message: `subscription ${d.adamId}: the location does not own this subscription.`, at: d.declared.at });
      continue;
    }
    const short = d.add.length - seatsFor(d);
    if (short > 0) {
      out.push({
        code: 'not-enough-seats',
        message: `subscription ${d.adamId}: ${plural(short, 'seat')} short: ${d.available ?? 0} ${seatKind(d)} available + ${d.freed} freed by this plan < ${d.add.length} to assign.`,
        at: d.declared.at,
      });
    }
  }
  return out;
}

/** Removals count pairs, whether disassociated or revoked. */
export function checkMassRemoval(removals: number, desired: DesiredState, options: PlanOptions): PlanMessage[] {
  const max = desired.policy.maxDisassociations;
  if (removals <= max || options.allowMassRemoval) return [];
  return [
    {
      code: 'too-many-removals',
      message: `the plan removes ${plural(removals, 'assignment')}, more than policy.maxDisassociations (${max}). Check the file, then raise the limit or pass --allow-mass-removal.`,
    },
  ];
}

/** The asset a message is about, and where the file declares it. */
export function messageAbout(d: AssetDiff): Pick<PlanMessage, 'asset' | 'at'> {
  const asset: NonNullable<PlanMessage['asset']> = { adamId: d.adamId, pricingParam: d.pricingParam };
  if (d.name !== undefined) asset.name = d.name;
  if (d.kind !== undefined) asset.kind = d.kind;
  return d.declared === undefined ? { asset } : { asset, at: d.declared.at };
}

const sample = (ids: readonly string[]): string => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`);
const describe = (ids: readonly string[], noun: string): string => `${plural(ids.length, noun)}${ids.length === 0 ? '' : ` (${sample(ids)})`}`;
