/**
 * The location's users: at most one active (Registered or Associated) entry per clientUserId,
 * plus any number of Retired ones, which stay listed so incremental reads can see removals.
 */
import type { ResponseUser, UserStatus } from '../api/types.js';
import type { SimState } from './state.js';
import { isActiveStatus } from './state.js';
import { ViewCache } from './view-cache.js';

export interface UserRecord {
  clientUserId: string;
  email?: string;
  managedAppleId?: string;
  status: UserStatus;
  idHash?: string;
  inviteCode?: string;
  /** Sequence number of the last write that changed this record. */
  seq: number;
}

export interface UserFilter {
  clientUserId?: string;
  activeOnly?: boolean;
  retiredOnly?: boolean;
  sinceSeq?: number;
}

/** Apple's ResponseUser has no managedAppleId: the simulator keeps it but does not show it. */
export function toResponseUser(u: UserRecord): ResponseUser {
  return {
    clientUserId: u.clientUserId,
    ...(u.email !== undefined && { email: u.email }),
    ...(u.idHash !== undefined && { idHash: u.idHash }),
    ...(u.inviteCode !== undefined && { inviteCode: u.inviteCode }),
    status: u.status,
  };
}

export class UserDirectory {
  readonly all: UserRecord[] = [];
  private readonly activeById = new Map<string, UserRecord>();
  private readonly views = new ViewCache<UserRecord[]>();

  constructor(state: SimState, seq: number) {
    for (const u of state.users) this.add({ ...u, seq });
  }

  add(user: UserRecord): void {
    this.all.push(user);
    if (isActiveStatus(user.status)) this.activeById.set(user.clientUserId, user);
  }

  active(clientUserId: string): UserRecord | undefined {
    return this.activeById.get(clientUserId);
  }

  retire(user: UserRecord, seq: number): void {
    user.status = 'Retired';
    user.seq = seq;
    this.activeById.delete(user.clientUserId);
  }

  rows(filter: UserFilter, version: number): UserRecord[] {
    return this.views.get(JSON.stringify(filter), version, () =>
      this.all.filter(
        (u) =>
          (filter.clientUserId === undefined || u.clientUserId === filter.clientUserId) &&
          (!filter.activeOnly || isActiveStatus(u.status)) &&
          (!filter.retiredOnly || !isActiveStatus(u.status)) &&
          (filter.sinceSeq === undefined || u.seq > filter.sinceSeq),
      ),
    );
  }
}
