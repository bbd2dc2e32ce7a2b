/**
 * What each asynchronous write does when its event settles, one task at a time. Task order is
 * the cross product as Apple counts it: for each asset, every clientUserId, then every
 * serialNumber. Each task either completes (possibly as a no-op) or fails with an error number
 * naming what it was for; a failed task changes nothing.
 */
import type { RequestAsset } from '../api/types.js';
import type { TaskTally, TaskTarget } from './events.js';
import type { AssetRecord, HolderKind, Inventory } from './inventory.js';
import { availableCount } from './inventory.js';
import type { Random } from './prng.js';
import { randomBytes } from './prng.js';
import type { SubscriptionStore } from './subscriptions.js';
import { freeSeats } from './subscriptions.js';
import type { UserDirectory, UserRecord } from './users.js';
import type { ManageAssetsInput, ManageSubscriptionsInput, ManageUsersInput } from './validation.js';
import type { DataSet } from './versions.js';

/** The stores a settling write works on, stamped with that write's sequence number. */
export interface WriteContext {
  inventory: Inventory;
  users: UserDirectory;
  subscriptions: SubscriptionStore;
  seq: number;
  random: Random;
  /** Draws whether this task fails transiently (9603). */
  transient(): boolean;
  /** Marks a data set changed by this write (its versionId moves on). */
  touch(...sets: DataSet[]): void;
}

function target(asset: RequestAsset, kind: HolderKind, id: string): TaskTarget {
  return kind === 'users' ? { asset, clientUserId: id } : { asset, serialNumber: id };
}

function associateOne(ctx: WriteContext, tally: TaskTally, requested: RequestAsset, asset: AssetRecord | undefined, kind: HolderKind, id: string): void {
  if (kind === 'users' && !ctx.users.active(id)) return tally.fail(9609, { clientUserId: id });
  if (ctx.transient()) return tally.fail(9603, target(requested, kind, id));
  if (asset?.[kind].has(id)) return tally.ok();
  if (!asset || availableCount(asset) === 0) return tally.fail(9709, target(requested, kind, id));
  ctx.inventory.hold(asset, kind, id, ctx.seq);
  ctx.touch('assets', 'assignments');
  tally.ok();
}

function disassociateOne(ctx: WriteContext, tally: TaskTally, requested: RequestAsset, asset: AssetRecord | undefined, kind: HolderKind, id: string): void {
  if (ctx.transient()) return tally.fail(9603, target(requested, kind, id));
  if (asset && ctx.inventory.drop(asset, kind, id)) ctx.touch('assets', 'assignments');
  tally.ok();
}

export function manageAssets(ctx: WriteContext, tally: TaskTally, input: ManageAssetsInput, kind: 'associate' | 'disassociate'): void {
  const one = kind === 'associate' ? associateOne : disassociateOne;
  for (const requested of input.assets) {
    const asset = ctx.inventory.find(requested.adamId, requested.pricingParam);
    for (const id of input.clientUserIds) one(ctx, tally, requested, asset, 'users', id);
    for (const id of input.serialNumbers) one(ctx, tally, requested, asset, 'devices', id);
  }
}

/** One task per user or device: every revocable asset it holds is taken back. */
export function revokeAssets(ctx: WriteContext, tally: TaskTally, input: Omit<ManageAssetsInput, 'assets'>): void {
  const revokeOne = (kind: HolderKind, id: string, who: TaskTarget): void => {
    if (kind === 'users' && !ctx.users.active(id)) return tally.fail(9609, who);
    if (ctx.transient()) return tally.fail(9603, who);
    if (ctx.inventory.release(kind, id, true).length > 0) ctx.touch('assets', 'assignments');
    tally.ok();
  };
  for (const id of input.clientUserIds) revokeOne('users', id, { clientUserId: id });
  for (const id of input.serialNumbers) revokeOne('devices', id, { serialNumber: id });
}

/** Associated (with an idHash) when a managedAppleId is known, else Registered with an inviteCode. */
function associateAccount(ctx: WriteContext, user: UserRecord, managedAppleId: string | undefined): void {
  if (managedAppleId !== undefined) {
    user.status = 'Associated';
    user.idHash = randomBytes(ctx.random, 20).toString('base64');
    delete user.inviteCode;
  } else {
    user.status = 'Registered';
    user.inviteCode = randomBytes(ctx.random, 16).toString('hex');
  }
}

export function manageUsers(ctx: WriteContext, tally: TaskTally, input: ManageUsersInput, kind: 'create' | 'update' | 'retire'): void {
  for (const u of input.users) {
    const who = { clientUserId: u.clientUserId };
    const existing = ctx.users.active(u.clientUserId);
    if (kind === 'create' && existing) {
      tally.fail(9716, who);
      continue;
    }
    if (kind !== 'create' && !existing) {
      tally.fail(9609, who);
      continue;
    }
    if (ctx.transient()) {
      tally.fail(9603, who);
      continue;
    }
    if (kind === 'create') {
      const user: UserRecord = { clientUserId: u.clientUserId, status: 'Registered', seq: ctx.seq };
      if (u.email !== undefined) user.email = u.email;
      if (u.managedAppleId !== undefined) user.managedAppleId = u.managedAppleId;
      associateAccount(ctx, user, u.managedAppleId);
      ctx.users.add(user);
    } else if (kind === 'update') {
      if (u.email !== undefined) existing!.email = u.email;
      if (u.managedAppleId !== undefined && (u.managedAppleId !== existing!.managedAppleId || existing!.status !== 'Associated')) {
        existing!.managedAppleId = u.managedAppleId;
        associateAccount(ctx, existing!, u.managedAppleId);
      }
      existing!.seq = ctx.seq;
    } else {
      ctx.users.retire(existing!, ctx.seq);
      if (ctx.inventory.release('users', u.clientUserId, false).length > 0) ctx.touch('assets', 'assignments');
      if (ctx.subscriptions.release(u.clientUserId)) ctx.touch('subscriptions', 'subscriptionAssignments');
    }
    ctx.touch('users');
    tally.ok();
  }
}

/** `deferred` disassociations take effect when the event settles: the sim has no billing periods. */
export function manageSubscriptions(ctx: WriteContext, tally: TaskTally, input: ManageSubscriptionsInput, kind: 'associate' | 'disassociate'): void {
  for (const adamId of input.adamIds) {
    const sub = ctx.subscriptions.byAdamId.get(adamId);
    for (const clientUserId of input.clientUserIds) {
      const who = { asset: { adamId: String(adamId) }, clientUserId };
      if (!sub) tally.fail(9813, who);
      else if (kind === 'associate' && !ctx.users.active(clientUserId)) tally.fail(9814, who);
      else if (ctx.transient()) tally.fail(9603, who);
      else if (kind === 'disassociate' || sub.holders.get(clientUserId) === input.renewing) {
        if (kind === 'disassociate' && sub.holders.delete(clientUserId)) ctx.touch('subscriptions', 'subscriptionAssignments');
        tally.ok();
      } else if (freeSeats(sub, input.renewing) <= 0) tally.fail(9709, who);
      else {
        sub.holders.set(clientUserId, input.renewing);
        ctx.touch('subscriptions', 'subscriptionAssignments');
        tally.ok();
      }
    }
  }
}
