/**
 * Which users to create, update and retire. Updates compare only fields the live location reports
 * (Apple's user records may omit managedAppleId; a missing field is unknown, not different).
 * Retirement is off by default and never touches a user the file references anywhere.
 */
import type { RequestUser } from '../api/types.js';
import type { DesiredState, DesiredUser } from '../config/types.js';
import { sortedByClientUserId } from '../shared/sorted-ids.js';
import type { LiveState } from '../live/types.js';

export interface UserChanges {
  create: RequestUser[];
  update: RequestUser[];
  retire: RequestUser[];
}

export function diffUsers(desired: DesiredState, live: LiveState): UserChanges {
  const create: RequestUser[] = [];
  const update: RequestUser[] = [];
  // Both lists come sorted by clientUserId (config and snapshot sort them): one merge walk, no
  // map of 100,000 live users.
  const wanted = sortedByClientUserId(desired.users);
  const registered = sortedByClientUserId(live.users);
  let j = 0;
  for (const d of wanted) {
    while (j < registered.length && registered[j]!.clientUserId < d.clientUserId) j++;
    const l = registered[j];
    if (l === undefined || l.clientUserId !== d.clientUserId) create.push(requestUser(d));
    else if (differs(d.email, l.email) || differs(d.managedAppleId, l.managedAppleId)) update.push(requestUser(d));
  }
  const retire: RequestUser[] = [];
  if (desired.policy.retireUndeclaredUsers) {
    const kept = new Set(desired.users.map((u) => u.clientUserId));
    for (const u of desired.undeclaredUsers) kept.add(u.clientUserId);
    for (const a of desired.assets) for (const u of a.users) kept.add(u);
    for (const s of desired.subscriptions) for (const u of s.users) kept.add(u);
    for (const u of registered) if (!kept.has(u.clientUserId)) retire.push({ clientUserId: u.clientUserId });
  }
  return { create, update, retire };
}

function differs(want: string | undefined, have: string | undefined): boolean {
  return want !== undefined && have !== undefined && want !== have;
}

function requestUser(d: DesiredUser): RequestUser {
  const u: RequestUser = { clientUserId: d.clientUserId };
  if (d.email !== undefined) u.email = d.email;
  if (d.managedAppleId !== undefined) u.managedAppleId = d.managedAppleId;
  return u;
}
