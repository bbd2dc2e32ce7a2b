import type { ResponseUser, UserStatus } from '../api/types.js';
import type { LiveUser } from './types.js';
import type { Interner } from './holders-fold.js';
import { sortedByClientUserId } from '../shared/sorted-ids.js';

/** Retired and Deleted entries are history Apple keeps; they hold nothing and count for nobody. */
export function isActive(status: UserStatus | undefined): boolean {
  return status !== 'Retired' && status !== 'Deleted';
}

/**
 * Folds user pages into one entry per clientUserId. Apple keeps any number of Retired entries
 * for a clientUserId beside at most one active entry, so an active entry always wins and a
 * clientUserId seen only in Retired/Deleted entries maps to null ("not registered"). Null
 * entries matter for incremental reads, where they remove a user that was retired since.
 */
export class UsersFold {
  private readonly byId = new Map<string, LiveUser | null>();

  constructor(private readonly ids: Interner) {}

  /** A paged read that restarted (the data changed mid-read) hands over page 0 again. */
  restart(): void {
    this.byId.clear();
  }

  add(users: readonly ResponseUser[]): void {
    for (const u of users) {
      if (!isActive(u.status)) {
        if (!this.byId.get(u.clientUserId)) this.byId.set(u.clientUserId, null);
        continue;
      }
      const user: LiveUser = { clientUserId: this.ids.intern(u.clientUserId), status: u.status };
      if (u.email !== undefined) user.email = u.email;
      if (u.managedAppleId !== undefined) user.managedAppleId = u.managedAppleId;
      this.byId.set(user.clientUserId, user);
    }
  }

  /** Registered users after applying what was folded on top of `base` (an earlier full read), by clientUserId. */
  mergeOnto(base: readonly LiveUser[]): LiveUser[] {
    let users: LiveUser[] = [];
    if (base.length === 0) {
      for (const u of this.byId.values()) if (u !== null) users.push(u);
    } else {
      const merged = new Map<string, LiveUser>();
      for (const u of base) merged.set(u.clientUserId, u);
      for (const [id, u] of this.byId) {
        if (u === null) merged.delete(id);
        else merged.set(id, u);
      }
      users = [...merged.values()];
    }
    return sortedByClientUserId(users);
  }
}
