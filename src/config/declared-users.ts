/**
 * The users a file declares (to be registered at the location): an inline list, or a roster file
 * with optional email and Managed Apple Account columns. The same clientUserId twice is an error.
 */
import { capped } from './capped.js';
import { duplicate } from './duplicate.js';
import { rosterKey } from './members.js';
import type { Roster } from './roster-files.js';
import { isSorted, isStrictlyIncreasing } from '../shared/sorted-ids.js';
import type { DesiredUser, Diagnostic, SourceRef } from './types.js';
import { entry, list } from './loose-data.js';
import { show } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

/** A roster exported twice over should not print 100,000 lines. */
const SHOWN_DUPLICATE_USERS = 10;

export function readDeclaredUsers(
  value: unknown,
  locator: YamlLocator,
  rosters: ReadonlyMap<string, Roster>,
): { users: DesiredUser[]; diagnostics: Diagnostic[] } {
  const { found, at } = declarations(value, locator, rosters);
  // Exports are usually sorted without repeats: then there is nothing to hash, report or sort.
  if (isStrictlyIncreasing(found.map((u) => u.clientUserId))) return { users: found, diagnostics: [] };
  const firstIndex = new Map<string, number>();
  const unique: DesiredUser[] = [];
  const twice: [number, number][] = [];
  found.forEach((user, i) => {
    const first = firstIndex.get(user.clientUserId);
    if (first !== undefined) {
      twice.push([i, first]);
      return;
    }
    firstIndex.set(user.clientUserId, i);
    unique.push(user);
  });
  const describe = ([i, first]: [number, number]) => duplicate(at(i), `user ${show(found[i].clientUserId)} is declared twice`, at(first));
  const diagnostics = capped(twice, SHOWN_DUPLICATE_USERS, describe, 'users are declared twice');
  // Sorted but for the repeats: checking is cheaper than sorting 100,000 users again.
  if (isSorted(unique.map((u) => u.clientUserId))) return { users: unique, diagnostics };
  const users = [...firstIndex.keys()].sort().map((id) => found[firstIndex.get(id)!]);
  return { users, diagnostics };
}

function declarations(value: unknown, locator: YamlLocator, rosters: ReadonlyMap<string, Roster>): { found: DesiredUser[]; at: (i: number) => SourceRef } {
  const roster = rosters.get(rosterKey(['users']));
  if (roster) {
    const columns = entry(value) ?? {};
    const emails = typeof columns.emailColumn === 'string' ? roster.extra.get(columns.emailColumn) : undefined;
    const appleIds = typeof columns.managedAppleIdColumn === 'string' ? roster.extra.get(columns.managedAppleIdColumn) : undefined;
    const found = roster.ids.map((clientUserId, i) => {
      const user: DesiredUser = { clientUserId };
      if (appleIds?.[i]) user.managedAppleId = appleIds[i];
      if (emails?.[i]) user.email = emails[i];
      return user;
    });
    return { found, at: (i) => ({ file: roster.display, ...roster.at(i) }) };
  }
  const found: DesiredUser[] = [];
  const indexes: number[] = [];
  list(value).forEach((item, i) => {
    const e = entry(item);
    if (typeof e?.clientUserId !== 'string') return;
    const user: DesiredUser = { clientUserId: e.clientUserId };
    if (typeof e.managedAppleId === 'string') user.managedAppleId = e.managedAppleId;
    if (typeof e.email === 'string') user.email = e.email;
    found.push(user);
    indexes.push(i);
  });
  return { found, at: (i) => locator.at(['users', indexes[i], 'clientUserId']) };
}
